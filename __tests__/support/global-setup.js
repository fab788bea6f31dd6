// Jest global setup: compile dist/ once when a source is newer than the last build (the same
// check `npm run synth` makes), so tests that run the compiled CLI never compile it themselves.
const { execFileSync } = require("child_process");
const path = require("path");

module.exports = () => {
  execFileSync(process.execPath, [path.join(__dirname, "..", "..", "scripts", "ensure-build.js")], {
    stdio: "inherit",
  });
};
