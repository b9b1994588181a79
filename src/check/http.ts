import * as https from "node:https";
import { CheckError, StepTimeoutError, describeError } from "./classify";
import type { ProxySettings } from "./proxy";
import { tlsOptions, type Trust } from "./tls";

export interface HttpsRequest {
  readonly url: string;
  readonly method: "GET" | "POST";
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly trust: Trust;
  /** Whole request, connect to last byte. */
  readonly timeoutMs: number;
  /** Largest body accepted. @default 4 MB */
  readonly maxBytes?: number;
  /**
   * The run's keep-alive pool (`createHttpsPool`).
   * @default - a connection of its own, closed with the request
   */
  readonly agent?: https.Agent;
  /** The proxy the agent goes through (its failures are attributed to it, never to the server). */
  readonly proxy?: ProxySettings;
}

export interface HttpsResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A pooled connection nobody has used for this long is closed (the next mailbox usually takes it well before). */
export const POOL_IDLE_MS = 1_000;

/**
 * A keep-alive pool for one check run, at most `maxSockets` connections per host. The token
 * endpoint, Graph and EWS answer request after request for many mailboxes, and each new TLS
 * connection costs both sides a handshake: for 200 mailboxes, 181 token requests over 8
 * connections instead of 181. An idle connection closes after POOL_IDLE_MS; the run destroys
 * the pool when it ends, closing the rest.
 */
export function createHttpsPool(maxSockets: number): https.Agent {
  return new https.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: "lifo", timeout: POOL_IDLE_MS });
}

/** A pooled connection the server closed while it sat idle: the request never reached the server's application. */
function isStaleConnection(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED";
}

/**
 * One HTTPS request over node:https with the check's trust (system store + --ca-file), verification on
 * and a hard deadline. With `agent` the connection is the pool's (a request that finds its pooled
 * connection closed by the server is sent once more, on a new one); without, it closes with the request.
 */
export function httpsRequest(req: HttpsRequest): Promise<HttpsResponse> {
  const url = new URL(req.url);
  if (url.protocol !== "https:") return Promise.reject(new Error(`only https URLs are used; ${url.protocol} given`));
  const maxBytes = req.maxBytes ?? 4 * 1024 * 1024;
  return new Promise<HttpsResponse>((resolve, reject) => {
    let settled = false;
    let request: ReturnType<typeof https.request> | undefined;
    const finish = (error: Error | undefined, response?: HttpsResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request?.destroy();
        reject(error);
      } else resolve(response!);
    };
    const headers: Record<string, string> = { ...(req.agent ? {} : { connection: "close" }), ...req.headers };
    if (req.body !== undefined) headers["content-length"] = String(Buffer.byteLength(req.body));
    const send = (retried: boolean) => {
      // Through a proxy: the CONNECT's answer tells the proxy's own failures from the server's (https-proxy-agent
      // hands a refused CONNECT's response to the request as if the server had sent it).
      let tunnel: "none" | "open" | number = "none";
      const current = https.request(
        {
          protocol: "https:",
          hostname: url.hostname.replace(/^\[|\]$/g, ""),
          port: url.port || 443,
          path: `${url.pathname}${url.search}`,
          method: req.method,
          headers,
          agent: req.agent ?? false,
          ...tlsOptions(req.trust, url.hostname),
        },
        (res) => {
          if (req.proxy && typeof tunnel === "number") {
            res.resume();
            return finish(proxyRefused(req.proxy, url, tunnel));
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) finish(new Error(`response from ${url.host} is larger than ${maxBytes} bytes`));
            else chunks.push(chunk);
          });
          res.on("end", () => {
            const flat: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
            finish(undefined, { status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks).toString("utf8") });
          });
          res.on("error", (e) => finish(e));
        },
      );
      request = current;
      current.on("proxyConnect", (answer: { statusCode?: number }) => {
        tunnel = answer.statusCode === 200 ? "open" : (answer.statusCode ?? 0);
      });
      current.on("error", (e) => {
        if (settled || current !== request) return;
        if (!retried && current.reusedSocket && isStaleConnection(e)) send(true);
        else if (req.proxy && tunnel === "none" && !current.reusedSocket) finish(proxyUnreachable(req.proxy, e));
        else finish(e);
      });
      current.end(req.body);
    };
    const timer = setTimeout(() => finish(new StepTimeoutError(req.timeoutMs / 1000, url.host, { host: url.hostname, port: Number(url.port || 443) })), req.timeoutMs);
    send(false);
  });
}

function proxyRefused(proxy: ProxySettings, url: URL, status: number): CheckError {
  const target = `${url.hostname}:${url.port || 443}`;
  if (status === 407) return new CheckError("PROXY_AUTH", `the proxy ${proxy.label} refused the credentials in HTTPS_PROXY (HTTP 407) for ${target}`, { proxy: proxy.label, endpointField: "HTTPS_PROXY" });
  return new CheckError("PROXY_REFUSED", `the proxy ${proxy.label} refused the tunnel to ${target} (HTTP ${status})`, { proxy: proxy.label, endpointField: "HTTPS_PROXY" });
}

function proxyUnreachable(proxy: ProxySettings, error: unknown): CheckError {
  return new CheckError("PROXY_UNREACHABLE", `the proxy ${proxy.label} could not be reached: ${describeError(error)}`, { proxy: proxy.label, endpointField: "HTTPS_PROXY" });
}
