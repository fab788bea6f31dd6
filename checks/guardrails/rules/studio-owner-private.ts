import {
  block,
  referencedName,
  reporter,
  resourcesOf,
  tagsOf,
  type Finding,
  type GuardrailRule,
} from "../terraform-json";

const ID = "SMP-SM-1";

const TEAM_USER = /^sm-[a-z]{2,4}-[a-z][a-z0-9]*$/;

/** `profile-{team}-{projectShort}-{user}` / `space-…` -> its parts (none of them contains `-`). */
function parts(name: unknown, kind: "profile" | "space"): { team: string; short: string; user: string } | undefined {
  if (typeof name !== "string") return undefined;
  const p = name.split("-");
  return p.length === 4 && p[0] === kind ? { team: p[1], short: p[2], user: p[3] } : undefined;
}

/**
 * SMP-SM-1: the presigned-URL guard compares a profile's `Owner` tag with `${aws:username}`, so
 * the tag must be exactly the team IAM user `sm-{team}-{user}` of that profile; a private space
 * is reachable only by its owner profile, which binds it to the project's execution role, and
 * carries the same Owner tag (§14.1).
 */
export const studioOwnerPrivate: GuardrailRule = {
  id: ID,
  description:
    "every user profile's and space's Owner tag is the IAM user sm-{team}-{user}; every space is Private and owned by its profile",
  spec: "§0.3, §5.3, §5.4",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const out: Finding[] = [];
    const profileNames = new Map<string, unknown>();
    for (const [name, profile] of resourcesOf(stack, "aws_sagemaker_user_profile")) {
      const address = `aws_sagemaker_user_profile.${name}`;
      profileNames.set(name, profile.user_profile_name);
      const owner = tagsOf(profile)?.Owner;
      const p = parts(profile.user_profile_name, "profile");
      const expected = p ? `sm-${p.team}-${p.user}` : undefined;
      if (typeof owner !== "string" || !TEAM_USER.test(owner) || (expected && owner !== expected))
        out.push(
          report(
            address,
            `has Owner tag ${JSON.stringify(owner)}, expected ${expected ? JSON.stringify(expected) : "a team IAM user name sm-{team}-{user}"}`,
          ),
        );
    }
    for (const [name, space] of resourcesOf(stack, "aws_sagemaker_space")) {
      const address = `aws_sagemaker_space.${name}`;
      const sharing = block(space.space_sharing_settings).sharing_type;
      if (sharing !== "Private")
        out.push(
          report(address, `has sharing_type ${JSON.stringify(sharing)}; the platform creates only Private spaces`),
        );
      const p = parts(space.space_name, "space");
      const owner = tagsOf(space)?.Owner;
      // §14.1: the IAM user name, like the profile's, so owner conditions can compare it with aws:username.
      if (p && owner !== `sm-${p.team}-${p.user}`)
        out.push(
          report(
            address,
            `has Owner tag ${JSON.stringify(owner)}, expected the IAM user name "sm-${p.team}-${p.user}"`,
          ),
        );
      const ownerProfile = block(space.ownership_settings).owner_user_profile_name;
      const ref = referencedName(ownerProfile, "aws_sagemaker_user_profile");
      const profileName = ref !== undefined ? profileNames.get(ref) : ownerProfile;
      if (typeof profileName !== "string")
        out.push(
          report(address, "has no ownership_settings.owner_user_profile_name naming a profile of this workspace"),
        );
      else if (p && profileName !== `profile-${p.team}-${p.short}-${p.user}`)
        out.push(
          report(address, `is owned by ${JSON.stringify(profileName)}, not by profile-${p.team}-${p.short}-${p.user}`),
        );
    }
    return out;
  },
};
