import { classify, CheckError, transportCode } from "../../src/check/classify";
import { authoritySettings } from "../../src/check/cloud";
import { rejectedLogin, tokenClaims, xoauth2 } from "../../src/check/credentials";
import { fixFor, type FixContext } from "../../src/check/fixes";
import { Redactor, redactPatterns } from "../../src/check/redact";
import { sizeVerdict } from "../../src/check/run";

const CTX: FixContext = {
  name: "support",
  login: "support@contoso.com",
  protocol: "IMAP",
  auth: "oauth2",
  host: "outlook.office365.com",
  port: 993,
  tls: "implicit",
  passwordEnv: "SUPPORT_PASSWORD",
  timeoutSeconds: 10,
};

describe("fixes table", () => {
  test("GRAPH 403 names the grant that is missing, per graphMailboxAccess", () => {
    expect(fixFor("GRAPH_403", { ...CTX, protocol: "GRAPH" }).fix).toBe(
      "grant the app Mail.ReadWrite with admin consent (apply the Terraform stack); if an access policy limits it to a group, add support@contoso.com to it (check with Test-ApplicationAccessPolicy -Identity support@contoso.com -AppId <client id>)",
    );
    expect(fixFor("GRAPH_403", { ...CTX, protocol: "GRAPH", graphMailboxAccess: "exchange-rbac" }).fix).toBe(
      "access comes only from Exchange Online RBAC for Applications: run exchange-setup.ps1 and make sure support@contoso.com is in the scoped group (check with Test-ServicePrincipalAuthorization -Resource support@contoso.com; role changes can take up to 2 hours)",
    );
  });

  test.each([
    ["AADSTS50076", {}, "turn off MFA for this mailbox: legacy protocols use the password flow"],
    ["AADSTS50079", {}, "turn off MFA for this mailbox: legacy protocols use the password flow"],
    ["AADSTS65001", {}, "apply the Terraform stack so admin consent is granted"],
    ["AADSTS7000218", {}, "enable public client flows (fallback_public_client_enabled): apply the Terraform stack, which sets it"],
    ["AADSTS50126", {}, "wrong password: check the password in SUPPORT_PASSWORD"],
    ["AADSTS7000215", { clientSecretSource: "GRAPH_SECRET" }, "bad client secret (read from GRAPH_SECRET): use the value of the Terraform output client_secret (the secret's value, not its ID)"],
    ["AADSTS700016", {}, "app not found in directory: check application.clientId (or the Terraform output client_id) and tenant.directoryId; apply the Terraform stack if the app was never created"],
    ["AADSTS12345", {}, "look AADSTS12345 up at https://login.microsoftonline.com/error?code=12345 and fix the account or app registration"],
    ["ENOTFOUND", {}, "the host name outlook.office365.com does not resolve: check server.host (and this machine's DNS)"],
    // The token endpoint's failures name tenant.authority, where its host comes from, never server.host.
    [
      "ENOTFOUND",
      { host: "login.microsoftonline.com", port: 443, endpointField: "tenant.authority" },
      "the host name login.microsoftonline.com does not resolve: check tenant.authority (and this machine's DNS, or HTTPS_PROXY where only a proxy reaches the internet)",
    ],
    ["ECONNREFUSED", { host: "login.microsoftonline.com", port: 443, endpointField: "tenant.authority" }, "nothing listens on login.microsoftonline.com:443: check tenant.authority"],
    ["TLS_HOSTNAME", { host: "login.contoso.com", port: 443, endpointField: "tenant.authority" }, "the server's certificate is not issued for login.contoso.com: set tenant.authority to a name the certificate covers (trusting its CA with --ca-file does not fix a name mismatch)"],
    ["AUTH_REJECTED", {}, "enable IMAP for the mailbox: Set-CASMailbox -Identity support@contoso.com -ImapEnabled $true"],
    ["AUTH_REJECTED", { protocol: "POP3" }, "enable POP3 for the mailbox: Set-CASMailbox -Identity support@contoso.com -PopEnabled $true"],
    ["AUTH_REJECTED", { protocol: "SMTP" }, "enable SMTP AUTH for the mailbox: Set-CASMailbox -Identity support@contoso.com -SmtpClientAuthenticationDisabled $false"],
    ["AUTH_REJECTED", { protocol: "EWS" }, "enable EWS for the mailbox: Set-CASMailbox -Identity support@contoso.com -EwsEnabled $true"],
    ["MISSING_PASSWORD", {}, "set the environment variable SUPPORT_PASSWORD to the password of support@contoso.com"],
    ["ECONNREFUSED", {}, "nothing listens on outlook.office365.com:993: check server.host and server.port"],
    ["TLS_HOSTNAME", {}, "the server's certificate is not issued for outlook.office365.com: set server.host to a name the certificate covers (trusting its CA with --ca-file does not fix a name mismatch)"],
    ["TLS_UNTRUSTED", {}, "the certificate of outlook.office365.com is not signed by a CA in the system store: pass --ca-file with the CA that signed it"],
    ["TLS_UNTRUSTED", { caFile: "ca.pem" }, "the certificate of outlook.office365.com is not signed by a CA in the system store or ca.pem: pass --ca-file with the CA that signed it"],
    ["TOKEN_WRONG_USER", { tokenUser: "bob@contoso.com" }, "the token was issued for bob@contoso.com, not support@contoso.com: mailbox must be the account's user principal name"],
    ["SIZE_LIMIT", { serverLimitMb: 10.5, maxSizeMb: 20 }, "lower maxSizeMb to 10 or raise the mailbox's limit (Set-Mailbox -Identity support@contoso.com -MaxReceiveSize 20MB)"],
    ["NOT_A_CODE", {}, "see the step's detail; run again with --timeout raised if the network is slow"],
  ] as Array<[string, Partial<FixContext>, string]>)("%s %j", (code, more, fix) => {
    expect(fixFor(code, { ...CTX, ...more }).fix).toBe(fix);
  });
});

