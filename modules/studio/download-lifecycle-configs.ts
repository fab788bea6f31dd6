import { createHash } from "crypto";
import { Construct } from "constructs";
import { SagemakerStudioLifecycleConfig } from "@cdktf/provider-aws/lib/sagemaker-studio-lifecycle-config";
import { ValidationError } from "../validation-error";

export type DownloadMode = "allow" | "deny";

/**
 * SageMaker Python SDK defaults for the space's project (§14.11), written at every app start to
 * `~/.config/sagemaker/config.yaml`: the project bucket as default bucket (never the shared
 * `sagemaker-{region}-{account}` bucket), the domain's private subnets and security groups for
 * jobs and models, the bucket's KMS key, and `Team`/`Project` tags on everything the SDK
 * creates, so `Estimator(...).fit()` satisfies the VPC and tag conditions of the scopes. The
 * project comes from the space's own tags (`Project`, `DefaultBucket`, `DefaultKmsKeyId`), so one
 * script serves every project. Only sections with `Tags` in the SDK's config schema are written
 * (the SDK rejects unknown keys; model packages have none). Best effort: a failure leaves the
 * SDK's own defaults and is logged.
 */
export const SDK_DEFAULTS_SCRIPT = [
  "# SageMaker Python SDK defaults of this space's project (platform-spec §14.11).",
  "python3 - <<'PY' || echo 'sagemaker-platform: SDK defaults not written' >&2",
  "import json, os, boto3",
  "meta = json.load(open(os.environ.get('SM_RESOURCE_METADATA', '/opt/ml/metadata/resource-metadata.json')))",
  "arn = meta['ResourceArn'].split(':')",
  "region, account, domain, space = arn[3], arn[4], meta['DomainId'], meta['SpaceName']",
  "sm = boto3.client('sagemaker', region_name=region)",
  "tags = {t['Key']: t['Value'] for t in sm.list_tags(ResourceArn=f'arn:{arn[1]}:sagemaker:{region}:{account}:space/{domain}/{space}')['Tags']}",
  "d = sm.describe_domain(DomainId=domain)",
  "vpc = {'Subnets': d['SubnetIds'], 'SecurityGroupIds': d['DefaultUserSettings'].get('SecurityGroups', [])}",
  "tagged = [{'Key': k, 'Value': tags[k]} for k in ('Team', 'Project') if k in tags]",
  "kms = {'KmsKeyId': tags['DefaultKmsKeyId']} if 'DefaultKmsKeyId' in tags else {}",
  "job = {'Tags': tagged}",
  "sdk = {'SchemaVersion': '1.0', 'SageMaker': {",
  "  'PythonSDK': {'Modules': {'Session': {'DefaultS3Bucket': tags['DefaultBucket']}}},",
  "  'TrainingJob': {**job, 'VpcConfig': vpc, **({'OutputDataConfig': kms} if kms else {})},",
  "  'ProcessingJob': {**job, 'NetworkConfig': {'VpcConfig': vpc}},",
  "  'Model': {**job, 'VpcConfig': vpc},",
  "  **{k: dict(job) for k in ('Endpoint', 'EndpointConfig', 'TransformJob', 'FeatureGroup', 'Pipeline', 'AutoMLJob', 'CompilationJob', 'MonitoringSchedule')}}}",
  "path = os.path.expanduser('~/.config/sagemaker/config.yaml')",
  "os.makedirs(os.path.dirname(path), exist_ok=True)",
  "open(path, 'w').write(json.dumps(sdk, indent=2))  # JSON is YAML",
  "PY",
  "",
].join("\n");

/**
 * The scripts run when a JupyterLab app starts (§5.2, §14.11). The download part only hides the
 * file-browser download action; it is not a data-exfiltration control (code, network paths and
 * S3 stay available).
 */
export const DOWNLOAD_SCRIPTS: Readonly<Record<DownloadMode, string>> = {
  deny: [
    "#!/bin/bash",
    "# Managed by the SageMaker platform: hides the JupyterLab file-browser download action.",
    "set -e",
    "jupyter labextension disable @jupyterlab/filebrowser-extension:download",
    SDK_DEFAULTS_SCRIPT,
  ].join("\n"),
  allow: [
    "#!/bin/bash",
    "# Managed by the SageMaker platform: shows the JupyterLab file-browser download action.",
    "set -e",
    "jupyter labextension enable @jupyterlab/filebrowser-extension:download",
    SDK_DEFAULTS_SCRIPT,
  ].join("\n"),
};

/**
 * Bump when a script above changes. A config cannot be deleted while the domain or a profile
 * references it and names are unique, so new content needs a new name (`-v2`, ...): Terraform then
 * creates the new configs first, swaps every reference in place, and deletes the old ones last.
 * A unit test pins the scripts' digest to this number.
 */
export const DOWNLOAD_SCRIPTS_REVISION = 2;

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
  /** Account of the configs, for their ARNs. */
  readonly accountId: string;
  /** Tags of both configs. */
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
      if (content.length > 16384) throw new ValidationError(`${name} script exceeds 16384 base64 characters`, this);
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
