import { randomUUID } from "node:crypto";
import type { RunAgents } from "./proxy";
import type { AuthenticationResult, ConfidentialClientApplication, Configuration, PublicClientApplication } from "@azure/msal-node";
import { CheckError, describeError, transportCode } from "./classify";
import type { AuthoritySettings } from "./cloud";
import { httpsRequest } from "./http";
import { CheckNetworkClient } from "./msal-network";
import { agentOptions } from "./proxy";
import type { Redactor } from "./redact";
import type { Trust } from "./tls";

export interface Token {
  readonly accessToken: string;
  /** How it was obtained, for the step's detail. */
  readonly source: "requested" | "shared" | "msal-cache";
}

export interface TokenBrokerOptions {
  readonly authority: AuthoritySettings;
  readonly trust: Trust;
  readonly timeoutMs: number;
  readonly redactor: Redactor;
  /** The run's keep-alive pools (direct, or through HTTPS_PROXY). @default - a direct connection per request */
  readonly agents?: RunAgents;
}

type Msal = typeof import("@azure/msal-node");

/** The config field that names the token endpoint. */
export const AUTHORITY_FIELD = "tenant.authority";

/** Failures of the endpoint itself, the same for every request: the first one is the run's cause. */
const ENDPOINT_FAILURES: ReadonlySet<string> = new Set(["ENOTFOUND", "ECONNREFUSED", "EHOSTUNREACH", "ECONNRESET", "TIMEOUT", "TLS_HOSTNAME", "TLS_UNTRUSTED", "TLS_EXPIRED", "TLS_PROTOCOL", "TOKEN_ENDPOINT", "PROXY_AUTH", "PROXY_UNREACHABLE", "PROXY_REFUSED"]);

/**
 * Every token the check needs, with at most one request per credential set:
 * - client credentials (GRAPH): one ConfidentialClientApplication per client ID and secret; the first
 *   call asks the authority, every later one is answered from that instance's MSAL cache;
 * - password flow (IMAP/POP3/SMTP/EWS): one PublicClientApplication per client ID; the password grant
 *   is never cached by MSAL, so results are kept per user and scope (concurrent callers share one request).
 * The first request of each application runs alone, so authority discovery happens once.
 */
export class TokenBroker {
  private msal?: Msal;
  private readonly publicApps = new Map<string, { app: PublicClientApplication; net: CheckNetworkClient; first?: Promise<unknown> }>();
  private readonly confidentialApps = new Map<string, { app: ConfidentialClientApplication; net: CheckNetworkClient; first?: Promise<unknown>; failure?: CheckError }>();
  private readonly delegatedTokens = new Map<string, Promise<Token>>();
  private readonly networks: CheckNetworkClient[] = [];
  private unreachable?: CheckError;
  private readonly realms = new Map<string, Promise<{ federated: boolean; protocol?: string; authHost?: string } | undefined>>();

  constructor(private readonly options: TokenBrokerOptions) {}

  /**
   * The transport failure (DNS, refused, timeout, TLS, proxy) that made the token endpoint unusable: the run's cause.
   * Once set, no further request is sent; every later caller fails at once with the same code.
   */
  get endpointFailure(): CheckError | undefined {
    return this.unreachable;
  }

  /**
   * Home realm discovery before the password flow: GET {authority}/common/userrealm/{login}?api-version=2.1,
   * unauthenticated, once per domain (shared/spec/microsoft-facts.md, "Home realm discovery"; the endpoint and its
   * Login/DomainName fields as in Microsoft's "Close your work or school account in an unmanaged organization").
   * A Federated domain (AD FS, Okta...) cannot sign in with the password flow unless password hash sync and a home
   * realm discovery policy allow it: the mailbox fails before its password is ever sent. An answer that is not the
   * expected JSON (a private authority without the endpoint) lets the sign-in go ahead.
   */
  private async checkRealm(login: string): Promise<void> {
    const domain = login.slice(login.lastIndexOf("@") + 1).toLowerCase();
    let entry = this.realms.get(domain);
    const mine = entry === undefined;
    if (!entry) {
      entry = this.discoverRealm(login);
      this.realms.set(domain, entry);
    }
    let realm: { federated: boolean; protocol?: string; authHost?: string } | undefined;
    try {
      realm = await entry;
    } catch (error) {
      if (!mine) this.refuseIfUnreachable();
      throw error;
    }
    if (realm?.federated) {
      throw new CheckError(
        "FEDERATED_DOMAIN",
        `home realm discovery: ${domain} is federated${realm.authHost ? ` (sign-in at ${realm.authHost}${realm.protocol ? `, ${realm.protocol}` : ""})` : ""}; the password flow cannot sign in there, so no password was sent`,
        { field: domain },
      );
    }
  }

