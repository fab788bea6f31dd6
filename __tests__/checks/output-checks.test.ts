import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkRenderedOutput, renderProblems } from "../../checks/output-checks";
import { synthExample } from "../support/synth";

describe("checks on the rendered Terraform (§11.1, §11.5)", () => {
  it("the example org renders clean", () => {
    expect(checkRenderedOutput(synthExample().outdir)).toEqual([]);
  });

  it("finds an unrendered placeholder", () => {
    const [p] = renderProblems("team-rc", JSON.stringify({ policy: "arn:aws:s3:::{company}-sm-rc-x/*" }));
    expect(p.message).toMatch(/^unrendered placeholder near: .*\{company\}-sm-rc-x/);
  });

  it("finds an IAM policy variable Terraform would interpolate, and accepts the escaped form", () => {
    expect(renderProblems("ws", '{"policy":"home/${aws:username}/*"}')).toHaveLength(1);
    expect(renderProblems("ws", '{"policy":"x ${sagemaker:DomainId}"}')).toHaveLength(1);
    expect(renderProblems("ws", '{"policy":"home/$${aws:username}/*"}')).toEqual([]);
    expect(renderProblems("ws", '{"role":"${aws_iam_role.x.arn}"}')).toEqual([]);
  });

  it("finds an unresolved cdktf token", () => {
    expect(renderProblems("ws", '{"x":"${TfToken[TOKEN.12]}"}')).toHaveLength(1);
  });

  it("reports every workspace's problems", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-"));
    for (const [ws, body] of [
      ["a", '{"x":"{team}"}'],
      ["b", "{}"],
    ]) {
      fs.mkdirSync(path.join(dir, "stacks", ws), { recursive: true });
      fs.writeFileSync(path.join(dir, "stacks", ws, "cdk.tf.json"), body);
    }
    expect(checkRenderedOutput(dir).map((p) => p.workspace)).toEqual(["a"]);
  });
});
