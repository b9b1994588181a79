// Proves the loopback mail stack: real Dovecot/Postfix + FakeEntra + Graph/EWS stand-ins.
// Needs root and the Debian packages (bash test/support/mail-stack/install.sh).
import * as fs from "node:fs";
import * as https from "node:https";
import * as net from "node:net";
import * as tls from "node:tls";
import { ConfidentialClientApplication, PublicClientApplication } from "@azure/msal-node";
import { ImapFlow } from "imapflow";
import * as nodemailer from "nodemailer";
import { startMailStack, type MailStack } from "./index";
import { caNetworkClient } from "./msal-network";

jest.setTimeout(20_000);

let stack: MailStack;
beforeAll(async () => {
  stack = await startMailStack();
});
afterAll(async () => {
  await stack?.stop();
});
afterEach(() => stack?.reset());

const OUTLOOK = "https://outlook.office365.com";

function imap(opts: { user: string; pass?: string; accessToken?: string; port?: number; secure?: boolean; ca?: string }): ImapFlow {
  const auth = opts.accessToken !== undefined ? { user: opts.user, accessToken: opts.accessToken } : { user: opts.user, pass: opts.pass ?? "" };
  return new ImapFlow({
    host: "127.0.0.1",
    port: opts.port ?? stack.ports.imaps,
    secure: opts.secure ?? true,
    auth,
    tls: { ca: opts.ca ?? stack.caPem },
    logger: false,
    connectionTimeout: 5000,
  });
}

/** Logs in, reads INBOX status, logs out; resolves with the message count. */
async function imapCheck(opts: Parameters<typeof imap>[0]): Promise<number> {
  const c = imap(opts);
  c.on("error", () => undefined);
  try {
    await c.connect();
    const st = await c.status("INBOX", { messages: true });
    return st ? (st.messages ?? -1) : -1;
  } finally {
    await c.logout().catch(() => undefined);
    c.close();
  }
}

async function ropcToken(user: string, scope = `${OUTLOOK}/IMAP.AccessAsUser.All ${OUTLOOK}/POP.AccessAsUser.All ${OUTLOOK}/SMTP.Send offline_access`): Promise<string> {
  const r = await stack.entra.requestToken({ grant_type: "password", client_id: stack.clientId, username: user, password: stack.passwordOf(user), scope });
  expect(r.status).toBe(200);
  return r.body["access_token"] as string;
}

/** Raw POP3 over TLS: AUTH XOAUTH2 with SASL-IR, then STAT. Resolves with the STAT line. */
function pop3Xoauth2(port: number, user: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: "127.0.0.1", port, ca: stack.caPem });
    let buf = "";
    let stage = 0;
    s.setEncoding("utf8");
    s.on("data", (d: string) => {
      buf += d;
      if (!buf.endsWith("\r\n")) return;
      const line = buf.trim();
      buf = "";
      if (stage === 0) {
        stage = 1;
        s.write(`AUTH XOAUTH2 ${Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString("base64")}\r\n`);
      } else if (stage === 1 && line.startsWith("+ ")) {
        // XOAUTH2 failure: the server sends a JSON error as a challenge; the client answers with an empty line
        s.write("\r\n");
      } else if (stage === 1) {
        stage = 2;
        if (!line.startsWith("+OK")) {
          s.end("QUIT\r\n");
          reject(new Error(line));
          return;
        }
        s.write("STAT\r\n");
      } else {
        s.end("QUIT\r\n");
        resolve(line);
      }
    });
    s.on("error", reject);
  });
}

function httpsRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: init.method ?? "GET", headers: init.headers, ca: stack.caPem, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const ewsGetInbox = (impersonate?: string) => `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
  <soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/>${impersonate ? `<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>${impersonate}</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>` : ""}</soap:Header>
  <soap:Body><m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder></soap:Body>
</soap:Envelope>`;

