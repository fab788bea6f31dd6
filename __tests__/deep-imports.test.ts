/**
 * The AWS provider's package root loads ~2,100 modules (+2 s, ~450 MB per process): only deep
 * imports are allowed. The lint rule enforces it; this test proves the rule fires and that no
 * source file slips past it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const PKG = ["@cdktf", "provider-aws"].join("/"); // spelled apart so this file is no offender

function lintRules(code: string): string[] {
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js"),
      "--stdin",
      "--stdin-filename",
      "modules/probe.ts",
      "--format",
      "json",
    ],
    { cwd: ROOT, input: code, encoding: "utf8" },
  );
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[];
  return result.messages.map((m) => m.ruleId);
}

describe(`deep imports of ${PKG}`, () => {
  it("the lint rule rejects the package root and lib/ index, and accepts a deep import", () => {
    expect(lintRules(`import { IamRole } from "${PKG}";\nexport const x = IamRole;\n`)).toContain(
      "no-restricted-imports",
    );
    expect(lintRules(`import * as aws from "${PKG}";\nexport const x = aws;\n`)).toContain("no-restricted-imports");
    expect(lintRules(`import { iamRole } from "${PKG}/lib";\nexport const x = iamRole;\n`)).toContain(
      "no-restricted-imports",
    );
    expect(lintRules(`import { IamRole } from "${PKG}/lib/iam-role";\nexport const x = IamRole;\n`)).toEqual([]);
  });

  it("no source file imports the package root", () => {
    const root = new RegExp(`(from\\s+|require\\()["']${PKG.replace("/", "\\/")}(\\/lib)?["']`);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (["node_modules", "dist", "cdktf.out", ".tmp", ".git"].includes(e.name)) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(".ts") && root.test(fs.readFileSync(p, "utf8"))) offenders.push(path.relative(ROOT, p));
      }
    };
    walk(ROOT);
    expect(offenders).toEqual([]);
  });
});
