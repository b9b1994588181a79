import { CheckError } from "../classify";
import { refuseUnsafe, rejectedLogin } from "../credentials";
import { httpsRequest } from "../http";
import { agentOptions } from "../proxy";
import { hostPort } from "./graph";
import type { ProbeTarget } from "./target";
import { plural } from "../../text/terminal";
import { DEFAULT_EWS_PATH } from "../../model/mailbox";



const GET_INBOX = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
  <soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header>
  <soap:Body>
    <m:GetFolder>
      <m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>
      <m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds>
    </m:GetFolder>
  </soap:Body>
</soap:Envelope>`;

/** EWS: a SOAP GetFolder request for the inbox, with the user's token (or the password, for basic auth). */
export async function probeEws(target: ProbeTarget): Promise<void> {
  const { log, host, port, login, credential } = target;
  refuseUnsafe({ login, ...(credential.kind === "password" ? { password: credential.password } : {}) });
  const path = target.path ?? DEFAULT_EWS_PATH;
  const url = `https://${hostPort(host, port)}${path.startsWith("/") ? path : `/${path}`}`;
  const authorization =
    credential.kind === "token" ? `Bearer ${credential.accessToken}` : `Basic ${Buffer.from(`${login}:${credential.password}`, "utf8").toString("base64")}`;
  await log.run(
    "inbox",
    async () => {
      const res = await httpsRequest({
        url,
        method: "POST",
        headers: { authorization, "content-type": "text/xml; charset=utf-8", accept: "text/xml", "x-anchormailbox": login },
        body: GET_INBOX,
        trust: target.trust,
        timeoutMs: target.timeoutMs,
        ...agentOptions(target.agents, url),
      });
      if (res.status === 401 || res.status === 403) {
        throw rejectedLogin(credential, login, `HTTP ${res.status}${res.headers["x-ms-diagnostics"] ? ` ${res.headers["x-ms-diagnostics"]}` : ""}`);
      }
      const responseCode = tag(res.body, "ResponseCode");
      const total = tag(res.body, "TotalCount");
      if (res.status === 200 && responseCode === "NoError" && total !== undefined) return Number(total);
      const text = tag(res.body, "MessageText") ?? tag(res.body, "faultstring") ?? res.body.slice(0, 200);
      throw new CheckError(responseCode ? "EWS_ERROR" : "HTTP_ERROR", `EWS answered HTTP ${res.status}${responseCode ? ` ${responseCode}` : ""}: ${text}`);
    },
    (count) => `inbox read through EWS GetFolder: ${plural(count, "message")}`,
    { what: hostPort(host, port) },
  );
}

/** The text of the first element with this local name, any namespace prefix. */
function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${name}>`).exec(xml)?.[1]?.trim();
}
