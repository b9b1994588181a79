import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCli } from "./run-cli";

const ROOT = resolve(__dirname, "../..");
const EXAMPLE = join(ROOT, "examples/contact-center.yaml");
const BIN = join(ROOT, "bin/genesys-email");

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-cli-synth-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The example with one line changed, written to `<work>/<name>.yaml`. */
function exampleWith(name: string, from: string, to: string): string {
  const text = readFileSync(EXAMPLE, "utf8");
  if (!text.includes(from)) throw new Error(`example has no ${from}`);
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, text.replace(from, to));
  return file;
}

describe("genesys-email synth", () => {
  test("writes <out>/stacks/<file name>/cdk.tf.json and exits 0", async () => {
    // WHEN
    const result = await runCli(["synth", EXAMPLE, "--out", "cdktf.out"], { cwd: work });

    // THEN
    expect(result).toEqual({ code: 0, stdout: "contact-center: cdktf.out/stacks/contact-center/cdk.tf.json\n", stderr: "" });
    const tf = JSON.parse(readFileSync(join(work, "cdktf.out/stacks/contact-center/cdk.tf.json"), "utf8"));
    expect(tf.terraform.backend).toEqual({ local: { path: "terraform.contact-center.tfstate" } });
    expect(Object.keys(tf.output).sort()).toEqual(["client_id", "client_secret", "mailboxes", "migration_request", "service_principal_object_id", "tenant_id"]);
  });

  test("--out defaults to cdktf.out in the working directory", async () => {
    const result = await runCli(["synth", EXAMPLE], { cwd: work });
    expect(result.code).toBe(0);
    expect(existsSync(join(work, "cdktf.out/stacks/contact-center/cdk.tf.json"))).toBe(true);
  });

  test("a config with errors exits 1, prints every finding as validate does, and leaves the previous output untouched", async () => {
    // GIVEN: a good synth first
    const good = join(work, "cc.yaml");
    copyFileSync(EXAMPLE, good);
    expect((await runCli(["synth", good, "--out", "out"], { cwd: work })).code).toBe(0);
    const target = join(work, "out/stacks/cc/cdk.tf.json");
    const before = readFileSync(target);
    const mtime = statSync(target).mtimeMs;
    const bad = exampleWith("cc", "      maxSizeMb: 10\n", "      maxSizeMb: 30\n      mailboxSize: 1\n");

    // WHEN
    const result = await runCli(["synth", bad, "--out", "out"], { cwd: work });

    // THEN
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("ERROR GE001 mailboxes.inbound[1].mailboxSize Unknown field `mailboxSize` in mailboxes.inbound[1]. (fix: ");
    expect(result.stderr).toContain(`  at ${bad}:`);
    // One round: the rule finding beside the shape finding.
    expect(result.stderr).toContain("ERROR GE105 mailboxes.inbound[1].maxSizeMb Max size must be a whole number of MB from 5 to 20; 30 is above 20. (fix: ");
    expect(result.stderr).toMatch(new RegExp(`: 2 errors; nothing was written to out\\.\\n$`));
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(statSync(target).mtimeMs).toBe(mtime);
    expect(readdirSync(work).sort()).toEqual(["cc.yaml", "out"]);
  });

  test("every rule error is listed, with its position", async () => {
    // GIVEN: Max size out of range (GE105) and no Directory ID (GE114)
    const text = readFileSync(EXAMPLE, "utf8")
      .replace("      maxSizeMb: 10\n", "      maxSizeMb: 30\n")
      .replace("  directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455   # Entra Directory (tenant) ID\n", "");
    const file = join(work, "cc.yaml");
    writeFileSync(file, text);

    // WHEN
    const result = await runCli(["synth", file, "--out", "out"], { cwd: work });

    // THEN
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter((l) => /^(ERROR|WARN) /.test(l));
    // By position: tenant (where the Directory ID is missing) comes first in the file.
    expect(lines.map((l) => l.split(" ").slice(0, 3).join(" "))).toEqual(["ERROR GE114 tenant.directoryId", "ERROR GE105 mailboxes.inbound[1].maxSizeMb"]);
    expect(result.stderr).toContain("ERROR GE105 mailboxes.inbound[1].maxSizeMb Max size must be a whole number of MB from 5 to 20; 30 is above 20. (fix: ");
    expect(result.stderr).toContain(`  at ${file}:22:18`);
    expect(result.stderr).toMatch(/: 2 errors; nothing was written to out\.\n$/);
    expect(existsSync(join(work, "out"))).toBe(false);
  });

  test("warnings are printed and synth still succeeds", async () => {
    const file = exampleWith("ews", "server: { host: outlook.office365.com, port: 993, type: IMAP }\n      auth: oauth2\n      maxSizeMb: 10", "server: { host: outlook.office365.com, type: EWS }\n      auth: oauth2\n      maxSizeMb: 10");
    const result = await runCli(["synth", file, "--out", "out"], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^WARN GE202 mailboxes\.inbound\[1\]\.server\.type EWS against Exchange Online is blocked/);
    expect(result.stdout).toBe("ews: out/stacks/ews/cdk.tf.json\n");
  });

  test.each([
    [["synth"], /synth takes exactly one config file \(or - for standard input\)\./],
    [["synth", "a.yaml", "b.yaml"], /synth takes exactly one config file \(or - for standard input\)\./],
    [["synth", "missing.yaml"], /missing\.yaml: no such file/],
    [["synth", EXAMPLE, "--bogus"], /synth: unknown option `--bogus`\.\n\nUsage: genesys-email synth /],
    [["synth", EXAMPLE, "--env", "prod"], /--env prod: .*contact-center\.yaml has no such environment \(it has: contact-center\)\./],
  ])("usage problems exit 2: %j", async (argv, message) => {
    const result = await runCli(argv as string[], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(work, "cdktf.out"))).toBe(false);
  });

  test("--env names the file's only stack", async () => {
    const result = await runCli(["synth", EXAMPLE, "--env", "contact-center", "--out", "o"], { cwd: work });
    expect(result.code).toBe(0);
    expect(existsSync(join(work, "o/stacks/contact-center/cdk.tf.json"))).toBe(true);
  });

  test("--help", async () => {
    const result = await runCli(["synth", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: genesys-email synth <file\|-> \[--out DIR\] \[--env NAME\]/);
  });

  test("no secret value reaches the output (canary values in the environment)", async () => {
    const canaries = { SUPPORT_TEST_MAILBOX_PASSWORD: "canary-cli-1a2b3c", SUPPORT_MAILBOX_PASSWORD: "canary-cli-4d5e6f", OUTBOUND_MAILBOX_PASSWORD: "canary-cli-7a8b9c" };
    const saved = { ...process.env };
    Object.assign(process.env, canaries);
    try {
      const result = await runCli(["synth", EXAMPLE, "--out", "out"], { cwd: work, env: canaries });
      expect(result.code).toBe(0);
      expect(result.stdout + result.stderr).not.toContain("canary-");
    } finally {
      process.env = saved;
    }
    for (const f of readdirSync(join(work, "out"), { recursive: true, encoding: "utf8" })) {
      const path = join(work, "out", f);
      if (statSync(path).isFile()) expect(readFileSync(path, "utf8")).not.toContain("canary-");
    }
  });
});