describe("classify", () => {
  test.each([
    [{ code: "ERR_TLS_CERT_ALTNAME_INVALID" }, "TLS_HOSTNAME"],
    [{ code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }, "TLS_UNTRUSTED"],
    [{ code: "SELF_SIGNED_CERT_IN_CHAIN" }, "TLS_UNTRUSTED"],
    [{ code: "CERT_HAS_EXPIRED" }, "TLS_EXPIRED"],
    [{ code: "ESOCKET", originalCode: "ECONNREFUSED" }, "ECONNREFUSED"],
    [{ code: "ENOTFOUND" }, "ENOTFOUND"],
    [{ code: "GREETING_TIMEOUT" }, "TIMEOUT"],
    [{ message: "wrapper", cause: { code: "ECONNRESET" } }, "ECONNRESET"],
    [{ message: "Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list" }, "TLS_HOSTNAME"],
    [{ message: "something else" }, undefined],
  ])("%j → %s", (error, code) => {
    expect(transportCode(error)).toBe(code);
  });

  test("a CheckError keeps its code, message and extra", () => {
    expect(classify(new CheckError("TOKEN_WRONG_USER", "m", { tokenUser: "x" }))).toEqual({ code: "TOKEN_WRONG_USER", message: "m", extra: { tokenUser: "x" } });
  });
});

describe("rejected login diagnosis", () => {
  const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;
  const now = 1_800_000_000;
  test("a valid token for this user: the protocol is disabled", () => {
    expect(rejectedLogin({ kind: "token", accessToken: jwt({ preferred_username: "A@x.test", exp: now + 60 }) }, "a@x.test", "NO", now).code).toBe("AUTH_REJECTED");
  });
  test("a token for another user", () => {
    const e = rejectedLogin({ kind: "token", accessToken: jwt({ upn: "b@x.test", exp: now + 60 }) }, "a@x.test", "", now);
    expect([e.code, e.extra.tokenUser]).toEqual(["TOKEN_WRONG_USER", "b@x.test"]);
  });
  test("an expired token", () => {
    expect(rejectedLogin({ kind: "token", accessToken: jwt({ preferred_username: "a@x.test", exp: now - 1 }) }, "a@x.test", "", now).code).toBe("TOKEN_EXPIRED");
  });
  test("a token for another resource", () => {
    const e = rejectedLogin({ kind: "token", accessToken: jwt({ preferred_username: "a@x.test", exp: now + 60, aud: "https://graph.microsoft.com" }) }, "a@x.test", "", now);
    expect([e.code, fixFor(e.code, { ...CTX, ...e.extra }).fix]).toEqual([
      "TOKEN_WRONG_AUDIENCE",
      "the token is for https://graph.microsoft.com, not Exchange Online: check tenant.authority names the mailbox's cloud (the scope follows it)",
    ]);
  });
  test("a password", () => {
    expect(rejectedLogin({ kind: "password", password: "p" }, "a@x.test", "").code).toBe("AUTH_REJECTED_BASIC");
  });
  test("opaque tokens have no claims", () => {
    expect(tokenClaims("opaque")).toBeUndefined();
  });
  test("XOAUTH2 string as Microsoft documents it", () => {
    expect(Buffer.from(xoauth2("a@x.test", "TOKEN"), "base64").toString()).toBe("user=a@x.test\x01auth=Bearer TOKEN\x01\x01");
  });
});

