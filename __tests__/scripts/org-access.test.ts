/**
 * The access-matrix view (scripts/org-access.ts) of the example org, evaluated with the IAM
 * simulator on the synthesized policies: members have every right on their projects, nobody else
 * has any, across teams too; the same relation the access-matrix test proves request by request.
 */
import { accessMatrix, toCsv, toHtml, toMarkdown, type AccessRow } from "../../scripts/org-access";
import { synthesizedJson } from "../../scripts/org-diff";
import { loadExampleOrg } from "../support/org";

describe("npm run org:access (person × project)", () => {
  const org = loadExampleOrg();
  let rows: AccessRow[];
  beforeAll(async () => {
    rows = await accessMatrix(org, synthesizedJson(org));
  }, 120_000);

  it("covers every person of every team against every active project", () => {
    const people = org.teams.reduce((n, t) => n + t.users.length, 0);
    const projects = org.teams.reduce((n, t) => n + t.projects.filter((p) => p.status === "active").length, 0);
    expect(rows).toHaveLength(people * projects);
  });

  it("members: yes everywhere, all four roles", () => {
    const members = rows.filter((r) => r.member);
    expect(members.length).toBe(org.teams.flatMap((t) => t.projects.flatMap((p) => p.memberships)).length);
    for (const r of members)
      expect(r).toEqual({
        ...r,
        bucketRead: true,
        bucketWrite: true,
        rolesPassable: 4,
        studio: true,
        modelGroup: true,
        repositories: true,
      });
  });

  it("non-members, in the same team and across teams: no everywhere", () => {
    const others = rows.filter((r) => !r.member);
    expect(others.some((r) => r.person.split("/")[0] === r.project.split("/")[0])).toBe(true);
    expect(others.some((r) => r.person.split("/")[0] !== r.project.split("/")[0])).toBe(true);
    for (const r of others)
      expect(r).toEqual({
        ...r,
        bucketRead: false,
        bucketWrite: false,
        rolesPassable: 0,
        studio: false,
        modelGroup: false,
        repositories: false,
      });
  });

  it("renders Markdown for PRs, CSV, and a self-contained HTML page", () => {
    const md = toMarkdown(rows).split("\n");
    expect(md[0]).toBe(
      "| person | project | member | bucket read | bucket write | roles passable | Studio | model group | repositories |",
    );
    expect(md).toContain("| rc/bob | rc/fraud-detection | yes | yes | yes | 4 | yes | yes | yes |");
    expect(md).toContain("| rc/bob | algo/user-intent | no | no | no | 0 | no | no | no |");
    const csv = toCsv(rows).split("\n");
    expect(csv[0]).toBe("person,project,member,bucketRead,bucketWrite,rolesPassable,studio,modelGroup,repositories");
    expect(csv).toHaveLength(rows.length + 1);
    const html = toHtml(rows, "Access matrix: acme");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|src=|href=/);
    expect(html.match(/<tr class="member">/g)).toHaveLength(rows.filter((r) => r.member).length);
  });
});
