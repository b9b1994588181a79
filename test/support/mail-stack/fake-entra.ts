// In-process HTTPS stand-in for Microsoft Entra ID (v2.0 endpoints), for loopback tests.
//   GET  /{tenant}/v2.0/.well-known/openid-configuration
//   GET  /{tenant}/discovery/v2.0/keys
//   POST /{tenant}/oauth2/v2.0/token   grant_type = client_credentials | password (ROPC) | refresh_token
// Access tokens are RS256 JWTs signed with the stack's JWT key; Dovecot validates them locally and
// FakeMicrosoftApi validates them too. Errors have Entra's shape (error, error_description "AADSTSnnnn: ...",
// error_codes, timestamp, trace_id, correlation_id, error_uri[, suberror, claims]).
// Port of shared/testing/mail-stack/src/fake-entra.mjs, plus test controls (request log, failure rules, token tweaks).
import * as crypto from "node:crypto";
import type * as http from "node:http";
import * as https from "node:https";
import { entraTimestamp, headerValue, listenHttpsPair, readBody, sendJson, type HttpsPair, type TlsMaterial } from "./http-util";
import { b64u, signJwt, type JwtClaims } from "./jwt";

/** Resource (audience) identifiers. */
export const EXCHANGE_RESOURCE = "https://outlook.office365.com";
export const EXCHANGE_APP_ID = "00000002-0000-0ff1-ce00-000000000000";
export const GRAPH_RESOURCE = "https://graph.microsoft.com";
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
/** Audiences an Exchange Online protocol endpoint (IMAP/POP/SMTP/EWS) accepts. */
export const EXCHANGE_AUDIENCES: readonly string[] = [EXCHANGE_RESOURCE, "https://outlook.office.com", EXCHANGE_APP_ID];
export const GRAPH_AUDIENCES: readonly string[] = [GRAPH_RESOURCE, GRAPH_APP_ID];

export type GrantType = "client_credentials" | "password" | "refresh_token";

export interface FakeEntraUser {
  /** UPN = mail address, e.g. alice@example.test */
  login: string;
  password: string;
  /** Entra object id (deterministic from the login unless given). */
  oid: string;
  displayName: string;
}

export interface FakeEntraClient {
  clientId: string;
  /** undefined = no secret registered (public client only). */
  clientSecret?: string;
  displayName: string;
  /** "Allow public client flows": ROPC without a client secret is refused with AADSTS7000218 when false. */
  allowPublicClientFlows: boolean;
  /** Application permissions (app roles) granted, by resource. Put into `roles` of client_credentials tokens. */
  appRoles: Record<string, string[]>;
  /** Delegated permissions (admin-)consented, by resource. `.default` expands to these; a requested permission
   *  not in the list yields AADSTS65001 (consent_required). A resource missing here = any permission accepted. */
  delegatedScopes: Record<string, string[]>;
}

export interface TokenRequestRecord {
  at: Date;
  grantType: string;
  clientId?: string;
  /** ROPC username, or the user a refresh token belongs to. */
  username?: string;
  scope?: string;
  /** A client secret was sent (body or Basic auth). */
  withSecret: boolean;
  status: number;
  /** OAuth error, e.g. "invalid_grant"; undefined on success. */
  error?: string;
  /** AADSTS code of an error answer. */
  aadsts?: number;
  /** Set when the answer was produced by failNext/failAlways. */
  injected?: boolean;
}

export interface HttpRequestRecord {
  at: Date;
  method: string;
  path: string;
  /** Port the request arrived on (main or wrong-certificate server). */
  port: number;
}

export interface RuleMatch {
  grantType?: GrantType;
  clientId?: string;
  /** Case-insensitive. For refresh_token grants, the user the refresh token belongs to. */
  username?: string;
}

/** An AADSTS code from the built-in catalogue, or a fully custom error. */
export type EntraErrorSpec =
  | number
  | { aadsts: number; error?: string; description?: string; status?: number; suberror?: string; claims?: string };

/** Changes applied to an access token (for issueToken or to tokens the endpoint hands out). */
export interface TokenTweak {
  /** exp in the past (10 minutes ago; iat/nbf 70 minutes ago). */
  expired?: boolean;
  /** Token lifetime in seconds (default 3600). Ignored when expired is set. */
  lifetimeSeconds?: number;
  /** Replace aud. */
  audience?: string;
  /** Delegated token naming another user (preferred_username/upn/oid/sub of this login). */
  asUser?: string;
  /** Corrupt the signature (any verifier answers "bad signature"). */
  badSignature?: boolean;
  /** Replace iss. */
  issuer?: string;
  /** Replace scp (delegated) / roles (app). */
  scp?: string;
  roles?: string[];
  /** Extra/overriding claims, and claims to remove (e.g. ["sub"]). */
  claims?: JwtClaims;
  omitClaims?: string[];
}

