import * as https from "node:https";

/**
 * The HTTPS proxy of a run, from the environment as curl and most tools read it: `https_proxy` (or `HTTPS_PROXY`),
 * `http://[user:password@]host:port`, and `no_proxy` (or `NO_PROXY`), a comma- or space-separated list of host
 * names (a name also covers its subdomains; a leading `.` or `*.` is allowed), `host:port` entries, IP addresses,
 * or `*` for all. Loopback is not bypassed on its own: list it in NO_PROXY when it should be.
 * Only HTTPS goes through the proxy (token endpoint, Graph, EWS); IMAP, POP3 and SMTP connect directly.
 */
export interface ProxySettings {
  readonly url: URL;
  /** `http://host:port` without credentials, for messages. */
  readonly label: string;
  /** The credentials in the URL (user, password, and `user:password` as sent in Proxy-Authorization), for redaction. */
  readonly secrets: readonly string[];
  readonly noProxy: readonly string[];
}

export class ProxyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProxyConfigError";
  }
}

/** Reads the proxy settings; undefined without a proxy variable. Throws ProxyConfigError (never quoting the value: it may hold a password). */
export function proxyFromEnv(env: Readonly<Record<string, string | undefined>>): ProxySettings | undefined {
  const name = env["https_proxy"] ? "https_proxy" : env["HTTPS_PROXY"] ? "HTTPS_PROXY" : undefined;
  if (name === undefined) return undefined;
  const raw = env[name]!.trim();
  let url: URL;
  try {
    url = new URL(raw.includes("://") ? raw : `http://${raw}`);
  } catch {
    throw new ProxyConfigError(`${name} is not a proxy URL; expected http://[user:password@]host:port`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ProxyConfigError(`${name} must be an http:// or https:// proxy URL; ${url.protocol.replace(/:$/, "")} given`);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const label = `${url.protocol}//${url.host}`;
  const noProxy = (env["no_proxy"] ?? env["NO_PROXY"] ?? "")
    .split(/[\s,]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  return { url, label, secrets: [password, user && password ? `${user}:${password}` : "", url.username, url.password].filter(Boolean), noProxy };
}

/** True when NO_PROXY says this host (and port) is reached directly. */
export function bypassesProxy(settings: ProxySettings, host: string, port: number): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  return settings.noProxy.some((entry) => {
    if (entry === "*") return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:\d+$|$)/g, ""))!;
    const name = m[1]!.replace(/^\*?\./, "").replace(/\.$/, "");
    if (m[2] !== undefined && Number(m[2]) !== port) return false;
    return h === name || h.endsWith(`.${name}`);
  });
}

/** The run's HTTPS agents: one keep-alive pool for direct connections, one through the proxy; each request takes the one its host needs. */
export interface RunAgents {
  forUrl(url: URL): https.Agent;
  /** The proxy a URL goes through, or undefined when it is reached directly. */
  proxyFor(url: URL): ProxySettings | undefined;
  destroy(): void;
}

export function createRunAgents(direct: https.Agent, proxy: ProxySettings | undefined, maxSockets: number, idleMs: number): RunAgents {
  let proxied: https.Agent | undefined;
  const proxyFor = (url: URL) => (proxy && !bypassesProxy(proxy, url.hostname, Number(url.port || 443)) ? proxy : undefined);
  return {
    proxyFor,
    forUrl(url) {
      if (!proxyFor(url)) return direct;
      if (!proxied) {
        // https-proxy-agent (TooTallNate/proxy-agents): CONNECT through the proxy, then TLS to the server with the
        // request's own TLS options (our trust and verification); keep-alive like the direct pool.
        const { HttpsProxyAgent } = require("https-proxy-agent") as typeof import("https-proxy-agent");
        proxied = new HttpsProxyAgent(proxy!.url, { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: "lifo", timeout: idleMs }) as unknown as https.Agent;
      }
      return proxied;
    },
    destroy() {
      direct.destroy();
      proxied?.destroy();
    },
  };
}

/** The `agent` and `proxy` options of an HTTPS request to `url` with the run's agents. */
export function agentOptions(agents: RunAgents | undefined, url: string): { agent?: https.Agent; proxy?: ProxySettings } {
  if (!agents) return {};
  const u = new URL(url);
  const proxy = agents.proxyFor(u);
  return { agent: agents.forUrl(u), ...(proxy ? { proxy } : {}) };
}
