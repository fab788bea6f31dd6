/** Constructs refuse bad props with a ValidationError that names the construct's path. */
import { App, TerraformStack } from "cdktf";
import { ProjectBucket } from "../../modules/storage/project-bucket";
import { RemovedBlock } from "../../modules/state/removed-block";
import { keepLastImagesPolicy } from "../../modules/registry/lifecycle-policy";
import { ValidationError } from "../../modules/validation-error";

describe("ValidationError", () => {
  const stack = () => new TerraformStack(new App({ outdir: "/tmp/validation-error-test" }), "ws");

  it("a construct's refusal names its path", () => {
    let thrown: unknown;
    try {
      new ProjectBucket(stack(), "b", { bucketName: "acme-sm-rc-x", tags: {}, folders: ["raw"] });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as Error).message).toBe("ws/b: folder 'raw' must end (and not start) with '/'");
    expect((thrown as Error).name).toBe("ValidationError");
  });

  it("every kind of refusal is one: an element, a pure helper", () => {
    expect(() => new RemovedBlock(stack(), "r", { from: "not an address" })).toThrow(ValidationError);
    expect(() => keepLastImagesPolicy(0)).toThrow(
      new ValidationError("image retention must be a positive integer, got 0"),
    );
  });
});
