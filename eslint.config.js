// Lint is part of `npm test`. The rules that matter most here: never import the AWS provider from
// its package root (it loads ~2,100 modules: +2 s and ~450 MB per process), and dependencies run
// one way (issue 13): catalog (pure) <- org and modules (never each other) <- workspaces.
const tseslint = require("typescript-eslint");

const PROVIDER_ROOT = [
  { name: "@cdktf/provider-aws", message: "Import the class by deep path: @cdktf/provider-aws/lib/<resource>." },
  { name: "@cdktf/provider-aws/lib", message: "Import the class by deep path: @cdktf/provider-aws/lib/<resource>." },
];
/** A folder of the repository, as a relative import reaches it from anywhere below the root. */
const folder = (name) => `^(\\.\\./)+${name}(/|$)`;
/** no-restricted-imports for files of one layer: the provider rule plus the layer's forbidden imports. */
const layer = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { paths: PROVIDER_ROOT, patterns }] },
});

module.exports = tseslint.config(
  { ignores: ["dist/**", "cdktf.out/**", "node_modules/**", "coverage/**", "**/*.js"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: PROVIDER_ROOT }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  // The catalogue is pure: names, limits, policies as data; nothing of the repo, no framework.
  layer(
    ["catalog/**/*.ts"],
    [
      {
        regex: folder("(org|modules|checks|workspaces|scripts|bench)"),
        message: "catalog/ is the pure bottom layer: it imports nothing of the repository but itself.",
      },
      {
        regex: "^(cdktf|constructs|yaml|zod)$|^@cdktf/",
        message: "catalog/ is pure data and functions: no cdktf, constructs, yaml or zod.",
      },
    ],
  ),
  layer(
    ["org/**/*.ts"],
    [
      {
        regex: folder("(modules|checks|workspaces|scripts)"),
        message: "org/ (the model) stands on catalog/ only: never on the constructs or the workspaces.",
      },
    ],
  ),
  layer(
    ["checks/**/*.ts"],
    [
      {
        regex: folder("(modules|workspaces|scripts)"),
        message:
          "checks/ read rendered Terraform JSON: they stand on catalog/ and org/, never on the constructs or the workspaces.",
      },
    ],
  ),
  layer(
    ["modules/**/*.ts"],
    [
      {
        regex: folder("(org|checks|workspaces|scripts)"),
        message: "modules/ (the constructs) stand on catalog/ only: never on the org model or the workspaces.",
      },
    ],
  ),
  layer(
    ["workspaces/**/*.ts"],
    [
      {
        regex: folder("(scripts|bench)"),
        message:
          "workspaces/ build the platform: operator tools (scripts/) and benchmarks stand on them, not the reverse.",
      },
    ],
  ),
  {
    // Stacks are built from props (workspaces/props.ts maps the model to them): of the model they
    // see only types, and the refusal error of org/problems.
    files: ["workspaces/**/*.ts"],
    ignores: ["workspaces/props.ts", "workspaces/synth-worker.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: `${folder("org")}(?!problems$)`,
              allowTypeImports: true,
              message:
                "workspace stacks take their props from workspaces/props.ts: import only types of the org model here.",
            },
          ],
        },
      ],
    },
  },
  layer(
    ["scripts/**/*.ts"],
    [
      {
        regex: folder("bench"),
        message: "scripts/ are operator tools: they never depend on the benchmarks.",
      },
    ],
  ),
  {
    // One way to fix a Terraform address: fixAddress checks the name and refuses a second claim.
    files: ["**/*.ts"],
    ignores: ["modules/address.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='overrideLogicalId']",
          message:
            "Fix a Terraform address with fixAddress (modules/address.ts): it checks the name and refuses a second claim.",
        },
      ],
    },
  },
  {
    // Tests walk synthesized Terraform JSON, which is untyped by nature.
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
