// Issue 16, must show: a server that echoes a SASL PLAIN blob of a 5-character password, or that sends control codes,
// never gets either into any output format of `genesys-email check` (text, json, markdown, junit; stdout and stderr).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main";
import type { CliIO } from "../../cli/io";
import { startHostileServer, type HostileServer, type Script } from "../check/hostile-server";

const PASSWORD = "Pw5!x";
const FORMATS = ["text", "json", "markdown", "junit"];
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let server: HostileServer;
let dir: string;
beforeAll(async () => {
  server = await startHostileServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-hostile-"));
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function checkAllFormats(config: object, script: Script): Promise<string[]> {
  server.script = script;
  const file = path.join(dir, "config.json");
  fs.writeFileSync(file, JSON.stringify(config));
  const outputs: string[] = [];
  for (const format of FORMATS) {
    let out = "";
    const io: CliIO = { stdout: { write: (c: string) => (out += c) }, stderr: { write: (c: string) => (out += c), isTTY: true }, env: { HOSTILE_PASSWORD: PASSWORD }, cwd: dir };
    const code = await main(["check", file, "--ca-file", server.caFile, "--timeout", "2", "--format", format], io);
    expect(code).toBe(1);
    outputs.push(out);
  }
  return outputs;
}

const box = (login: string) => ({ mailbox: login, auth: "basic", password: { env: "HOSTILE_PASSWORD" }, testMailbox: true, suppressions: [{ id: "GE115", reason: "a basic-auth test mailbox against the scripted server" }] });
const smtp = (login: string) => ({ mailboxes: { outbound: { ...box(login), fromAddress: "agents@example.test", server: { host: "127.0.0.1", port: server.port, type: "SMTP", tls: "implicit" } } } });
const pop3 = (login: string) => ({ mailboxes: { inbound: [{ name: "hostile", ...box(login), server: { host: "127.0.0.1", port: server.port, type: "POP3", tls: "implicit" } }] } });

// Logins of 1, 2 and 3 characters put the password at each of the three base64 alignments inside the PLAIN blob.
test.each(["a", "ab", "abc"])("SMTP: the server echoes the AUTH PLAIN blob of a 5-character password (login %j)", async (login) => {
  const blob = Buffer.from(`\0${login}\0${PASSWORD}`).toString("base64");
  const outputs = await checkAllFormats(smtp(login), { greeting: "220 hostile ESMTP", replies: ["250-hostile\r\n250 AUTH PLAIN", "535 5.7.8 authentication failed for {echoLast}"] });
  for (const out of outputs) {
    expect(out).toContain("535 5.7.8 authentication failed for [redacted]"); // the echo really happened, and is gone
    expect(out).not.toContain(blob);
    expect(out).not.toContain(blob.replace(/=+$/, "").slice(2, -2));
    expect(out).not.toContain(PASSWORD);
  }
});

test("POP3: the server echoes PASS with the password in its refusal", async () => {
  const outputs = await checkAllFormats(pop3("ab"), { greeting: "+OK ready", replies: ["+OK", "-ERR [AUTH] invalid: {echo}"] });
  for (const out of outputs) {
    expect(out).toContain("-ERR [AUTH] invalid: PASS [redacted]".replace("-ERR ", ""));
    expect(out).not.toContain(PASSWORD);
  }
});

test("control codes from the server (ANSI colours, CR, BS, a forged line) reach no output raw", async () => {
  // (no LF: the line reader splits there; CR, which only moves the cursor, stays inside the line)
  const forged = "\u001b[32mPASS\u001b[0m\rPASS hostile (POP3, 1 ms)\b\b\u009b2K\u202e";
  const outputs = await checkAllFormats(pop3("ab"), { greeting: `+OK ${forged}`, replies: ["+OK", `-ERR ${forged}`] });
  for (const [i, out] of outputs.entries()) {
    expect([FORMATS[i], CONTROL_BUT_LF.exec(out)?.[0]]).toEqual([FORMATS[i], undefined]);
    expect(out).not.toMatch(/^PASS hostile/m); // no line of its own
    const shown = FORMATS[i] === "json" ? out.replace(/\\\\/g, "\\") : out; // JSON escapes the escapes' backslash
    expect(shown).toContain("\\u001b[32mPASS\\u001b[0m\\u000dPASS hostile (POP3, 1 ms)\\u0008\\u0008\\u009b2K\\u202e"); // shown, as escapes
  }
});
