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

type TokenMaps = { stringTokenMap: Map<unknown, unknown>; numberTokenMap: Map<unknown, unknown> };

/**
 * Runs `work` (building and synthesizing one workspace in an App of its own) and then drops the
 * tokens it registered from cdktf's process-wide token map. The map never forgets a token, and
 * each token holds its construct, so without this every synthesized workspace stays in memory
 * and the garbage collector walks all of them for each new one. A token of a dropped workspace
 * used later makes cdktf throw ("Unrecognized Token Key"): synthesis fails and writes nothing
 * (`__tests__/workspaces/parallel-synth.test.ts`).
 */
export function releasingTokens<T>(work: () => T): T {
  let maps: TokenMaps | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require("cdktf/lib/tokens/private/token-map") as { TokenMap: { instance(): TokenMaps } };
    maps = mod.TokenMap.instance();
  } catch {
    return work(); // private path gone: keep every token, as cdktf does
  }
  const before = [maps.stringTokenMap.size, maps.numberTokenMap.size];
  try {
    return work();
  } finally {
    [maps.stringTokenMap, maps.numberTokenMap].forEach((map, i) => {
      let n = 0;
      for (const key of map.keys()) if (n++ >= before[i]) map.delete(key);
    });
  }
}
