import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli";
import type { CliIO } from "../../cli/io";
import { main } from "../../cli/main";

// What a user sees at the terminal: one round of findings, suggestions, colour only where it belongs, versions, stdin.
const dir = mkdtempSync(join(tmpdir(), "ge-manners-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const FOUR = `# four problems, one round
tenant:
  directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-00112233445
mailboxes:
  inbound:
    - name: ${"a".repeat(41)}
      mailbox: support@contoso.com
      server: { host: outlook.office365.com, type: IMAP }
      password: { env: SUPPORT_PASSWORD }
      testMailbox: true
      maxSizeMb: 25
      designerApp: Support
`;

/** Runs the CLI with streams that say they are terminals (as a user's shell would). */
async function onTerminal(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: true },
    stderr: { write: (s: string) => (stderr += s), isTTY: true },
    env,
    cwd: process.cwd(),
    readStdin: async () => "",
  };
  return { code: await main(argv, io), stdout, stderr };
}

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b/;

describe("validate: one round", () => {
  it("an unknown key, a 41-character name, maxSizeMb: 25 and a bad GUID: all four, by line, the unknown key at its key", async () => {
    const f = file("four.yaml", FOUR);
    const r = await runCli(["validate", f]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")).toEqual([
      "ERROR GE114 tenant.directoryId Directory ID must be a GUID such as 0c5a6b0e-1a2b-4c3d-8e9f-001122334455; `0c5a6b0e-1a2b-4c3d-8e9f-00112233445` given. (fix: copy the Directory (tenant) ID from the Entra admin center (Overview) into tenant.directoryId)",
      `  at ${f}:3:16`,
      "ERROR GE102 mailboxes.inbound[0].name Mailbox Name must be at most 40 characters; `aaaaaaaaaaaaaaaaaaaa…` has 41. (fix: shorten the name to 40 characters or fewer)",
      `  at ${f}:6:13`,
      "ERROR GE105 mailboxes.inbound[0].maxSizeMb Max size must be a whole number of MB from 5 to 20; 25 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))",
      `  at ${f}:11:18`,
      "ERROR GE001 mailboxes.inbound[0].designerApp Unknown field `designerApp` in mailboxes.inbound[0]. (fix: did you mean designerApplication? Allowed here: name, mailbox, server, auth, maxSizeMb, password, testMailbox, designerApplication, suppressions)",
      `  at ${f}:12:7`,
      `${f}: 4 errors, 0 warnings`,
      "",
    ]);
  });

  it("says which rules a malformed field kept from running", async () => {
    const f = file("skipped.yaml", FOUR.replace("maxSizeMb: 25", "maxSizeMb: twenty"));
    const r = await runCli(["validate", f]);
    expect(r.stdout).toContain("ERROR GE001 mailboxes.inbound[0].maxSizeMb maxSizeMb must be a number; text given.");
    expect(r.stdout).toContain("\n1 rule (GE105) did not run: a field it reads is malformed (see the GE001 findings above). Fix those and validate again.\n");
  });

  it("YAML's 1e400 is named for what it became", async () => {
    const r = await runCli(["validate", file("inf.yaml", FOUR.replace("maxSizeMb: 25", "maxSizeMb: 1e400"))]);
    expect(r.stdout).toContain("maxSizeMb must be a number; infinity (YAML's .inf, or a number too large to hold, such as 1e400) given.");
  });

  it("a nested misspelled key in an environment is located in the environment, with a suggestion", async () => {
    const f = file(
      "envs.yaml",
      `mailboxes:
  inbound:
    - name: support
      mailbox: support@contoso.com
      server: { host: imap.contoso.com, type: IMAP }
      auth: basic
      password: { env: SUPPORT_PASSWORD }
environments:
  dev: {}
  prod:
    mailboxes:
      inbound:
        support: { designerApp: Support }
`,
    );
    const r = await runCli(["validate", f]);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      "ERROR GE001 mailboxes.inbound[0].designerApp Unknown field `designerApp` in mailboxes.inbound[0]. (fix: did you mean designerApplication? Allowed here: name, mailbox, server, auth, maxSizeMb, password, testMailbox, designerApplication, suppressions)",
      `  at ${f}:13:20 (environment prod)`,
    ]);
  });
});

describe("did you mean", () => {
  it.each([
    ["a command", ["valdiate", "x.yaml"], "genesys-email: unknown command `valdiate`. Did you mean validate?\n"],
    ["a flag", ["validate", "x.yaml", "--fromat", "json"], "genesys-email: validate: unknown option `--fromat`. Did you mean --format?\n"],
    ["a flag value", ["validate", "x.yaml", "--format", "jsno"], "genesys-email: --format must be one of text, json, github, sarif; `jsno` given. Did you mean json?\n"],
    ["an environment", ["validate", "examples/environments.yaml", "--env", "prdo"], 'genesys-email: examples/environments.yaml has no environment "prdo"; it declares: dev, stage, prod. Did you mean prod?\n'],
  ])("%s", async (_name, argv, first) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(first)).toBe(true);
  });

  it("a wrong flag prints that command's usage, not the general help", async () => {
    const r = await runCli(["diff", "a.yaml", "b.yaml", "--bsae", "main"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^genesys-email: diff: unknown option `--bsae`\. Did you mean --base\?\n\nUsage: genesys-email diff OLD NEW /);
    expect(r.stderr).not.toContain("Commands:");
  });
});

describe("colour", () => {
  const bad = () => file("colour.yaml", FOUR);

  it("on a terminal, the severity is coloured", async () => {
    const r = await onTerminal(["validate", bad()]);
    expect(r.stdout).toContain("\u001b[31m\u001b[1mERROR\u001b[22m\u001b[39m GE114");
  });

  it.each([
    ["NO_COLOR=1", ["validate"], { NO_COLOR: "1" }],
    ["--no-color", ["--no-color", "validate"], {}],
    ["--no-color after the command", ["validate", "--no-color"], {}],
    ["TERM=dumb", ["validate"], { TERM: "dumb" }],
  ])("%s: no escape sequence on a terminal", async (_name, argv, env) => {
    const r = await onTerminal([...argv, bad()], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ERROR GE114");
    expect(r.stdout + r.stderr).not.toMatch(ESCAPE);
  });

  it("NO_COLOR wins over FORCE_COLOR; FORCE_COLOR colours a pipe", async () => {
    expect((await onTerminal(["validate", bad()], { NO_COLOR: "1", FORCE_COLOR: "1" })).stdout).not.toMatch(ESCAPE);
    expect((await runCli(["validate", bad()], { env: { FORCE_COLOR: "1" } })).stdout).toMatch(ESCAPE);
    expect((await onTerminal(["validate", bad()], { FORCE_COLOR: "0" })).stdout).not.toMatch(ESCAPE);
  });

  it.each([
    ["validate", ["validate", "FILE"]],
    ["validate --format github", ["validate", "FILE", "--format", "github"]],
    ["a usage error", ["validate"]],
    ["an unknown command", ["valdiate"]],
    ["diff", ["diff", "FILE", "FILE"]],
    ["help", ["--help"]],
    ["version", ["version"]],
  ])("piped (the built CLI): no escape sequence from %s", (_name, argv) => {
    const f = bad();
    const r = spawnSync(process.execPath, ["bin/genesys-email", ...argv.map((a) => (a === "FILE" ? f : a))], { encoding: "utf8", env: { ...process.env, NO_COLOR: "", FORCE_COLOR: undefined } });
    expect(r.stdout + r.stderr).not.toMatch(ESCAPE);
    expect(r.stdout + r.stderr).not.toBe("");
  });
});

describe("version", () => {
  it("version and --version print the tool, cdktf and provider versions from the installed packages", async () => {
    const expected = [
      `genesys-email ${require("../../package.json").version}`,
      `cdktf ${require("cdktf/package.json").version}`,
      `@cdktf/provider-azuread ${require("@cdktf/provider-azuread/package.json").version} (hashicorp/azuread ${require("@cdktf/provider-azuread/package.json").cdktf.provider.version})`,
      `node ${process.version}`,
      "",
    ].join("\n");
    expect(await runCli(["version"])).toEqual({ code: 0, stdout: expected, stderr: "" });
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: expected, stderr: "" });
    const json = JSON.parse((await runCli(["version", "--format", "json"])).stdout);
    expect(json).toEqual({ "genesys-email": expect.any(String), cdktf: "0.21.0", "@cdktf/provider-azuread": "14.3.1", "hashicorp/azuread": "3.7.0", node: process.version });
  });
});

describe("- is standard input", () => {
  const example = readFileSync("examples/contact-center.yaml", "utf8");

  it("validate -", async () => {
    const r = await runCli(["validate", "-"], { stdin: FOUR });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("  at <stdin>:3:16\n");
    expect(r.stdout).toMatch(/<stdin>: 4 errors, 0 warnings\n$/);
  });

  it("diff - FILE", async () => {
    const f = file("same.yaml", example);
    const r = await runCli(["diff", "-", f], { stdin: example });
    expect(r).toEqual({ code: 0, stdout: `## genesys-email diff\n\n### \`<stdin>\` → \`${f}\`\n\nNo changes.\n`, stderr: "" });
  });

  it("standard input is read once: two - arguments are a usage error", async () => {
    const r = await runCli(["diff", "-", "-"], { stdin: example });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^genesys-email: config file -: standard input is already read by another - argument/);
  });

  it("check --tf-outputs - reads standard input (as manifest does)", async () => {
    // A config with errors stops check before any network: enough to see that - was accepted and read.
    const r = await runCli(["check", file("check.yaml", FOUR), "--tf-outputs", "-"], { stdin: "{ not json" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^genesys-email: --tf-outputs standard input is not valid JSON/);
  });
});
