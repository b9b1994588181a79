import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "ge-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const BASE = `tenant: { directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455 }
mailboxes:
  inbound:
    - name: support
      mailbox: support@contoso.com
      server: { host: outlook.office365.com, port: 993, type: IMAP }
      maxSizeMb: 5
      password: { env: SUPPORT_MAILBOX_PASSWORD }
      testMailbox: true
`;

describe("genesys-email validate", () => {
  it("exits 0 on the example and says so", async () => {
    const r = await runCli(["validate", "examples/contact-center.yaml"]);
    expect(r).toEqual({ code: 0, stdout: "examples/contact-center.yaml: 0 errors, 0 warnings\n", stderr: "" });
  });

  it("prints ERROR <ID> <path> <message> (fix: ...) with its position, and exits 1", async () => {
    const f = file("size.yaml", BASE.replace("maxSizeMb: 5", "maxSizeMb: 25"));
    const r = await runCli(["validate", f]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")).toEqual([
      "ERROR GE105 mailboxes.inbound[0].maxSizeMb Max size must be a whole number of MB from 5 to 20; 25 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))",
      `  at ${f}:7:18`,
      `${f}: 1 error, 0 warnings`,
      "",
    ]);
  });

  it("warnings never fail validate", async () => {
    const f = file("warn.yaml", BASE.replace("port: 993, type: IMAP", "port: 443, type: EWS"));
    const r = await runCli(["validate", f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("WARN GE202 mailboxes.inbound[0].server.type EWS against Exchange Online is blocked by default since 2026-10-01 and shut down on 2027-04-01: 121 days remain. (fix: move the mailbox to GRAPH");
  });

  it("--format json prints the same findings as data", async () => {
    const f = file("json.yaml", `${BASE}unknown: 1\n`);
    const r = await runCli(["validate", f, "--format", "json"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toBe(1);
    expect(out.findings).toEqual([
      {
        ruleId: "GE001",
        severity: "error",
        path: "unknown",
        message: "Unknown field `unknown`.",
        fix: "remove it; allowed here: contactCenter, tenant, application, mailboxes, fromAddresses, backend, suppressions",
        // At the key, where the mistake is, not at its value.
        location: { file: f, line: 10, column: 1 },
      },
    ]);
  });

  it.each([
    ["a missing file", ["validate", "/nonexistent/x.yaml"], 2, "genesys-email: /nonexistent/x.yaml: no such file\n"],
    ["no file argument", ["validate"], 2, expect.stringMatching(/^genesys-email: validate takes exactly one config file \(or - for standard input\)\.\n\nUsage: genesys-email validate <file\|->/)],
    ["an unknown flag", ["validate", "x.yaml", "--nope"], 2, expect.stringMatching(/^genesys-email: validate: unknown option `--nope`\.\n\nUsage: genesys-email validate /)],
    ["a bad format", ["validate", "x.yaml", "--format", "xml"], 2, "genesys-email: --format must be one of text, json, github, sarif; `xml` given.\nRun genesys-email validate --help for usage.\n"],
    ["an unknown command", ["frobnicate"], 2, "genesys-email: unknown command `frobnicate`.\nRun genesys-email --help for the list of commands.\n"],
  ])("%s: a clear message on stderr and exit 2", async (_name, argv, code, stderr) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).toEqual(stderr);
    expect(r.stdout).toBe("");
  });

  it("a YAML syntax error gets file:line:col and exit 2", async () => {
    const f = file("syntax.yaml", "mailboxes:\n  inbound: [\n  - a\n");
    const r = await runCli(["validate", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^genesys-email: ${f.replace(/[/.]/g, "\\$&")}:3:\\d+: YAML syntax error: .+\\n$`));
  });

  it("a wrong type gets one finding and exit 1", async () => {
    const f = file("type.yaml", BASE.replace("port: 993", "port: '993'"));
    const r = await runCli(["validate", f]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe("ERROR GE001 mailboxes.inbound[0].server.port port must be a number; text given. (fix: write port as a number)");
  });

  it("never prints the value of a referenced secret, even when it is set", async () => {
    const canary = "CANARY-validate-91c2";
    const f = file("secret.yaml", BASE.replace("maxSizeMb: 5", "maxSizeMb: 99"));
    const r = await runCli(["validate", f, "--format", "json"], { env: { SUPPORT_MAILBOX_PASSWORD: canary } });
    expect(r.stdout + r.stderr).not.toContain(canary);
  });
});

describe("bin/genesys-email (the built executable)", () => {
  it("--help works and lists the commands", () => {
    const r = spawnSync("bin/genesys-email", ["--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: genesys-email <command> [options]");
    expect(r.stdout).toContain("  validate   check a config file against every mailbox rule");
  });

  it("validates the example with exit 0, and never shows a stack trace for user mistakes", () => {
    expect(spawnSync("bin/genesys-email", ["validate", "examples/contact-center.yaml"], { encoding: "utf8" }).status).toBe(0);
    const r = spawnSync("bin/genesys-email", ["validate", "missing.yaml"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("genesys-email: missing.yaml: no such file\n");
  });
});

describe("bin/genesys-email --version", () => {
  it("prints the package version from the built CLI", () => {
    const r = spawnSync("bin/genesys-email", ["--version"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        `genesys-email ${require("../../package.json").version}`,
        `cdktf ${require("cdktf/package.json").version}`,
        `@cdktf/provider-azuread ${require("@cdktf/provider-azuread/package.json").version} (hashicorp/azuread 3.7.0)`,
        `node ${process.version}`,
        "",
      ].join("\n"),
    );
  });
});
