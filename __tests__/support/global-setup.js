// Jest global setup: compile dist/ once when a source is newer than the last build (the same
// check `npm run synth` makes), so tests that run the compiled CLI never compile it themselves;
// then synthesize the example org once for the whole run (`synthExample` in ./synth.ts reads it).
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..", "..");

module.exports = () => {
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "ensure-build.js")], { stdio: "inherit" });
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "example-synth-"));
  try {
    // `npm run synth` itself, cache off: the bytes every workspace test reads.
    execFileSync(process.execPath, [path.join(ROOT, "dist", "main.js")], {
      stdio: "pipe",
      env: {
        ...process.env,
        ORG_FILE: path.join(ROOT, "org", "teams.yaml"),
        PLATFORM_FILE: path.join(ROOT, "org", "platform.yaml"),
        CDKTF_OUTDIR: outdir,
        SYNTH_CACHE: "0",
        SYNTH_WORKERS: "0",
        SYNTH_HCL_OUTPUT: "",
        QUIET: "1",
      },
    });
    process.env.EXAMPLE_SYNTH_DIR = outdir;
  } catch {
    // A broken synthesis is for the tests to report, each where it fails: they synthesize their own.
    fs.rmSync(outdir, { recursive: true, force: true });
    process.stderr.write("global setup: the example org does not synthesize; each test synthesizes its own\n");
  }
};
