/**
 * Issue 13: dependencies run one way. catalog/ (pure: names, limits, policies) imports nothing of
 * the repository and no framework; org/ (the model) and modules/ (the constructs) stand on it and
 * never import each other. The lint rules enforce it (eslint.config.js); this test proves each
 * rule fires on a probe file of its layer and stays quiet on an allowed import.
 */
import { ESLint } from "eslint";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, "eslint.config.js"));
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });

/** Rule ids (and messages) eslint reports for one import line in a probe file at `file`. */
async function lint(file: string, specifier: string): Promise<string[]> {
  const code = `import * as m from "${specifier}";\nexport const x = m;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const refused = expect.arrayContaining([expect.stringMatching(/^no-restricted-imports: /)]);

describe("import direction (eslint no-restricted-imports per layer)", () => {
  it.each([
    ["catalog/probe.ts", "../org/model"],
    ["catalog/policies/probe.ts", "../../modules/identity/managed-policy"],
    ["catalog/probe.ts", "../workspaces/app"],
    ["catalog/probe.ts", "cdktf"],
    ["catalog/probe.ts", "constructs"],
    ["catalog/probe.ts", "zod"],
    ["catalog/probe.ts", "@cdktf/provider-aws/lib/iam-role"],
    ["org/rules/probe.ts", "../../modules/identity/project-roles"],
    ["org/probe.ts", "../workspaces/team"],
    ["modules/identity/probe.ts", "../../org/model"],
    ["modules/storage/probe.ts", "../../workspaces/project-buckets"],
    ["modules/probe.ts", "../checks/guardrails"],
    ["checks/probe.ts", "../modules/storage/project-bucket"],
    ["checks/guardrails/rules/probe.ts", "../../../workspaces/app"],
  ])("%s may not import %s", async (file, specifier) => {
    expect(await lint(file, specifier)).toEqual(refused);
  });

  it.each([
    ["org/rules/probe.ts", "../../catalog/names"],
    ["modules/identity/probe.ts", "../../catalog/policies/policy-document"],
    ["modules/identity/probe.ts", "./managed-policy"],
    ["catalog/policies/probe.ts", "../names"],
    ["workspaces/probe.ts", "../org/model"],
    ["workspaces/probe.ts", "../modules/storage/project-bucket"],
    ["workspaces/probe.ts", "../checks/output-checks"],
    ["checks/probe.ts", "../org/problems"],
    ["checks/guardrails/rules/probe.ts", "../terraform-json"],
  ])("%s may import %s", async (file, specifier) => {
    expect(await lint(file, specifier)).toEqual([]);
  });

  it("the provider's package root stays banned in every layer", async () => {
    for (const file of ["catalog/probe.ts", "org/probe.ts", "modules/probe.ts", "workspaces/probe.ts"])
      expect(await lint(file, ["@cdktf", "provider-aws"].join("/"))).toEqual(refused);
  });
});
