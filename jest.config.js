/** Type-checking runs once (`tsc --noEmit` in `npm test`); ts-jest only transpiles. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFiles: ["<rootDir>/__tests__/support/setup.ts"],
  // dist/ up to date once, before any worker starts (tests that run the compiled CLI share it).
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  testTimeout: 120000,
  maxWorkers: 2,
};
