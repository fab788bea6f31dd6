/** Type-checking runs once (`tsc --noEmit` in `npm test`); ts-jest only transpiles. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFiles: ["<rootDir>/__tests__/support/setup.ts"],
  // dist/ up to date and the example org synthesized, once, before any worker starts.
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.js",
  testTimeout: 120000,
  maxWorkers: 2,
};
