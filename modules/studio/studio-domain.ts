import { Construct } from "constructs";
import { SagemakerDomain } from "@cdktf/provider-aws/lib/sagemaker-domain";
import { jupyterLabAppSettings, type IdleShutdown } from "./jupyter-lab";
import { ValidationError } from "../validation-error";

export interface StudioDomainProps {
  /** The domain's name. Changing it replaces the domain (every home is lost). */
  readonly domainName: string;
  /** The existing VPC. Forces replacement of the domain when changed. */
  readonly vpcId: string;
  /** Private subnets of that VPC. Forces replacement when the set changes (order does not). */
  readonly subnetIds: readonly string[];
  /** Fallback identity of the domain and of shared spaces (`SageMaker-Domain-DefaultExecutionRole`). */
  readonly defaultExecutionRoleArn: string;
  /** Security groups of Studio apps (`{tagPrefix}-studio`). */
  readonly appSecurityGroupIds: readonly string[];
  /** Instance type of a new JupyterLab app. */
  readonly defaultInstanceType: string;
  /** Download lifecycle config applied by default (and the only one offered) for JupyterLab. */
  readonly defaultLifecycleConfigArn: string;
  /** JupyterLab idle shutdown: the timeout and the range users may choose from. */
  readonly idleShutdown: IdleShutdown;
  /** Default EBS size of a space, in GB. */
  readonly defaultEbsGb: number;
  /** Largest EBS size a space may have, in GB (>= defaultEbsGb). */
  readonly maxEbsGb: number;
  /**
   * Keep the users' home EFS when the domain is deleted. Sent only with the delete call, from
   * state: switching to `false` must be applied before the destroy.
   * @default true
   */
  readonly retainHomeEfs?: boolean;
  /**
   * Customer-managed KMS key for the home EFS. Forces replacement when changed.
   * @default undefined: the AWS-managed key
   */
  readonly kmsKeyId?: string;
  /**
   * `domain_settings.security_group_ids`, for traffic between the domain and its EFS. Forces
   * replacement when changed.
   * @default []: none (the block is not rendered)
   */
  readonly domainSecurityGroupIds?: readonly string[];
  /** Tags of the domain. */
  readonly tags: Record<string, string>;
}

/**
 * A SageMaker Studio domain with IAM authentication in VPC-only mode (§5.1): Studio web portal,
 * JupyterLab defaults with built-in idle shutdown and download control, default space storage,
 * and the home EFS retained on deletion by default.
 */
/** The domain's replacement-forcing settings as the resource renders them (the tripwire compares them). */
export interface RenderedDomainIdentity {
  readonly domainName: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly authMode: string;
  readonly kmsKeyId?: string;
  readonly domainSecurityGroupIds: readonly string[];
}

export class StudioDomain extends Construct {
  readonly domainId: string;
  readonly domainArn: string;
  /** The users' home directories (for the storage alarm of §9 and operators). */
  readonly homeEfsFileSystemId: string;
  private readonly domain: SagemakerDomain;

  constructor(scope: Construct, id: string, props: StudioDomainProps) {
    super(scope, id);
    if (props.maxEbsGb < props.defaultEbsGb)
      throw new ValidationError(`maxEbsGb ${props.maxEbsGb} is below defaultEbsGb ${props.defaultEbsGb}`, this);
    const jupyterLab = jupyterLabAppSettings(
      {
        instanceType: props.defaultInstanceType,
        lifecycleConfigArn: props.defaultLifecycleConfigArn,
        idleShutdown: props.idleShutdown,
      },
      this.node.path,
    );
    const securityGroups = [...props.appSecurityGroupIds];
    const domainSecurityGroupIds = [...(props.domainSecurityGroupIds ?? [])].sort();
    this.domain = new SagemakerDomain(this, "Domain", {
      domainName: props.domainName,
      authMode: "IAM",
      // Explicit: the provider default is PublicInternetOnly.
      appNetworkAccessType: "VpcOnly",
      vpcId: props.vpcId,
      // A set in the provider; sorted so a reordered YAML list renders identical JSON.
      subnetIds: [...props.subnetIds].sort(),
      kmsKeyId: props.kmsKeyId,
      domainSettings: domainSecurityGroupIds.length ? { securityGroupIds: domainSecurityGroupIds } : undefined,
      defaultUserSettings: {
        executionRole: props.defaultExecutionRoleArn,
        securityGroups,
        defaultLandingUri: "studio::",
        studioWebPortal: "ENABLED",
        jupyterLabAppSettings: jupyterLab,
        spaceStorageSettings: {
          defaultEbsStorageSettings: {
            defaultEbsVolumeSizeInGb: props.defaultEbsGb,
            maximumEbsVolumeSizeInGb: props.maxEbsGb,
          },
        },
      },
      // Shared spaces (none created by the platform, but the domain permits them) get the same
      // fallback role, network, idle shutdown and download control.
      defaultSpaceSettings: {
        executionRole: props.defaultExecutionRoleArn,
        securityGroups,
        jupyterLabAppSettings: jupyterLab,
      },
      retentionPolicy: { homeEfsFileSystem: props.retainHomeEfs === false ? "Delete" : "Retain" },
      tags: props.tags,
    });
    this.domainId = this.domain.id;
    this.domainArn = this.domain.arn;
    this.homeEfsFileSystemId = this.domain.homeEfsFileSystemId;
  }

  /** What the resource will render for the attributes that replace the domain when they change. */
  get renderedIdentity(): RenderedDomainIdentity {
    const d = this.domain;
    return {
      domainName: d.domainNameInput ?? "",
      vpcId: d.vpcIdInput ?? "",
      subnetIds: [...(d.subnetIdsInput ?? [])],
      authMode: d.authModeInput ?? "",
      kmsKeyId: d.kmsKeyIdInput,
      domainSecurityGroupIds: [...(d.domainSettingsInput?.securityGroupIds ?? [])],
    };
  }
}
