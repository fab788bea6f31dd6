// Lint is part of `npm test`. The one rule that matters most here: never import the AWS provider
// from its package root (it loads ~2,100 modules: +2 s and ~450 MB per process).
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  { ignores: ["dist/**", "cdktf.out/**", "node_modules/**", "coverage/**", "**/*.js"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message: "Import the class by deep path: @cdktf/provider-aws/lib/<resource>.",
            },
            {
              name: "@cdktf/provider-aws/lib",
              message: "Import the class by deep path: @cdktf/provider-aws/lib/<resource>.",
            },
          ],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests walk synthesized Terraform JSON, which is untyped by nature.
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
