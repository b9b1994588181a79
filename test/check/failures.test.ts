// Failures against the real loopback servers: each ends within its timeout with a verdict, a code and the exact fix.
import { runCheck, type CheckOptions } from "../../src/check/run";
import { buildTrust, type Trust } from "../../src/check/tls";
import type { MailboxResult } from "../../src/check/types";
import type { EmailConfigInput } from "../../src/model/config";
import { GRAPH_ERRORS, startMailStack, type MailStack } from "../support/mail-stack";
import { configFor, envFor, inbound, type InboundInput, type OutboundInput } from "./helpers";
import { refusedPort, startSilentServer, type SilentServer } from "./silent-server";

let stack: MailStack;
let trust: Trust;
let silent: SilentServer;
let alice: string;
let bob: string;
beforeAll(async () => {
  [stack, silent] = await Promise.all([startMailStack(), startSilentServer()]);
  trust = buildTrust(stack.caFile);
  alice = stack.users[0]!.login;
  bob = stack.users[1]!.login;
}, 30_000);
afterAll(async () => {
  await Promise.all([stack?.stop(), silent?.close()]);
});
afterEach(() => stack.reset());

const imaps = (): InboundInput["server"] => ({ host: stack.host, port: stack.ports.imaps, type: "IMAP", tls: "implicit" });

async function checkOne(
  box: { inbound?: InboundInput; outbound?: OutboundInput },
  options: Partial<Omit<CheckOptions, "config">> = {},
  more: Partial<EmailConfigInput> = {},
): Promise<MailboxResult> {
  const config = configFor(stack, { ...(box.inbound ? { inbound: [box.inbound] } : {}), ...(box.outbound ? { outbound: box.outbound } : {}) }, more);
  const report = await runCheck({ config, env: envFor(stack), trust, timeoutSeconds: 5, ...options });
  return report.mailboxes[0]!;
}

function failed(m: MailboxResult): { code?: string; fix?: string; failedStep?: string } {
  if (m.verdict !== "fail") throw new Error(`expected a failure, got ${JSON.stringify(m, null, 2)}`);
  return { code: m.code, fix: m.fix, failedStep: m.steps.find((s) => !s.ok)?.step };
}

describe("token endpoint errors (exact fix text)", () => {
  test("wrong password: AADSTS50126", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, imaps()) }, { env: { ...envFor(stack), ALICE_PASSWORD: "not-the-password" } });
    expect(failed(m)).toEqual({ code: "AADSTS50126", failedStep: "token", fix: "wrong password: check the password in ALICE_PASSWORD" });
    expect(m.steps[0]!.detail).toBe("AADSTS50126: Error validating credentials due to invalid username or password.");
  });

  test("MFA required: AADSTS50076", async () => {
    stack.entra.failNext(50076, { username: alice });
    const m = await checkOne({ inbound: inbound("support", alice, imaps()) });
    expect(failed(m)).toEqual({ code: "AADSTS50076", failedStep: "token", fix: "turn off MFA for this mailbox: legacy protocols use the password flow" });
  });

  test("no consent: AADSTS65001", async () => {
    stack.entra.failNext(65001, { username: alice });
    const m = await checkOne({ inbound: inbound("support", alice, imaps()) });
    expect(failed(m)).toEqual({ code: "AADSTS65001", failedStep: "token", fix: "apply the Terraform stack so admin consent is granted" });
  });

  test("public client flows off: AADSTS7000218", async () => {
    stack.entra.updateClient(stack.clientId, { allowPublicClientFlows: false });
    const m = await checkOne({ inbound: inbound("support", alice, imaps()) });
    expect(failed(m)).toEqual({ code: "AADSTS7000218", failedStep: "token", fix: "enable public client flows (fallback_public_client_enabled): apply the Terraform stack, which sets it" });
  });

  test("bad client secret for GRAPH: AADSTS7000215, one request for all GRAPH mailboxes", async () => {
    const graph = (name: string, login: string): InboundInput => ({ name, mailbox: login, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" } });
    const config = configFor(stack, { inbound: [graph("g1", alice), graph("g2", bob), graph("g3", alice)] });
    const report = await runCheck({ config, env: { ...envFor(stack), GRAPH_CLIENT_SECRET: "wrong-secret-value" }, trust, timeoutSeconds: 5 });
    expect(report.mailboxes.map((m) => [m.code, m.fix])).toEqual(
      Array(3).fill(["AADSTS7000215", "bad client secret (read from GRAPH_CLIENT_SECRET): use the value of the Terraform output client_secret (the secret's value, not its ID)"]),
    );
    expect(stack.entra.count({ grantType: "client_credentials" })).toBe(1);
    expect(JSON.stringify(report)).not.toContain("wrong-secret-value");
  });

  test("app not found: AADSTS700016", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, imaps()) }, {}, { application: { clientId: "11111111-2222-4333-8444-555555555555" } });
    expect(failed(m).code).toBe("AADSTS700016");
  });
});