  private async discoverRealm(login: string): Promise<{ federated: boolean; protocol?: string; authHost?: string } | undefined> {
    const base = new URL(this.options.authority.authority);
    const url = `${base.protocol}//${base.host}/common/userrealm/${encodeURIComponent(login)}?api-version=2.1`;
    let res;
    try {
      res = await httpsRequest({ url, method: "GET", headers: { accept: "application/json" }, trust: this.options.trust, timeoutMs: this.options.timeoutMs, ...agentOptions(this.options.agents, url) });
    } catch (error) {
      const e = error instanceof CheckError ? error : undefined;
      const code = e?.code ?? transportCode(error) ?? "TOKEN_ENDPOINT";
      const mapped = e?.extra.endpointField ? e : new CheckError(code, `home realm discovery: ${e?.message ?? describeError(error)}`, { host: base.hostname, port: Number(base.port || 443), endpointField: AUTHORITY_FIELD });
      if (ENDPOINT_FAILURES.has(mapped.code)) this.unreachable ??= mapped;
      throw mapped;
    }
    let body: { NameSpaceType?: unknown; federation_protocol?: unknown; AuthURL?: unknown } | undefined;
    try {
      body = JSON.parse(res.body) as typeof body;
    } catch {
      return undefined;
    }
    if (res.status !== 200 || typeof body?.NameSpaceType !== "string") return undefined;
    if (body.NameSpaceType.toLowerCase() !== "federated") return { federated: false };
    let authHost: string | undefined;
    try {
      authHost = typeof body.AuthURL === "string" ? new URL(body.AuthURL).host : undefined;
    } catch {
      authHost = undefined;
    }
    return { federated: true, ...(typeof body.federation_protocol === "string" ? { protocol: body.federation_protocol } : {}), ...(authHost ? { authHost } : {}) };
  }

  /** The token step ran out of time: the endpoint counts as unreachable, like any other transport failure. */
  timedOut(error: CheckError): void {
    this.unreachable ??= error;
  }

  private refuseIfUnreachable(): void {
    const u = this.unreachable;
    if (!u) return;
    const where = u.extra.host !== undefined ? ` ${u.extra.host}${u.extra.port !== undefined && u.extra.port !== 443 ? `:${u.extra.port}` : ""}` : "";
    throw new CheckError(u.code, `not requested: the token endpoint${where} could not be reached (the run's cause)`, { ...u.extra, skipped: true });
  }

  /** Token requests sent to the authority's token endpoint so far. */
  get tokenRequests(): number {
    return this.networks.reduce((n, net) => n + net.sent.filter((r) => r.method === "POST" && /\/token$/.test(r.url)).length, 0);
  }

  /** Resource-owner password flow for one user and scope; a second call for the same pair shares the first result. */
  delegated(clientId: string, login: string, password: string, scope: string): Promise<Token> {
    const key = `${clientId}|${login.toLowerCase()}|${scope}`;
    const existing = this.delegatedTokens.get(key);
    if (existing) return existing.then((t) => ({ ...t, source: "shared" as const }));
    const entry = this.publicApp(clientId);
    const promise = this.afterFirst(entry, async () => {
      this.refuseIfUnreachable();
      await this.checkRealm(login);
      const correlationId = randomUUID();
      try {
        const result = await entry.app.acquireTokenByUsernamePassword({ scopes: [scope], username: login, password, correlationId });
        const token = this.accept(result, "requested");
        // The token is kept in delegatedTokens. Left in MSAL's cache, every user's account and tokens
        // would stay for the whole run, and MSAL rewrites its whole in-memory cache on each change:
        // quadratic in the number of users (~0.1 s for 180, seconds for a thousand).
        if (result?.account) await entry.app.getTokenCache().removeAccount(result.account).catch(() => undefined);
        return token;
      } catch (error) {
        throw this.tokenError(error, entry.net, correlationId);
      }
    });
    this.delegatedTokens.set(key, promise);
    return promise;
  }

  /** Client-credentials flow; every mailbox with the same app and scope gets the token from the one MSAL cache. */
  app(clientId: string, clientSecret: string, scope: string): Promise<Token> {
    this.options.redactor.add(clientSecret);
    const entry = this.confidentialApp(clientId, clientSecret);
    return this.afterFirst(entry, async () => {
      this.refuseIfUnreachable();
      // The same app and secret fail the same way for every mailbox: one refused request is enough.
      if (entry.failure) throw entry.failure;
      const correlationId = randomUUID();
      try {
        const result = await entry.app.acquireTokenByClientCredential({ scopes: [scope], correlationId });
        return this.accept(result, result?.fromCache ? "msal-cache" : "requested");
      } catch (error) {
        entry.failure = this.tokenError(error, entry.net, correlationId);
        throw entry.failure;
      }
    });
  }

