/**
 * Construct conventions (issue 13), checked on the source of every file under modules/: each
 * property of an exported `XxxProps` is documented and an optional one states its `@default`;
 * child construct ids are PascalCase (they end up in Terraform addresses, so they are chosen once);
 * a construct refuses with `ValidationError`, never a plain `Error`; props carry values, not the
 * catalogue's `Names` service (names are computed before, e.g. `projectIam`). Each rule is shown
 * to fire on a probe.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ROOT } from "../support/org";

/**
 * Ids fixed before the convention (renaming changes a Terraform address): the quota check's
 * provider alias and data source (modules/identity/role-policy-quota.ts).
 */
const FIXED_IDS = new Set([
  "modules/identity/role-policy-quota.ts provider",
  "modules/identity/role-policy-quota.ts quota",
]);

function conventionFindings(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isInterfaceDeclaration(node) &&
      node.name.text.endsWith("Props") &&
      node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    )
      for (const member of node.members) {
        if (!ts.isPropertySignature(member)) continue;
        const where = `${file} ${node.name.text}.${member.name.getText(sf)}`;
        if (member.type && /\bNames\b/.test(member.type.getText(sf))) out.push(`${where}: carries the Names service`);
        if (!ts.getJSDocCommentsAndTags(member).length) out.push(`${where}: undocumented prop`);
        else if (member.questionToken && !ts.getJSDocTags(member).some((t) => t.tagName.text === "default"))
          out.push(`${where}: optional prop without @default`);
      }
    if (ts.isNewExpression(node) && node.arguments?.[0]?.kind === ts.SyntaxKind.ThisKeyword) {
      const id = node.arguments[1];
      if (id && ts.isStringLiteral(id) && !/^[A-Z][A-Za-z0-9]*$/.test(id.text) && !FIXED_IDS.has(`${file} ${id.text}`))
        out.push(`${file} "${id.text}": child construct id is not PascalCase`);
    }
    if (ts.isThrowStatement(node) && node.expression && ts.isNewExpression(node.expression)) {
      const thrown = node.expression.expression.getText(sf);
      if (thrown !== "ValidationError") out.push(`${file}: throws ${thrown}, not ValidationError`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function moduleFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) files.push(path.relative(ROOT, p));
    }
  };
  walk(path.join(ROOT, "modules"));
  return files.sort();
}

describe("construct conventions in modules/", () => {
  it("hold in every file", () => {
    const files = moduleFiles();
    expect(files.length).toBeGreaterThan(25);
    expect(files.flatMap((f) => conventionFindings(f, fs.readFileSync(path.join(ROOT, f), "utf8")))).toEqual([]);
  });

  it("each rule fires on a probe", () => {
    const probe = `
      export interface ProbeProps {
        readonly undocumented: string;
        /** Documented, optional, no default. */
        readonly optional?: string;
        /**
         * Documented with its default.
         * @default none
         */
        readonly fine?: string;
        /** Documented, but a service. */
        readonly names: Names;
      }
      export class Probe extends Construct {
        constructor(scope: Construct, id: string) {
          super(scope, id);
          new Thing(this, "kebab-id", {});
          new Thing(this, "Fine", {});
          throw new Error("plain");
        }
      }`;
    expect(conventionFindings("modules/probe.ts", probe)).toEqual([
      "modules/probe.ts ProbeProps.undocumented: undocumented prop",
      "modules/probe.ts ProbeProps.optional: optional prop without @default",
      "modules/probe.ts ProbeProps.names: carries the Names service",
      'modules/probe.ts "kebab-id": child construct id is not PascalCase',
      "modules/probe.ts: throws Error, not ValidationError",
    ]);
  });
});
