import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadConfigFile } from "../../../src/config/load";
import type { EmailConfigInput } from "../../../src/model/config";
import { synthesize } from "../../../cli/synth/synthesize";
import { config, graph, imap, smtp } from "../../constructs/helpers";

const EXAMPLE = resolve(__dirname, "../../../examples/contact-center.yaml");
const example = (): EmailConfigInput => loadConfigFile(EXAMPLE).data as EmailConfigInput;

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-synth-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

function stackJson(out: string, name: string): { terraform: { backend: Record<string, Record<string, unknown>> } } {
  return JSON.parse(readFileSync(join(out, "stacks", name, "cdk.tf.json"), "utf8"));
}

describe("synthesize", () => {
  test("the example twice, from different working directories into different folders: byte-identical", async () => {
    // GIVEN
    const cwdA = join(work, "a", "deeper");
    const cwdB = join(work, "b");
    mkdirSync(cwdA, { recursive: true });
    mkdirSync(cwdB, { recursive: true });
    const original = process.cwd();

    // WHEN
    try {
      process.chdir(cwdA);
      await synthesize({ outDir: "cdktf.out", stacks: [{ name: "contact-center", config: example() }] });
      process.chdir(cwdB);
      await synthesize({ outDir: join(work, "elsewhere", "out"), stacks: [{ name: "contact-center", config: example() }] });
    } finally {
      process.chdir(original);
    }

    // THEN
    const a = readFileSync(join(cwdA, "cdktf.out", "stacks", "contact-center", "cdk.tf.json"));
    const b = readFileSync(join(work, "elsewhere", "out", "stacks", "contact-center", "cdk.tf.json"));
    expect(b.equals(a)).toBe(true);
    expect(a.toString()).not.toContain(work);
    expect(stackJson(join(cwdA, "cdktf.out"), "contact-center").terraform.backend).toEqual({ local: { path: "terraform.contact-center.tfstate" } });
  });

  test("no password, env var value or client secret appears in any synthesized file (canaries)", async () => {
    // GIVEN: every variable the config names holds a canary, as do look-alikes
    const canaries: Record<string, string> = {
      SUPPORT_PASSWORD: "canary-support-7f3a9c",
      SALES_PASSWORD: "canary-sales-2b8e41",
      OUTBOUND_MAILBOX_PASSWORD: "canary-outbound-d04e77",
      GRAPH_CLIENT_SECRET: "canary-client-secret-91c5aa",
      ARM_CLIENT_SECRET: "canary-arm-secret-5e6f10",
      AZURE_CLIENT_SECRET: "canary-azure-secret-c3d2b1",
    };
    const saved = { ...process.env };
    Object.assign(process.env, canaries);
    const input = config([imap("support"), imap("sales"), graph("billing")], smtp(), { application: { clientSecret: { env: "GRAPH_CLIENT_SECRET" } } });

    // WHEN
    try {
      await synthesize({ outDir: join(work, "out"), stacks: [{ name: "canary", config: input }] });
    } finally {
      process.env = saved;
    }

    // THEN
    const files = filesUnder(join(work, "out"));
    expect(files.map((f) => f.slice(work.length))).toEqual(expect.arrayContaining(["/out/stacks/canary/cdk.tf.json", "/out/manifest.json"]));
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const value of Object.values(canaries)) expect(text).not.toContain(value);
      expect(text).not.toContain("canary-");
    }
    // the variable names are there: reviewers see which secret a mailbox uses
    expect(readFileSync(join(work, "out", "stacks", "canary", "cdk.tf.json"), "utf8")).toContain('"env": "SUPPORT_PASSWORD"');
  });

  test("a config the constructs reject: the error surfaces and the previous output is untouched", async () => {
    // GIVEN
    const out = join(work, "out");
    await synthesize({ outDir: out, stacks: [{ name: "cc", config: config([imap("support")]) }] });
    const before = readFileSync(join(out, "stacks", "cc", "cdk.tf.json"));
    const mtime = statSync(join(out, "stacks", "cc", "cdk.tf.json")).mtimeMs;

    // WHEN / THEN
    await expect(synthesize({ outDir: out, stacks: [{ name: "cc", config: config([imap("support", { maxSizeMb: 99 })]) }] })).rejects.toThrow(/GE105/);
    expect(readFileSync(join(out, "stacks", "cc", "cdk.tf.json")).equals(before)).toBe(true);
    expect(statSync(join(out, "stacks", "cc", "cdk.tf.json")).mtimeMs).toBe(mtime);
    expect(readdirSync(work)).toEqual(["out"]);
    expect(readdirSync(out).sort()).toEqual(["manifest.json", "stacks"]);
  });

  test("re-synth replaces the generated files; Terraform's files, your own files and other stacks stay", async () => {
    // GIVEN: a previous synth, terraform init/apply leftovers, a file of the user's, another stack
    const out = join(work, "out");
    await synthesize({ outDir: out, stacks: [{ name: "cc", config: config([imap("support")]) }] });
    const dir = join(out, "stacks", "cc");
    writeFileSync(join(dir, "terraform.cc.tfstate"), '{"state":1}');
    writeFileSync(join(dir, "terraform.cc.tfstate.backup"), '{"state":0}');
    writeFileSync(join(dir, ".terraform.lock.hcl"), "# lock");
    mkdirSync(join(dir, ".terraform", "providers"), { recursive: true });
    writeFileSync(join(dir, ".terraform", "providers", "marker"), "x");
    writeFileSync(join(dir, "override.tf.json"), "{}");
    await synthesize({ outDir: out, stacks: [{ name: "other", config: config([imap("sales")]) }] });

    // WHEN
    const [written] = await synthesize({ outDir: out, stacks: [{ name: "cc", config: config([imap("support", { maxSizeMb: 12 })]) }] });

    // THEN
    expect(written).toEqual({ name: "cc", directory: dir, file: join(dir, "cdk.tf.json") });
    expect(readFileSync(join(dir, "cdk.tf.json"), "utf8")).toContain('"maxSizeMb": 12');
    expect(readFileSync(join(dir, "terraform.cc.tfstate"), "utf8")).toBe('{"state":1}');
    expect(readFileSync(join(dir, "terraform.cc.tfstate.backup"), "utf8")).toBe('{"state":0}');
    expect(readFileSync(join(dir, ".terraform.lock.hcl"), "utf8")).toBe("# lock");
    expect(readFileSync(join(dir, ".terraform", "providers", "marker"), "utf8")).toBe("x");
    expect(readFileSync(join(dir, "override.tf.json"), "utf8")).toBe("{}");
    expect(existsSync(join(out, "stacks", "other", "cdk.tf.json"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(["cc", "other"]);
    expect(readdirSync(work)).toEqual(["out"]);
    expect(readdirSync(out).sort()).toEqual(["manifest.json", "stacks"]);
  });

  test("a file an earlier synth generated and this one does not is removed", async () => {
    // GIVEN: OAuth 2.0 mailboxes give a migration request; basic auth only gives none
    const out = join(work, "out");
    const dir = join(out, "stacks", "cc");
    await synthesize({ outDir: out, stacks: [{ name: "cc", config: config([imap("support")]) }] });
    expect(readdirSync(dir).sort()).toEqual([".genesys-email-stack.json", "cdk.tf.json", "exchange-setup.ps1", "migration-request.json", "migration-request.md", "pre-migration.md"]);
    writeFileSync(join(dir, "terraform.cc.tfstate"), '{"state":1}');
    const basic: EmailConfigInput = { mailboxes: { inbound: [{ name: "legacy", mailbox: "legacy", server: { host: "mail.example.org", type: "IMAP" }, auth: "basic", password: { env: "LEGACY_PASSWORD" } }] } };

    // WHEN
    await synthesize({ outDir: out, stacks: [{ name: "cc", config: basic }] });

    // THEN
    expect(readdirSync(dir).sort()).toEqual([".genesys-email-stack.json", "cdk.tf.json", "terraform.cc.tfstate"]);
    expect(JSON.parse(readFileSync(join(dir, ".genesys-email-stack.json"), "utf8"))).toEqual({ files: ["cdk.tf.json"] });
  });

  test("several stacks in one app, each with its own backend", async () => {
    // GIVEN
    const stacks = [
      { name: "dev", config: config([imap("support")]) },
      {
        name: "prod",
        config: config([imap("support")], undefined, {
          backend: { type: "azurerm" as const, config: { resourceGroupName: "tfstate", storageAccountName: "contosotfstate", containerName: "tfstate", key: "genesys-email/prod.tfstate" } },
        }),
      },
    ];

    // WHEN
    await synthesize({ outDir: join(work, "out"), stacks });

    // THEN
    expect(stackJson(join(work, "out"), "dev").terraform.backend).toEqual({ local: { path: "terraform.dev.tfstate" } });
    expect(stackJson(join(work, "out"), "prod").terraform.backend).toEqual({
      azurerm: { container_name: "tfstate", key: "genesys-email/prod.tfstate", resource_group_name: "tfstate", storage_account_name: "contosotfstate" },
    });
  });

});
