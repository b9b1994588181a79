// Issue 14, must show: with HTTPS_PROXY pointing at a real proxy on loopback (proxy-chain, basic auth), the token
// request goes through the proxy (its own hook sees the CONNECT) and the run passes; IMAP/SMTP stay direct; a wrong
// proxy password fails naming the proxy, not the mailbox; the proxy's credentials appear in no output.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Server } from "proxy-chain";
import { bypassesProxy, proxyFromEnv } from "../../src/check/proxy";
import { runCli } from "../cli/run-cli";
import { startMailStack, type MailStack } from "../support/mail-stack";

const PROXY_USER = "pipeline";
// (with characters that URL-encoding changes: the URL holds it encoded, the proxy gets it decoded)
const PROXY_PASSWORD = "pr0xy Secret/+=";

let stack: MailStack;
let proxy: Server;
let dir: string;
/** Every CONNECT the proxy was asked for, as `host:port`, with whether its credentials were right. */
const connects: Array<{ target: string; authorized: boolean }> = [];

beforeAll(async () => {
  stack = await startMailStack();
  proxy = new Server({
    port: 0,
    host: "127.0.0.1",
    prepareRequestFunction: ({ username, password, hostname, port, isHttp }) => {
      const authorized = username === PROXY_USER && password === PROXY_PASSWORD;
      if (!isHttp) connects.push({ target: `${hostname}:${port}`, authorized });
      return { requestAuthentication: !authorized };
    },
  });
  await proxy.listen();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-proxy-"));
}, 30_000);
afterAll(async () => {
  await proxy?.close(true);
  await stack?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  stack.reset();
  connects.length = 0;
});

