import {
  auditEventSelectors,
  managementEventSelector,
  s3DataEventSelector,
  selectorValueCount,
} from "../../../modules/audit/selectors";

describe("CloudTrail advanced event selectors", () => {
  it("S3 data events: bucket prefixes end with '/' so a bucket never matches its longer-named sibling", () => {
    const s = s3DataEventSelector({ bucketNames: ["acme-sm-rc-fraud-detection", "acme-sm-rc-fraud"], readOnly: "all" });
    const arns = s.fieldSelector.find((f) => f.field === "resources.ARN")!.startsWith!;
    // Sorted by bucket name, so the YAML order never reaches the trail.
    expect(arns).toEqual(["arn:aws:s3:::acme-sm-rc-fraud/", "arn:aws:s3:::acme-sm-rc-fraud-detection/"]);
    expect(arns.filter((p) => "arn:aws:s3:::acme-sm-rc-fraud-detection/data/x.csv".startsWith(p))).toEqual([
      "arn:aws:s3:::acme-sm-rc-fraud-detection/",
    ]);
    expect(s.fieldSelector.find((f) => f.field === "readOnly")).toBeUndefined();
  });

  it("readOnly maps writes -> false and reads -> true", () => {
    expect(s3DataEventSelector({ bucketNames: ["b"], readOnly: "writes" }).fieldSelector).toContainEqual({
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
