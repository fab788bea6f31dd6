/**
 * The pre-destroy step (scripts/pre-destroy.ts) against a fake SageMaker API: it finds the spaces
 * and profiles a plan destroys, lists their apps, deletes them only with --execute, and waits.
 */
import { DeleteAppCommand, ListAppsCommand, type AppDetails } from "@aws-sdk/client-sagemaker";
import { homesDestroyedBy, parseArgs, stopApps, type AppsApi } from "../../scripts/pre-destroy";

const change = (type: string, address: string, actions: string[], before: Record<string, string>) => ({
  address,
  mode: "managed",
  type,
  change: { actions, before },
});

const PLAN = {
  resource_changes: [
    change("aws_sagemaker_space", "aws_sagemaker_space.bob", ["delete"], {
      domain_id: "d-1",
      space_name: "space-rc-fraud-bob",
    }),
    change("aws_sagemaker_user_profile", "aws_sagemaker_user_profile.bob", ["delete"], {
      domain_id: "d-1",
      user_profile_name: "profile-rc-fraud-bob",
    }),
    change("aws_sagemaker_space", "aws_sagemaker_space.eve", ["delete", "create"], {
      domain_id: "d-1",
      space_name: "space-eve",
    }),
    change("aws_sagemaker_space", "aws_sagemaker_space.kept", ["update"], {
      domain_id: "d-1",
      space_name: "space-kept",
    }),
    change("aws_s3_bucket", "aws_s3_bucket.x", ["delete"], { bucket: "x" }),
  ],
};

/** A fake API: apps per space; a deleted app is `Deleting` for `deletingPolls` listings, then gone. */
function fakeApi(apps: Record<string, AppDetails[]>, deletingPolls = 1) {
  const calls: { command: string; input: any }[] = [];
  const countdown = new Map<string, number>();
  const api: AppsApi = {
    send: (async (command: any) => {
      calls.push({ command: command.constructor.name, input: command.input });
      if (command instanceof ListAppsCommand) {
        const home = command.input.SpaceNameEquals ?? command.input.UserProfileNameEquals!;
        const listed = (apps[home] ?? []).flatMap((a): AppDetails[] => {
          const left = countdown.get(`${home}/${a.AppName}`);
          if (left === undefined) return [a];
          countdown.set(`${home}/${a.AppName}`, left - 1);
          return [{ ...a, Status: left > 0 ? "Deleting" : "Deleted" }];
        });
        return { Apps: listed };
      }
      if (command instanceof DeleteAppCommand) {
        countdown.set(
          `${command.input.SpaceName ?? command.input.UserProfileName}/${command.input.AppName}`,
          deletingPolls,
        );
        return {};
      }
      throw new Error(`unexpected command ${command.constructor.name}`);
    }) as AppsApi["send"],
  };
  return { api, calls };
}

const jupyter = (name = "default"): AppDetails => ({ AppType: "JupyterLab", AppName: name, Status: "InService" });

describe("pre-destroy: the apps of destroyed spaces and profiles", () => {
  it("finds deleted and replaced spaces and profiles, nothing else", () => {
    expect(homesDestroyedBy(PLAN).map((h) => `${h.kind} ${h.name}`)).toEqual([
      "space space-rc-fraud-bob",
      "profile profile-rc-fraud-bob",
      "space space-eve",
    ]);
  });

  it("dry run (default): lists what it would delete and deletes nothing", async () => {
    const { api, calls } = fakeApi({ "space-rc-fraud-bob": [jupyter()] });
    const log: string[] = [];
    const ok = await stopApps(api, homesDestroyedBy(PLAN), {
      execute: false,
      timeoutMs: 1000,
      pollMs: 1,
      log: (l) => log.push(l),
    });
    expect(ok).toBe(false);
    expect(calls.filter((c) => c.command === "DeleteAppCommand")).toEqual([]);
    expect(log).toContain(
      "space space-rc-fraud-bob (d-1, aws_sagemaker_space.bob): would delete app JupyterLab/default (InService)",
    );
    expect(log[log.length - 1]).toMatch(/dry run: 1 app\(s\) would be deleted; run again with --execute/);
  });

  it("--execute: deletes each live app of the right space or profile and waits until they are gone", async () => {
    const { api, calls } = fakeApi(
      {
        "space-rc-fraud-bob": [jupyter(), { AppType: "CodeEditor", AppName: "old", Status: "Deleted" }],
        "profile-rc-fraud-bob": [{ AppType: "JupyterServer", AppName: "default", Status: "InService" }],
      },
      2,
    );
    const log: string[] = [];
    const ok = await stopApps(api, homesDestroyedBy(PLAN), {
      execute: true,
      timeoutMs: 60_000,
      pollMs: 1,
      log: (l) => log.push(l),
      sleep: async () => {},
    });
    expect(ok).toBe(true);
    expect(calls.filter((c) => c.command === "DeleteAppCommand").map((c) => c.input)).toEqual([
      { DomainId: "d-1", AppType: "JupyterLab", AppName: "default", SpaceName: "space-rc-fraud-bob" },
      { DomainId: "d-1", AppType: "JupyterServer", AppName: "default", UserProfileName: "profile-rc-fraud-bob" },
    ]);
    expect(log).toContain("space space-rc-fraud-bob: apps gone");
    expect(log[log.length - 1]).toMatch(/every app .* is gone/);
  });

  it("--execute: reports failure when apps outlive the timeout", async () => {
    const { api } = fakeApi({ "space-eve": [jupyter()] }, 1_000);
    let t = 0;
    const log: string[] = [];
    const ok = await stopApps(api, homesDestroyedBy(PLAN), {
      execute: true,
      timeoutMs: 10,
      pollMs: 5,
      log: (l) => log.push(l),
      sleep: async (ms) => void (t += ms),
      now: () => t,
    });
    expect(ok).toBe(false);
    expect(log).toContain("still running after the timeout: space space-eve: default");
  });

  it("bad arguments give the usage line", () => {
    expect(parseArgs([])).toEqual({ error: expect.stringMatching(/^no plan file given\nusage: npm run pre-destroy/) });
    expect(parseArgs(["p.json", "--timeout", "soon"])).toEqual({
      error: expect.stringMatching(/unknown or incomplete option '--timeout'/),
    });
    expect(parseArgs(["a.json", "b.json", "--execute", "--timeout", "60"])).toEqual({
      plans: ["a.json", "b.json"],
      execute: true,
      region: undefined,
      timeoutMs: 60_000,
    });
  });
});
