import {
  DOWNLOAD_SCRIPTS,
  DOWNLOAD_SCRIPTS_REVISION,
  DownloadLifecycleConfigs,
  downloadScriptsDigest,
  partitionOf,
  revisedName,
} from "../../../modules/studio/download-lifecycle-configs";
import { synthModule } from "./support";

const props = {
  disableName: "acme-sagemaker-disable-download",
  allowName: "acme-sagemaker-allow-download",
  region: "ap-northeast-1",
  accountId: "123456789012",
  tags: { ManagedBy: "acme-sagemaker", Environment: "production" },
};

function build() {
  let configs: DownloadLifecycleConfigs | undefined;
  const json = synthModule((scope) => {
    configs = new DownloadLifecycleConfigs(scope, "download", props);
  });
  const byName: Record<string, any> = Object.fromEntries(
    Object.values(json.resource.aws_sagemaker_studio_lifecycle_config as Record<string, any>).map((r) => [
      r.studio_lifecycle_config_name,
      r,
    ]),
  );
  return { json, byName, configs: configs! };
}

describe("DownloadLifecycleConfigs", () => {
  const { byName, configs } = build();

  it("creates the disable and allow configs for JupyterLab with the given names and tags", () => {
    // Revision 2 (§14.11 SDK defaults): the configs carry a -v2 name.
    expect(Object.keys(byName).sort()).toEqual([
      "acme-sagemaker-allow-download-v2",
      "acme-sagemaker-disable-download-v2",
    ]);
    for (const r of Object.values(byName)) {
      expect(r.studio_lifecycle_config_app_type).toBe("JupyterLab");
      expect(r.tags).toEqual(props.tags);
    }
  });

  it("passes the script base64-encoded, with set -e and the labextension command", () => {
    const decode = (name: string) =>
      Buffer.from(byName[name].studio_lifecycle_config_content, "base64").toString("utf8");
    const disable = decode("acme-sagemaker-disable-download-v2");
    const allow = decode("acme-sagemaker-allow-download-v2");
    expect(disable).toBe(DOWNLOAD_SCRIPTS.deny);
    expect(allow).toBe(DOWNLOAD_SCRIPTS.allow);
    expect(disable.split("\n")).toEqual(
      expect.arrayContaining(["set -e", "jupyter labextension disable @jupyterlab/filebrowser-extension:download"]),
    );
    expect(allow.split("\n")).toEqual(
      expect.arrayContaining(["set -e", "jupyter labextension enable @jupyterlab/filebrowser-extension:download"]),
    );
    // set -e comes before the command, so a failing command fails the app start visibly.
    expect(disable.indexOf("set -e")).toBeLessThan(disable.indexOf("jupyter labextension"));
    for (const r of Object.values(byName)) expect(r.studio_lifecycle_config_content.length).toBeLessThanOrEqual(16384);
  });

  it("replaces create-before-destroy (a referenced config cannot be deleted first)", () => {
    for (const r of Object.values(byName)) expect(r.lifecycle).toEqual({ create_before_destroy: true });
  });

  it("exposes ARNs built from the name attribute (known at plan, still a dependency)", () => {
    expect(configs.arnFor("deny")).toMatch(
      /^arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config\/\$\{TfToken\[TOKEN\.\d+\]\}$/,
    );
    expect(configs.arnFor("allow")).not.toEqual(configs.arnFor("deny"));
    expect(configs.arnFor("deny")).toBe(configs.disableDownloadArn);
    expect(configs.arnFor("allow")).toBe(configs.allowDownloadArn);
  });

  it("pins the scripts to their revision: new content needs a new name", () => {
    // If this fails you changed a script: bump DOWNLOAD_SCRIPTS_REVISION (the configs get a
    // `-vN` name, so Terraform can create them before deleting the referenced old ones) and
    // record the new digest here.
    const pinned: Record<number, string> = {
      1: "1a043287a8c233a31d876f99b8d1e849237f333fd1b520f29f6947a19c5d2b01",
      2: "a8fadf85745b70544adcbf4e919542fe7975473abff71c9c8024da6f09d513f6",
    };
    expect(pinned[DOWNLOAD_SCRIPTS_REVISION]).toBe(downloadScriptsDigest());
  });

  it("names revision 1 by the base name and later revisions with -vN", () => {
    expect(revisedName("acme-sagemaker-disable-download", 1)).toBe("acme-sagemaker-disable-download");
    expect(revisedName("acme-sagemaker-disable-download", 2)).toBe("acme-sagemaker-disable-download-v2");
  });

  it("derives the partition from the region", () => {
    expect(partitionOf("ap-northeast-1")).toBe("aws");
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
  });
});