describe("genesys-email synth: a backend credential in the config", () => {
  test.each([
    ["azurerm", "{ storageAccountName: tfstate, containerName: state, key: email.tfstate, accessKey: canary-backend-key }", "accessKey"],
    ["s3", "{ bucket: state, key: email.tfstate, region: eu-west-1, secretKey: canary-backend-key }", "secretKey"],
    ["remote", "{ organization: contoso, token: canary-backend-key, workspaces: { name: email } }", "token"],
    ["cloud", "{ organization: contoso, token: canary-backend-key, workspaces: { name: email } }", "token"],
  ])("%s: exit 1 naming the setting, nothing written, the value nowhere", async (type, config, key) => {
    const file = join(work, "email.yaml");
    writeFileSync(file, `${readFileSync(EXAMPLE, "utf8")}\nbackend:\n  type: ${type}\n  config: ${config}\n`);
    const result = await runCli(["synth", file, "--out", "out"], { cwd: work });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`ERROR GE140 backend.config.${key} The ${type} backend's \`${key}\` is a credential: it would be written to cdk.tf.json in clear text. (fix: remove it from the config; set `);
    expect(result.stderr).not.toContain("canary-backend-key");
    expect(readdirSync(work)).toEqual(["email.yaml"]);
  });
});

describe("bin/genesys-email synth (a real process, as npm run synth runs it)", () => {
  test("from two working directories into two folders: byte-identical cdk.tf.json", () => {
    // GIVEN
    const a = join(work, "a");
    const b = join(work, "b", "nested");
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });

    // WHEN
    const runA = spawnSync(process.execPath, [BIN, "synth", EXAMPLE, "--out", "cdktf.out"], { cwd: a, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    const runB = spawnSync(process.execPath, [BIN, "synth", EXAMPLE, "--out", join(work, "other-out")], { cwd: b, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });

    // THEN
    expect([runA.status, runA.stderr]).toEqual([0, ""]);
    expect([runB.status, runB.stderr]).toEqual([0, ""]);
    const fileA = readFileSync(join(a, "cdktf.out/stacks/contact-center/cdk.tf.json"));
    const fileB = readFileSync(join(work, "other-out/stacks/contact-center/cdk.tf.json"));
    expect(fileA.equals(fileB)).toBe(true);
  });

  test("validate never loads CDKTF; synth does", () => {
    const probe = (command: string) =>
      spawnSync(
        process.execPath,
        [
          "-e",
          `const { main } = require(${JSON.stringify(join(ROOT, "dist/cli/main"))});
           const io = { stdout: { write() {} }, stderr: { write() {} }, env: {}, cwd: ${JSON.stringify(work)} };
           main([${JSON.stringify(command)}, ${JSON.stringify(EXAMPLE)}, "--out", ${JSON.stringify(join(work, "p"))}].slice(0, ${command === "validate" ? 2 : 4}), io)
             .then((code) => console.log(code, Object.keys(require.cache).some((k) => /node_modules[\\\\/]cdktf[\\\\/]/.test(k))));`,
        ],
        { encoding: "utf8" },
      ).stdout.trim();
    expect(probe("validate")).toBe("0 false");
    expect(probe("synth")).toBe("0 true");
  });
});

