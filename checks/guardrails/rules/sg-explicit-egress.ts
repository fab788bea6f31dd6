import { referencedName, reporter, resourcesOf, type Finding, type GuardrailRule } from "../terraform-json";

const ID = "SMP-SG-1";

/**
 * SMP-SG-1: inline rules and rule resources on one group fight each other, and Terraform strips
 * the default egress rule EC2 adds, so a group without an explicit egress rule cannot reach
 * anything (Studio apps, jobs and endpoints would hang on their first outbound call).
 */
export const sgExplicitEgress: GuardrailRule = {
  id: ID,
  description: "every security group has no inline ingress/egress and at least one egress rule resource",
  spec: "§4.2, §11.6",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const egressOf = new Set(
      resourcesOf(stack, "aws_vpc_security_group_egress_rule").map(([, r]) =>
        referencedName(r.security_group_id, "aws_security_group"),
      ),
    );
    return resourcesOf(stack, "aws_security_group").flatMap(([name, group]) => {
      const address = `aws_security_group.${name}`;
      const out: Finding[] = [];
      for (const inline of ["ingress", "egress"])
        if (inline in group)
          out.push(report(address, `has inline ${inline} blocks; use aws_vpc_security_group_${inline}_rule resources`));
      if (!egressOf.has(name))
        out.push(report(address, "has no aws_vpc_security_group_egress_rule (Terraform removes the default egress)"));
      return out;
    });
  },
};