  private accept(result: AuthenticationResult | null, source: Token["source"]): Token {
    if (!result?.accessToken) throw new CheckError("TOKEN_ENDPOINT", "the authority answered without an access token");
    this.options.redactor.add(result.accessToken);
    return { accessToken: result.accessToken, source };
  }

  /** Runs `fn` after the application's first request has settled (its outcome does not matter), so discovery runs once. */
  private afterFirst<T>(entry: { first?: Promise<unknown> }, fn: () => Promise<T>): Promise<T> {
    if (!entry.first) {
      const p = fn();
      entry.first = p.catch(() => undefined);
      return p;
    }
    return entry.first.then(fn);
  }

  private loadMsal(): Msal {
    // Loaded on first use: a check of basic-auth mailboxes never pays for MSAL.
    this.msal ??= require("@azure/msal-node") as Msal;
    return this.msal;
  }

  private config(clientId: string, net: CheckNetworkClient, clientSecret?: string): Configuration {
    const { authority, knownAuthorities } = this.options.authority;
    const msal = this.loadMsal();
    return {
      auth: {
        clientId,
        authority,
        ...(knownAuthorities ? { knownAuthorities: [...knownAuthorities] } : {}),
        ...(clientSecret !== undefined ? { clientSecret } : {}),
      },
      system: {
        networkClient: net,
        loggerOptions: { loggerCallback: () => undefined, piiLoggingEnabled: false, logLevel: msal.LogLevel.Error },
      },
    };
  }

  private publicApp(clientId: string) {
    let entry = this.publicApps.get(clientId);
    if (!entry) {
      const net = this.network();
      entry = { app: new (this.loadMsal().PublicClientApplication)(this.config(clientId, net)), net };
      this.publicApps.set(clientId, entry);
    }
    return entry;
  }

  private confidentialApp(clientId: string, clientSecret: string) {
    const key = `${clientId}|${clientSecret}`;
    let entry = this.confidentialApps.get(key);
    if (!entry) {
      const net = this.network();
      entry = { app: new (this.loadMsal().ConfidentialClientApplication)(this.config(clientId, net, clientSecret)), net };
      this.confidentialApps.set(key, entry);
    }
    return entry;
  }

  private network(): CheckNetworkClient {
    const net = new CheckNetworkClient(this.options.trust, this.options.timeoutMs, this.options.agents);
    this.networks.push(net);
    return net;
  }

  /** Maps an MSAL error to a fixes-table code; a transport failure of the endpoint also becomes the run's cause. */
  private tokenError(error: unknown, net: CheckNetworkClient, correlationId: string): CheckError {
    const mapped = this.mapError(error, net, correlationId);
    if (ENDPOINT_FAILURES.has(mapped.code)) this.unreachable ??= mapped;
    return mapped;
  }

  /** The AADSTS code, or the transport error behind a network failure, attributed to tenant.authority. */
  private mapError(error: unknown, net: CheckNetworkClient, correlationId: string): CheckError {
    if (error instanceof CheckError) return error;
    const e = (error ?? {}) as { errorCode?: string; errorNo?: string | number; errorMessage?: string; message?: string };
    const text = `${e.errorMessage ?? ""} ${e.message ?? ""}`;
    const aad = e.errorNo !== undefined && /^\d+$/.test(String(e.errorNo)) ? String(e.errorNo) : /AADSTS(\d+)/.exec(text)?.[1];
    if (aad) {
      const description = new RegExp(`AADSTS${aad}:?\\s*([^\\r\\n]*?)(?=\\s+(?:Trace ID|Correlation ID|Timestamp):|\\s+-\\s+Correlation ID|$)`).exec(text)?.[1];
      return new CheckError(`AADSTS${aad}`, `AADSTS${aad}${description ? `: ${description.trim()}` : ` (${e.errorCode ?? "error"})`}`);
    }
    const cause = net.failureFor(correlationId);
    if (cause && ["network_error", "endpoints_resolution_error", "openid_config_error", "untrusted_authority"].includes(e.errorCode ?? "")) {
      if (cause.error instanceof CheckError) return cause.error;
      const url = new URL(cause.url);
      const code = transportCode(cause.error);
      return new CheckError(code ?? "TOKEN_ENDPOINT", `token endpoint: ${describeError(cause.error)}`, { host: url.hostname, port: Number(url.port || 443), endpointField: AUTHORITY_FIELD });
    }
    const endpoint = new URL(this.options.authority.authority);
    return new CheckError(transportCode(error) ?? "TOKEN_ENDPOINT", `token request failed: ${e.errorCode ? `${e.errorCode}: ` : ""}${describeError(error)}`, {
      host: endpoint.hostname,
      port: Number(endpoint.port || 443),
      endpointField: AUTHORITY_FIELD,
    });
  }
}