/** IMAP test mailbox (alice) and the outbound SMTP mailbox (carol); `https` adds a GRAPH and an EWS mailbox (bob). */
function writeConfig(https = false): string {
  const [alice, bob, carol] = stack.users.map((u) => u.login) as [string, string, string];
  const api = { host: stack.host, port: stack.ports.api };
  const httpsMailboxes = [
    { name: "billing", mailbox: bob, server: { ...api, type: "GRAPH" } },
    { name: "claims", mailbox: bob, server: { ...api, type: "EWS" }, password: { env: "BOB_PASSWORD" } },
  ];
  const file = path.join(dir, `config${https ? "-https" : ""}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      tenant: { directoryId: stack.tenantId, authority: stack.authority },
      application: { clientId: stack.clientId, ...(https ? { clientSecret: { env: "GRAPH_SECRET" } } : {}) },
      mailboxes: {
        inbound: [{ name: "support_test", mailbox: alice, server: { host: stack.host, port: stack.ports.imaps, type: "IMAP", tls: "implicit" }, password: { env: "ALICE_PASSWORD" }, testMailbox: true }, ...(https ? httpsMailboxes : [])],
        outbound: { mailbox: carol, fromAddress: carol, server: { host: stack.host, port: stack.ports.submission, type: "SMTP", tls: "starttls" }, password: { env: "CAROL_PASSWORD" } },
      },
    }),
  );
  return file;
}

const passwords = () => ({
  ALICE_PASSWORD: stack.passwordOf(stack.users[0]!.login),
  BOB_PASSWORD: stack.passwordOf(stack.users[1]!.login),
  CAROL_PASSWORD: stack.passwordOf(stack.users[2]!.login),
  GRAPH_SECRET: stack.clientSecret,
});
const proxyUrl = (password: string) => `http://${PROXY_USER}:${encodeURIComponent(password)}@127.0.0.1:${proxy.port}`;
/** The proxy's credentials as a user could find them: plain, URL-encoded, as the Proxy-Authorization header's base64. */
const credentialForms = (password: string) => [password, encodeURIComponent(password), `${PROXY_USER}:`, Buffer.from(`${PROXY_USER}:${password}`).toString("base64")];

test("the token requests go through the proxy (its CONNECT hook sees them) and the run passes; IMAP and SMTP stay direct", async () => {
  const r = await runCli(["check", writeConfig(), "--ca-file", stack.caFile], { env: { ...passwords(), HTTPS_PROXY: proxyUrl(PROXY_PASSWORD) } });
  expect([r.code, r.stderr]).toEqual([0, expect.not.stringContaining(PROXY_PASSWORD)]);
  // Only the token endpoint was tunnelled: nothing to the IMAP or submission ports.
  expect(connects.length).toBeGreaterThan(0);
  expect(new Set(connects.map((c) => c.target))).toEqual(new Set([`127.0.0.1:${stack.ports.entra}`]));
  expect(connects.every((c) => c.authorized)).toBe(true);
  expect(stack.entra.count({ ok: true })).toBe(2);
  expect(r.stdout).toContain(`HTTPS (token endpoint, Graph, EWS) went through the proxy http://127.0.0.1:${proxy.port} (HTTPS_PROXY, except NO_PROXY hosts); IMAP, POP3 and SMTP connect directly.`);
  expect(r.stdout).not.toContain(PROXY_PASSWORD);
});

test.each(["text", "json", "markdown", "junit"])("a wrong proxy password: the failure names the proxy, not the mailbox; no credential in --format %s", async (format) => {
  const wrong = "wr0ng-proxy-pass";
  const r = await runCli(["check", writeConfig(), "--ca-file", stack.caFile, "--format", format], { env: { ...passwords(), https_proxy: proxyUrl(wrong) } });
  expect(r.code).toBe(1);
  // nothing reached the token endpoint
  expect(stack.entra.count()).toBe(0);
  const fix = `the proxy http://127.0.0.1:${proxy.port} refused the user and password in HTTPS_PROXY (http://user:password@host:port, URL-encoded): correct them; they go to the proxy only`;
  if (format === "json") {
    const report = JSON.parse(r.stdout) as { cause: { code: string; field: string; fix: string }; mailboxes: Array<{ code: string; fix: string }> };
    expect(report.cause).toEqual({ code: "PROXY_AUTH", field: "HTTPS_PROXY", detail: `the proxy http://127.0.0.1:${proxy.port} refused the credentials in HTTPS_PROXY (HTTP 407) for 127.0.0.1:${stack.ports.entra}`, fix });
    expect(report.mailboxes.map((m) => [m.code, m.fix])).toEqual([
      ["PROXY_AUTH", fix],
      ["PROXY_AUTH", fix],
    ]);
  }
  if (format === "text") expect(r.stdout).toContain(`RUN CAUSE PROXY_AUTH (HTTPS_PROXY): the proxy http://127.0.0.1:${proxy.port} refused the credentials`);
  const all = r.stdout + r.stderr;
  for (const secret of credentialForms(wrong)) expect(all).not.toContain(secret);
});

test.each(["text", "json", "markdown", "junit"])("Graph and EWS go through the proxy too, the run passes, and --format %s holds none of the proxy's credentials", async (format) => {
  // GIVEN IMAP, GRAPH, EWS and SMTP mailboxes
  const r = await runCli(["check", writeConfig(true), "--ca-file", stack.caFile, "--format", format], { env: { ...passwords(), HTTPS_PROXY: proxyUrl(PROXY_PASSWORD) } });
  // THEN
  expect(r.code).toBe(0);
  // tunnels to the token endpoint and to the Graph/EWS stand-in, and to nothing else
  expect(new Set(connects.map((c) => c.target))).toEqual(new Set([`127.0.0.1:${stack.ports.entra}`, `127.0.0.1:${stack.ports.api}`]));
  expect(stack.api.requests.length).toBe(2);
  expect(connects.every((c) => c.authorized)).toBe(true);
  for (const secret of credentialForms(PROXY_PASSWORD)) expect(r.stdout + r.stderr).not.toContain(secret);
});

test("a NO_PROXY host:port entry sends only that endpoint direct: Graph and EWS direct, the token endpoint through the proxy", async () => {
  const r = await runCli(["check", writeConfig(true), "--ca-file", stack.caFile], { env: { ...passwords(), HTTPS_PROXY: proxyUrl(PROXY_PASSWORD), no_proxy: `127.0.0.1:${stack.ports.api}` } });
  expect(r.code).toBe(0);
  expect(new Set(connects.map((c) => c.target))).toEqual(new Set([`127.0.0.1:${stack.ports.entra}`]));
  expect(stack.api.requests.length).toBe(2);
});

test("a proxy that is not there: PROXY_UNREACHABLE, named", async () => {
  const r = await runCli(["check", writeConfig(), "--ca-file", stack.caFile, "--format", "json"], { env: { ...passwords(), HTTPS_PROXY: "http://127.0.0.1:1" } });
  const report = JSON.parse(r.stdout) as { cause: { code: string; fix: string } };
  expect(report.cause).toMatchObject({ code: "PROXY_UNREACHABLE", fix: "nothing answers at the proxy http://127.0.0.1:1: check HTTPS_PROXY (host and port), or unset it where the endpoints are reachable directly" });
});

test("NO_PROXY sends a host direct; HTTPS_PROXY that is not a URL is a usage error that does not repeat it", async () => {
  const r = await runCli(["check", writeConfig(), "--ca-file", stack.caFile], { env: { ...passwords(), HTTPS_PROXY: proxyUrl(PROXY_PASSWORD), NO_PROXY: "example.test, 127.0.0.1" } });
  expect(r.code).toBe(0);
  expect(connects).toEqual([]);
  const bad = await runCli(["check", writeConfig()], { env: { HTTPS_PROXY: "http://u:p@ss w0rd@:x" } });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/\ngenesys-email: HTTPS_PROXY is not a proxy URL; expected http:\/\/\[user:password@\]host:port\n$/);
  expect(bad.stderr).not.toContain("w0rd");
});

describe("NO_PROXY matching", () => {
  const settings = (noProxy: string) => proxyFromEnv({ HTTPS_PROXY: "http://proxy:3128", NO_PROXY: noProxy })!;
  test.each<[string, string, number, boolean]>([
    ["login.microsoftonline.com", "login.microsoftonline.com", 443, true],
    ["microsoftonline.com", "login.microsoftonline.com", 443, true],
    [".microsoftonline.com", "login.microsoftonline.com", 443, true],
    ["*.microsoftonline.com", "login.microsoftonline.com", 443, true],
    ["online.com", "login.microsoftonline.com", 443, false],
    ["graph.microsoft.com:8443", "graph.microsoft.com", 443, false],
    ["graph.microsoft.com:443", "graph.microsoft.com", 443, true],
    ["*", "anything.example", 443, true],
    ["", "127.0.0.1", 443, false],
  ])("NO_PROXY=%j, %s:%d bypasses: %s", (noProxy, host, port, bypass) => {
    expect(bypassesProxy(settings(noProxy), host, port)).toBe(bypass);
  });
});
