import { createHash } from "crypto";
import { Construct } from "constructs";
import { SagemakerStudioLifecycleConfig } from "@cdktf/provider-aws/lib/sagemaker-studio-lifecycle-config";

export type DownloadMode = "allow" | "deny";

/**
 * The scripts run when a JupyterLab app starts (§5.2). They only hide the file-browser download
 * action; they are not a data-exfiltration control (code, network paths and S3 stay available).
 */
export const DOWNLOAD_SCRIPTS: Readonly<Record<DownloadMode, string>> = {
  deny: [
    "#!/bin/bash",
    "# Managed by the SageMaker platform: hides the JupyterLab file-browser download action.",
    "set -e",
    "jupyter labextension disable @jupyterlab/filebrowser-extension:download",
    "",
  ].join("\n"),
  allow: [
    "#!/bin/bash",
    "# Managed by the SageMaker platform: shows the JupyterLab file-browser download action.",
    "set -e",
    "jupyter labextension enable @jupyterlab/filebrowser-extension:download",
    "",
  ].join("\n"),
};

/**
 * Bump when a script above changes. A config cannot be deleted while the domain or a profile
 * references it and names are unique, so new content needs a new name (`-v2`, ...): Terraform then
 * creates the new configs first, swaps every reference in place, and deletes the old ones last.
 * A unit test pins the scripts' digest to this number.
 */
export const DOWNLOAD_SCRIPTS_REVISION = 1;

/** Digest of both scripts (what the revision pin in the tests compares). */
export function downloadScriptsDigest(): string {
  return createHash("sha256").update(DOWNLOAD_SCRIPTS.deny).update("\0").update(DOWNLOAD_SCRIPTS.allow).digest("hex");
}

/** `base` for revision 1, `base-vN` after that. */
export function revisedName(base: string, revision: number = DOWNLOAD_SCRIPTS_REVISION): string {
  return revision <= 1 ? base : `${base}-v${revision}`;
}

export interface DownloadLifecycleConfigsProps {
  /** Base name of the config that hides downloads, e.g. `acme-sagemaker-disable-download`. */
  readonly disableName: string;
  /** Base name of the config that shows downloads, e.g. `acme-sagemaker-allow-download`. */
  readonly allowName: string;
  /** Region and account of the configs, for their ARNs. */
  readonly region: string;
  readonly accountId: string;
  readonly tags: Record<string, string>;
}

/** The AWS partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** ARN of a download config by base name, as DownloadLifecycleConfigs creates it (current revision). */
export function downloadConfigArn(region: string, accountId: string, baseName: string): string {
  return `arn:${partitionOf(region)}:sagemaker:${region}:${accountId}:studio-lifecycle-config/${revisedName(baseName)}`;
}

/**
 * The two JupyterLab lifecycle configs of download control (§5.2). Both always exist: a profile
 * cannot express "no lifecycle config", so `allow` is a config of its own (§5.5).
 */
export class DownloadLifecycleConfigs extends Construct {
  readonly disableDownload: SagemakerStudioLifecycleConfig;
  readonly allowDownload: SagemakerStudioLifecycleConfig;
  readonly disableDownloadArn: string;
  readonly allowDownloadArn: string;
  readonly disableDownloadName: string;
  readonly allowDownloadName: string;

  constructor(scope: Construct, id: string, props: DownloadLifecycleConfigsProps) {
    super(scope, id);
    const make = (cid: string, name: string, mode: DownloadMode) => {
      // The API takes the content verbatim and expects base64 (1-16384 characters).
      const content = Buffer.from(DOWNLOAD_SCRIPTS[mode], "utf8").toString("base64");
      if (content.length > 16384) throw new Error(`${this.node.path}: ${name} script exceeds 16384 base64 characters`);
      return new SagemakerStudioLifecycleConfig(this, cid, {
        studioLifecycleConfigName: name,
        studioLifecycleConfigAppType: "JupyterLab",
        studioLifecycleConfigContent: content,
        tags: props.tags,
        lifecycle: { createBeforeDestroy: true },
      });
    };
    this.disableDownloadName = revisedName(props.disableName);
    this.allowDownloadName = revisedName(props.allowName);
    this.disableDownload = make("DisableDownload", this.disableDownloadName, "deny");
    this.allowDownload = make("AllowDownload", this.allowDownloadName, "allow");
    // The ARN is built from the name attribute rather than read from `arn`: the value is known at
    // plan time (so the provider validates the referencing blocks), while the reference keeps the
    // dependency that orders creation and the create-before-destroy swap.
    const arn = (lcc: SagemakerStudioLifecycleConfig) =>
      `arn:${partitionOf(props.region)}:sagemaker:${props.region}:${props.accountId}:studio-lifecycle-config/${lcc.studioLifecycleConfigName}`;
    this.disableDownloadArn = arn(this.disableDownload);
    this.allowDownloadArn = arn(this.allowDownload);
  }

  /** The config ARN that renders a resolved download setting. */
  arnFor(mode: DownloadMode): string {
    return mode === "deny" ? this.disableDownloadArn : this.allowDownloadArn;
  }
}
