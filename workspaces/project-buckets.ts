/**
 * Project buckets (platform-spec §3.5) as the team workspaces hold them since the bounded-workspace
 * move (issue 14, docs/decisions.md), and the one-change move out of the `foundation` workspace,
 * which held them before (`storage.moveBucketsToTeamWorkspaces`, docs/foundation.md).
 */
import type { Construct } from "constructs";
import { DataResource, TerraformOutput, type TerraformRemoteState } from "cdktf";
import { ProjectBucket } from "../modules/storage/project-bucket";
import { LIGHT_PROJECT_RULES, STANDARD_PROJECT_RULES } from "../modules/storage/lifecycle-rules";
import { PROJECT_FOLDERS } from "../modules/storage/bucket-layout";
import { projectKey, RETAINED_PROJECTS_OUTPUT } from "../modules/state/retention-guard";
import type { Project } from "../org/model";
import { fixAddress } from "../modules/address";

/** Construct id (and Terraform address name) of a project's bucket: from YAML keys only. */
export function projectBucketId(team: string, project: string): string {
  return `bucket-${team}-${project}`;
}

/** How the platform keeps its buckets (`storage` and `platform` settings, resolved). */
export interface BucketSettings {
  /** The buckets' SSE-KMS key (§14.5), else SSE-S3. */
  readonly kmsKeyArn?: string;
  /** `storage.lifecycleRules`: the project buckets carry their lifecycle rule set. */
  readonly lifecycleRules: boolean;
  /** `storage.folderMarkers`: the zero-byte layout markers of §3.5. */
  readonly folderMarkers: boolean;
  /** §0.3 tags of every bucket besides `Team` and `Project` (Environment, ManagedBy, CostCenter). */
  readonly tags: Readonly<Record<string, string>>;
}

/** §0.3 bucket tags. */
export function bucketTags(settings: BucketSettings, team: string, project: string): Record<string, string> {
  return { Team: team, Project: project, ...settings.tags };
}

/** A declared project's bucket; retired projects keep theirs, protected unless `bucket.purge`. */
export function projectBucket(
  scope: Construct,
  settings: BucketSettings,
  team: { readonly id: string; readonly fullName: string },
  project: Project,
): ProjectBucket {
  return new ProjectBucket(scope, projectBucketId(team.id, project.name), {
    bucketName: project.bucketName,
    kmsKeyArn: settings.kmsKeyArn,
    tags: bucketTags(settings, team.fullName, project.name),
    lifecycleRules: settings.lifecycleRules
      ? project.bucketLifecycle === "light"
        ? LIGHT_PROJECT_RULES
        : STANDARD_PROJECT_RULES
      : undefined,
    folders: settings.folderMarkers ? PROJECT_FOLDERS : [],
    purge: project.status === "retired" && project.bucketPurge,
  });
}

/** Released from state, never destroyed: a decommissioned project's bucket (and markers). */
export function releaseProjectBucket(scope: Construct, team: string, project: string): void {
  ProjectBucket.release(scope, projectBucketId(team, project), { folders: PROJECT_FOLDERS });
}

/**
 * Output of the foundation: the projects whose buckets its state held when they moved to the team
 * workspaces, which import them. A state contract, never renamed; present once the foundation has
 * applied with this release (absent: the buckets may still be in its state).
 */
export const BUCKETS_MOVED_OUTPUT = "buckets_moved";

/** HCL: every `data.terraform_remote_state` instance of `state` (it may carry a `count`). */
const instances = (state: TerraformRemoteState) => `data.terraform_remote_state.${state.friendlyUniqueId}`;

/**
 * HCL list of the `team/project` keys whose buckets the foundation's state held before the move:
 * `buckets_moved` once it has applied the move, else (its state is from before this release) its
 * retention ledger, which listed exactly the buckets it managed.
 */
export function bucketsHeldByFoundation(foundation: TerraformRemoteState): string {
  return `flatten([for s in ${instances(foundation)} : try(s.outputs.${BUCKETS_MOVED_OUTPUT}, keys(try(s.outputs.${RETAINED_PROJECTS_OUTPUT}, {})))])`;
}

/**
 * In the foundation: publishes `buckets_moved` (while moving: what its state held, latched at the
 * first apply; else empty, which still marks the state as this release's) and, without
 * `storage.moveBucketsToTeamWorkspaces`, fails a plan whose previous state still holds project
 * buckets: dropping them from the configuration would destroy them.
 */
export function foundationBucketsLeave(
  stack: Construct,
  moving: boolean,
  teams: readonly { readonly id: string; readonly projects: readonly { readonly name: string }[] }[],
  own: TerraformRemoteState,
): void {
  if (moving)
    for (const team of teams) for (const project of team.projects) releaseProjectBucket(stack, team.id, project.name);
  new TerraformOutput(stack, BUCKETS_MOVED_OUTPUT, {
    value: moving ? `\${sort(distinct(${bucketsHeldByFoundation(own)}))}` : [],
    description:
      "Projects whose buckets this workspace held before they moved to the team workspaces (storage.moveBucketsToTeamWorkspaces), which import them",
  });
  if (!moving) refuseWhileFoundationHoldsBuckets(stack, "buckets-in-foundation", own);
}

/**
 * A plan-time refusal while the foundation's last apply is from before this release and held
 * project buckets: in the foundation (its plan would destroy them) and in each team workspace
 * (its plan would try to create buckets that exist).
 */
export function refuseWhileFoundationHoldsBuckets(scope: Construct, id: string, foundation: TerraformRemoteState) {
  const held = `[for s in ${instances(foundation)} : s if try(s.outputs.${BUCKETS_MOVED_OUTPUT}, null) == null && length(try(s.outputs.${RETAINED_PROJECTS_OUTPUT}, {})) > 0]`;
  const guard = new DataResource(scope, id, {
    lifecycle: {
      precondition: [
        {
          condition: `\${length(${held}) == 0}`,
          errorMessage:
            "The foundation workspace still holds the project buckets: this release keeps each team's buckets in its " +
            "team-<id> workspace. Set storage.moveBucketsToTeamWorkspaces: true for one change (the foundation forgets " +
            "each bucket, each team workspace imports its team's; nothing is created or destroyed), apply foundation " +
            "and then the team workspaces, and remove the setting (docs/foundation.md).",
        },
      ],
    },
  });
  fixAddress(guard, id);
  return guard;
}

/** In a team workspace, with the move setting: import each declared project's bucket the foundation held. */
export function adoptFromFoundation(
  bucket: ProjectBucket,
  foundation: TerraformRemoteState,
  team: string,
  project: string,
) {
  bucket.adopt(`contains(${bucketsHeldByFoundation(foundation)}, ${JSON.stringify(projectKey(team, project))})`);
}
