import { CheckError } from "../classify";
import { httpsRequest } from "../http";
import { agentOptions } from "../proxy";
import type { ProbeTarget } from "./target";
import { plural } from "../../text/terminal";

/** GRAPH: GET /v1.0/users/{mailbox}/mailFolders/inbox with the app token (client credentials). */
export async function probeGraph(target: ProbeTarget): Promise<void> {
  const { log, host, port, login, credential } = target;
  if (credential.kind !== "token") throw new CheckError("UNKNOWN", "GRAPH needs an OAuth 2.0 app token");
  const url = `https://${hostPort(host, port)}/v1.0/users/${encodeURIComponent(login)}/mailFolders/inbox`;
  await log.run(
    "inbox",
    async () => {
      const res = await httpsRequest({
        url,
        method: "GET",
        headers: { authorization: `Bearer ${credential.accessToken}`, accept: "application/json" },
        trust: target.trust,
        timeoutMs: target.timeoutMs,
        ...agentOptions(target.agents, url),
      });
      const body = parseJson(res.body) as { totalItemCount?: number; error?: { code?: string; message?: string } } | undefined;
      if (res.status === 200 && typeof body?.totalItemCount === "number") return body.totalItemCount;
      const said = body?.error ? `${body.error.code ?? ""}: ${body.error.message ?? ""}` : res.body.slice(0, 200);
      const code = res.status === 401 ? "GRAPH_401" : res.status === 403 ? "GRAPH_403" : res.status === 404 ? "GRAPH_404" : "HTTP_ERROR";
      throw new CheckError(code, `Graph answered HTTP ${res.status} ${said}`.trim());
    },
    (count) => `inbox read through Graph: ${plural(count, "message")}`,
    { what: hostPort(host, port) },
  );
}

export function hostPort(host: string, port: number): string {
  const h = host.includes(":") ? `[${host}]` : host;
  return port === 443 ? h : `${h}:${port}`;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
