// Removes the example org's shared synthesis (global-setup.js).
const fs = require("fs");

module.exports = () => {
  if (process.env.EXAMPLE_SYNTH_DIR) fs.rmSync(process.env.EXAMPLE_SYNTH_DIR, { recursive: true, force: true });
};
