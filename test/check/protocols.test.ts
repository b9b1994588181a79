// Each protocol against the real loopback servers (Dovecot IMAP/POP3, Postfix SMTP) and the Graph/EWS stand-ins,
// with OAuth 2.0 and with a password. Needs the Debian packages (bash test/support/mail-stack/install.sh).
import { ImapFlow } from "imapflow";
import { Pop3Client } from "../../src/check/protocols/pop3-client";
import { runCheck } from "../../src/check/run";
import { buildTrust, tlsOptions, type Trust } from "../../src/check/tls";
import type { MailboxResult } from "../../src/check/types";
import { startMailStack, type MailStack } from "../support/mail-stack";
import { startAppendLimitServer } from "./appendlimit-server";
import { configFor, envFor, inbound, type InboundInput, type OutboundInput } from "./helpers";

let stack: MailStack;
let trust: Trust;
let alice: string;
let bob: string;
beforeAll(async () => {
  stack = await startMailStack({ extraUsers: 12 });
  trust = buildTrust(stack.caFile);
  alice = stack.users[0]!.login;
  bob = stack.users[1]!.login;
}, 30_000);
afterAll(() => stack?.stop());
afterEach(() => stack.reset());

async function checkOne(box: { inbound?: InboundInput; outbound?: OutboundInput }, sendTestTo?: string): Promise<MailboxResult> {
  const config = configFor(stack, { ...(box.inbound ? { inbound: [box.inbound] } : {}), ...(box.outbound ? { outbound: box.outbound } : {}) });
  const report = await runCheck({ config, env: envFor(stack), trust, timeoutSeconds: 5, ...(sendTestTo ? { sendTestTo } : {}) });
  expect(report.mailboxes).toHaveLength(1);
  return report.mailboxes[0]!;
}

const stepsOf = (m: MailboxResult) => m.steps.map((s) => `${s.step}:${s.ok ? "ok" : "FAIL"}`);
const passed = (m: MailboxResult) => {
  if (m.verdict !== "pass") throw new Error(`expected pass, got ${JSON.stringify(m, null, 2)}`);
  return stepsOf(m);
};

describe("IMAP", () => {
  test("OAuth 2.0 over implicit TLS: token, login, INBOX read-only, logout", async () => {
    // GIVEN a message in alice's inbox
    await stack.deliver({ to: alice, subject: "hello" });
    // WHEN
    const m = await checkOne({ inbound: inbound("support", alice, { host: stack.host, port: stack.ports.imaps, type: "IMAP", tls: "implicit" }) });
    // THEN
    expect(passed(m)).toEqual(["token:ok", "login:ok", "inbox:ok", "logout:ok"]);
    expect(m.steps[2]!.detail).toMatch(/^INBOX opened read-only: [1-9]\d* messages?$/);
  });

  test("password over STARTTLS", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, { host: stack.host, port: stack.ports.imap, type: "IMAP", tls: "starttls" }, { auth: "basic" }) });
    expect(passed(m)).toEqual(["login:ok", "inbox:ok", "logout:ok"]);
    expect(m.steps[0]!.detail).toBe(`logged in as ${alice} (STARTTLS, password)`);
  });
});

describe("IMAP APPENDLIMIT against maxSizeMb", () => {
  test.each([
    [10, "pass", "server accepts messages up to 10 MB (APPENDLIMIT); maxSizeMb is 10"],
    [4, "fail", "server accepts messages up to 4 MB (APPENDLIMIT); maxSizeMb is 10"],
  ])("a server announcing %s MB", async (limitMb, verdict, detail) => {
    const server = await startAppendLimitServer(stack.dir, limitMb * 1024 * 1024);
    try {
      const m = await checkOne({ inbound: inbound("support", alice, { host: stack.host, port: server.port, type: "IMAP", tls: "implicit" }, { auth: "basic", maxSizeMb: 10 }) });
      expect([m.verdict, stepsOf(m)]).toEqual([verdict, ["login:ok", "inbox:ok", `size:${verdict === "pass" ? "ok" : "FAIL"}`, "logout:ok"]]);
      expect(m.steps[2]!.detail).toBe(detail);
      if (verdict === "fail") expect([m.code, m.fix]).toEqual(["SIZE_LIMIT", `lower maxSizeMb to 4 or raise the mailbox's limit (Set-Mailbox -Identity ${alice} -MaxReceiveSize 10MB)`]);
    } finally {
      await server.close();
    }
  });
});

