import * as https from "node:https";
import { StepTimeoutError } from "./classify";
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
}

export interface HttpsResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * One HTTPS request over node:https with the check's trust (system store + --ca-file), verification on,
 * no keep-alive (the connection closes with the request) and a hard deadline.
 */
export function httpsRequest(req: HttpsRequest): Promise<HttpsResponse> {
  const url = new URL(req.url);
  if (url.protocol !== "https:") return Promise.reject(new Error(`only https URLs are used; ${url.protocol} given`));
  const maxBytes = req.maxBytes ?? 4 * 1024 * 1024;
  return new Promise<HttpsResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, response?: HttpsResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(response!);
    };
    const headers: Record<string, string> = { connection: "close", ...req.headers };
    if (req.body !== undefined) headers["content-length"] = String(Buffer.byteLength(req.body));
    const request = https.request(
      {
        protocol: "https:",
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        method: req.method,
        headers,
        agent: false,
        ...tlsOptions(req.trust, url.hostname),
      },
      (res) => {
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
    const timer = setTimeout(() => finish(new StepTimeoutError(req.timeoutMs / 1000, url.host, { host: url.hostname, port: Number(url.port || 443) })), req.timeoutMs);
    request.on("error", (e) => finish(e));
    request.end(req.body);
  });
}
