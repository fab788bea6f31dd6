import { reporter, resourcesOf, type Finding, type GuardrailRule } from "../terraform-json";

const ID = "SMP-SM-2";

/**
 * SMP-SM-2: IAM auth is what the user/group policies rely on; the provider default for network
 * access is PublicInternetOnly, which would bypass the VPC endpoints and the VPC-only bucket deny.
 */
export const studioDomainAccess: GuardrailRule = {
  id: ID,
  description: "the Studio domain uses IAM auth and VpcOnly app network access",
  spec: "§5.1",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const out: Finding[] = [];
    for (const [name, domain] of resourcesOf(stack, "aws_sagemaker_domain")) {
      const address = `aws_sagemaker_domain.${name}`;
      if (domain.auth_mode !== "IAM")
        out.push(report(address, `has auth_mode ${JSON.stringify(domain.auth_mode)}, expected "IAM"`));
      if (domain.app_network_access_type !== "VpcOnly")
        out.push(
          report(
            address,
            `has app_network_access_type ${JSON.stringify(domain.app_network_access_type)}, expected "VpcOnly"`,
          ),
        );
    }
    return out;
  },
};
