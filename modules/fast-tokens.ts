/**
 * cdktf captures a full stack trace for every token it creates, only to decorate error messages.
 * At 2,000 memberships that triples synth time and memory (ENGINEERING.md "Token stack traces");
 * `new App({ stackTraces: false })` does not turn it off. The function is a private export of a
 * final release (cdktf 0.21.0, archived), so the patch is isolated here and is a no-op if the
 * module moves. Output is byte-identical with and without it.
 */
export function disableTokenStackTraces(): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: unknown };
    mod.captureStackTrace = () => [];
  } catch {
    // Private path gone (different cdktf build): keep the slower default.
  }
}
