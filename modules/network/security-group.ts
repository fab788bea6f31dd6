import { Construct } from "constructs";
import type { TerraformResource } from "cdktf";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { ValidationError } from "../validation-error";
import { fixAddress } from "../address";

export interface SecurityGroupRule {
  readonly direction: "ingress" | "egress";
  /** `-1` (all protocols and ports) or `tcp` with `port`. */
  readonly protocol: "-1" | "tcp";
  /** Required for `tcp`; not allowed with `-1` (the provider rejects ports on `-1`). */
  readonly port?: number;
  /** Exactly one peer: an IPv4 CIDR, or the group itself. */
  readonly cidrIpv4?: string;
  readonly self?: boolean;
  readonly description?: string;
}

export interface AdoptedSecurityGroup {
  /** Id of the existing group (imported, then protected by prevent_destroy). */
  readonly id: string;
  /**
   * Existing rules equal to rules of this group, by rule key: imported instead of created,
   * because EC2 rejects a duplicate rule.
   * @default none: every rule is created
   */
  readonly ruleIds?: Readonly<Record<string, string>>;
}

export interface RuledSecurityGroupProps {
  /** Security group name (EC2 replaces the group when it changes). */
  readonly name: string;
  /** Security group description (EC2 replaces the group when it changes). */
  readonly description: string;
  /** The VPC of the group. */
  readonly vpcId: string;
  /** Tags of the group (`Name`, `ManagedBy`, ...). */
  readonly tags: Readonly<Record<string, string>>;
  /** Rules by key. The key is the rule's Terraform identity: adding a rule never touches the others or the group. */
  readonly rules: Readonly<Record<string, SecurityGroupRule>>;
  /**
   * Adopt an existing group instead of creating one.
   * @default undefined: a new group is created
   */
  readonly adopt?: AdoptedSecurityGroup;
}

/**
 * A security group without inline rules plus one rule resource per rule key (platform-spec
 * §4.2): mixing inline rules with rule resources makes them fight, and an inline rule change
 * rewrites the whole set.
 *
 * Terraform addresses are fixed by `id`: `aws_security_group.<id>` and
 * `aws_vpc_security_group_{ingress,egress}_rule.<id>-<rule key>`, so import blocks and
 * operator commands name them readably. `id` must be unique in the stack.
 */
export class RuledSecurityGroup extends Construct {
  readonly group: SecurityGroup;
  readonly securityGroupId: string;
  readonly rules: Readonly<Record<string, VpcSecurityGroupIngressRule | VpcSecurityGroupEgressRule>>;

  constructor(scope: Construct, id: string, props: RuledSecurityGroupProps) {
    super(scope, id);
    const address = (r: TerraformResource, suffix = "") => fixAddress(r, `${id}${suffix}`);
    if (props.name.startsWith("sg-")) throw new ValidationError(`a security group name cannot start with 'sg-'`, this);
    const adopted = props.adopt;
    this.group = new SecurityGroup(this, "Group", {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      tags: { ...props.tags },
      // An adopted group was there before the platform: no change may ever delete it.
      lifecycle: adopted ? { preventDestroy: true } : undefined,
    });
    address(this.group);
    if (adopted) this.group.importFrom(adopted.id);
    this.securityGroupId = this.group.id;

    const rules: Record<string, VpcSecurityGroupIngressRule | VpcSecurityGroupEgressRule> = {};
    for (const key of Object.keys(props.rules).sort()) {
      const rule = props.rules[key];
      if ((rule.cidrIpv4 === undefined) === !rule.self)
        throw new ValidationError(`rule '${key}' needs exactly one of cidrIpv4 or self`, this);
      if ((rule.protocol === "tcp") !== (rule.port !== undefined))
        throw new ValidationError(`rule '${key}': tcp rules need a port, -1 rules take none`, this);
      const existing = adopted?.ruleIds?.[key];
      const config = {
        securityGroupId: this.group.id,
        ipProtocol: rule.protocol,
        // With ip_protocol -1 the ports must be omitted (§4.2).
        fromPort: rule.port,
        toPort: rule.port,
        cidrIpv4: rule.cidrIpv4,
        referencedSecurityGroupId: rule.self ? this.group.id : undefined,
        description: rule.description,
        lifecycle: existing ? { preventDestroy: true } : undefined,
      };
      const r =
        rule.direction === "ingress"
          ? new VpcSecurityGroupIngressRule(this, `Rule-${key}`, config)
          : new VpcSecurityGroupEgressRule(this, `Rule-${key}`, config);
      address(r, `-${key}`);
      if (existing) r.importFrom(existing);
      rules[key] = r;
    }
    for (const key of Object.keys(adopted?.ruleIds ?? {}))
      if (!(key in props.rules)) throw new ValidationError(`adopted rule '${key}' is not a rule of this group`, this);
    this.rules = rules;
  }
}