describe("login refused by the server", () => {
  test("basic auth with a wrong password", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, imaps(), { auth: "basic" }) }, { env: { ...envFor(stack), ALICE_PASSWORD: "nope" } });
    expect(failed(m)).toEqual({
      code: "AUTH_REJECTED_BASIC",
      failedStep: "login",
      fix: `wrong password or protocol disabled: check the password in ALICE_PASSWORD, and enable IMAP for the mailbox: Set-CASMailbox -Identity ${alice} -ImapEnabled $true`,
    });
  });

  test("a token for another user", async () => {
    stack.entra.tweakNext({ asUser: bob }, { username: alice });
    const m = await checkOne({ inbound: inbound("support", alice, imaps()) });
    expect(failed(m)).toEqual({ code: "TOKEN_WRONG_USER", failedStep: "login", fix: `the token was issued for ${bob}, not ${alice}: mailbox must be the account's user principal name` });
  });

  test("an expired token", async () => {
    stack.entra.tweakNext({ expired: true }, { username: alice });
    const m = await checkOne({ inbound: inbound("support", alice, { host: stack.host, port: stack.ports.pop3s, type: "POP3", tls: "implicit" }) });
    expect(failed(m)).toEqual({ code: "TOKEN_EXPIRED", failedStep: "login", fix: "the token the authority issued had already expired when it was used: check this machine's clock (NTP)" });
  });

  test.each([
    ["IMAP", "enable IMAP for the mailbox: Set-CASMailbox -Identity alice@example.test -ImapEnabled $true"],
    ["SMTP", "enable SMTP AUTH for the mailbox: Set-CASMailbox -Identity alice@example.test -SmtpClientAuthenticationDisabled $false"],
  ])("%s refuses a token that names the right user: enable the protocol", async (protocol, fix) => {
    // A token the server does not accept although it is for this user and still valid (here: a bad signature)
    // is what Exchange Online answers when the protocol is disabled for the mailbox.
    stack.entra.tweakNext({ badSignature: true }, { username: alice });
    const box =
      protocol === "IMAP"
        ? { inbound: inbound("support", alice, imaps()) }
        : { outbound: { mailbox: alice, fromAddress: alice, server: { host: stack.host, port: stack.ports.submission, type: "SMTP" as const, tls: "starttls" as const }, password: { env: "ALICE_PASSWORD" } } };
    const m = await checkOne(box);
    expect(failed(m)).toEqual({ code: "AUTH_REJECTED", failedStep: "login", fix });
  });

  test("a token for another audience (EWS checks it)", async () => {
    stack.entra.tweakNext({ audience: "https://graph.microsoft.com" }, { username: alice });
    const m = await checkOne({ inbound: inbound("ews", alice, { host: stack.host, port: stack.ports.api, type: "EWS" }) });
    expect(failed(m)).toEqual({
      code: "TOKEN_WRONG_AUDIENCE",
      failedStep: "inbox",
      fix: "the token is for https://graph.microsoft.com, not Exchange Online: check tenant.authority names the mailbox's cloud (the scope follows it)",
    });
  });

  test("a missing password variable is a failed mailbox with a fix, not a crash", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, imaps()) }, { env: {} });
    expect(failed(m)).toEqual({ code: "MISSING_PASSWORD", failedStep: "secret", fix: `set the environment variable ALICE_PASSWORD to the password of ${alice}` });
  });
});

