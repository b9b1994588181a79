import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { main } from "../../cli/main";
import type { CliIO } from "../../cli/io";
import { startHostileServer, type HostileServer, type Script } from "../check/hostile-server";
import { SEED } from "./seed";

/**
 * Property: whatever a server replies (ANSI sequences, CR, BS, NUL, C1 and bidi controls, line breaks, and echoes of
 * what the client sent: the password, the SASL PLAIN/LOGIN blob), no output format of `genesys-email check` holds a
 * raw control character (other than its own line breaks) or the password, in clear or inside base64 at any alignment.
 * Runs the CLI in-process against a scripted server over TLS on loopback, for POP3 (own client) and SMTP (nodemailer).
 * `npm test` runs a fixed-seed sample; `npm run fuzz` a random seed (printed with any failure) and FUZZ_RUNS cases.
 */
const RUNS = process.env.FUZZ_RUNS !== undefined ? Math.max(1, Math.round(Number(process.env.FUZZ_RUNS) / 20)) : 10;
const FORMATS = ["text", "json", "markdown", "junit"] as const;

/** Anything a terminal or a log viewer acts on. The output's own line breaks are the only ones allowed, and only outside JSON strings. */
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

let server: HostileServer;
let dir: string;
let cases = 0;
/** Cases whose check reached the login step (so the server saw, and could echo, the credential). */
const reachedLogin = { POP3: 0, SMTP: 0 };
beforeAll(async () => {
  server = await startHostileServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-fuzz-"));
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`fuzz: ${cases} cases, 0 failures (check output, seed ${SEED})\n`);
});

const hostileBits = fc.constantFrom("\x1b[32mPASS\x1b[0m", "\x1b]0;title\x07", "\r", "\rPASS support", "\b\b\b\b", "\x00", "\x7f", "\x9b31m", "\u202e", "\u2066", "\u2028", "\t", "\n", "\nPASS forged 1 ms");
const serverText = fc.array(fc.oneof(fc.string({ maxLength: 12 }), hostileBits, fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 5 }).map((parts) => parts.join(""));
/** A password the output could not contain by accident: 4-16 characters, none of them a control, not part of "[redacted token]". */
const password = fc
  .string({ unit: fc.constantFrom(..."ABCDEFGHKLMNPQRSTUVWXYZ0123456789!#%&*+-./:;=?@^_~ ä€".split("")), minLength: 4, maxLength: 16 })
  .filter((p) => !"[redacted token]".includes(p));
/** Logins of every length move the password through every base64 alignment of the PLAIN blob. */
const login = fc.stringMatching(/^[a-z][a-z0-9.]{0,9}$/);

function reply(ok: string[], fail: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...ok), serverText).map(([c, t]) => `${c}${t}`),
    fc.tuple(fc.constantFrom(...fail), serverText).map(([c, t]) => `${c}${t}`),
    fc.constantFrom(...fail).map((c) => `${c}you said: {echo}`),
    fc.constantFrom(...fail).map((c) => `${c}bad blob {echoLast}`),
    fc.constantFrom(...fail, "+ ", "334 ").map((c) => `${c}{echo64}`),
  );
}

const POP3: fc.Arbitrary<Script> = fc.record({
  greeting: fc.oneof(fc.constant("+OK ready"), serverText.map((t) => `+OK ${t}`)),
  replies: fc.array(reply(["+OK "], ["-ERR "]), { maxLength: 5 }),
});
const SMTP: fc.Arbitrary<Script> = fc.record({
  greeting: fc.oneof(fc.constant("220 ready"), serverText.map((t) => `220 ${t}`)),
  replies: fc
    .tuple(fc.constantFrom("250-hostile\r\n250-SIZE 10240000\r\n250 AUTH PLAIN", "250-hostile\r\n250 AUTH LOGIN"), fc.array(reply(["235 ", "250 ", "334 "], ["535 5.7.8 ", "501 "]), { maxLength: 4 }))
    .map(([ehlo, rest]) => [ehlo, ...rest]),
});

