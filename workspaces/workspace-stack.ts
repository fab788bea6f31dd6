/**
 * Base of every workspace stack: one stack = one Terraform workspace. It owns the backend
 * (local with a relative state path, or Terraform Cloud), the AWS provider (region, account
 * guard, default tags) and cached remote-state reads of other workspaces, so each workspace
 * file holds only what it provisions.
 */
import { Construct } from "constructs";
import {
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  LocalBackend,
  NamedCloudWorkspace,
  TerraformRemoteState,
} from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { OrgModel } from "../org/model";
import { SinglePassStack } from "./single-pass-stack";
import { ManagedByTag } from "../modules/tags";

/** Local state lives outside the output dir, so re-synthesizing never touches it. */
export function localStatePath(workspace: string): string {
  // Relative to cdktf.out/stacks/<workspace>/ (the Terraform working directory).
  return `../../../terraform-state/${workspace}.tfstate`;
}

/** Oldest Terraform that plans every workspace (`removed` blocks: 1.7). */
export const MIN_TERRAFORM_VERSION = ">= 1.7.0";

/** What every workspace needs: where its state lives and the AWS provider's settings. */
export interface WorkspaceStackProps {
  /** Local state files, or Terraform Cloud workspaces named `{workspacePrefix}{workspace}`. */
  readonly backend: OrgModel["backend"];
  readonly region: string;
  /** The one account every plan and apply must run in (the provider refuses any other). */
  readonly accountId: string;
  /** The provider's default tags (none: no `default_tags` block). */
  readonly defaultTags: Readonly<Record<string, string>>;
  /**
   * `ManagedBy` of every tagged resource of the workspace (§0.3; catalog/tags.ts): its tags aspect
   * adds it, and no construct sets it.
   */
  readonly managedBy: string;
}

/** Tags of the platform's IAM roles and users besides `ManagedBy` (§0.3): for which company. */
export interface PrincipalTags {
  readonly Company: string;
}

export abstract class WorkspaceStack extends SinglePassStack {
  private readonly remoteStates = new Map<string, TerraformRemoteState>();
  private readonly backend: WorkspaceStackProps["backend"];
  /** This workspace's state file (relative to its working directory) with a local backend. */
  readonly localStateFile: string | undefined;

  constructor(
    scope: Construct,
    /** Workspace (and stack) name, e.g. `network`, `team-rc`. */
    readonly workspace: string,
    props: WorkspaceStackProps,
  ) {
    super(scope, workspace);
    const backend = (this.backend = props.backend);
    if (backend.type === "cloud") {
      new CloudBackend(this, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}${workspace}`),
      });
      this.localStateFile = undefined;
    } else {
      this.localStateFile = localStatePath(workspace);
      new LocalBackend(this, { path: this.localStateFile });
    }
    // `removed` blocks need Terraform 1.7; import and check blocks 1.5 (plain JSON, so it also
    // guards Terraform Cloud runs, unlike cdktf's local-binary validations).
    this.addOverride("terraform.required_version", MIN_TERRAFORM_VERSION);
    const defaultTags = props.defaultTags;
    new AwsProvider(this, "aws", {
      region: props.region,
      // Abort any plan/apply whose credentials belong to another account (§1.2, §11.16).
      allowedAccountIds: [props.accountId],
      defaultTags: Object.keys(defaultTags).length ? [{ tags: { ...defaultTags } }] : undefined,
    });
    this.addElementAspect(new ManagedByTag(props.managedBy));
  }

  /**
   * Remote state of another workspace. `defaults` stand in for outputs the producer has not
   * applied yet, so a pull request can be planned before its upstream workspace is applied.
   */
  /** Other workspaces whose state this one reads (the remote-state sharing it needs). */
  get upstreamWorkspaces(): string[] {
    return [...this.remoteStates.keys()].filter((w) => w !== this.workspace).sort();
  }

  remoteState(workspace: string, defaults: Record<string, unknown>): TerraformRemoteState {
    const existing = this.remoteStates.get(workspace);
    if (existing) return existing;
    const id = `remote-${workspace}`;
    const backend = this.backend;
    const state =
      backend.type === "cloud"
        ? new DataTerraformRemoteState(this, id, {
            hostname: backend.hostname,
            organization: backend.organization,
            workspaces: { name: `${backend.workspacePrefix}${workspace}` },
            defaults,
          })
        : new DataTerraformRemoteStateLocal(this, id, { path: localStatePath(workspace), defaults });
    this.remoteStates.set(workspace, state);
    return state;
  }
}
