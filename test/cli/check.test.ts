// `genesys-email check` in-process against the loopback stack: exit codes, formats, selection, secrets.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main";
import type { CliIO } from "../../cli/io";
import { startMailStack, type MailStack } from "../support/mail-stack";

let stack: MailStack;
let dir: string;
let alice: string;
let bob: string;
let carol: string;
beforeAll(async () => {
  stack = await startMailStack();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-cli-"));
  [alice, bob, carol] = stack.users.map((u) => u.login) as [string, string, string];
}, 30_000);
afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => stack.reset());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], env: Record<string, string> = {}, tty = false, stdin?: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c), isTTY: tty },
    env: { ALICE_PASSWORD: stack.passwordOf(alice), BOB_PASSWORD: stack.passwordOf(bob), CAROL_PASSWORD: stack.passwordOf(carol), GRAPH_SECRET: stack.clientSecret, ...env },
    cwd: dir,
    ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

let n = 0;
function writeConfig(config: object): string {
  const file = path.join(dir, `config-${++n}.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** A valid config: IMAP test mailbox (alice), a GRAPH mailbox (bob), the outbound mailbox (carol). */
function baseConfig(over: { application?: object; inbound?: object[] } = {}) {
  const h = stack.host;
  return {
    tenant: { directoryId: stack.tenantId, authority: stack.authority },
    application: { clientId: stack.clientId, clientSecret: { env: "GRAPH_SECRET" }, ...over.application },
    mailboxes: {
      inbound: over.inbound ?? [
        { name: "support_test", mailbox: alice, server: { host: h, port: stack.ports.imaps, type: "IMAP", tls: "implicit" }, password: { env: "ALICE_PASSWORD" }, testMailbox: true },
        { name: "billing", mailbox: bob, server: { host: h, port: stack.ports.api, type: "GRAPH" } },
      ],
      outbound: { mailbox: carol, fromAddress: carol, server: { host: h, port: stack.ports.submission, type: "SMTP", tls: "starttls" }, password: { env: "CAROL_PASSWORD" } },
    },
  };
}

describe("exit codes", () => {
  test("0 when every mailbox passes; text table on stdout, progress on a terminal's stderr", async () => {
    const file = writeConfig(baseConfig());
    const r = await run(["check", file, "--ca-file", stack.caFile], {}, true);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ +mailbox +protocol +login +steps \(ms\)\nPASS +support_test \(test\) +IMAP +alice@example\.test +token \d+, login \d+, inbox \d+, logout \d+\n/);
    expect(r.stdout).toMatch(/\n3 mailboxes: 3 passed, 0 failed \(\d+ ms, 3 token requests\)\n$/);
    // A terminal gets colour (the severity), the warning its position, then the progress lines.
    expect(r.stderr).toMatch(/^\u001b\[33m\u001b\[1mWARN\u001b\[22m\u001b\[39m GE204 tenant\.authority .*\n.*  at .*\n\[1\/3\] PASS support_test \(IMAP, \d+ ms\)\n/);
  });

  test("no progress lines when stderr is not a terminal", async () => {
    const r = await run(["check", writeConfig(baseConfig()), "--ca-file", stack.caFile, "--mailbox", "support_test"]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("PASS");
  });

  test("1 when a mailbox fails, with the fix", async () => {
    const r = await run(["check", writeConfig(baseConfig()), "--ca-file", stack.caFile], { ALICE_PASSWORD: "wrong-password-canary" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL support_test: token: AADSTS50126: Error validating credentials due to invalid username or password.\n  fix: wrong password: check the password in ALICE_PASSWORD\n");
    expect(r.stdout + r.stderr).not.toContain("wrong-password-canary");
  });

  test("1 when the file has validation errors, listing the findings (nothing is contacted)", async () => {
    const config = baseConfig();
    delete (config.tenant as { directoryId?: string }).directoryId;
    const r = await run(["check", writeConfig(config), "--ca-file", stack.caFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ERROR GE114 tenant\.directoryId A Directory \(tenant\) ID is required because a mailbox uses OAuth 2\.0\. \(fix: .*\)\n  at .*config-\d+\.json:\d+:\d+\n/m);
    expect(stack.entra.count()).toBe(0);
  });

  test.each([
    [["--mailbox", "nope"], /no mailbox named "nope" in .*; its mailboxes: support_test, billing, smtp-client\./],
    [["--concurrency", "0"], /--concurrency must be a whole number from 1 to 64; "0" given\./],
    [["--timeout", "soon"], /--timeout must be a number of seconds above 0 and at most 300; "soon" given\./],
    [["--format", "xml"], /--format must be one of text, json, markdown, junit; `xml` given\./],
    [["--ca-file", "/nonexistent/ca.pem"], /--ca-file \/nonexistent\/ca\.pem: no such file/],
    [["--tf-outputs", "/nonexistent/out.json"], /--tf-outputs \/nonexistent\/out\.json: no such file/],
    [["--send-test-to", "not an address"], /--send-test-to must be one email address/],
    [["--env", "prod"], /declares no environments, so --env prod does not apply\./],
    [["--send-test-to", "bob@example.test", "--mailbox", "support_test"], /--send-test-to sends from the outbound mailbox: add --mailbox smtp-client\./],
  ])("2 for a usage error: %j", async (flags, message) => {
    const r = await run(["check", writeConfig(baseConfig()), ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(stack.entra.count()).toBe(0);
  });

  test("2 for a CA file that holds no certificate", async () => {
    const file = path.join(dir, "empty.pem");
    fs.writeFileSync(file, "not a certificate\n");
    const r = await run(["check", writeConfig(baseConfig()), "--ca-file", file]);
    expect([r.code, r.stderr]).toEqual([2, `genesys-email: --ca-file ${file}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n`]);
  });
});

describe("formats", () => {
  test("json: a stable shape for pipelines", async () => {
    const r = await run(["check", writeConfig(baseConfig()), "--ca-file", stack.caFile, "--format", "json"], { CAROL_PASSWORD: "nope" });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { mailboxes: Array<Record<string, unknown>>; summary: Record<string, unknown> };
    expect(Object.keys(out)).toEqual(["file", "mailboxes", "summary", "cause", "proxy"]);
    expect(out.mailboxes.map((m) => [m["name"], m["protocol"], m["verdict"]])).toEqual([
      ["support_test", "IMAP", "pass"],
      ["billing", "GRAPH", "pass"],
      ["smtp-client", "SMTP", "fail"],
    ]);
    const [first, , smtp] = out.mailboxes;
    expect(Object.keys(first!)).toEqual(["name", "mailbox", "protocol", "auth", "testMailbox", "verdict", "ms", "steps", "fix"]);
    expect(first!["fix"]).toBeNull();
    expect(first!["steps"]).toEqual([
      { step: "token", ok: true, ms: expect.any(Number), detail: expect.any(String) },
      { step: "login", ok: true, ms: expect.any(Number), detail: `logged in as ${alice} (TLS, OAuth 2.0)` },
      { step: "inbox", ok: true, ms: expect.any(Number), detail: expect.stringMatching(/^INBOX opened read-only: \d+ messages?$/) },
      { step: "logout", ok: true, ms: expect.any(Number), detail: "logged out" },
    ]);
    expect(smtp).toMatchObject({ code: "AADSTS50126", fix: "wrong password: check the password in CAROL_PASSWORD" });
    expect(out.summary).toEqual({ total: 3, passed: 2, failed: 1, tokenRequests: 3, ms: expect.any(Number) });
  });

  test("markdown: a table to attach to the migration request", async () => {
    const r = await run(["check", writeConfig(baseConfig()), "--ca-file", stack.caFile, "--format", "markdown"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## Connectivity check\n\nConfig `.*config-\d+\.json`, checked \S+ with `genesys-email check`: \*\*3 of 3 mailboxes passed\*\*\.\n/);
    expect(r.stdout).toContain("| Result | Mailbox Name | Protocol | Login | Steps (ms) | Fix |\n| --- | --- | --- | --- | --- | --- |\n| ✅ pass | `support_test` (test mailbox) | IMAP | `alice@example.test` | token ✓ ");
  });
});

describe("selection, Terraform outputs, POP3", () => {
  test("--mailbox checks only the named mailboxes; the test mailbox first", async () => {
    const r = await run(["check", writeConfig(baseConfig()), "--ca-file", stack.caFile, "--format", "json", "--mailbox", "smtp-client", "--mailbox", "support_test"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { mailboxes: Array<{ name: string }> }).mailboxes.map((m) => m.name)).toEqual(["support_test", "smtp-client"]);
  });

  test.each(["a file", "standard input (-)"])("client ID and client secret from terraform output -json in %s; the secret appears nowhere", async (source) => {
    // GIVEN a config without clientId/clientSecret, and the stack's outputs
    const canary = "tf-output-secret-canary-0123456789";
    stack.entra.updateClient(stack.clientId, { clientSecret: canary });
    const text = JSON.stringify({ client_id: { sensitive: false, type: "string", value: stack.clientId }, client_secret: { sensitive: true, type: "string", value: canary } });
    const outputs = path.join(dir, "outputs.json");
    fs.writeFileSync(outputs, text);
    const config = baseConfig();
    (config as { application: object }).application = {};
    // WHEN
    const fromStdin = source !== "a file";
    const r = await run(["check", writeConfig(config), "--ca-file", stack.caFile, "--tf-outputs", fromStdin ? "-" : outputs, "--format", "json"], {}, false, fromStdin ? text : undefined);
    // THEN
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(canary);
  });

  test("outputs that are not terraform output -json: exit 2 naming the source, never its text", async () => {
    const r = await run(["check", writeConfig(baseConfig()), "--tf-outputs", "-"], {}, false, "client_secret = hunter2-canary");
    expect([r.code, r.stderr]).toEqual([2, "genesys-email: --tf-outputs standard input is not valid JSON; expected the output of `terraform output -json`.\n"]);
  });

  test("POP3 over OAuth 2.0 needs GE113 suppressed with a reason (the vendor does not support it yet)", async () => {
    const h = stack.host;
    const inbound = [
      { name: "pop_test", mailbox: alice, server: { host: h, port: stack.ports.pop3s, type: "POP3", tls: "implicit" }, password: { env: "ALICE_PASSWORD" }, testMailbox: true, suppressions: [{ id: "GE113", reason: "proves the POP3 XOAUTH2 client against Dovecot" }] },
    ];
    const r = await run(["check", writeConfig({ ...baseConfig({ inbound }), mailboxes: { inbound } }), "--ca-file", stack.caFile, "--format", "json"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { mailboxes: Array<{ steps: Array<{ detail: string }> }> }).mailboxes[0]!.steps[2]!.detail).toBe(`logged in as ${alice} (AUTH XOAUTH2)`);
  });
});

describe("environments", () => {
  test("--env picks one merged environment; a file with several needs it", async () => {
    // GIVEN dev as the base is, and prod pointing the test mailbox at a port where nothing listens
    const config = {
      ...baseConfig(),
      environments: {
        dev: {},
        prod: { mailboxes: { inbound: { support_test: { server: { port: 1 } } } } },
      },
    };
    const file = writeConfig(config);
    // WHEN / THEN
    const dev = await run(["check", file, "--env", "dev", "--ca-file", stack.caFile, "--format", "json", "--mailbox", "support_test"]);
    expect([dev.code, (JSON.parse(dev.stdout) as { mailboxes: Array<{ verdict: string }> }).mailboxes[0]!.verdict]).toEqual([0, "pass"]);
    const prod = await run(["check", file, "--env", "prod", "--ca-file", stack.caFile, "--format", "json", "--mailbox", "support_test"]);
    expect([prod.code, (JSON.parse(prod.stdout) as { mailboxes: Array<{ code: string }> }).mailboxes[0]!.code]).toEqual([1, "ECONNREFUSED"]);
    const none = await run(["check", file, "--ca-file", stack.caFile]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("declares environments dev, prod: pick one with --env NAME.");
  });
});

describe("secrets", () => {
  test("no password, client secret or token in any output, pass or fail", async () => {
    const canaries = { ALICE_PASSWORD: "alice-canary-password-1", CAROL_PASSWORD: "carol-canary-password-2", GRAPH_SECRET: "graph-canary-secret-3" };
    stack.entra.addUser(alice, canaries.ALICE_PASSWORD);
    stack.entra.addUser(carol, canaries.CAROL_PASSWORD);
    stack.entra.updateClient(stack.clientId, { clientSecret: canaries.GRAPH_SECRET });
    stack.entra.tweakNext({ badSignature: true }, { username: carol }); // a refused token: servers echo what they refuse
    const outputs: string[] = [];
    for (const format of ["text", "json", "markdown", "junit"]) {
      const r = await run(["check", writeConfig(baseConfig()), "--ca-file", stack.caFile, "--format", format], canaries, true);
      outputs.push(r.stdout, r.stderr);
    }
    const all = outputs.join("\n");
    expect(all).toContain("FAIL smtp-client"); // the refused token really happened
    expect(all).toContain('<testcase name="smtp-client" classname="genesys-email.check.SMTP"'); // and the JUnit document is there
    for (const c of Object.values(canaries)) {
      expect(all).not.toContain(c);
      expect(all).not.toContain(Buffer.from(c).toString("base64").replace(/=+$/, ""));
    }
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT
  });
});

describe("as a process (bin/genesys-email, dist built by the global setup)", () => {
  // The stack's fakes run in this process, so the child must be spawned asynchronously.
  function spawnCli(args: string[], env: Record<string, string>): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(__dirname, "../../bin/genesys-email"), ...args], { env: { PATH: process.env["PATH"] ?? "", ...env } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  test("NODE_EXTRA_CA_CERTS is honoured without --ca-file; without either the CA is unknown, even with NODE_TLS_REJECT_UNAUTHORIZED=0", async () => {
    const file = writeConfig(baseConfig());
    const env = { ALICE_PASSWORD: stack.passwordOf(alice), CAROL_PASSWORD: stack.passwordOf(carol), GRAPH_SECRET: stack.clientSecret };
    const trusted = await spawnCli(["check", file, "--format", "json"], { ...env, NODE_EXTRA_CA_CERTS: stack.caFile });
    expect([trusted.code, (JSON.parse(trusted.stdout) as { summary: { passed: number } }).summary.passed]).toEqual([0, 3]);
    // Verification is set explicitly on every connection, so Node's global switch cannot turn it off either.
    const untrusted = await spawnCli(["check", file, "--format", "json", "--mailbox", "support_test", "--mailbox", "billing"], { ...env, NODE_TLS_REJECT_UNAUTHORIZED: "0" });
    expect(untrusted.code).toBe(1);
    expect((JSON.parse(untrusted.stdout) as { mailboxes: Array<{ code: string }> }).mailboxes.map((m) => m.code)).toEqual(["TLS_UNTRUSTED", "TLS_UNTRUSTED"]);
  });
});