const HAS_TERRAFORM = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

describe("terraform plan of the mailbox records (built-in provider only, offline)", () => {
  const basic = (name: string, maxSizeMb: number) =>
    [
      "mailboxes:",
      "  inbound:",
      `    - name: ${name}`,
      "      mailbox: support@contoso.com",
      "      server: { host: mail.contoso.com, port: 993, type: IMAP }",
      "      auth: basic",
      `      maxSizeMb: ${maxSizeMb}`,
      "      password: { env: SUPPORT_PASSWORD }",
      "",
    ].join("\n");
  const terraform = (dir: string, ...args: string[]) => {
    const r = spawnSync("terraform", [...args, "-input=false", "-no-color"], { cwd: dir, encoding: "utf8", env: { ...process.env, TF_IN_AUTOMATION: "1" } });
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  };

  (HAS_TERRAFORM ? test : test.skip)("a field change plans in place, a rename plans a replacement, and re-synth keeps the state", async () => {
    // GIVEN: applied once
    const file = join(work, "basic.yaml");
    const dir = join(work, "out/stacks/basic");
    writeFileSync(file, basic("support", 5));
    expect((await runCli(["synth", file, "--out", "out"], { cwd: work })).code).toBe(0);
    terraform(dir, "init");
    terraform(dir, "apply", "-auto-approve");

    // WHEN / THEN: Max size changed
    writeFileSync(file, basic("support", 10));
    expect((await runCli(["synth", file, "--out", "out"], { cwd: work })).code).toBe(0);
    expect(existsSync(join(dir, "terraform.basic.tfstate"))).toBe(true);
    const update = terraform(dir, "plan");
    expect(update).toMatch(/maxSizeMb\s+= 5 -> 10/);
    expect(update).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");

    // WHEN / THEN: renamed
    writeFileSync(file, basic("support2", 5));
    expect((await runCli(["synth", file, "--out", "out"], { cwd: work })).code).toBe(0);
    const rename = terraform(dir, "plan");
    expect(rename).toContain("Plan: 1 to add, 0 to change, 1 to destroy.");
  }, 120000);
});
