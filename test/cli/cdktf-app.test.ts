// `npx cdktf synth` as docs/constructs.md writes it: the CDKTF CLI (cdktf-cli, pinned) runs the app of
// cdktf.json (`node dist/cli/cdktf-app.js`, built by the test setup), which is `genesys-email synth`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { runCli } from "./run-cli";

const ROOT = resolve(__dirname, "../..");
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-cdktf-app-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** `npx cdktf synth --output <work>/<out>` in the repository, with the given environment. */
function cdktfSynth(out: string, env: Record<string, string>) {
  return spawnSync(NPX, ["--no-install", "cdktf", "synth", "--output", join(work, out)], {
    cwd: ROOT,
    encoding: "utf8",
    // CHECKPOINT_DISABLE: no version check against HashiCorp (offline here, and in most pipelines)
    env: { PATH: process.env.PATH ?? "", HOME: work, CHECKPOINT_DISABLE: "1", CI: "1", ...env },
  });
}

/** The app exactly as cdktf.json runs it, with CDKTF_OUTDIR set as the CDKTF CLI sets it (faster than the CLI). */
function app(out: string, env: Record<string, string>) {
  const config = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string };
  const [command, ...args] = config.app.split(" ");
  return spawnSync(command === "node" ? process.execPath : command!, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", CDKTF_OUTDIR: join(work, out), ...env },
  });
}

/** The generated files of every stack (Terraform's files and the lock excluded), by path under `out`. */
function stackFiles(out: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (relative(out, path).startsWith("stacks/")) files[relative(out, path)] = readFileSync(path, "utf8");
    }
  };
  walk(out);
  return files;
}

describe("the cdktf.json app", () => {
  test("npx cdktf synth, a file with environments: every environment is a stack, byte-identical to genesys-email synth", async () => {
    // GIVEN
    const file = join(ROOT, "examples/environments.yaml");

    // WHEN
    const run = cdktfSynth("cdktf.out", { GENESYS_EMAIL_CONFIG: file });
    const cli = await runCli(["synth", file, "--out", join(work, "cli.out")], { cwd: ROOT });

    // THEN
    expect([run.status, run.stderr]).toEqual([0, expect.any(String)]);
    expect(run.stdout).toContain("Generated Terraform code for the stacks: dev, prod, stage");
    expect(cli.code).toBe(0);
    const viaCdktf = stackFiles(join(work, "cdktf.out"));
    expect(Object.keys(viaCdktf).filter((p) => p.endsWith("cdk.tf.json"))).toEqual(["stacks/dev/cdk.tf.json", "stacks/prod/cdk.tf.json", "stacks/stage/cdk.tf.json"]);
    expect(viaCdktf).toEqual(stackFiles(join(work, "cli.out")));
  }, 120_000);

  test("GENESYS_EMAIL_ENV picks one environment; the other stacks' folders and their state stay", () => {
    // GIVEN a stack folder with Terraform state from an earlier run
    const file = join(ROOT, "examples/environments.yaml");
    expect(app("out", { GENESYS_EMAIL_CONFIG: file }).status).toBe(0);
    writeFileSync(join(work, "out/stacks/dev/terraform.dev.tfstate"), '{"version":4}');
    const dev = readFileSync(join(work, "out/stacks/dev/cdk.tf.json"), "utf8");

    // WHEN
    const run = app("out", { GENESYS_EMAIL_CONFIG: file, GENESYS_EMAIL_ENV: "prod" });

    // THEN
    expect([run.status, run.stdout]).toEqual([0, `prod: ${join(work, "out/stacks/prod/cdk.tf.json")}\n`]);
    expect(readFileSync(join(work, "out/stacks/dev/terraform.dev.tfstate"), "utf8")).toBe('{"version":4}');
    expect(readFileSync(join(work, "out/stacks/dev/cdk.tf.json"), "utf8")).toBe(dev);
    expect(Object.keys(JSON.parse(readFileSync(join(work, "out/manifest.json"), "utf8")).stacks)).toEqual(["dev", "prod", "stage"]);
  }, 60_000);

  test("GENESYS_EMAIL_ENV naming no environment: exit 2 and the environments the file has", () => {
    const run = app("out", { GENESYS_EMAIL_CONFIG: join(ROOT, "examples/environments.yaml"), GENESYS_EMAIL_ENV: "qa" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^genesys-email: --env qa: .*environments\.yaml has no such environment \(it has: dev, stage, prod\)\./);
  }, 60_000);

  test("a config with errors: the findings as validate prints them, exit 1, nothing written", () => {
    // GIVEN
    const bad = join(work, "bad.yaml");
    writeFileSync(bad, "mailboxes:\n  inbound:\n    - name: support\n      maxSizeMb: 99\n");

    // WHEN
    const run = app("out", { GENESYS_EMAIL_CONFIG: bad });

    // THEN
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      [
        // One round: the rules about well-formed fields run beside the shape findings, by position.
        "ERROR GE114 tenant.directoryId A Directory (tenant) ID is required because a mailbox uses OAuth 2.0. (fix: copy the Directory (tenant) ID from the Entra admin center (Overview) into tenant.directoryId)",
        `  at ${bad}:1:1`,
        "ERROR GE115 mailboxes No mailbox is marked as the test mailbox; exactly one is needed because 1 mailbox uses OAuth 2.0. (fix: mark exactly one OAuth 2.0 mailbox with testMailbox: true (Genesys migrates it first))",
        `  at ${bad}:2:3`,
        "ERROR GE001 mailboxes.inbound[0].mailbox Required field mailbox is missing. (fix: add mailbox (text))",
        `  at ${bad}:3:7`,
        "ERROR GE001 mailboxes.inbound[0].server Required field server is missing. (fix: add server (a mapping of fields))",
        `  at ${bad}:3:7`,
        "ERROR GE105 mailboxes.inbound[0].maxSizeMb Max size must be a whole number of MB from 5 to 20; 99 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))",
        `  at ${bad}:4:18`,
        `${bad}: 5 errors; nothing was written to ${join(work, "out")}.`,
        "",
      ].join("\n"),
    );
    expect(readdirSync(work)).toEqual(["bad.yaml"]);
  }, 60_000);
});
