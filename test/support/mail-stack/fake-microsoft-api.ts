// In-process HTTPS stand-in for the two Exchange Online requests that have no open-source server:
//   Microsoft Graph  GET  /v1.0/users/{id | userPrincipalName}/mailFolders/inbox   (also /v1.0/me/mailFolders/inbox)
//   EWS              POST /EWS/Exchange.asmx   SOAP GetFolder, DistinguishedFolderId "inbox"
// Bearer tokens are validated like a Microsoft resource server does: RS256 signature with FakeEntra's key (kid),
// exp/nbf (no clock skew), iss, aud. Folder counts come from the stack's real Dovecot Maildirs.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import type * as http from "node:http";
import * as path from "node:path";
import { EXCHANGE_APP_ID, EXCHANGE_AUDIENCES, GRAPH_APP_ID, GRAPH_AUDIENCES, type FakeEntra, type FakeEntraUser } from "./fake-entra";
import { headerValue, listenHttpsPair, readBody, sendJson, type HttpsPair, type TlsMaterial } from "./http-util";
import { verifyJwt, type JwtClaims, type JwtVerifyResult } from "./jwt";

export type ApiKind = "graph" | "ews";

export interface ApiRequestRecord {
  at: Date;
  kind: ApiKind | "other";
  method: string;
  path: string;
  status: number;
  /** Mailbox the request addressed (Graph path segment / EWS impersonated or token user). */
  mailbox?: string;
  tokenType?: "app" | "user";
  /** Graph error code or EWS ResponseCode / 401 reason. */
  code?: string;
  injected?: boolean;
}

export interface GraphErrorSpec {
  status: number;
  code: string;
  message: string;
}

export interface EwsErrorSpec {
  /** ResponseClass="Error" answer (HTTP 200) with this ResponseCode / MessageText, or a bare HTTP status (e.g. 401, 503). */
  responseCode?: string;
  messageText?: string;
  httpStatus?: number;
}

