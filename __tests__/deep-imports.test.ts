/**
 * The AWS provider's package root loads ~2,100 modules (+2 s, ~450 MB per process): only deep
 * imports are allowed. The lint rule enforces it; this test proves the rule fires and that no
 * source file slips past it.
 */
import * as fs from "fs";
import { ESLint } from "eslint";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const PKG = ["@cdktf", "provider-aws"].join("/"); // spelled apart so this file is no offender

// The repository's own eslint config, in this process (one load instead of a process per probe);
// handed over as an object because eslint's config-file loader needs a dynamic import jest lacks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, "eslint.config.js"));
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });
async function lintRules(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, "modules", "probe.ts") });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe(`deep imports of ${PKG}`, () => {
  it("the lint rule rejects the package root and lib/ index, and accepts a deep import", async () => {
    expect(await lintRules(`import { IamRole } from "${PKG}";\nexport const x = IamRole;\n`)).toContain(
      "no-restricted-imports",
    );
    expect(await lintRules(`import * as aws from "${PKG}";\nexport const x = aws;\n`)).toContain(
      "no-restricted-imports",
    );
    expect(await lintRules(`import { iamRole } from "${PKG}/lib";\nexport const x = iamRole;\n`)).toContain(
      "no-restricted-imports",
    );
    expect(await lintRules(`import { IamRole } from "${PKG}/lib/iam-role";\nexport const x = IamRole;\n`)).toEqual([]);
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