export interface IssueTokenOptions extends TokenTweak {
  /** Delegated token for this login (must be a known user unless asUser-like free form is wanted: then use claims). */
  user?: string;
  /** Resource (audience) of the token; default https://outlook.office365.com. */
  resource?: string;
  clientId?: string;
}

interface Rule {
  match: RuleMatch;
  remaining: number; // Infinity for failAlways
  error?: EntraErrorSpec;
  tweak?: TokenTweak;
}

interface RefreshTokenEntry {
  login: string;
  clientId: string;
  scope: string;
  tid: string;
}

interface Ctx {
  tid: string;
  clientId?: string;
  resource?: string;
  scope?: string;
  correlationId?: string;
}

interface CatalogEntry {
  error: string;
  status: number;
  suberror?: string;
  claims?: string;
  text: (c: Ctx) => string;
}

/** Built-in AADSTS catalogue (messages as Entra words them). */
export const AADSTS_CATALOG: Record<number, CatalogEntry> = {
  50034: { error: "invalid_grant", status: 400, text: (c) => `The user account {EmailHidden} does not exist in the ${c.tid} directory. To sign into this application, the account must be added to the directory.` },
  50053: { error: "invalid_grant", status: 400, text: () => "The account is locked, you've tried to sign in too many times with an incorrect user ID or password." },
  50055: { error: "invalid_grant", status: 400, suberror: "user_password_expired", text: () => "The password is expired." },
  50057: { error: "invalid_grant", status: 400, text: () => "The user account is disabled." },
  50076: {
    error: "invalid_grant", status: 400, suberror: "basic_action",
    claims: '{"access_token":{"capolids":{"essential":true,"values":["8a2e1c5b-0000-4000-8000-00000000ca01"]}}}',
    text: (c) => `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${c.resource ?? EXCHANGE_APP_ID}'.`,
  },
  50079: { error: "invalid_grant", status: 400, suberror: "basic_action", text: (c) => `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${c.resource ?? EXCHANGE_APP_ID}'.` },
  50126: { error: "invalid_grant", status: 400, text: () => "Error validating credentials due to invalid username or password." },
  53003: { error: "invalid_grant", status: 400, text: () => "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance." },
  65001: { error: "invalid_grant", status: 400, suberror: "consent_required", text: (c) => `The user or administrator has not consented to use the application with ID '${c.clientId ?? ""}' named 'genesys-email-iac test app'. Send an interactive authorization request for this user and resource.` },
  70003: { error: "unsupported_grant_type", status: 400, text: () => "The app requested an unsupported grant type." },
  70011: { error: "invalid_scope", status: 400, text: (c) => `The provided value for the input parameter 'scope' is not valid. The scope ${c.scope ?? ""} is not valid.` },
  28000: { error: "invalid_scope", status: 400, text: (c) => `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${c.scope ?? ""} is not valid.` },
  90002: { error: "invalid_tenant", status: 400, text: (c) => `Tenant '${c.tid}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.` },
  90014: { error: "invalid_request", status: 400, text: () => "The required field 'grant_type' is missing from the credential. Ensure that you have all the necessary parameters for the login request." },
  500011: { error: "invalid_resource", status: 400, text: (c) => `The resource principal named ${c.resource ?? ""} was not found in the tenant named ${c.tid}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.` },
  700016: { error: "unauthorized_client", status: 400, text: (c) => `Application with identifier '${c.clientId ?? ""}' was not found in the directory '${c.tid}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.` },
  700082: { error: "invalid_grant", status: 400, text: () => "The refresh token has expired due to inactivity. The token was issued on 2024-01-01T00:00:00.0000000Z and was inactive for 90.00:00:00." },
  1002012: { error: "invalid_scope", status: 400, text: (c) => `The provided value for scope ${c.scope ?? ""} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).` },
  7000112: { error: "unauthorized_client", status: 400, text: (c) => `Application '${c.clientId ?? ""}'(genesys-email-iac test app) is disabled.` },
  7000215: { error: "invalid_client", status: 401, text: (c) => `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${c.clientId ?? ""}'.` },
  7000216: { error: "invalid_client", status: 401, text: () => "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type." },
  7000218: { error: "invalid_client", status: 401, text: () => "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." },
  7000222: { error: "invalid_client", status: 401, text: (c) => `The provided client secret keys for app '${c.clientId ?? ""}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.` },
  9002313: { error: "invalid_grant", status: 400, text: () => "Invalid request. Request is malformed or invalid." },
};

