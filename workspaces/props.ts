/**
 * The one place that maps the org model to the workspaces' props: each stack declares what it
 * needs (`XxxStackProps`, values only) and is built from them, so a stack can be built and
 * tested from small props and a reader sees every input of a workspace in one type. Called inside
 * each build with the model it is given (the synthesis cache records these reads).
 */
import type { OrgModel } from "../org/model";
import { enabledEndpoints, existingEndpointAction } from "../org/sections/network";
import { SECURITY_GROUP_KEYS, type SecurityGroupKey } from "../catalog/network";
import type { WorkspaceStackProps } from "./workspace-stack";
import type { NetworkStackProps } from "./network";

/** The backend and AWS provider settings every workspace shares. */
export function workspaceProps(org: OrgModel): WorkspaceStackProps {
  return {
    backend: org.backend,
    region: org.platform.region,
    accountId: org.platform.accountId,
    defaultTags: org.platform.defaultTags,
  };
}

/** The network workspace: the VPC section as written, names and endpoints resolved. */
export function networkStackProps(org: OrgModel): NetworkStackProps {
  const { names, network, platform } = org;
  return {
    ...workspaceProps(org),
    network,
    securityGroupNames: Object.fromEntries(SECURITY_GROUP_KEYS.map((k) => [k, names.securityGroup(k)])) as Record<
      SecurityGroupKey,
      string
    >,
    endpoints: enabledEndpoints(network).map((e) => ({
      suffix: e.suffix,
      serviceName: e.service.replace("{region}", platform.region),
      type: e.type,
      existing: existingEndpointAction(network, e.suffix),
      nameTag: names.endpointNameTag(e.suffix),
    })),
    managedBy: platform.tagPrefix,
  };
}
