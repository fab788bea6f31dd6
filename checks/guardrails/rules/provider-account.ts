import { blocks, reporter, strings, type Finding, type GuardrailRule } from "../terraform-json";

const ID = "SMP-PRV-1";

/**
 * SMP-PRV-1: a plan run with credentials of another account must fail before it creates anything
 * there (the deployer check of §11.16 is enforced by the provider itself).
 */
export const providerAccount: GuardrailRule = {
  id: ID,
  description: "every AWS provider configuration pins exactly one allowed account and a region",
  spec: "§11.16",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const providers = blocks(stack.provider?.aws);
    const usesAws = Object.keys(stack.resource ?? {}).some((type) => type.startsWith("aws_"));
    if (usesAws && !providers.length)
      return [report("provider.aws", "is not configured: resources would use ambient credentials unpinned")];
    return providers.flatMap((aws, i) => {
      const address =
        typeof aws.alias === "string" ? `provider.aws.${aws.alias}` : i === 0 ? "provider.aws" : `provider.aws[${i}]`;
      const accounts = strings(aws.allowed_account_ids);
      const out: Finding[] = [];
      if (accounts.length !== 1 || !/^\d{12}$/.test(accounts[0]))
        out.push(
          report(
            address,
            `has allowed_account_ids ${JSON.stringify(aws.allowed_account_ids)}, expected the one platform account`,
          ),
        );
      if (typeof aws.region !== "string" || !aws.region) out.push(report(address, "has no region"));
      return out;
    });
  },
};
