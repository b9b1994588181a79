import { agentOptions, type RunAgents } from "./proxy";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { httpsRequest } from "./http";
import type { Trust } from "./tls";

export interface NetworkFailure {
  readonly error: unknown;
  readonly url: string;
}

/**
 * MSAL's network module on node:https, so the token endpoint gets the same trust as every other
 * connection (msal-node 7's default client uses global fetch, which takes no CA option).
 *
 * MSAL replaces a transport error with a bare `network_error`; the original is kept here, by
 * correlation ID, so the check can tell "certificate not trusted" from "connection refused".
 */
export class CheckNetworkClient implements INetworkModule {
  private readonly failures = new Map<string, NetworkFailure>();
  private lastFailure: NetworkFailure | undefined;
  /** Requests sent, by method and path (for tests and the summary). */
  readonly sent: Array<{ method: string; url: string }> = [];

  constructor(
    private readonly trust: Trust,
    private readonly timeoutMs: number,
    /** The run's keep-alive pools, direct or through the proxy (see `createRunAgents`); without them, a connection per request. */
    private readonly agents?: RunAgents,
  ) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>("GET", url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>("POST", url, options);
  }

  /** The transport error behind a failed token request (by the request's correlation ID, else the latest). */
  failureFor(correlationId: string): NetworkFailure | undefined {
    return this.failures.get(correlationId) ?? this.lastFailure;
  }

  private async send<T>(method: "GET" | "POST", url: string, options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    this.sent.push({ method, url: url.split("?")[0]! });
    try {
      const res = await httpsRequest({
        url,
        method,
        headers: options?.headers ?? {},
        ...(method === "POST" ? { body: options?.body ?? "" } : {}),
        trust: this.trust,
        timeoutMs: Math.min(timeout ?? this.timeoutMs, this.timeoutMs),
        ...agentOptions(this.agents, url),
      });
      let body: unknown;
      try {
        body = JSON.parse(res.body);
      } catch {
        throw new Error(`the authority answered HTTP ${res.status} with a body that is not JSON (${res.headers["content-type"] ?? "no content type"})`);
      }
      return { status: res.status, headers: res.headers, body: body as T };
    } catch (error) {
      const failure = { error, url };
      this.lastFailure = failure;
      if (options?.correlationId) this.failures.set(options.correlationId, failure);
      throw error;
    }
  }
}
