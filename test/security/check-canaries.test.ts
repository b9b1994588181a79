import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startMailStack, type MailStack } from "../support/mail-stack";
import { startSilentServer, type SilentServer } from "../check/silent-server";

/**
 * Secret canaries for `check`, run as a real process against servers that accept (real Dovecot
 * and Postfix with OAuth 2.0 tokens, Graph), reject (a wrong password, a refused token) and time
 * out (a port that never answers), in every output format. Passwords, the client secret and
 * every token the local token endpoint issued must appear nowhere in stdout or stderr, and
 * check writes no file.
 */
const BIN = resolve("bin/genesys-email");
let stack: MailStack;
let silent: SilentServer;
let work: string;
const CANARY = {
  ALICE_PASSWORD: "CANARY-alice-pw-31f7",
  CAROL_PASSWORD: "CANARY-carol-pw-98d2",
  DAVE_PASSWORD: "CANARY-dave-wrong-pw-5a0e",
  ERIN_PASSWORD: "CANARY-erin-silent-pw-c41b",
  GRAPH_SECRET: "CANARY-graph-secret-77e3",
};

beforeAll(async () => {
  stack = await startMailStack();
  silent = await startSilentServer();
  work = mkdtempSync(join(tmpdir(), "ge-check-canary-"));
  stack.entra.addUser("alice@example.test", CANARY.ALICE_PASSWORD);
  stack.entra.addUser("carol@example.test", CANARY.CAROL_PASSWORD);
  stack.entra.updateClient(stack.clientId, { clientSecret: CANARY.GRAPH_SECRET });
}, 60000);

afterAll(async () => {
  await silent?.close();
  await stack?.stop();
  rmSync(work, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: work, env: { PATH: process.env.PATH ?? "", ...CANARY } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => done({ code: code ?? -1, out }));
  });
}

test("no password, client secret or token in any output, whether servers accept, reject or never answer", async () => {
  // GIVEN accepting, rejecting and silent mailboxes
  const h = stack.host;
  const config = {
    tenant: { directoryId: stack.tenantId, authority: stack.authority },
    application: { clientId: stack.clientId, clientSecret: { env: "GRAPH_SECRET" } },
    mailboxes: {
      inbound: [
        { name: "accepts", mailbox: "alice@example.test", server: { host: h, port: stack.ports.imaps, type: "IMAP", tls: "implicit" }, password: { env: "ALICE_PASSWORD" }, testMailbox: true },
        { name: "graph", mailbox: "bob@example.test", server: { host: h, port: stack.ports.api, type: "GRAPH" } },
        { name: "rejects", mailbox: "dave@example.test", server: { host: h, port: stack.ports.imaps, type: "IMAP", tls: "implicit" }, auth: "basic", password: { env: "DAVE_PASSWORD" } },
        { name: "silent", mailbox: "erin@example.test", server: { host: h, port: silent.port, type: "IMAP", tls: "starttls" }, auth: "basic", password: { env: "ERIN_PASSWORD" } },
      ],
      outbound: { mailbox: "carol@example.test", fromAddress: "carol@example.test", server: { host: h, port: stack.ports.submission, type: "SMTP", tls: "starttls" }, password: { env: "CAROL_PASSWORD" } },
    },
  };
  const file = join(work, "check.json");
  writeFileSync(file, JSON.stringify(config));
  stack.entra.tweakNext({ badSignature: true }, { username: "carol@example.test" }); // a token the server refuses

  // WHEN
  const outputs: string[] = [];
  const codes: number[] = [];
  for (const format of ["text", "json", "markdown"]) {
    const r = await run(["check", file, "--ca-file", stack.caFile, "--timeout", "1", "--format", format]);
    outputs.push(r.out);
    codes.push(r.code);
  }

  // THEN the runs really passed and failed where meant to
  expect(codes).toEqual([1, 1, 1]);
  const json = JSON.parse(outputs[1]!.slice(outputs[1]!.indexOf("{"))) as { mailboxes: Array<{ name: string; verdict: string }> };
  expect(Object.fromEntries(json.mailboxes.map((m) => [m.name, m.verdict]))).toEqual({ accepts: "pass", graph: "pass", rejects: "fail", silent: "fail", "smtp-client": "pass" });
  // and no secret, in clear or base64 (XOAUTH2 blobs), and no JWT, appears anywhere
  const all = outputs.join("\n");
  for (const secret of Object.values(CANARY)) {
    expect(all).not.toContain(secret);
    expect(all).not.toContain(Buffer.from(secret).toString("base64").replace(/=+$/, ""));
  }
  expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  expect(readdirSync(work)).toEqual(["check.json"]);
}, 60000);