describe("Graph answers", () => {
  test("403 access denied", async () => {
    stack.api.failNextGraph(GRAPH_ERRORS.accessDenied);
    const m = await checkOne({ inbound: { name: "billing", mailbox: alice, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" } } });
    expect(failed(m)).toMatchObject({ code: "GRAPH_403", failedStep: "inbox" });
    expect(m.fix).toContain("grant the app Mail.ReadWrite with admin consent (apply the Terraform stack)");
  });

  test("401 for an app token with the wrong audience", async () => {
    stack.entra.tweakNext({ audience: "https://outlook.office365.com" }, { grantType: "client_credentials" });
    const m = await checkOne({ inbound: { name: "billing", mailbox: alice, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" } } });
    expect(failed(m)).toEqual({ code: "GRAPH_401", failedStep: "inbox", fix: "check tenant.directoryId and tenant.authority (the token must come from the mailbox's tenant and cloud)" });
  });

  test("404 for an account without a mailbox", async () => {
    const login = stack.noMailboxUser.login;
    const m = await checkOne({ inbound: { name: "billing", mailbox: login, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" } } });
    expect(failed(m)).toEqual({ code: "GRAPH_404", failedStep: "inbox", fix: `${login} is not an Exchange Online mailbox in this tenant: check mailbox (and its licence)` });
  });
});

describe("network and TLS faults", () => {
  test("a refused port", async () => {
    const port = await refusedPort();
    const m = await checkOne({ inbound: inbound("support", alice, { host: stack.host, port, type: "IMAP", tls: "implicit" }, { auth: "basic" }) });
    expect(failed(m)).toEqual({ code: "ECONNREFUSED", failedStep: "login", fix: `nothing listens on 127.0.0.1:${port}: check server.host and server.port` });
  });

  test("a host name that does not resolve", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, { host: "imap.example.invalid", port: 993, type: "IMAP" }, { auth: "basic" }) }, { timeoutSeconds: 2 });
    expect(failed(m)).toMatchObject({ failedStep: "login" });
    // ENOTFOUND where a resolver answers; TIMEOUT where none does (an offline build machine)
    expect(["the host name imap.example.invalid does not resolve: check server.host (and this machine's DNS)", expect.stringMatching(/^imap\.example\.invalid:993 did not answer within 2 s/)]).toContainEqual(m.fix);
  });

  test.each([
    ["IMAP", "implicit", "login"],
    ["POP3", "starttls", "connect"],
    ["SMTP", "starttls", "connect"],
  ] as const)("%s: a server that accepts TCP and never answers ends within --timeout", async (type, tls, step) => {
    const server = { host: stack.host, port: silent.port, type, tls };
    const box = type === "SMTP" ? { outbound: { mailbox: alice, fromAddress: alice, auth: "basic" as const, server: server as OutboundInput["server"], password: { env: "ALICE_PASSWORD" } } } : { inbound: inbound("support", alice, server as InboundInput["server"], { auth: "basic" }) };
    // A step that ignored --timeout would hang until jest's test timeout: the TIMEOUT finding is the proof.
    const m = await checkOne(box, { timeoutSeconds: 0.5 });
    // the check closed its connection when the step timed out
    for (let i = 0; i < 300 && silent.open() > 0; i++) await new Promise((r) => setTimeout(r, 10)); // a loaded machine may take a moment
    expect(silent.open()).toBe(0);
    expect(failed(m)).toMatchObject({ code: "TIMEOUT", failedStep: step });
    expect(m.fix).toBe(`127.0.0.1:${silent.port} did not answer within 0.5 s: check server.host, server.port and server.tls, and that a firewall lets this machine through (raise --timeout for a slow link)`);
  });

  test("a token endpoint that never answers ends within --timeout", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, imaps()) }, { timeoutSeconds: 0.5 }, { tenant: { directoryId: stack.tenantId, authority: `https://127.0.0.1:${silent.port}/` } });
    expect(failed(m)).toMatchObject({ code: "TIMEOUT", failedStep: "token" });
    expect(m.fix).toBe(`127.0.0.1:${silent.port} did not answer within 0.5 s: check tenant.authority, and that a firewall lets this machine through (or set HTTPS_PROXY) (raise --timeout for a slow link)`);
  });

  test("a certificate for another name fails even with its CA trusted", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, { host: stack.host, port: stack.wrongCertPorts.imaps, type: "IMAP", tls: "implicit" }, { auth: "basic" }) });
    expect(failed(m)).toEqual({
      code: "TLS_HOSTNAME",
      failedStep: "login",
      fix: "the server's certificate is not issued for 127.0.0.1: set server.host to a name the certificate covers (trusting its CA with --ca-file does not fix a name mismatch)",
    });
  });

  test("the token endpoint's certificate is checked too (MSAL network client)", async () => {
    const m = await checkOne({ inbound: inbound("support", alice, imaps()) }, {}, { tenant: { directoryId: stack.tenantId, authority: `https://127.0.0.1:${stack.wrongCertPorts.entra}/` } });
    expect(failed(m)).toEqual({
      code: "TLS_HOSTNAME",
      failedStep: "token",
      fix: "the server's certificate is not issued for 127.0.0.1: set tenant.authority to a name the certificate covers (trusting its CA with --ca-file does not fix a name mismatch)",
    });
    expect(stack.entra.count()).toBe(0);
  });

  test.each(["IMAP", "SMTP", "GRAPH"] as const)("%s: a certificate from an unknown CA fails without --ca-file and passes with it", async (type) => {
    const box =
      type === "IMAP"
        ? { inbound: inbound("support", alice, imaps(), { auth: "basic" }) }
        : type === "GRAPH"
          ? { inbound: { name: "billing", mailbox: alice, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" as const } } }
          : { outbound: { mailbox: alice, fromAddress: alice, auth: "basic" as const, server: { host: stack.host, port: stack.ports.submission, type: "SMTP" as const, tls: "starttls" as const }, password: { env: "ALICE_PASSWORD" } } };
    const without = await checkOne(box, { trust: {} });
    expect(failed(without)).toMatchObject({ code: "TLS_UNTRUSTED" });
    expect(without.fix).toMatch(/is not signed by a CA in the system store: pass --ca-file with the CA that signed it$/);
    const withCa = await checkOne(box, { trust });
    expect(withCa.verdict).toBe("pass");
  });
});