describe("POP3", () => {
  // The CLI rejects POP3 + OAuth 2.0 (GE113: the vendor does not support it yet); runCheck takes the config as given,
  // so the protocol client is still proven here, and below directly.
  test("OAuth 2.0 (AUTH XOAUTH2) over implicit TLS", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, { host: stack.host, port: stack.ports.pop3s, type: "POP3", tls: "implicit" }) });
    expect(passed(m)).toEqual(["token:ok", "connect:ok", "login:ok", "stat:ok", "logout:ok"]);
    expect(m.steps[2]!.detail).toBe(`logged in as ${alice} (AUTH XOAUTH2)`);
  });

  test("password (USER/PASS) over STLS", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, { host: stack.host, port: stack.ports.pop3, type: "POP3", tls: "starttls" }, { auth: "basic" }) });
    expect(passed(m)).toEqual(["connect:ok", "login:ok", "stat:ok", "logout:ok"]);
  });

  test("the POP3 client on its own: AUTH XOAUTH2, STAT, QUIT", async () => {
    const token = stack.entra.issueToken({ user: alice });
    const { client, greeting } = await Pop3Client.connect({ host: stack.host, port: stack.ports.pop3s, tls: "implicit", tlsOptions: tlsOptions(trust, stack.host) });
    try {
      expect(greeting).toMatch(/^\+OK/);
      expect((await client.login(alice, { kind: "token", accessToken: token })).ok).toBe(true);
      expect(await client.stat()).toEqual({ count: expect.any(Number), octets: expect.any(Number) });
      await client.quit();
    } finally {
      client.close();
    }
  });
});

describe("SMTP", () => {
  test("OAuth 2.0 over STARTTLS (587-style), SIZE reported, nothing sent without --send-test-to", async () => {
    const before = stack.inboxCount(bob);
    const m = await checkOne({ outbound: { mailbox: alice, fromAddress: alice, server: { host: stack.host, port: stack.ports.submission, type: "SMTP", tls: "starttls" }, password: { env: "ALICE_PASSWORD" } } });
    expect(passed(m)).toEqual(["token:ok", "connect:ok", "login:ok", "size:ok", "logout:ok"]);
    expect(m.steps[3]!.detail).toMatch(/^server accepts messages up to [\d.]+ MB \(SIZE\)$/);
    expect(stack.inboxCount(bob)).toBe(before);
  });

  test("password over implicit TLS", async () => {
    const m = await checkOne({ outbound: { mailbox: alice, fromAddress: alice, auth: "basic", server: { host: stack.host, port: stack.ports.smtps, type: "SMTP", tls: "implicit" }, password: { env: "ALICE_PASSWORD" } } });
    expect(passed(m)).toEqual(["connect:ok", "login:ok", "size:ok", "logout:ok"]);
  });

  test("--send-test-to sends one message, read back over IMAP", async () => {
    // WHEN the outbound mailbox sends its test message to bob
    const m = await checkOne({ outbound: { mailbox: alice, fromAddress: alice, server: { host: stack.host, port: stack.ports.submission, type: "SMTP", tls: "starttls" }, password: { env: "ALICE_PASSWORD" } } }, bob);
    expect(passed(m)).toEqual(["token:ok", "connect:ok", "login:ok", "size:ok", "send:ok", "logout:ok"]);
    const subject = /subject "([^"]+)"/.exec(m.steps[4]!.detail)![1]!;
    // THEN bob reads exactly that message over IMAP
    const client = new ImapFlow({ host: stack.host, port: stack.ports.imaps, secure: true, auth: { user: bob, pass: stack.passwordOf(bob) }, tls: { ca: stack.caPem }, logger: false });
    client.on("error", () => undefined);
    await client.connect();
    try {
      const lock = await client.getMailboxLock("INBOX");
      try {
        let found: number[] = [];
        for (let i = 0; i < 40 && found.length === 0; i++) {
          found = (await client.search({ subject })) || [];
          if (found.length === 0) await new Promise((r) => setTimeout(r, 50));
        }
        expect(found).toHaveLength(1);
        const msg = await client.fetchOne(String(found[0]), { envelope: true });
        expect(msg && msg.envelope?.from?.[0]?.address).toBe(alice);
        expect(msg && msg.envelope?.to?.map((a) => a.address)).toEqual([bob]);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => undefined);
    }
  });
});