describe("mail stack", () => {
  // (how long a start takes is bench/ material: under a loaded machine any bound here is a flake)
  test("starts on free loopback ports with a CA-signed certificate", () => {
    expect(stack.startMs).toBeGreaterThan(0);
    expect(stack.host).toBe("127.0.0.1");
    expect(new Set(Object.values(stack.ports)).size).toBe(Object.keys(stack.ports).length);
    expect(fs.readFileSync(stack.caFile, "utf8")).toContain("BEGIN CERTIFICATE");
    expect(stack.authority).toBe(`https://127.0.0.1:${stack.ports.entra}/`);
    expect(stack.knownAuthorities).toEqual([`127.0.0.1:${stack.ports.entra}`]);
    expect(JSON.parse(stack.authorityMetadata())).toMatchObject({ token_endpoint: `${stack.authority}${stack.tenantId}/oauth2/v2.0/token`, issuer: `${stack.authority}${stack.tenantId}/v2.0` });
    expect(stack.users.map((u) => u.login)).toEqual(["alice@example.test", "bob@example.test", "carol@example.test"]);
  });

  test("IMAP: password login (IMAPS and STARTTLS), wrong password rejected", async () => {
    await expect(imapCheck({ user: "alice@example.test", pass: "alice-password" })).resolves.toBeGreaterThanOrEqual(0);
    const c = new ImapFlow({ host: "127.0.0.1", port: stack.ports.imap, secure: false, doSTARTTLS: true, auth: { user: "bob@example.test", pass: "bob-password" }, tls: { ca: stack.caPem }, logger: false });
    await c.connect();
    expect(c.secureConnection).toBe(true);
    await c.logout();
    await expect(imapCheck({ user: "alice@example.test", pass: "wrong" })).rejects.toThrow();
  });

  test("IMAP: XOAUTH2 with delegated (ROPC) and app (client_credentials) tokens from FakeEntra", async () => {
    const userToken = await ropcToken("alice@example.test");
    await expect(imapCheck({ user: "alice@example.test", accessToken: userToken })).resolves.toBeGreaterThanOrEqual(0);
    const app = await stack.entra.requestToken({ grant_type: "client_credentials", client_id: stack.clientId, client_secret: stack.clientSecret, scope: `${OUTLOOK}/.default` });
    expect(app.status).toBe(200);
    await expect(imapCheck({ user: "carol@example.test", accessToken: app.body["access_token"] as string })).resolves.toBeGreaterThanOrEqual(0);
    expect(stack.entra.count({ grantType: "password", username: "alice@example.test" })).toBe(1);
    expect(stack.entra.count({ grantType: "client_credentials", clientId: stack.clientId })).toBe(1);
  });

  test("IMAP: bad tokens are rejected (expired, other user, wrong audience, bad signature, app token for unknown mailbox)", async () => {
    const e = stack.entra;
    const cases = [
      imapCheck({ user: "alice@example.test", accessToken: e.issueToken({ user: "alice@example.test", expired: true }) }),
      imapCheck({ user: "bob@example.test", accessToken: e.issueToken({ user: "alice@example.test" }) }),
      imapCheck({ user: "alice@example.test", accessToken: e.issueToken({ user: "alice@example.test", resource: "https://graph.microsoft.com" }) }),
      imapCheck({ user: "alice@example.test", accessToken: e.issueToken({ user: "alice@example.test", badSignature: true }) }),
      imapCheck({ user: "nobody@example.test", accessToken: e.issueToken({}) }),
    ];
    const results = await Promise.allSettled(cases);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected", "rejected", "rejected"]);
    // and the same kind of tokens, valid, are accepted
    await expect(imapCheck({ user: "bob@example.test", accessToken: e.issueToken({ user: "bob@example.test" }) })).resolves.toBeGreaterThanOrEqual(0);
  });

  test("POP3S: AUTH XOAUTH2 (raw protocol)", async () => {
    const line = await pop3Xoauth2(stack.ports.pop3s, "alice@example.test", await ropcToken("alice@example.test"));
    expect(line).toMatch(/^\+OK \d+ \d+/);
    await expect(pop3Xoauth2(stack.ports.pop3s, "alice@example.test", stack.entra.issueToken({ user: "alice@example.test", expired: true }))).rejects.toThrow(/^-ERR/);
  });

  test("SMTP: submission STARTTLS + XOAUTH2 to bob, read back over IMAP", async () => {
    const token = await ropcToken("alice@example.test");
    const t = nodemailer.createTransport({
      host: "127.0.0.1",
      port: stack.ports.submission,
      secure: false,
      requireTLS: true,
      auth: { type: "OAuth2", user: "alice@example.test", accessToken: token },
      tls: { ca: stack.caPem },
      connectionTimeout: 5000,
    });
    const subject = `probe-${Date.now()}`;
    const info = (await t.sendMail({ from: "alice@example.test", to: "bob@example.test", subject, text: "hello bob" })) as { messageId: string; response: string };
    t.close();
    expect(info.response).toMatch(/^250 /);

    const c = imap({ user: "bob@example.test", pass: "bob-password" });
    await c.connect();
    try {
      const deadline = Date.now() + 5000;
      let found: number[] = [];
      while (Date.now() < deadline) {
        const lock = await c.getMailboxLock("INBOX");
        try {
          const r = await c.search({ header: { "message-id": info.messageId } }, { uid: true });
          found = r || [];
        } finally {
          lock.release();
        }
        if (found.length) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(found.length).toBe(1);
      const msg = await c.fetchOne(String(found[0]), { envelope: true }, { uid: true });
      expect(msg && msg.envelope?.subject).toBe(subject);
    } finally {
      await c.logout();
    }
    // submission refuses AUTH with a bad token
    const bad = nodemailer.createTransport({ host: "127.0.0.1", port: stack.ports.submission, secure: false, requireTLS: true, auth: { type: "OAuth2", user: "alice@example.test", accessToken: stack.entra.issueToken({ user: "alice@example.test", expired: true }) }, tls: { ca: stack.caPem } });
    await expect(bad.verify()).rejects.toThrow(/535|authentication/i);
    bad.close();
  });

  test("FakeEntra: natural and injected AADSTS errors, controls", async () => {
    const e = stack.entra;
    const base = { client_id: stack.clientId, scope: `${OUTLOOK}/IMAP.AccessAsUser.All` };
    const badPw = await e.requestToken({ ...base, grant_type: "password", username: "alice@example.test", password: "nope" });
    expect(badPw.status).toBe(400);
    expect(badPw.body).toMatchObject({ error: "invalid_grant", error_codes: [50126] });
    expect(String(badPw.body["error_description"])).toMatch(/^AADSTS50126: /);
    for (const k of ["timestamp", "trace_id", "correlation_id"]) expect(typeof badPw.body[k]).toBe("string");

    const badSecret = await e.requestToken({ grant_type: "client_credentials", client_id: stack.clientId, client_secret: "wrong", scope: `${OUTLOOK}/.default` });
    expect(badSecret.status).toBe(401);
    expect(badSecret.body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });

    e.failNext(50076, { username: "alice@example.test" });
    const mfa = await e.requestToken({ ...base, grant_type: "password", username: "alice@example.test", password: "alice-password" });
    expect(mfa.body).toMatchObject({ error: "invalid_grant", error_codes: [50076], suberror: "basic_action" });
    expect((await e.requestToken({ ...base, grant_type: "password", username: "alice@example.test", password: "alice-password" })).status).toBe(200);

    e.updateClient(stack.clientId, { allowPublicClientFlows: false });
    const pub = await e.requestToken({ ...base, grant_type: "password", username: "bob@example.test", password: "bob-password" });
    expect(pub.body).toMatchObject({ error: "invalid_client", error_codes: [7000218] });
    e.updateClient(stack.clientId, { delegatedScopes: { [OUTLOOK]: ["SMTP.Send"] }, allowPublicClientFlows: true });
    const consent = await e.requestToken({ ...base, grant_type: "password", username: "bob@example.test", password: "bob-password" });
    expect(consent.body).toMatchObject({ error: "invalid_grant", error_codes: [65001], suberror: "consent_required" });
    e.reset();

    e.tweakNext({ expired: true });
    const expired = await e.requestToken({ ...base, grant_type: "password", username: "bob@example.test", password: "bob-password" });
    expect(expired.status).toBe(200);
    await expect(imapCheck({ user: "bob@example.test", accessToken: expired.body["access_token"] as string })).rejects.toThrow();
    const refreshed = await e.requestToken({ grant_type: "refresh_token", client_id: stack.clientId, refresh_token: expired.body["refresh_token"] as string, scope: base.scope });
    expect(refreshed.status).toBe(200);
    await expect(imapCheck({ user: "bob@example.test", accessToken: refreshed.body["access_token"] as string })).resolves.toBeGreaterThanOrEqual(0);
    expect(e.count({ username: "bob@example.test" })).toBe(2);
    expect(e.count({ grantType: "refresh_token" })).toBe(1);
  });

  test("msal-node against FakeEntra (knownAuthorities + authorityMetadata + CA-trusting network client)", async () => {
    const auth = { clientId: stack.clientId, authority: `${stack.authority}${stack.tenantId}`, knownAuthorities: stack.knownAuthorities, authorityMetadata: stack.authorityMetadata() };
    const system = { networkClient: caNetworkClient(stack.caPem) };
    const cca = new ConfidentialClientApplication({ auth: { ...auth, clientSecret: stack.clientSecret }, system });
    const app = await cca.acquireTokenByClientCredential({ scopes: [`${OUTLOOK}/.default`] });
    expect(app?.accessToken).toBeTruthy();
    const pca = new PublicClientApplication({ auth, system });
    const user = await pca.acquireTokenByUsernamePassword({ scopes: [`${OUTLOOK}/IMAP.AccessAsUser.All`], username: "carol@example.test", password: "carol-password" });
    expect(user?.account?.username).toBe("carol@example.test");
    await expect(imapCheck({ user: "carol@example.test", accessToken: user!.accessToken })).resolves.toBeGreaterThanOrEqual(0);
    await expect(pca.acquireTokenByUsernamePassword({ scopes: [`${OUTLOOK}/IMAP.AccessAsUser.All`], username: "carol@example.test", password: "x" })).rejects.toMatchObject({ errorCode: "invalid_grant" });
    // authorityMetadata given: MSAL only POSTs to the token endpoint
    expect(stack.entra.httpRequests.every((r) => r.method === "POST")).toBe(true);
  });

  test("Graph stand-in: GET /v1.0/users/{mailbox}/mailFolders/inbox", async () => {
    await stack.deliver({ to: "carol@example.test", subject: "for graph" });
    const get = (mailbox: string, token?: string) =>
      httpsRequest(`${stack.graphBaseUrl}/users/${encodeURIComponent(mailbox)}/mailFolders/inbox`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const appToken = stack.entra.issueToken({ resource: "https://graph.microsoft.com" });
    const ok = await get("carol@example.test", appToken);
    expect(ok.status).toBe(200);
    const folder = JSON.parse(ok.body) as Record<string, unknown>;
    expect(folder).toMatchObject({ displayName: "Inbox", childFolderCount: 0, isHidden: false });
    expect(folder["totalItemCount"]).toBeGreaterThanOrEqual(1);
    expect(folder["unreadItemCount"]).toBeGreaterThanOrEqual(1);
    expect(typeof folder["id"]).toBe("string");
    expect(typeof folder["parentFolderId"]).toBe("string");
    expect(typeof folder["sizeInBytes"]).toBe("number");

    const err = async (p: Promise<{ status: number; body: string }>) => {
      const r = await p;
      return [r.status, (JSON.parse(r.body) as { error: { code: string } }).error.code] as const;
    };
    expect(await err(get("carol@example.test"))).toEqual([401, "InvalidAuthenticationToken"]);
    expect(await err(get("carol@example.test", stack.entra.issueToken({ resource: "https://graph.microsoft.com", expired: true })))).toEqual([401, "InvalidAuthenticationToken"]);
    expect(await err(get("carol@example.test", stack.entra.issueToken({})))).toEqual([401, "InvalidAuthenticationToken"]); // Exchange audience
    expect(await err(get("carol@example.test", stack.entra.issueToken({ resource: "https://graph.microsoft.com", roles: ["User.Read.All"] })))).toEqual([403, "ErrorAccessDenied"]);
    expect(await err(get("nomail@example.test", appToken))).toEqual([404, "MailboxNotEnabledForRESTAPI"]);
    expect(await err(get("ghost@example.test", appToken))).toEqual([404, "ErrorInvalidUser"]);
    expect(stack.api.count({ kind: "graph" })).toBe(7);
  });

  test("EWS stand-in: GetFolder inbox with a delegated token", async () => {
    const post = (token: string | undefined, body = ewsGetInbox()) =>
      httpsRequest(stack.ewsUrl, { method: "POST", body, headers: { "content-type": "text/xml; charset=utf-8", ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const token = await ropcToken("alice@example.test", `${OUTLOOK}/EWS.AccessAsUser.All`);
    const ok = await post(token);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('ResponseClass="Success"');
    expect(ok.body).toContain("<m:ResponseCode>NoError</m:ResponseCode>");
    expect(ok.body).toMatch(/<t:TotalCount>\d+<\/t:TotalCount><t:ChildFolderCount>0<\/t:ChildFolderCount><t:UnreadCount>\d+<\/t:UnreadCount>/);
    expect((await post(stack.entra.issueToken({ user: "alice@example.test", expired: true }))).status).toBe(401);
    expect((await post(undefined)).status).toBe(401);
    const app = await post(stack.entra.issueToken({}), ewsGetInbox("bob@example.test"));
    expect(app.body).toContain('ResponseClass="Success"');
    const noMailbox = await post(stack.entra.issueToken({}), ewsGetInbox("nomail@example.test"));
    expect(noMailbox.body).toContain("ErrorNonExistentMailbox");
  });

  test("wrong-certificate ports: same CA, but the name does not match 127.0.0.1", async () => {
    const handshake = (port: number) =>
      new Promise<string>((resolve) => {
        const s = tls.connect({ host: "127.0.0.1", port, ca: stack.caPem });
        s.once("secureConnect", () => {
          s.destroy();
          resolve("ok");
        });
        s.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
    for (const port of [stack.wrongCertPorts.imaps, stack.wrongCertPorts.pop3s, stack.wrongCertPorts.smtps, stack.wrongCertPorts.entra, stack.wrongCertPorts.api]) {
      expect(await handshake(port)).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    }
    expect(await handshake(stack.ports.imaps)).toBe("ok");
    // the proxied IMAPS works when the name is accepted
    const c = new ImapFlow({ host: "127.0.0.1", port: stack.wrongCertPorts.imaps, secure: true, auth: { user: "alice@example.test", pass: "alice-password" }, tls: { ca: stack.caPem, servername: stack.wrongCertName }, logger: false });
    await c.connect();
    await c.logout();
    // STARTTLS submission with the wrong certificate
    const t = nodemailer.createTransport({ host: "127.0.0.1", port: stack.wrongCertPorts.submission, secure: false, requireTLS: true, auth: { user: "alice@example.test", pass: "alice-password" }, tls: { ca: stack.caPem } });
    await expect(t.verify()).rejects.toMatchObject({ code: "ESOCKET" });
    t.close();
  });

  test("a second stack with 200 extra users runs concurrently and stops cleanly", async () => {
    const s2 = await startMailStack({ extraUsers: 200 });
    try {
      expect(s2.users).toHaveLength(203);
      expect(s2.users[202]).toEqual({ login: "user200@example.test", password: "user200-password" });
      expect(Object.values(s2.ports).some((p) => Object.values(stack.ports).includes(p))).toBe(false);
      await expect(imapCheck({ user: "user200@example.test", pass: "user200-password", port: s2.ports.imap, secure: false, ca: s2.caPem })).resolves.toBe(0);
    } finally {
      await s2.stop();
    }
    expect(fs.existsSync(s2.dir)).toBe(false);
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: "127.0.0.1", port: s2.ports.imaps });
      s.once("connect", () => {
        s.destroy();
        resolve(false);
      });
      s.once("error", () => resolve(true));
    });
    expect(refused).toBe(true);
    await s2.stop(); // idempotent
  });
});