/** Graph errors as Microsoft words them. */
export const GRAPH_ERRORS = {
  accessDenied: { status: 403, code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again." },
  /** Application access policy (New-ApplicationAccessPolicy) excludes the mailbox. */
  applicationAccessPolicy: { status: 403, code: "ErrorAccessDenied", message: "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings." },
  mailboxNotEnabled: { status: 404, code: "MailboxNotEnabledForRESTAPI", message: "The mailbox is either inactive, soft-deleted, or is hosted on-premise." },
  invalidUser: (id: string): GraphErrorSpec => ({ status: 404, code: "ErrorInvalidUser", message: `The requested user '${id}' is invalid.` }),
  throttled: { status: 429, code: "ApplicationThrottled", message: "Application is over its MailboxConcurrency limit." },
} as const;

interface Rule<T> {
  mailbox?: string;
  remaining: number;
  error: T;
}

export interface FakeMicrosoftApiOptions {
  tls: TlsMaterial;
  entra: FakeEntra;
  /** Mail-enabled logins (have a Dovecot mailbox). */
  hasMailbox: (login: string) => boolean;
  /** Maildir of a login (for counts); may not exist yet. */
  maildirOf: (login: string) => string;
  verbose?: boolean;
}

export interface FolderCounts {
  total: number;
  unread: number;
  sizeInBytes: number;
  childFolderCount: number;
}

const NS_SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
const NS_T = "http://schemas.microsoft.com/exchange/services/2006/types";
const NS_M = "http://schemas.microsoft.com/exchange/services/2006/messages";

export class FakeMicrosoftApi {
  readonly port: number;
  readonly wrongCertPort: number;
  /** https://127.0.0.1:<port>/v1.0 (use instead of https://graph.microsoft.com/v1.0) */
  readonly graphBaseUrl: string;
  /** https://127.0.0.1:<port>/EWS/Exchange.asmx (use instead of https://outlook.office365.com/EWS/Exchange.asmx) */
  readonly ewsUrl: string;
  readonly requests: ApiRequestRecord[] = [];
  /** Any one of these app roles lets an app token read a mailbox's inbox via Graph. */
  graphAppRoles: string[] = ["Mail.ReadWrite"];
  /** Any one of these delegated scopes lets a user token read its own inbox via Graph. */
  graphDelegatedScopes: string[] = ["Mail.ReadWrite", "Mail.Read"];
  /** EWS: app tokens need this role (and ExchangeImpersonation); user tokens need this scope. */
  ewsAppRole = "full_access_as_app";
  ewsDelegatedScope = "EWS.AccessAsUser.All";

  private readonly entra: FakeEntra;
  private readonly opts: FakeMicrosoftApiOptions;
  private readonly base: string;
  private readonly verbose: boolean;
  private graphRules: Array<Rule<GraphErrorSpec>> = [];
  private ewsRules: Array<Rule<EwsErrorSpec>> = [];
  private servers: HttpsPair | undefined;

  private constructor(opts: FakeMicrosoftApiOptions, servers: HttpsPair) {
    this.opts = opts;
    this.entra = opts.entra;
    this.servers = servers;
    this.port = servers.port;
    this.wrongCertPort = servers.wrongCertPort;
    this.base = `https://127.0.0.1:${this.port}`;
    this.graphBaseUrl = `${this.base}/v1.0`;
    this.ewsUrl = `${this.base}/EWS/Exchange.asmx`;
    this.verbose = opts.verbose ?? !!process.env["MAIL_STACK_DEBUG"];
  }

  static async start(opts: FakeMicrosoftApiOptions): Promise<FakeMicrosoftApi> {
    let self: FakeMicrosoftApi | undefined;
    const servers = await listenHttpsPair(opts.tls, (req, res) => {
      if (!self) return sendJson(res, 503, {});
      self.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { code: "InternalServerError", message: String(e) } });
        else res.destroy();
      });
    });
    self = new FakeMicrosoftApi(opts, servers);
    return self;
  }

  /** Answer the next `times` (default 1) Graph requests (for `mailbox`, if given) with this error. */
  failNextGraph(error: GraphErrorSpec, opts: { mailbox?: string; times?: number } = {}): void {
    this.graphRules.push({ ...(opts.mailbox !== undefined ? { mailbox: opts.mailbox.toLowerCase() } : {}), remaining: opts.times ?? 1, error });
  }

  /** Answer the next `times` (default 1) EWS requests (for `mailbox`, if given) with this error. */
  failNextEws(error: EwsErrorSpec, opts: { mailbox?: string; times?: number } = {}): void {
    this.ewsRules.push({ ...(opts.mailbox !== undefined ? { mailbox: opts.mailbox.toLowerCase() } : {}), remaining: opts.times ?? 1, error });
  }

  /** Every Graph/EWS request for this mailbox fails until reset(). */
  failAlwaysGraph(mailbox: string, error: GraphErrorSpec): void {
    this.graphRules.push({ mailbox: mailbox.toLowerCase(), remaining: Infinity, error });
  }
  failAlwaysEws(mailbox: string, error: EwsErrorSpec): void {
    this.ewsRules.push({ mailbox: mailbox.toLowerCase(), remaining: Infinity, error });
  }

  count(filter: { kind?: ApiKind; mailbox?: string; status?: number } = {}): number {
    return this.requests.filter(
      (r) =>
        (filter.kind === undefined || r.kind === filter.kind) &&
        (filter.mailbox === undefined || r.mailbox === filter.mailbox.toLowerCase()) &&
        (filter.status === undefined || r.status === filter.status),
    ).length;
  }

  /** TLS connections accepted since the last reset. */
  connections(): number {
    return this.servers?.connectionsAccepted() ?? 0;
  }

  /** Connections still open. */
  openConnections(): number {
    return this.servers?.openConnections() ?? 0;
  }

  reset(): void {
    this.servers?.resetConnectionCount();
    this.requests.length = 0;
    this.graphRules = [];
    this.ewsRules = [];
    this.graphAppRoles = ["Mail.ReadWrite"];
    this.graphDelegatedScopes = ["Mail.ReadWrite", "Mail.Read"];
    this.ewsAppRole = "full_access_as_app";
    this.ewsDelegatedScope = "EWS.AccessAsUser.All";
  }

  /** Inbox counts from the mailbox's Maildir (0 when it was never used). */
  inboxCounts(login: string): FolderCounts {
    const dir = this.opts.maildirOf(login);
    let total = 0;
    let unread = 0;
    let sizeInBytes = 0;
    for (const sub of ["new", "cur"]) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(path.join(dir, sub));
      } catch {
        continue;
      }
      for (const n of names) {
        total++;
        const flags = n.includes(":2,") ? n.slice(n.lastIndexOf(":2,") + 3) : "";
        if (sub === "new" || !flags.includes("S")) unread++;
        const m = /,S=(\d+)/.exec(n);
        if (m) sizeInBytes += Number(m[1]);
        else {
          try {
            sizeInBytes += fs.statSync(path.join(dir, sub, n)).size;
          } catch {
            /* moved meanwhile */
          }
        }
      }
    }
    // Dovecot's Maildir++ layout keeps subfolders as siblings: INBOX/Sub is ".INBOX.Sub".
    let childFolderCount = 0;
    try {
      childFolderCount = fs.readdirSync(dir).filter((n) => /^\.INBOX\.[^.]+$/i.test(n)).length;
    } catch {
      /* no maildir yet */
    }
    return { total, unread, sizeInBytes, childFolderCount };
  }

  async close(): Promise<void> {
    const s = this.servers;
    this.servers = undefined;
    if (s) await s.close();
  }

  // ---------------------------------------------------------------- internals

  private log(...a: unknown[]): void {
    if (this.verbose) console.log("[fake-ms-api]", ...a);
  }

  private takeRule<T>(rules: Array<Rule<T>>, mailbox: string | undefined): Rule<T> | undefined {
    const r = rules.find((x) => x.remaining > 0 && (x.mailbox === undefined || x.mailbox === mailbox?.toLowerCase()));
    if (r) r.remaining -= 1;
    return r;
  }

  private verify(req: http.IncomingMessage, audiences: readonly string[]): JwtVerifyResult | { ok: false; reason: "missing"; message: string } {
    const auth = headerValue(req, "authorization") ?? "";
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (!m) return { ok: false, reason: "missing", message: "Access token is empty." };
    return verifyJwt(m[1]!, { keys: new Map([[this.entra.kid, this.entra.publicKey]]), issuer: this.entra.issuer, audiences });
  }

  private findUser(id: string): FakeEntraUser | undefined {
    const key = id.toLowerCase();
    const byUpn = this.entra.users.get(key);
    if (byUpn) return byUpn;
    for (const u of this.entra.users.values()) if (u.oid === key) return u;
    return undefined;
  }

  private folderId(login: string, what: string): string {
    // Exchange ids are long base64 strings starting "AAMk"; keep the shape, deterministic per mailbox.
    const h = crypto.createHash("sha256").update(`${what}:${login.toLowerCase()}`).digest();
    return `AAMkA${Buffer.concat([h, h.subarray(0, 20)]).toString("base64").replace(/\//g, "_").replace(/\+/g, "-")}AAA=`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    this.log(req.method, url.pathname);
    if (/^\/ews\/exchange\.asmx$/i.test(url.pathname)) return this.ews(req, res, url);
    if (url.pathname.startsWith("/v1.0/")) return this.graph(req, res, url);
    const rec: ApiRequestRecord = { at: new Date(), kind: "other", method: req.method ?? "", path: url.pathname, status: 404 };
    this.requests.push(rec);
    return sendJson(res, 404, { error: { code: "BadRequest", message: `Resource not found for the segment '${url.pathname.split("/")[1] ?? ""}'.` } });
  }

  // ---------------------------------------------------------------- Graph

  private graphError(res: http.ServerResponse, req: http.IncomingMessage, rec: ApiRequestRecord, e: GraphErrorSpec, extraHeaders: Record<string, string> = {}): void {
    rec.status = e.status;
    rec.code = e.code;
    const requestId = crypto.randomUUID();
    const clientRequestId = headerValue(req, "client-request-id") ?? requestId;
    sendJson(
      res,
      e.status,
      { error: { code: e.code, message: e.message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ""), "request-id": requestId, "client-request-id": clientRequestId } } },
      { "request-id": requestId, "client-request-id": clientRequestId, ...extraHeaders },
    );
  }

  private async graph(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const rec: ApiRequestRecord = { at: new Date(), kind: "graph", method: req.method ?? "", path: url.pathname, status: 200 };
    this.requests.push(rec);
    if (req.method !== "GET") await readBody(req).catch(() => "");
    const m = /^\/v1\.0\/(?:users\/([^/]+)|(me))\/mailFolders\/([^/]+)$/i.exec(url.pathname);
    if (!m) return this.graphError(res, req, rec, { status: 400, code: "BadRequest", message: `Resource not found for the segment '${url.pathname.split("/").pop() ?? ""}'.` });
    if (req.method !== "GET") return this.graphError(res, req, rec, { status: 405, code: "Request_BadRequest", message: "Specified HTTP method is not allowed for the request target." });

    const v = this.verify(req, GRAPH_AUDIENCES);
    if (!v.ok) {
      rec.code = "InvalidAuthenticationToken";
      const message = v.reason === "malformed" ? "IDX14100: JWT is not well formed, there are no dots (.)." : v.message;
      return this.graphError(res, req, rec, { status: 401, code: "InvalidAuthenticationToken", message }, { "www-authenticate": `Bearer realm="", authorization_uri="${this.entra.authorityUrl}/oauth2/authorize", client_id="${GRAPH_APP_ID}"` });
    }
    const claims = v.claims;
    const isApp = claims["idtyp"] === "app";
    rec.tokenType = isApp ? "app" : "user";
    const tokenUser = typeof claims["preferred_username"] === "string" ? claims["preferred_username"].toLowerCase() : undefined;
    let id: string;
    if (m[2]) {
      if (isApp) return this.graphError(res, req, rec, { status: 400, code: "BadRequest", message: "/me request is only valid with delegated authentication flow." });
      id = tokenUser ?? "";
    } else {
      id = decodeURIComponent(m[1]!);
    }
    const user = this.findUser(id);
    rec.mailbox = (user?.login ?? id).toLowerCase();

    if (isApp) {
      const roles = Array.isArray(claims["roles"]) ? (claims["roles"] as unknown[]) : [];
      if (!this.graphAppRoles.some((r) => roles.includes(r))) return this.graphError(res, req, rec, GRAPH_ERRORS.accessDenied);
    } else {
      const scp = typeof claims["scp"] === "string" ? claims["scp"].split(" ") : [];
      if (!this.graphDelegatedScopes.some((s) => scp.includes(s))) return this.graphError(res, req, rec, GRAPH_ERRORS.accessDenied);
      if (!user || user.login !== tokenUser) return this.graphError(res, req, rec, GRAPH_ERRORS.accessDenied);
    }
    const injected = this.takeRule(this.graphRules, rec.mailbox);
    if (injected) {
      rec.injected = true;
      if (injected.remaining <= 0) this.graphRules = this.graphRules.filter((r) => r !== injected);
      return this.graphError(res, req, rec, injected.error);
    }
    if (!user) return this.graphError(res, req, rec, GRAPH_ERRORS.invalidUser(id));
    if (!this.opts.hasMailbox(user.login)) return this.graphError(res, req, rec, GRAPH_ERRORS.mailboxNotEnabled);
    const folder = decodeURIComponent(m[3]!);
    if (folder.toLowerCase() !== "inbox") {
      return this.graphError(res, req, rec, { status: 404, code: "ErrorItemNotFound", message: "The specified object was not found in the store." });
    }
    const c = this.inboxCounts(user.login);
    const requestId = crypto.randomUUID();
    sendJson(
      res,
      200,
      {
        "@odata.context": `${this.graphBaseUrl}/$metadata#users('${encodeURIComponent(m[2] ? user.login : id)}')/mailFolders/$entity`,
        id: this.folderId(user.login, "inbox"),
        displayName: "Inbox",
        parentFolderId: this.folderId(user.login, "msgfolderroot"),
        childFolderCount: c.childFolderCount,
        unreadItemCount: c.unread,
        totalItemCount: c.total,
        sizeInBytes: c.sizeInBytes,
        isHidden: false,
      },
      {
        "content-type": "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
        "request-id": requestId,
        "client-request-id": headerValue(req, "client-request-id") ?? requestId,
        "odata-version": "4.0",
      },
    );
  }

  // ---------------------------------------------------------------- EWS

  private ews401(res: http.ServerResponse, rec: ApiRequestRecord, diag: string, reason: string): void {
    rec.status = 401;
    rec.code = reason;
    res.writeHead(401, {
      "www-authenticate": `Bearer client_id="${EXCHANGE_APP_ID}", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="${this.entra.authorityUrl}/oauth2/authorize", error="invalid_token"`,
      "x-ms-diagnostics": `${diag};reason="${reason}";error_category="invalid_token"`,
      "content-length": "0",
    });
    res.end();
  }

  private soap(res: http.ServerResponse, status: number, body: string, header = ""): void {
    const xml =
      `<?xml version="1.0" encoding="utf-8"?>` +
      `<s:Envelope xmlns:s="${NS_SOAP}">` +
      `<s:Header>${header}</s:Header>` +
      `<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">${body}</s:Body>` +
      `</s:Envelope>`;
    res.writeHead(status, { "content-type": "text/xml; charset=utf-8", "content-length": String(Buffer.byteLength(xml)), "x-ms-request-id": crypto.randomUUID() });
    res.end(xml);
  }

  private soapFault(res: http.ServerResponse, rec: ApiRequestRecord, code: string, text: string): void {
    rec.status = 500;
    rec.code = code;
    this.soap(
      res,
      500,
      `<s:Fault><faultcode xmlns:a="${NS_T}">a:${code}</faultcode><faultstring xml:lang="en-US">${xmlEscape(text)}</faultstring>` +
        `<detail><e:ResponseCode xmlns:e="${NS_M.replace("messages", "errors")}">${code}</e:ResponseCode><e:Message xmlns:e="${NS_M.replace("messages", "errors")}">${xmlEscape(text)}</e:Message></detail></s:Fault>`,
    );
  }

  private ewsResponseMessage(res: http.ServerResponse, rec: ApiRequestRecord, inner: string, responseClass: "Success" | "Error", code: string): void {
    rec.status = 200;
    rec.code = code;
    const header = `<h:ServerVersionInfo MajorVersion="15" MinorVersion="20" MajorBuildNumber="8000" MinorBuildNumber="0" Version="V2018_01_08" xmlns:h="${NS_T}" xmlns="${NS_T}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>`;
    this.soap(
      res,
      200,
      `<m:GetFolderResponse xmlns:m="${NS_M}" xmlns:t="${NS_T}"><m:ResponseMessages>` +
        `<m:GetFolderResponseMessage ResponseClass="${responseClass}">${inner}</m:GetFolderResponseMessage>` +
        `</m:ResponseMessages></m:GetFolderResponse>`,
      header,
    );
  }

  private ewsError(res: http.ServerResponse, rec: ApiRequestRecord, code: string, text: string): void {
    this.ewsResponseMessage(res, rec, `<m:MessageText>${xmlEscape(text)}</m:MessageText><m:ResponseCode>${code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>`, "Error", code);
  }

  private async ews(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const rec: ApiRequestRecord = { at: new Date(), kind: "ews", method: req.method ?? "", path: url.pathname, status: 200 };
    this.requests.push(rec);
    const body = await readBody(req).catch(() => "");
    const v = this.verify(req, EXCHANGE_AUDIENCES);
    if (!v.ok) {
      const diag: Record<string, [string, string]> = {
        missing: ["2000000", "The request does not contain a bearer token."],
        malformed: ["2000001", "The token is not a well-formed JWT."],
        bad_signature: ["2000001", "The token has an invalid signature."],
        expired: ["2000008", "The token has expired."],
        not_yet_valid: ["2000008", "The token is not yet valid."],
        bad_issuer: ["2000002", "The token issuer is not trusted."],
        bad_audience: ["2000003", "The audience claim value is invalid for current resource."],
      };
      const [d, reason] = diag[v.reason] ?? ["2000000", v.message];
      return this.ews401(res, rec, d, reason);
    }
    if (req.method !== "POST") return this.soapFault(res, rec, "ErrorInvalidRequest", "The request is invalid.");
    const claims: JwtClaims = v.claims;
    const isApp = claims["idtyp"] === "app";
    rec.tokenType = isApp ? "app" : "user";
    let mailbox: string | undefined;
    if (isApp) {
      const roles = Array.isArray(claims["roles"]) ? (claims["roles"] as unknown[]) : [];
      if (!roles.includes(this.ewsAppRole)) return this.ews401(res, rec, "2000003", "The token does not have the required role.");
      mailbox =
        /<(?:\w+:)?ConnectingSID>[\s\S]*?<(?:\w+:)?(?:PrimarySmtpAddress|SmtpAddress)>([^<]+)</i.exec(body)?.[1]?.trim() ??
        /<(?:\w+:)?DistinguishedFolderId[^>]*>[\s\S]*?<(?:\w+:)?EmailAddress>([^<]+)</i.exec(body)?.[1]?.trim();
      if (!mailbox) {
        return this.soapFault(res, rec, "ErrorInvalidExchangeImpersonationHeaderData", "ExchangeImpersonation SOAP header must be present for this type of OAuth token.");
      }
    } else {
      const scp = typeof claims["scp"] === "string" ? claims["scp"].split(" ") : [];
      if (!scp.includes(this.ewsDelegatedScope)) return this.ews401(res, rec, "2000003", `The token does not contain the scope ${this.ewsDelegatedScope}.`);
      mailbox = typeof claims["preferred_username"] === "string" ? claims["preferred_username"] : undefined;
      const explicit = /<(?:\w+:)?DistinguishedFolderId[^>]*>[\s\S]*?<(?:\w+:)?EmailAddress>([^<]+)</i.exec(body)?.[1]?.trim();
      if (explicit && mailbox && explicit.toLowerCase() !== mailbox.toLowerCase()) {
        rec.mailbox = explicit.toLowerCase();
        return this.ewsError(res, rec, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
      }
    }
    rec.mailbox = mailbox?.toLowerCase();
    const injected = this.takeRule(this.ewsRules, rec.mailbox);
    if (injected) {
      rec.injected = true;
      if (injected.remaining <= 0) this.ewsRules = this.ewsRules.filter((r) => r !== injected);
      const e = injected.error;
      if (e.responseCode) return this.ewsError(res, rec, e.responseCode, e.messageText ?? e.responseCode);
      rec.status = e.httpStatus ?? 500;
      res.writeHead(rec.status, { "content-length": "0" });
      return void res.end();
    }
    if (!/<(?:\w+:)?GetFolder[\s>]/.test(body)) return this.soapFault(res, rec, "ErrorInvalidRequest", "The request is invalid.");
    const folderId = /<(?:\w+:)?DistinguishedFolderId[^>]*\bId\s*=\s*"([^"]+)"/i.exec(body)?.[1];
    if (!folderId) return this.soapFault(res, rec, "ErrorSchemaValidation", "The request failed schema validation: The element 'FolderIds' has incomplete content.");
    const user = mailbox ? this.findUser(mailbox) : undefined;
    if (!user || !this.opts.hasMailbox(user.login)) {
      return this.ewsError(res, rec, "ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.");
    }
    if (folderId !== "inbox") return this.ewsError(res, rec, "ErrorFolderNotFound", "The specified folder could not be found in the store.");
    const c = this.inboxCounts(user.login);
    const changeKey = Buffer.from(crypto.createHash("sha1").update(`ck:${user.login}:${c.total}:${c.unread}`).digest()).toString("base64");
    this.ewsResponseMessage(
      res,
      rec,
      `<m:ResponseCode>NoError</m:ResponseCode><m:Folders><t:Folder>` +
        `<t:FolderId Id="${this.folderId(user.login, "inbox")}" ChangeKey="${changeKey}"/>` +
        `<t:DisplayName>Inbox</t:DisplayName>` +
        `<t:TotalCount>${c.total}</t:TotalCount>` +
        `<t:ChildFolderCount>${c.childFolderCount}</t:ChildFolderCount>` +
        `<t:UnreadCount>${c.unread}</t:UnreadCount>` +
        `</t:Folder></m:Folders>`,
      "Success",
      "NoError",
    );
  }
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}