describe("redaction", () => {
  test("removes held secrets, their base64 and URL encodings, JWTs and SASL blobs", () => {
    const r = new Redactor();
    r.add("s3cret&pass");
    const text = [
      "pass=s3cret&pass",
      `b64 ${Buffer.from("s3cret&pass").toString("base64")}`,
      `form ${encodeURIComponent("s3cret&pass")}`,
      "jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
      "AUTH XOAUTH2 dXNlcj1hQHguY29tAWF1dGg9QmVhcmVyIHh4eAEB",
      "Authorization: Bearer abcdefghijklmnop",
    ].join("\n");
    const out = r.redact(text);
    expect(out).not.toMatch(/s3cret|czNjcmV0|eyJ|dXNlcj|abcdefghijklmnop/);
  });

  test("Redactor: overlapping and adjacent secrets are removed whole; other text is kept", () => {
    const r = new Redactor();
    r.add("abcd");
    r.add("cdefgh");
    r.add("wxyz");
    expect(r.redact("xxabcdefghyy")).toBe("xx[redacted]yy");
    expect(r.redact("abcd wxyz")).toBe("[redacted] [redacted]");
    expect(r.redact("abcdwxyz.")).toBe("[redacted][redacted].");
    expect(r.redact("no secret here, abc")).toBe("no secret here, abc");
    expect(r.redact("abcdabcd")).toBe("[redacted][redacted]");
  });

  test("Redactor: thousands of secrets, each found in its own message", () => {
    const r = new Redactor();
    const secrets = Array.from({ length: 2_000 }, (_, i) => `pw-${i}-${"x".repeat(i % 7)}-end`);
    for (const s of secrets) r.add(s);
    for (const [i, s] of secrets.entries()) expect(r.redact(`login failed for user${i}: ${s} rejected`)).toBe(`login failed for user${i}: [redacted] rejected`);
  });
  test("leaves ordinary text alone", () => {
    expect(redactPatterns("nothing listens on 127.0.0.1:993: check server.host")).toBe("nothing listens on 127.0.0.1:993: check server.host");
  });
});

describe("clouds and authorities", () => {
  test("global: MSAL defaults", () => {
    expect(authoritySettings("https://login.microsoftonline.com/", "t")).toEqual({ authority: "https://login.microsoftonline.com/t" });
  });
  test("a non-Microsoft authority is a known authority (no instance discovery)", () => {
    expect(authoritySettings("https://127.0.0.1:10443/", "t")).toEqual({ authority: "https://127.0.0.1:10443/t", knownAuthorities: ["127.0.0.1:10443"] });
  });
});

describe("size limit against maxSizeMb", () => {
  const MB = 1024 * 1024;
  test.each([
    [undefined, 5, undefined],
    [1 * MB, 5, { ok: false, detail: "server accepts messages up to 1 MB (APPENDLIMIT); maxSizeMb is 5", serverLimitMb: 1 }],
    [5 * MB, 5, { ok: true, detail: "server accepts messages up to 5 MB (APPENDLIMIT); maxSizeMb is 5", serverLimitMb: 5 }],
    [10240000, undefined, { ok: true, detail: "server accepts messages up to 9.8 MB (APPENDLIMIT)", serverLimitMb: 10240000 / MB }],
  ])("%s bytes, maxSizeMb %s", (bytes, max, expected) => {
    expect(sizeVerdict(bytes, "APPENDLIMIT", max)).toEqual(expected);
  });
});

describe("error descriptions", () => {
  test("the socket's code, not the wrapper's; no dangling colon", () => {
    const e = Object.assign(new Error("Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: "), { code: "ESOCKET", originalCode: "ERR_TLS_CERT_ALTNAME_INVALID" });
    expect(classify(e)).toEqual({
      code: "TLS_HOSTNAME",
      message: "Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list (ERR_TLS_CERT_ALTNAME_INVALID)",
      extra: {},
    });
  });
});
