import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { addEnvironmentStacks } from "../../constructs/environment-stacks";
import type { EmailConfigWithEnvironments } from "../../src/config/environments";
import { runCli } from "../cli/run-cli";
import { testApp } from "../support/test-app";
import { fileTree as tree } from "../support/file-tree";

const stackFiles = (files: Record<string, string>, stack: string) => Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith(`stacks/${stack}/`)));

describe("synth: one independent stack per environment", () => {
  const example = readFileSync("examples/environments.yaml", "utf8");
  const work = mkdtempSync(join(tmpdir(), "ge-env-stacks-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function synth(cwd: string, text: string): Promise<Record<string, string>> {
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, "environments.yaml"), text);
    const r = await runCli(["synth", "environments.yaml", "--out", "out"], { cwd });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    return tree(join(cwd, "out"));
  }

  // Synth of three stacks takes seconds: synthesize the example once and compare against it.
  let first: Record<string, string>;
  beforeAll(async () => {
    first = await synth(join(work, "a"), example);
  }, 60_000);

  it("synthesizing all environments twice, from different folders, gives byte-identical files", async () => {
    // GIVEN the example synthesized from `a`; WHEN synthesized again from another folder
    const second = await synth(join(work, "b", "nested"), example);
    // THEN
    expect(Object.keys(first).filter((p) => p.endsWith("cdk.tf.json"))).toEqual(["stacks/dev/cdk.tf.json", "stacks/prod/cdk.tf.json", "stacks/stage/cdk.tf.json"]);
    expect(second).toEqual(first);
  }, 60_000);

  it("each stack has its own backend: local relative state for dev, HCP Terraform for stage, azurerm for prod", () => {
    const backend = (stack: string) => JSON.parse(first[`stacks/${stack}/cdk.tf.json`]!).terraform.backend;
    expect(backend("dev")).toEqual({ local: { path: "terraform.dev.tfstate" } });
    expect(backend("stage")).toBeUndefined(); // HCP Terraform is `terraform.cloud`, not a backend block
    expect(JSON.parse(first["stacks/stage/cdk.tf.json"]!).terraform.cloud).toEqual({ organization: "contoso", workspaces: { name: "genesys-email-stage" } });
    expect(backend("prod")).toEqual({
      azurerm: { container_name: "tfstate", key: "genesys-email-prod.tfstate", resource_group_name: "rg-genesys-email-tfstate", storage_account_name: "stgenesysemailtfstate" },
    });
    for (const file of Object.keys(first).filter((p) => p.endsWith("cdk.tf.json"))) {
      expect(first[file]).not.toContain("terraform_remote_state");
    }
  });

  it("changing one environment's override changes only that environment's stack", async () => {
    // GIVEN prod's billing mailbox at 15 MB instead of 20
    const changed = example.replace("          maxSizeMb: 20\n          designerApplication: Billing Email", "          maxSizeMb: 15\n          designerApplication: Billing Email");
    expect(changed).not.toBe(example);
    // WHEN
    const after = await synth(join(work, "after"), changed);
    // THEN
    expect(stackFiles(after, "dev")).toEqual(stackFiles(first, "dev"));
    expect(stackFiles(after, "stage")).toEqual(stackFiles(first, "stage"));
    expect(after["stacks/prod/cdk.tf.json"]).not.toEqual(first["stacks/prod/cdk.tf.json"]);
  }, 60_000);

  it("--env synthesizes one environment only", async () => {
    const cwd = join(work, "one");
    mkdirSync(cwd);
    writeFileSync(join(cwd, "environments.yaml"), example);
    const r = await runCli(["synth", "environments.yaml", "--out", "out", "--env", "stage"], { cwd });
    expect(r.code).toBe(0);
    expect(readdirSync(join(cwd, "out", "stacks"))).toEqual(["stage"]);
  });
});

describe("addEnvironmentStacks (TypeScript API)", () => {
  const base = (): EmailConfigWithEnvironments => ({
    tenant: { directoryId: "0c5a6b0e-1a2b-4c3d-8e9f-001122334455" },
    mailboxes: {
      inbound: [
        { name: "support_test", mailbox: "support-test@contoso.com", server: { host: "outlook.office365.com", type: "IMAP" }, password: { env: "TEST_PASSWORD" }, testMailbox: true },
        { name: "support", mailbox: "support@contoso.com", server: { host: "outlook.office365.com", type: "IMAP" }, password: { env: "SUPPORT_PASSWORD" } },
      ],
    },
    environments: {
      dev: { mailboxes: { inbound: { support: null } } },
      prod: { mailboxes: { inbound: { support: { maxSizeMb: 10 } } }, backend: { type: "azurerm", config: { key: "prod.tfstate" } } },
    },
  });
  const synthAll = (config: EmailConfigWithEnvironments) => Object.fromEntries(addEnvironmentStacks(testApp(), config).map((s) => [s.node.id, Testing.synth(s, true)]));

  it("builds one stack per environment, twice the same", () => {
    const first = synthAll(base());
    expect(Object.keys(first)).toEqual(["dev", "prod"]);
    expect(synthAll(base())).toEqual(first);
    expect(JSON.parse(first.prod!).terraform.backend).toEqual({ azurerm: { key: "prod.tfstate" } });
  });

  it("changing one environment's override changes only that stack", () => {
    const before = synthAll(base());
    const config = base();
    (config.environments!.prod as { mailboxes: { inbound: Record<string, { maxSizeMb: number }> } }).mailboxes.inbound.support!.maxSizeMb = 12;
    const after = synthAll(config);
    expect(after.dev).toBe(before.dev);
    expect(after.prod).not.toBe(before.prod);
  });

  it("each environment's migration request names that environment; a config without environments names none", () => {
    const environmentOf = (config: EmailConfigWithEnvironments) =>
      addEnvironmentStacks(testApp(), config).map((s) => JSON.parse(s.email.migrationRequest!.files.find((f) => f.name === "migration-request.json")!.content).contactCenter);
    expect(environmentOf({ ...base(), contactCenter: { name: "Contoso" } })).toEqual([{ name: "Contoso", environment: "dev" }, { name: "Contoso", environment: "prod" }]);
    const { environments: _none, ...single } = base();
    expect(environmentOf(single)).toEqual([{}]);
  });

  it("only: picks environments; an unknown one is an error naming the declared ones", () => {
    expect(addEnvironmentStacks(testApp(), base(), { only: ["prod"] }).map((s) => s.node.id)).toEqual(["prod"]);
    expect(() => addEnvironmentStacks(testApp(), base(), { only: ["qa"] })).toThrow('No environment "qa"; the config declares: dev, prod.');
  });
});
