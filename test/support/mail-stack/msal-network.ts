// An msal-node INetworkModule on node:https that trusts a given CA (msal-node 7 otherwise uses global fetch, which only
// honours NODE_EXTRA_CA_CERTS set before the process starts). For tests that call MSAL in-process against FakeEntra:
//   new ConfidentialClientApplication({ auth: {...}, system: { networkClient: caNetworkClient(stack.caPem) } })
import * as https from "node:https";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";

export function caNetworkClient(caPem: string): INetworkModule {
  const send = <T>(method: "GET" | "POST", url: string, options?: NetworkRequestOptions, timeoutMs?: number): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      const body = options?.body;
      const headers: Record<string, string | number> = { ...(options?.headers ?? {}) };
      if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
      const req = https.request(url, { method, headers, ca: caPem, ...(timeoutMs ? { timeout: timeoutMs } : {}) }, (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (data += c));
        res.on("end", () => {
          const h: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(", ") : v;
          let parsed: unknown = data;
          try {
            parsed = JSON.parse(data);
          } catch {
            /* not JSON */
          }
          resolve({ headers: h, body: parsed as T, status: res.statusCode ?? 0 });
        });
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`request to ${url} timed out`)));
      req.on("error", reject);
      req.end(body);
    });
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>("GET", url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>("POST", url, options),
  };
}
