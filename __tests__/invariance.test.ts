/**
 * Identity comes from names: construct IDs and Terraform addresses derive from YAML keys, so
 * reordering the org file changes nothing and adding a person adds only that person's resources.
 */
import { editExampleOrg } from "./support/org";
import { addresses, synthExample, synthOrg, type StackJson } from "./support/synth";

/** Deterministic permutation (seeded LCG) so a failure reproduces. */
function permute<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out.length > 1 && out.every((x, i) => x === xs[i]) ? [...xs].reverse() : out;
}

function permuteKeys(obj: Record<string, unknown>, seed: number): Record<string, unknown> {
  return Object.fromEntries(permute(Object.entries(obj), seed));
}

function shuffleOrg(doc: any, seed: number): void {
  doc.teams = permuteKeys(doc.teams, seed);
  for (const team of Object.values<any>(doc.teams)) {
    team.users = permuteKeys(team.users ?? {}, seed + 1);
    team.projects = permuteKeys(team.projects, seed + 2);
    for (const project of Object.values<any>(team.projects)) project.members = permute(project.members, seed + 3);
  }
  doc.admins = permute(doc.admins ?? [], seed + 4);
}

/** The stack without the given resource addresses (type.name). */
function without(stack: StackJson, drop: Set<string>): StackJson {
  const copy = JSON.parse(JSON.stringify(stack));
  for (const address of drop) {
    const [type, name] = address.split(".");
    delete copy.resource[type][name];
    if (Object.keys(copy.resource[type]).length === 0) delete copy.resource[type];
  }
  return copy;
}

describe("invariance", () => {
  const baseline = synthExample();

  it("reordering network.privateSubnetIds (and the domain baseline's copy) gives byte-identical JSON", () => {
    const reordered = synthOrg(
      editExampleOrg({
        platform: (d) => {
          d.network.privateSubnetIds.reverse();
          d.studio.domainIdentity.privateSubnetIds.reverse();
        },
      }),
    );
    for (const ws of Object.keys(baseline.text))
      expect({ ws, text: reordered.text[ws] }).toEqual({ ws, text: baseline.text[ws] });
  });

  it.each([1, 7, 42])("shuffling teams, projects, users and members (seed %i) gives byte-identical JSON", (seed) => {
    const shuffled = synthOrg(editExampleOrg({ teams: (d) => shuffleOrg(d, seed) }));
    expect(Object.keys(shuffled.text)).toEqual(Object.keys(baseline.text));
    for (const ws of Object.keys(baseline.text))
      expect({ ws, text: shuffled.text[ws] }).toEqual({ ws, text: baseline.text[ws] });
  });

  /** Bucket policies with `member` taken out of their member lists. */
  /**
   * The stack without a new member's traces in what lists members: bucket policies (§14.5, exact
   * members) and the team's homes ledger (issue 10).
   */
  const withoutMember = (stack: any, member: string, home: string) => {
    const copy = JSON.parse(JSON.stringify(stack));
    for (const p of Object.values<any>(copy.resource?.aws_s3_bucket_policy ?? {}))
      p.policy = p.policy.replace(new RegExp(`,\\\\?"${member}\\\\?"`, "g"), "");
    if (copy.locals?.homes_guard_lost)
      copy.locals.homes_guard_lost = copy.locals.homes_guard_lost.replace(`,"${home}"`, "");
    if (copy.output?.live_homes) delete copy.output.live_homes.value[home];
    return copy;
  };

  it("adding one member adds only that member's resources and changes nothing else", () => {
    const added = synthOrg(
      editExampleOrg({
        teams: (d) => {
          d.teams.rc.users.grace = {};
          d.teams.rc.projects["fraud-detection"].members.push("grace");
        },
      }),
    );
    const newAddresses: string[] = [];
    for (const ws of Object.keys(baseline.json)) {
      const before = new Set(addresses(baseline.json[ws]));
      const after = addresses(added.json[ws]);
      expect([...before].filter((a) => !after.includes(a))).toEqual([]); // nothing removed
      const fresh = after.filter((a) => !before.has(a));
      for (const a of fresh) expect(a).toMatch(/grace/);
      newAddresses.push(...fresh.map((a) => `${ws}:${a}`));
      // Every pre-existing resource, output and setting is unchanged, except that the joined
      // project's bucket policy now names the new member (§14.5: exact members).
      expect(withoutMember(without(added.json[ws], new Set(fresh)), "sm-rc-grace", "rc/fraud-detection/grace")).toEqual(
        baseline.json[ws],
      );
    }
    // The person exists somewhere: IAM user in the team workspace, profile and space in the team's
    // homes workspace; no other workspace changes (a team's PR plans two bounded workspaces).
    expect(newAddresses.some((a) => a.startsWith("team-rc:aws_iam_user."))).toBe(true);
    expect(newAddresses.some((a) => a.startsWith("domain-rc:aws_sagemaker_user_profile."))).toBe(true);
    expect(newAddresses.some((a) => a.startsWith("domain-rc:aws_sagemaker_space."))).toBe(true);
    expect(newAddresses.every((a) => a.startsWith("team-rc:") || a.startsWith("domain-rc:"))).toBe(true);
    for (const ws of Object.keys(baseline.text))
      if (ws !== "team-rc" && ws !== "domain-rc")
        expect({ ws, text: added.text[ws] }).toEqual({ ws, text: baseline.text[ws] });
  });
});
