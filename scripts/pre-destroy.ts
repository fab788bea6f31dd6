/**
 * The §10 pre-destroy step: SageMaker refuses to delete a space or user profile while it has apps
 * (`ResourceInUse` at apply). This reads plan JSON files (`terraform show -json tfplan`), finds the
 * spaces and profiles they destroy, deletes their apps and waits until they are gone.
 *
 *   npm run pre-destroy -- plans/*.json              # dry run: lists the apps it would delete
 *   npm run pre-destroy -- plans/*.json --execute    # deletes them and waits (default 15 min)
 *
 * Options: `--execute`, `--region <r>` (default AWS_REGION / the profile's), `--timeout <seconds>`.
 * Exit 0: nothing left running; 1: an app could not be deleted in time; 2: bad arguments.
 */
import * as fs from "fs";
import { DeleteAppCommand, ListAppsCommand, SageMakerClient, type AppDetails } from "@aws-sdk/client-sagemaker";

/** A space or profile a plan destroys. */
export interface DoomedHome {
  readonly kind: "space" | "profile";
  readonly domainId: string;
  readonly name: string;
  /** Terraform address, for the report. */
  readonly address: string;
}

/** The part of `terraform show -json` this step reads. */
interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly mode: string;
    readonly type: string;
    readonly change?: { readonly actions?: readonly string[]; readonly before?: Record<string, string> | null };
  }[];
}

/** Spaces and profiles destroyed (deleted or replaced) by a plan in `terraform show -json` form. */
export function homesDestroyedBy(plan: PlanJson): DoomedHome[] {
  const out: DoomedHome[] = [];
  for (const c of plan?.resource_changes ?? []) {
    if (c.mode !== "managed" || !c.change?.actions?.includes("delete")) continue;
    const before = c.change.before ?? {};
    if (c.type === "aws_sagemaker_space")
      out.push({ kind: "space", domainId: before.domain_id, name: before.space_name, address: c.address });
    if (c.type === "aws_sagemaker_user_profile")
      out.push({ kind: "profile", domainId: before.domain_id, name: before.user_profile_name, address: c.address });
  }
  return out;
}

/** What the step needs of the SageMaker API (the SDK client, or a fake in tests). */
export type AppsApi = Pick<SageMakerClient, "send">;

/** Apps that still hold a home: everything not deleted or failed. */
const live = (a: AppDetails) => a.Status !== "Deleted" && a.Status !== "Failed";

async function appsOf(api: AppsApi, home: DoomedHome): Promise<AppDetails[]> {
  const apps: AppDetails[] = [];
  let NextToken: string | undefined;
  do {
    const page = await api.send(
      new ListAppsCommand({
        DomainIdEquals: home.domainId,
        ...(home.kind === "space" ? { SpaceNameEquals: home.name } : { UserProfileNameEquals: home.name }),
        NextToken,
      }),
    );
    apps.push(...(page.Apps ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return apps.filter(live);
}

export interface StopOptions {
  readonly execute: boolean;
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly log: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** Deletes (or, dry run, lists) the live apps of every home; resolves true when none is left. */
export async function stopApps(api: AppsApi, homes: readonly DoomedHome[], o: StopOptions): Promise<boolean> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  if (!homes.length) {
    o.log("no space or user profile is destroyed by these plans: nothing to stop");
    return true;
  }
  const pending = new Map<DoomedHome, AppDetails[]>();
  for (const home of homes) {
    const apps = await appsOf(api, home);
    const label = `${home.kind} ${home.name} (${home.domainId}, ${home.address})`;
    if (!apps.length) o.log(`${label}: no running apps`);
    for (const app of apps) {
      o.log(`${label}: ${o.execute ? "deleting" : "would delete"} app ${app.AppType}/${app.AppName} (${app.Status})`);
      if (o.execute && app.Status !== "Deleting")
        await api.send(
          new DeleteAppCommand({
            DomainId: home.domainId,
            AppType: app.AppType,
            AppName: app.AppName,
            ...(home.kind === "space" ? { SpaceName: home.name } : { UserProfileName: home.name }),
          }),
        );
    }
    if (apps.length) pending.set(home, apps);
  }
  if (!o.execute) {
    o.log(
      pending.size
        ? `dry run: ${[...pending.values()].flat().length} app(s) would be deleted; run again with --execute before the apply`
        : "dry run: nothing to delete",
    );
    return pending.size === 0;
  }
  const deadline = now() + o.timeoutMs;
  while (pending.size) {
    if (now() >= deadline) {
      for (const [home, apps] of pending)
        o.log(`still running after the timeout: ${home.kind} ${home.name}: ${apps.map((a) => a.AppName).join(", ")}`);
      return false;
    }
    await sleep(o.pollMs);
    for (const home of [...pending.keys()]) {
      const apps = await appsOf(api, home);
      if (apps.length) pending.set(home, apps);
      else {
        pending.delete(home);
        o.log(`${home.kind} ${home.name}: apps gone`);
      }
    }
  }
  o.log("every app of the destroyed spaces and profiles is gone: the apply can delete them");
  return true;
}

const USAGE = "usage: npm run pre-destroy -- <plan.json>... [--execute] [--region <region>] [--timeout <seconds>]";

export function parseArgs(
  argv: readonly string[],
): { plans: string[]; execute: boolean; region?: string; timeoutMs: number } | { error: string } {
  const plans: string[] = [];
  let execute = false;
  let region: string | undefined;
  let timeoutMs = 15 * 60_000;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--execute") execute = true;
    else if (a === "--region" && argv[i + 1]) region = argv[++i];
    else if (a === "--timeout" && /^\d+$/.test(argv[i + 1] ?? "")) timeoutMs = Number(argv[++i]) * 1000;
    else if (a.startsWith("--")) return { error: `unknown or incomplete option '${a}'\n${USAGE}` };
    else plans.push(a);
  }
  if (!plans.length) return { error: `no plan file given\n${USAGE}` };
  return { plans, execute, region, timeoutMs };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(args.error);
    return 2;
  }
  const homes: DoomedHome[] = [];
  for (const file of args.plans) {
    let plan: PlanJson;
    try {
      plan = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      console.error(`${file}: not a plan JSON file (${(e as Error).message})`);
      return 2;
    }
    homes.push(...homesDestroyedBy(plan));
  }
  const client = new SageMakerClient(args.region ? { region: args.region } : {});
  const ok = await stopApps(client, homes, {
    execute: args.execute,
    timeoutMs: args.timeoutMs,
    pollMs: 15_000,
    log: (l) => console.log(l),
  });
  return ok || !args.execute ? 0 : 1;
}

if (require.main === module)
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(`pre-destroy failed: ${(e as Error).message}`);
      process.exitCode = 1;
    },
  );
