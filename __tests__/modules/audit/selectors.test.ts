import {
  auditedS3ArnPrefixes,
  auditEventSelectors,
  managementEventSelector,
  s3DataEventSelector,
  selectorValueCount,
} from "../../../catalog/audit-selectors";

describe("CloudTrail advanced event selectors", () => {
  const object = (bucket: string) => `arn:aws:s3:::${bucket}/data/x.csv`;
  const covers = (prefixes: string[], bucket: string) => prefixes.some((p) => object(bucket).startsWith(p));
  const scope = { platformPrefix: "acme-sm-", teamPrefixes: ["acme-sm-rc-", "acme-sm-algo-", "acme-sm-rc-x-"] };

  it("projects and the shared bucket: one prefix, whatever the org's size", () => {
    const prefixes = auditedS3ArnPrefixes({ ...scope, projects: true, sharedBucket: "acme-sm-shared-assets" });
    expect(prefixes).toEqual(["arn:aws:s3:::acme-sm-"]);
    for (const b of ["acme-sm-rc-fraud", "acme-sm-algo-intent", "acme-sm-shared-assets"])
      expect(covers(prefixes, b)).toBe(true);
    expect(covers(prefixes, "acme-ml-audit-trail")).toBe(false);
    expect(covers(prefixes, "other-sm-rc-fraud")).toBe(false);
  });

  it("projects alone: one prefix per team (covered ones dropped); the shared bucket is left out", () => {
    const prefixes = auditedS3ArnPrefixes({ ...scope, projects: true });
    expect(prefixes).toEqual(["arn:aws:s3:::acme-sm-algo-", "arn:aws:s3:::acme-sm-rc-"]);
    for (const b of ["acme-sm-rc-fraud", "acme-sm-rc-x-p", "acme-sm-algo-intent"])
      expect(covers(prefixes, b)).toBe(true);
    expect(covers(prefixes, "acme-sm-shared-assets")).toBe(false);
    expect(covers(prefixes, "acme-sm-rcx-p")).toBe(false);
  });

  it("the shared bucket alone: its name and a slash, so a longer-named sibling never matches", () => {
    const prefixes = auditedS3ArnPrefixes({ ...scope, projects: false, sharedBucket: "acme-sm-shared-assets" });
    expect(prefixes).toEqual(["arn:aws:s3:::acme-sm-shared-assets/"]);
    expect(covers(prefixes, "acme-sm-shared-assets-old")).toBe(false);
    expect(covers(prefixes, "acme-sm-rc-fraud")).toBe(false);
  });

  it("readOnly maps writes -> false and reads -> true", () => {
    expect(s3DataEventSelector({ arnPrefixes: ["arn:aws:s3:::b/"], readOnly: "writes" }).fieldSelector).toContainEqual({
      field: "readOnly",
      equalTo: ["false"],
    });
    expect(managementEventSelector({ readOnly: "reads", excludeSources: [] }).fieldSelector).toEqual([
      { field: "eventCategory", equalTo: ["Management"] },
      { field: "readOnly", equalTo: ["true"] },
    ]);
  });

  it("omits the data selector without buckets and counts values against the 500 quota", () => {
    const settings = {
      readOnly: "all" as const,
      principals: "roleSessions" as const,
      management: { enabled: true, readOnly: "writes" as const, excludeSources: ["kms.amazonaws.com"] },
    };
    expect(auditEventSelectors(settings, [], "123456789012").map((s) => s.name)).toEqual(["Management events"]);
    const both = auditEventSelectors(settings, ["a", "b", "c"], "123456789012");
    // data: Data + S3::Object + 3 ARNs + 2 principals (SageMaker role sessions and platform
    // users, §14.8); management: Management + false + kms
    expect(selectorValueCount(both)).toBe(7 + 3);
  });
});