const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);
const KNOWN_RESOURCES = new Set([...EXCHANGE_AUDIENCES, ...GRAPH_AUDIENCES]);

export const DEFAULT_APP_ROLES: Record<string, string[]> = {
  [EXCHANGE_RESOURCE]: ["IMAP.AccessAsApp", "POP.AccessAsApp", "SMTP.SendAsApp", "full_access_as_app"],
  [GRAPH_RESOURCE]: ["Mail.ReadWrite"],
};

export interface FakeEntraOptions {
  tls: TlsMaterial;
  caPem: string;
  jwtKey: crypto.KeyObject;
  kid?: string;
  tenantId: string;
  clients: FakeEntraClient[];
  users: Array<Pick<FakeEntraUser, "login" | "password"> & Partial<FakeEntraUser>>;
  /** Console-log each request (default: env MAIL_STACK_DEBUG). */
  verbose?: boolean;
}

export interface PendingFakeEntra {
  port: number;
  wrongCertPort: number;
  kid: string;
  /** https://127.0.0.1:<port>/<tenant>/v2.0 */
  issuer: string;
  finish(jwtKey: crypto.KeyObject): FakeEntra;
  close(): Promise<void>;
}

export function objectIdFor(login: string): string {
  const h = crypto.createHash("sha256").update(`oid:${login.toLowerCase()}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class FakeEntra {
  readonly tenantId: string;
  readonly kid: string;
  readonly port: number;
  /** Same endpoints behind a certificate for wrong.example.test (hostname mismatch tests). */
  readonly wrongCertPort: number;
  /** https://127.0.0.1:<port>/  (authority base, without tenant) */
  readonly authority: string;
  /** https://127.0.0.1:<port>/<tenant> */
  readonly authorityUrl: string;
  /** https://127.0.0.1:<port>/<tenant>/v2.0 (the iss claim; Dovecot's `issuers`) */
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly jwksUri: string;
  readonly publicJwk: JwtClaims;
  /** Token endpoint requests, oldest first. */
  readonly requests: TokenRequestRecord[] = [];
  /** Every HTTP request (metadata, JWKS, token), oldest first. */
  readonly httpRequests: HttpRequestRecord[] = [];
  readonly users = new Map<string, FakeEntraUser>();
  /**
   * Delay before each token answer, in ms. Microsoft Entra answers over the network in roughly
   * 50-300 ms; the benchmark sets this to model that wait (0, the default, keeps tests fast).
   */
  latencyMs = 0;
  readonly clients = new Map<string, FakeEntraClient>();

  private readonly base: string;
  private readonly jwtKey: crypto.KeyObject;
  private readonly caPem: string;
  private readonly verbose: boolean;
  private readonly initialUsers: FakeEntraUser[];
  private readonly initialClients: FakeEntraClient[];
  private readonly refreshTokens = new Map<string, RefreshTokenEntry>();
  private rules: Rule[] = [];
  private servers: HttpsPair | undefined;

  private constructor(opts: FakeEntraOptions, servers: HttpsPair, kid: string) {
    this.servers = servers;
    this.tenantId = opts.tenantId;
    this.kid = kid;
    this.jwtKey = opts.jwtKey;
    this.caPem = opts.caPem;
    this.verbose = opts.verbose ?? !!process.env["MAIL_STACK_DEBUG"];
    this.port = servers.port;
    this.wrongCertPort = servers.wrongCertPort;
    this.base = `https://127.0.0.1:${this.port}`;
    this.authority = `${this.base}/`;
    this.authorityUrl = `${this.base}/${this.tenantId}`;
    this.issuer = `${this.authorityUrl}/v2.0`;
    this.tokenEndpoint = `${this.authorityUrl}/oauth2/v2.0/token`;
    this.jwksUri = `${this.authorityUrl}/discovery/v2.0/keys`;
    this.publicJwk = { ...(crypto.createPublicKey(this.jwtKey).export({ format: "jwk" }) as JwtClaims), kid: this.kid, use: "sig", alg: "RS256" };
    this.initialUsers = opts.users.map((u) => ({
      login: u.login.toLowerCase(),
      password: u.password,
      oid: u.oid ?? objectIdFor(u.login),
      displayName: u.displayName ?? u.login.split("@")[0]!,
    }));
    this.initialClients = opts.clients.map((c) => structuredClone(c));
    this.restoreDirectory();
  }

  static async start(opts: FakeEntraOptions): Promise<FakeEntra> {
    const { jwtKey, ...rest } = opts;
    return (await FakeEntra.listen(rest)).finish(jwtKey);
  }

  /** Two steps, so the servers' ports (hence the issuer) are known while the RSA key is still being generated.
   *  Requests before finish() get 503. */
  static async listen(opts: Omit<FakeEntraOptions, "jwtKey">): Promise<PendingFakeEntra> {
    let self: FakeEntra | undefined;
    const servers = await listenHttpsPair(opts.tls, (req, res) => {
      if (!self) return sendJson(res, 503, { error: "temporarily_unavailable", error_description: "FakeEntra is starting" });
      self.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: "server_error", error_description: String(e) });
        else res.destroy();
      });
    });
    const kid = opts.kid ?? `mailstack-${crypto.randomBytes(4).toString("hex")}`;
    const authorityUrl = `https://127.0.0.1:${servers.port}/${opts.tenantId}`;
    return {
      port: servers.port,
      wrongCertPort: servers.wrongCertPort,
      kid,
      issuer: `${authorityUrl}/v2.0`,
      finish: (jwtKey) => (self = new FakeEntra({ ...opts, jwtKey }, servers, kid)),
      close: () => servers.close(),
    };
  }

  /** The RS256 public key (PEM-less KeyObject) tokens are signed with. */
  get publicKey(): crypto.KeyObject {
    return crypto.createPublicKey(this.jwtKey);
  }

  // ---------------------------------------------------------------- test controls

  /** Answer the next `times` (default 1) token requests that match with this error (checked before any real validation). */
  failNext(error: EntraErrorSpec, match: RuleMatch & { times?: number } = {}): void {
    const { times = 1, ...m } = match;
    this.rules.push({ match: m, remaining: times, error });
  }

  /** Answer every matching token request with this error until the returned function (or reset()) removes the rule.
   *  E.g. failAlways(50076, { username: "carol@example.test" }) = carol needs MFA. */
  failAlways(error: EntraErrorSpec, match: RuleMatch = {}): () => void {
    const rule: Rule = { match, remaining: Infinity, error };
    this.rules.push(rule);
    return () => {
      this.rules = this.rules.filter((r) => r !== rule);
    };
  }

  /** Tweak the access token of the next `times` (default 1) successful matching token responses
   *  (e.g. { expired: true }, { audience: "https://wrong" }, { asUser: "bob@example.test" }). */
  tweakNext(tweak: TokenTweak, match: RuleMatch & { times?: number } = {}): void {
    const { times = 1, ...m } = match;
    this.rules.push({ match: m, remaining: times, tweak });
  }

  /** TLS connections the token endpoint accepted since the last reset (how well clients reuse connections). */
  connections(): number {
    return this.servers?.connectionsAccepted() ?? 0;
  }

  /** Connections still open to either endpoint (a client that closes what it opens leaves none). */
  openConnections(): number {
    return this.servers?.openConnections() ?? 0;
  }

  /** Clears logs, rules and refresh tokens, and restores the initial users and clients. */
  reset(): void {
    this.servers?.resetConnectionCount();
    this.requests.length = 0;
    this.httpRequests.length = 0;
    this.rules = [];
    this.refreshTokens.clear();
    this.federatedDomains.clear();
    this.restoreDirectory();
  }

  /** Number of token requests matching the filter (all when omitted). */
  count(filter: { grantType?: GrantType; clientId?: string; username?: string; ok?: boolean } = {}): number {
    return this.requests.filter(
      (r) =>
        (filter.grantType === undefined || r.grantType === filter.grantType) &&
        (filter.clientId === undefined || r.clientId === filter.clientId) &&
        (filter.username === undefined || r.username?.toLowerCase() === filter.username.toLowerCase()) &&
        (filter.ok === undefined || (r.error === undefined) === filter.ok),
    ).length;
  }

  addUser(login: string, password: string, extra: Partial<FakeEntraUser> = {}): FakeEntraUser {
    const u: FakeEntraUser = { login: login.toLowerCase(), password, oid: extra.oid ?? objectIdFor(login), displayName: extra.displayName ?? login.split("@")[0]! };
    this.users.set(u.login, u);
    return u;
  }

  /** Change a registered client (e.g. { allowPublicClientFlows: false }, { clientSecret: "rotated" }). */
  updateClient(clientId: string, patch: Partial<Omit<FakeEntraClient, "clientId">>): void {
    const c = this.clients.get(clientId);
    if (!c) throw new Error(`unknown client ${clientId}`);
    Object.assign(c, patch);
  }

  /** Mint an access token directly (no HTTP). Delegated when `user` is set, app-only otherwise. */
  issueToken(opts: IssueTokenOptions = {}): string {
    const clientId = opts.clientId ?? [...this.clients.keys()][0]!;
    const resource = opts.resource ?? EXCHANGE_RESOURCE;
    const client = this.clients.get(clientId);
    if (opts.user !== undefined) {
      const user = this.userOrThrow(opts.user);
      const scp = opts.scp ?? (client?.delegatedScopes[resource] ?? []).join(" ");
      return this.accessToken({ clientId, resource, user, scp }, opts);
    }
    const roles = opts.roles ?? client?.appRoles[resource] ?? [];
    return this.accessToken({ clientId, resource, roles }, opts);
  }

  /** POST to the token endpoint over HTTPS (trusting the stack CA). Handy in tests that do not use MSAL. */
  requestToken(params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const data = new URLSearchParams(params).toString();
    return new Promise((resolve, reject) => {
      const req = https.request(
        this.tokenEndpoint,
        { method: "POST", ca: this.caPem, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(data) }, agent: false },
        (res) => {
          let s = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (s += c));
          res.on("end", () => {
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(s) as Record<string, unknown> });
            } catch (e) {
              reject(e);
            }
          });
        },
      );
      req.on("error", reject);
      req.end(data);
    });
  }

  /** msal-node `authorityMetadata` (JSON string) for authorityUrl: skips the openid-configuration GET. */
  authorityMetadata(): string {
    const a = this.authorityUrl;
    return JSON.stringify({
      token_endpoint: `${a}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${a}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: this.issuer,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.base}/oidc/userinfo`,
      authorization_endpoint: `${a}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${a}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${a}/oauth2/v2.0/logout`,
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "nonce", "preferred_username", "name", "tid", "ver", "oid"],
      kerberos_endpoint: `${a}/kerberos`,
      tenant_region_scope: "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    });
  }

  /** msal-node `cloudDiscoveryMetadata` (JSON string): an alternative to knownAuthorities. */
  cloudDiscoveryMetadata(): string {
    const host = `127.0.0.1:${this.port}`;
    return JSON.stringify({
      tenant_discovery_endpoint: `${this.issuer}/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  }

  async close(): Promise<void> {
    const s = this.servers;
    this.servers = undefined;
    if (s) await s.close();
  }

  // ---------------------------------------------------------------- internals

  private restoreDirectory(): void {
    this.users.clear();
    for (const u of this.initialUsers) this.users.set(u.login, { ...u });
    this.clients.clear();
    for (const c of this.initialClients) this.clients.set(c.clientId, structuredClone(c));
  }

  private userOrThrow(login: string): FakeEntraUser {
    const u = this.users.get(login.toLowerCase());
    if (!u) throw new Error(`FakeEntra: unknown user ${login}`);
    return u;
  }

  private log(...a: unknown[]): void {
    if (this.verbose) console.log("[fake-entra]", ...a);
  }

  private takeRule(kind: "error" | "tweak", grantType: string, clientId: string | undefined, username: string | undefined): Rule | undefined {
    const rule = this.rules.find(
      (r) =>
        (kind === "error" ? r.error !== undefined : r.tweak !== undefined) &&
        r.remaining > 0 &&
        (r.match.grantType === undefined || r.match.grantType === grantType) &&
        (r.match.clientId === undefined || r.match.clientId === clientId) &&
        (r.match.username === undefined || r.match.username.toLowerCase() === username?.toLowerCase()),
    );
    if (rule) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule;
  }

  private aadError(res: http.ServerResponse, spec: EntraErrorSpec, ctx: Ctx, rec?: TokenRequestRecord): void {
    const s = typeof spec === "number" ? { aadsts: spec } : spec;
    const cat = AADSTS_CATALOG[s.aadsts];
    const error = s.error ?? cat?.error ?? "invalid_request";
    const status = s.status ?? cat?.status ?? 400;
    const text = s.description ?? cat?.text(ctx) ?? "The request could not be completed (error injected by FakeEntra).";
    const traceId = crypto.randomUUID();
    const correlationId = ctx.correlationId ?? crypto.randomUUID();
    const ts = entraTimestamp();
    const body: Record<string, unknown> = {
      error,
      error_description: `AADSTS${s.aadsts}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${ts}`,
      error_codes: [s.aadsts],
      timestamp: ts,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${this.base}/error?code=${s.aadsts}`,
    };
    const suberror = s.suberror ?? cat?.suberror;
    if (suberror) body["suberror"] = suberror;
    const claims = s.claims ?? cat?.claims;
    if (claims) body["claims"] = claims;
    if (rec) {
      rec.status = status;
      rec.error = error;
      rec.aadsts = s.aadsts;
    }
    this.log(`  -> ${status} ${error} AADSTS${s.aadsts}`);
    sendJson(res, status, body, { "x-ms-request-id": traceId });
  }

  private accessToken(
    p: { clientId: string; resource: string; user?: FakeEntraUser; scp?: string; roles?: string[] },
    tweak: TokenTweak = {},
  ): string {
    const now = Math.floor(Date.now() / 1000);
    const iat = tweak.expired ? now - 4200 : now;
    const exp = tweak.expired ? now - 600 : now + (tweak.lifetimeSeconds ?? 3600);
    let claims: JwtClaims = {
      aud: tweak.audience ?? p.resource,
      iss: tweak.issuer ?? this.issuer,
      iat,
      nbf: iat,
      exp,
      tid: this.tenantId,
      azp: p.clientId,
      appid: p.clientId,
      azpacr: "1",
      ver: "2.0",
      uti: b64u(crypto.randomBytes(16)),
    };
    const user = tweak.asUser !== undefined ? this.userOrThrow(tweak.asUser) : p.user;
    if (user) {
      claims = {
        ...claims,
        idtyp: "user",
        sub: b64u(crypto.createHash("sha256").update(`${user.oid}:${p.clientId}`).digest()).slice(0, 43),
        oid: user.oid,
        preferred_username: user.login,
        upn: user.login,
        unique_name: user.login,
        name: user.displayName,
        scp: tweak.scp ?? p.scp ?? "",
        azpacr: "0",
      };
    } else {
      const sp = objectIdFor(`sp:${p.clientId}`);
      claims = { ...claims, idtyp: "app", sub: sp, oid: sp, roles: tweak.roles ?? p.roles ?? [] };
    }
    // Test-stack artefact (not an Entra claim): Dovecot 2.3 can only check the audience through a `scope` claim that
    // must contain its configured `scope` setting, so mirror the audience here (any Exchange audience -> one value).
    const aud = claims["aud"];
    claims["scope"] = typeof aud === "string" && EXCHANGE_AUDIENCES.includes(aud) ? EXCHANGE_RESOURCE : String(aud);
    if (tweak.claims) claims = { ...claims, ...tweak.claims };
    for (const k of tweak.omitClaims ?? []) delete claims[k];
    let jwt = signJwt(claims, this.jwtKey, this.kid);
    if (tweak.badSignature) {
      const i = jwt.lastIndexOf(".") + 5;
      jwt = jwt.slice(0, i) + (jwt[i] === "A" ? "B" : "A") + jwt.slice(i + 1);
    }
    return jwt;
  }

  private idToken(clientId: string, user: FakeEntraUser): string {
    const t = Math.floor(Date.now() / 1000);
    return signJwt(
      { aud: clientId, iss: this.issuer, iat: t, nbf: t, exp: t + 3600, tid: this.tenantId, oid: user.oid, sub: objectIdFor(`sub:${user.oid}:${clientId}`), preferred_username: user.login, name: user.displayName, ver: "2.0" },
      this.jwtKey,
      this.kid,
    );
  }

  /** Splits "https://outlook.office365.com/IMAP.AccessAsUser.All offline_access" into resource + permissions. */
  private parseScopes(scopeStr: string): { resources: string[]; perms: Array<{ resource: string; perm: string }> } {
    const scopes = scopeStr.split(/\s+/).filter(Boolean);
    const perms = scopes
      .filter((s) => !OIDC_SCOPES.has(s))
      .map((s) => {
        // "https://outlook.office365.com/IMAP.AccessAsUser.All", "api://x/.default"; a bare "Mail.Read" means Graph
        const i = s.lastIndexOf("/");
        return i > 0 ? { resource: s.slice(0, i), perm: s.slice(i + 1) } : { resource: GRAPH_APP_ID, perm: s };
      });
    return { resources: [...new Set(perms.map((p) => p.resource))], perms };
  }

  private knownResource(resource: string, client: FakeEntraClient): boolean {
    return KNOWN_RESOURCES.has(resource) || resource in client.appRoles || resource in client.delegatedScopes;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const localPort = req.socket.localPort ?? 0;
    const url = new URL(req.url ?? "/", this.base);
    this.httpRequests.push({ at: new Date(), method: req.method ?? "", path: url.pathname, port: localPort });
    this.log(req.method, url.pathname);
    const correlationId = headerValue(req, "client-request-id");
    const m = /^\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (!m) return sendJson(res, 404, { error: "not_found" });
    const tenant = m[1]!;
    const rest = m[2]!;
    const tid = ["common", "organizations", "example.test"].includes(tenant.toLowerCase()) ? this.tenantId : tenant;
    if (tid !== this.tenantId) {
      if (req.method === "POST") await readBody(req).catch(() => "");
      return this.aadError(res, 90002, { tid: tenant, correlationId });
    }
    if (req.method === "GET" && rest === "v2.0/.well-known/openid-configuration") {
      return sendJson(res, 200, JSON.parse(this.authorityMetadata()), { "cache-control": "max-age=86400, private" });
    }
    if (req.method === "GET" && rest === "discovery/v2.0/keys") return sendJson(res, 200, { keys: [this.publicJwk] });
    if (req.method === "POST" && rest === "oauth2/v2.0/token") return this.token(req, res, tid, correlationId);
    if (req.method === "GET" && tenant.toLowerCase() === "common" && rest.startsWith("userrealm/")) return this.userRealm(res, decodeURIComponent(rest.slice("userrealm/".length)));
    return sendJson(res, 404, { error: "not_found" });
  }

  /** Domains whose sign-ins are federated to another identity provider (home realm discovery answers Federated). */
  readonly federatedDomains = new Map<string, { authUrl: string; protocol: string }>();

  /**
   * GET /common/userrealm/{login}?api-version=2.1, shaped as login.microsoftonline.com answers it: NameSpaceType
   * Managed for a domain this tenant knows, Federated (with federation_protocol and AuthURL) for a federated one,
   * Unknown otherwise; Login, DomainName, cloudinstancename. Federate a domain with `federatedDomains.set(...)`.
   */
  private userRealm(res: http.ServerResponse, login: string): void {
    const domain = login.slice(login.lastIndexOf("@") + 1).toLowerCase();
    const federated = this.federatedDomains.get(domain);
    const known = [...this.users.keys()].some((l) => l.toLowerCase().endsWith(`@${domain}`));
    const common = { Login: login, DomainName: domain, FederationBrandName: domain, cloudinstancename: "login.microsoftonline.com" };
    if (federated) return sendJson(res, 200, { NameSpaceType: "Federated", federation_protocol: federated.protocol, ...common, AuthURL: `${federated.authUrl}?username=${encodeURIComponent(login)}&wa=wsignin1.0` });
    return sendJson(res, 200, { NameSpaceType: known ? "Managed" : "Unknown", ...common });
  }

  private async token(req: http.IncomingMessage, res: http.ServerResponse, tid: string, correlationId: string | undefined): Promise<void> {
    const p = Object.fromEntries(new URLSearchParams(await readBody(req)));
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const basic = headerValue(req, "authorization");
    if (basic?.startsWith("Basic ")) {
      const raw = Buffer.from(basic.slice(6), "base64").toString("utf8");
      const i = raw.indexOf(":");
      p["client_id"] ??= decodeURIComponent(raw.slice(0, i));
      p["client_secret"] ??= decodeURIComponent(raw.slice(i + 1));
    }
    const grantType = p["grant_type"] ?? "";
    const clientId = p["client_id"];
    const rt = grantType === "refresh_token" ? this.refreshTokens.get(p["refresh_token"] ?? "") : undefined;
    const username = grantType === "password" ? p["username"]?.toLowerCase() : rt?.login;
    const scope = p["scope"] ?? (grantType === "refresh_token" ? rt?.scope : undefined);
    const rec: TokenRequestRecord = { at: new Date(), grantType, withSecret: p["client_secret"] !== undefined, status: 200 };
    if (clientId !== undefined) rec.clientId = clientId;
    if (username !== undefined) rec.username = username;
    if (scope !== undefined) rec.scope = scope;
    this.requests.push(rec);
    this.log(`  grant_type=${grantType} client_id=${clientId ?? ""} user=${username ?? ""} scope=${scope ?? ""}`);

    const { resources } = this.parseScopes(scope ?? "");
    const ctx: Ctx = { tid, scope: scope ?? "" };
    if (clientId !== undefined) ctx.clientId = clientId;
    if (resources[0] !== undefined) ctx.resource = resources[0];
    if (correlationId !== undefined) ctx.correlationId = correlationId;

    const injected = this.takeRule("error", grantType, clientId, username);
    if (injected?.error !== undefined) {
      rec.injected = true;
      return this.aadError(res, injected.error, ctx, rec);
    }
    if (!grantType) return this.aadError(res, 90014, ctx, rec);
    if (!["client_credentials", "password", "refresh_token"].includes(grantType)) {
      return this.aadError(res, { aadsts: 70003, description: `The app requested an unsupported grant type '${grantType}'.` }, ctx, rec);
    }
    const client = clientId !== undefined ? this.clients.get(clientId) : undefined;
    if (!client) {
      return this.aadError(res, clientId === undefined ? { aadsts: 900144, error: "invalid_request", description: "The request body must contain the following parameter: 'client_id'." } : 700016, ctx, rec);
    }
    const secret = p["client_secret"];
    if (secret !== undefined && secret !== client.clientSecret) return this.aadError(res, 7000215, ctx, rec);
    if (secret === undefined && grantType === "client_credentials") return this.aadError(res, 7000216, ctx, rec);
    if (secret === undefined && !client.allowPublicClientFlows) return this.aadError(res, 7000218, ctx, rec);

    const tweak = (): TokenTweak => this.takeRule("tweak", grantType, clientId, username)?.tweak ?? {};

    if (grantType === "client_credentials") {
      const scopes = (scope ?? "").split(/\s+/).filter(Boolean);
      if (scopes.length !== 1 || !scopes[0]!.endsWith("/.default")) return this.aadError(res, 1002012, ctx, rec);
      const resource = scopes[0]!.slice(0, -"/.default".length);
      ctx.resource = resource;
      if (!this.knownResource(resource, client)) return this.aadError(res, 500011, ctx, rec);
      const roles = client.appRoles[resource] ?? (resource === EXCHANGE_APP_ID ? client.appRoles[EXCHANGE_RESOURCE] : resource === GRAPH_APP_ID ? client.appRoles[GRAPH_RESOURCE] : undefined) ?? [];
      return sendJson(res, 200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: this.accessToken({ clientId: client.clientId, resource, roles }, tweak()) });
    }

    let user: FakeEntraUser | undefined;
    if (grantType === "password") {
      user = this.users.get(username ?? "");
      if (!user) return this.aadError(res, 50034, ctx, rec);
      if (user.password !== p["password"]) return this.aadError(res, 50126, ctx, rec);
    } else {
      if (!rt || rt.clientId !== client.clientId) return this.aadError(res, 9002313, ctx, rec);
      user = this.users.get(rt.login);
      if (!user) return this.aadError(res, 50034, ctx, rec);
    }
    const { resources: res2, perms } = this.parseScopes(scope ?? "");
    if (res2.length > 1) return this.aadError(res, 28000, ctx, rec);
    const resource = res2[0] ?? GRAPH_APP_ID;
    ctx.resource = resource;
    if (!this.knownResource(resource, client)) return this.aadError(res, 500011, ctx, rec);
    // Every identifier of Exchange Online (outlook.office.com, outlook.office365.com, its app ID) names one resource, and so its consent.
    const consented =
      client.delegatedScopes[resource] ?? (EXCHANGE_AUDIENCES.includes(resource) ? client.delegatedScopes[EXCHANGE_RESOURCE] : GRAPH_AUDIENCES.includes(resource) ? client.delegatedScopes[GRAPH_RESOURCE] : undefined);
    let scpList: string[] = [];
    for (const { perm } of perms) {
      if (perm === ".default") scpList.push(...(consented ?? []));
      else if (consented && !consented.includes(perm)) return this.aadError(res, 65001, ctx, rec);
      else scpList.push(perm);
    }
    scpList = [...new Set(scpList)];
    if (scpList.length === 0) scpList = consented?.length ? [...consented] : ["User.Read"];
    const refresh = b64u(crypto.randomBytes(32));
    this.refreshTokens.set(refresh, { login: user.login, clientId: client.clientId, scope: scope ?? "", tid });
    const grantedScopes = perms.length ? scpList.map((s) => (resource.includes("://") ? `${resource}/${s}` : s)) : [];
    return sendJson(res, 200, {
      token_type: "Bearer",
      scope: [...grantedScopes, "openid", "profile", "offline_access"].join(" "),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: this.accessToken({ clientId: client.clientId, resource, user, scp: scpList.join(" ") }, tweak()),
      refresh_token: refresh,
      id_token: this.idToken(client.clientId, user),
      client_info: b64u(JSON.stringify({ uid: user.oid, utid: this.tenantId })),
    });
  }
}
