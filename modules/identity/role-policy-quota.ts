/**
 * The account's "Managed policies per role" quota, read at plan time (platform-spec §14.10): the
 * org file records the quota it expects (`identity.managedPoliciesPerRoleQuota`), the loader checks
 * the attachments against that number, and this check compares the number the roles need with
 * what the account really has, so an unraised quota fails the plan instead of half an apply.
 */
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsServicequotasServiceQuota } from "@cdktf/provider-aws/lib/data-aws-servicequotas-service-quota";

/** Service Quotas shows IAM's (global) quotas in us-east-1 only. */
export const IAM_QUOTAS_REGION = "us-east-1";
export const MANAGED_POLICIES_PER_ROLE = "Managed policies per role";

export interface RolePolicyQuotaCheckProps {
  /** The account the quota is read in (the provider refuses any other). */
  readonly accountId: string;
  /** The largest number of managed policies one role of this workspace carries. */
  readonly required: number;
}

export class RolePolicyQuotaCheck extends Construct {
  readonly quota: DataAwsServicequotasServiceQuota;

  constructor(scope: Construct, id: string, props: RolePolicyQuotaCheckProps) {
    super(scope, id);
    const provider = new AwsProvider(this, "provider", {
      alias: "iam_quotas",
      region: IAM_QUOTAS_REGION,
      allowedAccountIds: [props.accountId],
    });
    this.quota = new DataAwsServicequotasServiceQuota(this, "quota", {
      provider,
      serviceCode: "iam",
      quotaName: MANAGED_POLICIES_PER_ROLE,
    });
    this.quota.addOverride("lifecycle.postcondition", [
      {
        condition: `\${self.value >= ${props.required}}`,
        error_message:
          `A project role of this workspace needs ${props.required} managed policies, but the account's IAM quota ` +
          `"${MANAGED_POLICIES_PER_ROLE}" is lower: request the increase in Service Quotas (us-east-1) before ` +
          `applying, or turn off features.canvas/features.mlflow (docs/identity.md).`,
      },
    ]);
  }
}