describe("GRAPH and EWS", () => {
  test("GRAPH: client-credentials token, GET mailFolders/inbox", async () => {
    const m = await checkOne({ inbound: { name: "billing", mailbox: alice, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" } } });
    expect(passed(m)).toEqual(["token:ok", "inbox:ok"]);
    expect(m.steps[0]!.detail).toBe("app token for https://graph.microsoft.com/.default (requested)");
  });

  test("EWS: password-flow token, SOAP GetFolder inbox", async () => {
    const m = await checkOne({ inbound: inbound("ews", alice, { host: stack.host, port: stack.ports.api, type: "EWS" }) });
    expect(passed(m)).toEqual(["token:ok", "inbox:ok"]);
    expect(m.steps[1]!.detail).toMatch(/^inbox read through EWS GetFolder: \d+ messages?$/);
  });
});

describe("one token per credential set, bounded concurrency", () => {
  test("GRAPH mailboxes share one client-credentials token; a login used by two mailboxes of one protocol asks once", async () => {
    // GIVEN 6 GRAPH mailboxes, and two IMAP mailboxes with the same login
    const users = stack.users.map((u) => u.login);
    const graph = Array.from({ length: 6 }, (_, i) => ({ name: `graph${i}`, mailbox: users[i % users.length]!, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" as const } }));
    const imap = [0, 1].map((i) => inbound(`imap${i}`, alice, { host: stack.host, port: stack.ports.imaps, type: "IMAP", tls: "implicit" }, { testMailbox: i === 0 }));
    const config = configFor(stack, { inbound: [...graph, ...imap] });
    // WHEN
    const report = await runCheck({ config, env: envFor(stack), trust, timeoutSeconds: 5, concurrency: 4 });
    // THEN every mailbox passes, the test mailbox first, with one token request per credential set at the endpoint
    expect(report.mailboxes.map((m) => m.verdict)).toEqual(Array(8).fill("pass"));
    expect(report.mailboxes[0]!.name).toBe("imap0");
    expect(stack.entra.count({ grantType: "client_credentials" })).toBe(1);
    expect(stack.entra.count({ grantType: "password", username: alice })).toBe(1);
    expect(report.summary.tokenRequests).toBe(2);
    expect(report.mailboxes.filter((m) => m.protocol === "GRAPH").map((m) => m.steps[0]!.detail.replace(/.*\(/, "("))).toEqual(["(requested)", ...Array(5).fill("(from the MSAL cache)")]);
  });

  test("HTTPS connections are pooled per run (at most the concurrency) and all closed when the run ends", async () => {
    // GIVEN 12 IMAP mailboxes with their own logins (12 token requests) and 8 GRAPH mailboxes (8 Graph requests)
    const users = stack.users.map((u) => u.login);
    const extra = users.filter((u) => /^user\d+@/.test(u));
    expect(extra).toHaveLength(12);
    const imap = extra.map((login, i) => inbound(`imap${i}`, login, { host: stack.host, port: stack.ports.imaps, type: "IMAP", tls: "implicit" }, { testMailbox: i === 0 }));
    const graph = Array.from({ length: 8 }, (_, i) => ({ name: `graph${i}`, mailbox: users[i % users.length]!, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" as const } }));
    const config = configFor(stack, { inbound: [...imap, ...graph] });
    // WHEN
    const report = await runCheck({ config, env: envFor(stack), trust, timeoutSeconds: 5, concurrency: 3 });
    // THEN
    expect(report.mailboxes.map((m) => m.verdict)).toEqual(Array(20).fill("pass"));
    expect(stack.entra.count()).toBe(13);
    // Pooled: far fewer connections than requests (a connection idle for POOL_IDLE_MS closes, so a loaded machine may open a few more than 3).
    expect(stack.entra.connections()).toBeLessThan(13);
    expect(stack.api.connections()).toBeLessThan(8);
    // The run's pool is destroyed as runCheck returns: the servers see every connection close.
    await waitFor(() => stack.entra.openConnections() === 0 && stack.api.openConnections() === 0);
  });
});

async function waitFor(condition: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
