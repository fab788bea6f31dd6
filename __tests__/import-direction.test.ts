/**
 * Issue 13: dependencies run one way. catalog/ (pure: names, limits, policies) imports nothing of
 * the repository and no framework; org/ (the model) and modules/ (the constructs) stand on it and
 * never import each other. The lint rules enforce it (eslint.config.js); this test proves each
 * rule fires on a probe file of its layer and stays quiet on an allowed import, and that no file
 * imports itself through others.
 */
import { ESLint } from "eslint";
import * as fs from "fs";
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
    ["workspaces/probe.ts", "../scripts/plan-guard"],
    ["workspaces/contracts/probe.ts", "../../bench/synth-bench"],
    ["scripts/probe.ts", "../bench/synth-bench"],
  ])("%s may not import %s", async (file, specifier) => {
    expect(await lint(file, specifier)).toEqual(refused);
  });

  it.each([
    ["org/rules/probe.ts", "../../catalog/names"],
    ["modules/identity/probe.ts", "../../catalog/policies/policy-document"],
    ["modules/identity/probe.ts", "./managed-policy"],
    ["catalog/policies/probe.ts", "../names"],
    ["workspaces/props.ts", "../org/model"],
    ["workspaces/probe.ts", "../org/problems"],
    ["workspaces/probe.ts", "../modules/storage/project-bucket"],
    ["workspaces/probe.ts", "../checks/output-checks"],
    ["checks/probe.ts", "../org/problems"],
    ["checks/guardrails/rules/probe.ts", "../terraform-json"],
    ["scripts/probe.ts", "../workspaces/app"],
    ["bench/probe.ts", "../workspaces/parallel-synth"],
  ])("%s may import %s", async (file, specifier) => {
    expect(await lint(file, specifier)).toEqual([]);
  });

  it("the provider's package root stays banned in every layer", async () => {
    for (const file of ["catalog/probe.ts", "org/probe.ts", "modules/probe.ts", "workspaces/probe.ts"])
      expect(await lint(file, ["@cdktf", "provider-aws"].join("/"))).toEqual(refused);
  });
});

describe("workspace stacks are built from props", () => {
  /** Rule ids for a probe file holding exactly `code`. */
  async function lintCode(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }
  const value = 'import { teamById } from "../org/model";\nexport const x = teamById;\n';

  it("a stack may not import a value of the org model", async () => {
    expect(await lintCode("workspaces/probe.ts", value)).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*workspaces\/props\.ts/),
    ]);
    expect(
      await lintCode(
        "workspaces/probe.ts",
        'import { idleBounds } from "../org/rules/studio";\nexport const x = idleBounds;\n',
      ),
    ).toHaveLength(1);
  });

  it("it may import the model's types and its refusal error; props.ts maps the model", async () => {
    expect(
      await lintCode(
        "workspaces/probe.ts",
        'import type { OrgModel } from "../org/model";\nexport type X = OrgModel;\n',
      ),
    ).toEqual([]);
    expect(
      await lintCode(
        "workspaces/probe.ts",
        'import { SynthesisRefused } from "../org/problems";\nexport const x = SynthesisRefused;\n',
      ),
    ).toEqual([]);
    expect(await lintCode("workspaces/props.ts", value)).toEqual([]);
  });
});

/** Relative imports of every source file (type-only ones included), as repository paths. */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (p: string) => {
    if (fs.statSync(p).isDirectory()) for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    else if (p.endsWith(".ts")) files.push(p);
  };
  for (const root of ["main.ts", "catalog", "checks", "modules", "org", "workspaces", "scripts", "bench"])
    walk(path.join(ROOT, root));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const deps: string[] = [];
    for (const m of fs.readFileSync(file, "utf8").matchAll(/^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)) {
      const target = path.join(path.dirname(file), m[1]);
      const found = [`${target}.ts`, path.join(target, "index.ts")].find((f) => fs.existsSync(f));
      if (found) deps.push(path.relative(ROOT, found));
    }
    graph.set(path.relative(ROOT, file), deps);
  }
  return graph;
}

/** Import cycles (each as the files on it), found by depth-first search. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === "open") found.push(stack.slice(stack.indexOf(dep)));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("import cycles", () => {
  it("the repository's sources import each other without a cycle (type-only imports included)", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("org/validate.ts")).toContain("org/rules/identity.ts");
    expect(cycles(graph)).toEqual([]);
  });

  it("the search finds a cycle when there is one", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(cycles(graph)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });
});
