/** Type-checking runs once (`tsc --noEmit` in `npm test`); ts-jest only transpiles. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFiles: ["<rootDir>/__tests__/support/setup.ts"],
  testTimeout: 120000,
  maxWorkers: 2,
};