function configFor(protocol: "POP3" | "SMTP", user: string): object {
  const server = { host: "127.0.0.1", port: 0, type: protocol, tls: "implicit" };
  const box = { mailbox: user, auth: "basic", password: { env: "HOSTILE_PASSWORD" }, testMailbox: true, suppressions: [{ id: "GE115", reason: "a basic-auth test mailbox against the scripted server" }] };
  return protocol === "POP3"
    ? { mailboxes: { inbound: [{ name: "hostile", ...box, server: { ...server, port: hostilePort() } }] } }
    : { mailboxes: { outbound: { ...box, fromAddress: "agents@example.test", server: { ...server, port: hostilePort() } } } };
}
const hostilePort = () => server.port;

async function runCheck(file: string, format: string, secret: string): Promise<{ code: number; out: string }> {
  let out = "";
  const io: CliIO = {
    stdout: { write: (c: string) => (out += c), isTTY: false },
    stderr: { write: (c: string) => (out += c), isTTY: true },
    env: { HOSTILE_PASSWORD: secret },
    cwd: dir,
  };
  const code = await main(["check", file, "--ca-file", server.caFile, "--timeout", "1", "--format", format], io);
  return { code, out };
}

/** The secret, in clear or inside any base64 run of the text at any of the four alignments. */
function holdsSecret(text: string, secret: string): boolean {
  if (text.includes(secret)) return true;
  const bytes = Buffer.from(secret, "utf8");
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{2,}/g)) {
    for (let offset = 0; offset < 4; offset++) if (Buffer.from(run.slice(offset), "base64").includes(bytes)) return true;
  }
  return false;
}

/** XML character data back to text (the five entities and character references). */
function unxml(xml: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return xml.replace(/&(#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => (e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : named[e]!));
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(k), strings(v, out);
  return out;
}

async function property(protocol: "POP3" | "SMTP", script: Script, user: string, secret: string): Promise<void> {
  cases++;
  server.script = script;
  const file = path.join(dir, `${protocol}.json`);
  fs.writeFileSync(file, JSON.stringify(configFor(protocol, user)));
  for (const format of FORMATS) {
    const { code, out } = await runCheck(file, format, secret);
    if (code !== 0 && code !== 1) throw new Error(`exit ${code} (${format}):\n${out}`);
    const bad = CONTROL_BUT_LF.exec(out);
    if (bad) throw new Error(`raw control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")} in --format ${format}:\n${JSON.stringify(out)}`);
    if (holdsSecret(format === "junit" ? unxml(out) : out, secret)) throw new Error(`the password appears in --format ${format}:\n${JSON.stringify(out)}`);
    if (format === "json") {
      const report = JSON.parse(out.slice(out.indexOf("{"))) as { mailboxes?: Array<{ steps: Array<{ step: string }> }> };
      // The check must really have run (a config problem would make this property vacuous).
      if (report.mailboxes?.length !== 1) throw new Error(`no mailbox was checked:\n${out}`);
      if (report.mailboxes[0]!.steps.some((s) => s.step === "login")) reachedLogin[protocol]++;
      for (const s of strings(report)) {
        if (CONTROL.test(s)) throw new Error(`raw control character in a JSON string: ${JSON.stringify(s)}`);
        if (holdsSecret(s, secret)) throw new Error(`the password appears in a JSON string: ${JSON.stringify(s)}`);
      }
    }
  }
}

describe(`check output fuzzing: hostile server replies (${RUNS} runs per protocol, seed ${SEED})`, () => {
  test.each(["POP3", "SMTP"] as const)("%s: no raw control character and no password in any format", async (protocol) => {
    await fc.assert(
      fc.asyncProperty(protocol === "POP3" ? POP3 : SMTP, login, password, (script, user, secret) => property(protocol, script, user, secret)),
      { numRuns: RUNS, seed: SEED },
    );
    // Most scripts let the client reach its login, where the password goes on the wire.
    expect(reachedLogin[protocol]).toBeGreaterThan(RUNS / 3);
  }, 600_000);
});
