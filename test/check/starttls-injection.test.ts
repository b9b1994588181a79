// STARTTLS response injection (the class of CVE-2011-0411): a man in the middle in front of the real Dovecot/Postfix
// STARTTLS ports answers the client's next commands in plaintext, right after the server's go-ahead. A client that
// kept those lines would read them as the TLS-protected answers to its login; the check must refuse instead.
import { runCheck } from "../../src/check/run";
import { buildTrust, type Trust } from "../../src/check/tls";
import type { MailboxResult } from "../../src/check/types";
import { startMailStack, type MailStack } from "../support/mail-stack";
import { configFor, envFor, inbound, type InboundInput, type OutboundInput } from "./helpers";
import { startStarttlsMitm, type MitmOptions, type StarttlsMitm } from "./starttls-mitm";

let stack: MailStack;
let trust: Trust;
let alice: string;
const mitms: StarttlsMitm[] = [];
beforeAll(async () => {
  stack = await startMailStack();
  trust = buildTrust(stack.caFile);
  alice = stack.users[0]!.login;
}, 30_000);
afterAll(async () => {
  await Promise.all(mitms.map((m) => m.close()));
  await stack?.stop();
});
afterEach(() => stack.reset());

async function mitm(port: number, options: MitmOptions): Promise<StarttlsMitm> {
  const m = await startStarttlsMitm({ host: stack.host, port }, options);
  mitms.push(m);
  return m;
}

/** One mailbox, with a WRONG password: only injected answers could make it pass. */
async function check(box: { inbound?: InboundInput; outbound?: OutboundInput }, password = "not-alice-password"): Promise<MailboxResult> {
  const config = configFor(stack, { ...(box.inbound ? { inbound: [box.inbound] } : {}), ...(box.outbound ? { outbound: box.outbound } : {}) });
  const report = await runCheck({ config, env: { ...envFor(stack), ALICE_PASSWORD: password }, trust, timeoutSeconds: 5 });
  return report.mailboxes[0]!;
}

const verdict = (m: MailboxResult) => ({ verdict: m.verdict, code: m.code, failedStep: m.steps.find((s) => !s.ok)?.step });

const POP3_ANSWERS = "+OK injected answer to USER\r\n+OK injected answer to PASS\r\n+OK 0 0\r\n";
const IMAP_ANSWERS = "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n* OK injected\r\n";
const SMTP_ANSWERS = "250-injected\r\n250 AUTH PLAIN LOGIN\r\n235 2.7.0 injected: authentication successful\r\n";

type Box = Parameters<typeof check>[0];
const pop3Box = (port: number): Box => ({ inbound: inbound("support", alice, { host: stack.host, port, type: "POP3", tls: "starttls" }, { auth: "basic" }) });
const imapBox = (port: number): Box => ({ inbound: inbound("support", alice, { host: stack.host, port, type: "IMAP", tls: "starttls" }, { auth: "basic" }) });
const smtpBox = (port: number): Box => ({ outbound: { mailbox: alice, fromAddress: alice, auth: "basic", server: { host: stack.host, port, type: "SMTP", tls: "starttls" }, password: { env: "ALICE_PASSWORD" } } });

describe("POP3 STLS", () => {
  test("through a faithful relay the check passes with the right password (the relay itself is sound)", async () => {
    const relay = await mitm(stack.ports.pop3, { inject: "" });
    expect(verdict(await check(pop3Box(relay.port), stack.passwordOf(alice)))).toEqual({ verdict: "pass", code: undefined, failedStep: undefined });
  });

  test("lines injected after +OK to STLS: the upgrade is refused, nothing is sent, never a PASS", async () => {
    // GIVEN a man in the middle that answers USER, PASS and STAT in advance
    const attacker = await mitm(stack.ports.pop3, { inject: POP3_ANSWERS });
    // WHEN
    const m = await check(pop3Box(attacker.port));
    // THEN
    expect(attacker.injections()).toBe(1);
    expect(verdict(m)).toEqual({ verdict: "fail", code: "STARTTLS_INJECTION", failedStep: "connect" });
    expect(m.steps.map((s) => s.step)).toEqual(["connect"]);
    expect(m.steps[0]!.detail).toBe("the server sent data after +OK to STLS, before the TLS handshake: upgrade refused (plaintext injection)");
    expect(m.fix).toMatch(/^something on the way to 127\.0\.0\.1:\d+ injected plaintext after the STARTTLS go-ahead .*: nothing was sent; .*server\.tls: implicit\)$/);
  });
});

describe("IMAP STARTTLS (imapflow)", () => {
  test("a faithful relay passes", async () => {
    const relay = await mitm(stack.ports.imap, { inject: "" });
    expect(verdict(await check(imapBox(relay.port), stack.passwordOf(alice))).verdict).toBe("pass");
  });

  test("lines injected after the tagged OK to STARTTLS: refused, never a PASS", async () => {
    const attacker = await mitm(stack.ports.imap, { inject: IMAP_ANSWERS });
    const m = await check(imapBox(attacker.port), stack.passwordOf(alice));
    expect(attacker.injections()).toBe(1);
    expect(verdict(m)).toEqual({ verdict: "fail", code: "STARTTLS_INJECTION", failedStep: "login" });
  });
});

describe("SMTP STARTTLS (nodemailer)", () => {
  test("a faithful relay passes", async () => {
    const relay = await mitm(stack.ports.submission, { inject: "" });
    expect(verdict(await check(smtpBox(relay.port), stack.passwordOf(alice))).verdict).toBe("pass");
  });

  test("lines injected after 220 to STARTTLS: the login is refused before any credential is sent, never a PASS", async () => {
    const attacker = await mitm(stack.ports.submission, { inject: SMTP_ANSWERS });
    // The right password: the refusal comes from the injection alone.
    const m = await check(smtpBox(attacker.port), stack.passwordOf(alice));
    expect(attacker.injections()).toBe(1);
    expect(verdict(m)).toEqual({ verdict: "fail", code: "STARTTLS_INJECTION", failedStep: "connect" });
    expect(m.steps[0]!.detail).toMatch(/^the server sent \d+ bytes after 220 to STARTTLS, before the TLS handshake: refused to log in \(plaintext injection\)$/);
  });
});

test.each([
  ["POP3", () => stack.ports.pop3, POP3_ANSWERS, pop3Box],
  ["IMAP", () => stack.ports.imap, IMAP_ANSWERS, imapBox],
  ["SMTP", () => stack.ports.submission, SMTP_ANSWERS, smtpBox],
] as const)("%s: lines injected into the TLS stream, after the ClientHello: the handshake breaks, nothing is sent, never a PASS", async (_protocol, port, answers, box) => {
  // The right password this time: the injected bytes alone must make it fail.
  const attacker = await mitm(port(), { inject: answers, at: "after-client-hello" });
  const m = await check(box(attacker.port), stack.passwordOf(alice));
  expect(attacker.injections()).toBe(1);
  // The bytes reach the client before the server's first handshake record: TLS itself rejects them.
  expect([m.verdict, m.code]).toEqual(["fail", "TLS_PROTOCOL"]);
  expect(m.steps.filter((s) => s.ok).map((s) => s.step)).not.toContain("login");
});
