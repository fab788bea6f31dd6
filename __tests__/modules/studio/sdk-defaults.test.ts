/**
 * The Studio start-up script's SDK defaults (§14.11), run for real with python3 against a stub
 * boto3 that answers like SageMaker: the config it writes must satisfy the scopes' VPC and tag
 * conditions and point the SDK at the project bucket.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DOWNLOAD_SCRIPTS, SDK_DEFAULTS_SCRIPT } from "../../../modules/studio/download-lifecycle-configs";

const STUB_BOTO3 = `
class _SageMaker:
    def list_tags(self, ResourceArn):
        assert ResourceArn == "arn:aws:sagemaker:ap-northeast-1:123456789012:space/d-abc123/space-rc-frauddet-bob", ResourceArn
        return {"Tags": [{"Key": "Team", "Value": "risk-control"}, {"Key": "Project", "Value": "fraud-detection"},
                         {"Key": "DefaultBucket", "Value": "acme-sm-rc-fraud-detection"}, {"Key": "Owner", "Value": "sm-rc-bob"}]}
    def describe_domain(self, DomainId):
        assert DomainId == "d-abc123"
        return {"SubnetIds": ["subnet-1", "subnet-2"], "DefaultUserSettings": {"SecurityGroups": ["sg-studio"]}}
def client(name, region_name=None):
    assert name == "sagemaker" and region_name == "ap-northeast-1"
    return _SageMaker()
`;

const python = spawnSync("python3", ["--version"]).status === 0;

(python ? describe : describe.skip)("Studio SDK defaults script (§14.11)", () => {
  it("is part of both download scripts", () => {
    for (const script of Object.values(DOWNLOAD_SCRIPTS)) expect(script).toContain(SDK_DEFAULTS_SCRIPT);
  });

  it("writes the project's bucket, subnets, security groups and tags from the space's own tags", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-defaults-"));
    fs.mkdirSync(path.join(dir, "stub"));
    fs.writeFileSync(path.join(dir, "stub", "boto3.py"), STUB_BOTO3);
    const metadata = path.join(dir, "resource-metadata.json");
    fs.writeFileSync(
      metadata,
      JSON.stringify({
        ResourceArn:
          "arn:aws:sagemaker:ap-northeast-1:123456789012:app/d-abc123/space-rc-frauddet-bob/JupyterLab/default",
        DomainId: "d-abc123",
        SpaceName: "space-rc-frauddet-bob",
      }),
    );
    const r = spawnSync("bash", ["-c", SDK_DEFAULTS_SCRIPT], {
      env: { ...process.env, HOME: dir, PYTHONPATH: path.join(dir, "stub"), SM_RESOURCE_METADATA: metadata },
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    const config = JSON.parse(fs.readFileSync(path.join(dir, ".config", "sagemaker", "config.yaml"), "utf8"));
    const vpc = { Subnets: ["subnet-1", "subnet-2"], SecurityGroupIds: ["sg-studio"] };
    const tags = [
      { Key: "Team", Value: "risk-control" },
      { Key: "Project", Value: "fraud-detection" },
    ];
    expect(config.SageMaker.PythonSDK.Modules.Session.DefaultS3Bucket).toBe("acme-sm-rc-fraud-detection");
    expect(config.SageMaker.TrainingJob).toEqual({ Tags: tags, VpcConfig: vpc });
    expect(config.SageMaker.ProcessingJob).toEqual({ Tags: tags, NetworkConfig: { VpcConfig: vpc } });
    expect(config.SageMaker.Model).toEqual({ Tags: tags, VpcConfig: vpc });
    for (const kind of ["Endpoint", "EndpointConfig", "TransformJob", "FeatureGroup", "Pipeline"])
      expect(config.SageMaker[kind]).toEqual({ Tags: tags });
    // Only sections whose schema has Tags: the SDK rejects a config with unknown keys.
    expect(config.SageMaker.ModelPackage).toBeUndefined();
  });

  it("a failure leaves the app starting and says so", () => {
    const r = spawnSync("bash", ["-c", SDK_DEFAULTS_SCRIPT], {
      env: { ...process.env, SM_RESOURCE_METADATA: "/nonexistent", PYTHONPATH: "/nonexistent" },
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("sagemaker-platform: SDK defaults not written");
  });
});
