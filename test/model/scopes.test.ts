import { mailboxScope } from "../../src/model/scopes";
import type { PermissionLayout, ServerType } from "../../src/model/config";

const GLOBAL = "https://login.microsoftonline.com/";
const US = "https://login.microsoftonline.us";
const CHINA = "https://login.chinacloudapi.cn/";

describe("the one scope table: cloud x permission layout x protocol", () => {
  test.each<[string, string | undefined, PermissionLayout, ServerType, string | undefined, string]>([
    // The vendor's layout: the `scope` option's default, the app's Exchange Online grants in one token.
    ["global, vendor layout, IMAP", GLOBAL, "exchange-online", "IMAP", undefined, "https://outlook.office.com/.default"],
    ["default authority, vendor layout, SMTP", undefined, "exchange-online", "SMTP", undefined, "https://outlook.office.com/.default"],
    ["global, vendor layout, EWS", GLOBAL, "exchange-online", "EWS", undefined, "https://outlook.office.com/.default"],
    // Permissions under Microsoft Graph: Microsoft's full per-protocol scopes with the Outlook resource.
    ["global, Graph layout, IMAP", GLOBAL, "microsoft-graph", "IMAP", undefined, "https://outlook.office.com/IMAP.AccessAsUser.All"],
    ["global, Graph layout, POP3", GLOBAL, "microsoft-graph", "POP3", undefined, "https://outlook.office.com/POP.AccessAsUser.All"],
    ["global, Graph layout, SMTP", GLOBAL, "microsoft-graph", "SMTP", undefined, "https://outlook.office.com/SMTP.Send"],
    ["global, Graph layout, EWS", GLOBAL, "microsoft-graph", "EWS", undefined, "https://outlook.office.com/EWS.AccessAsUser.All"],
    ["US Government, vendor layout, IMAP", US, "exchange-online", "IMAP", undefined, "https://outlook.office365.us/.default"],
    ["US Government, Graph layout, SMTP", US, "microsoft-graph", "SMTP", undefined, "https://outlook.office365.us/SMTP.Send"],
    ["China, vendor layout, POP3", CHINA, "exchange-online", "POP3", undefined, "https://partner.outlook.cn/.default"],
    // GRAPH: client credentials take .default only, in either layout; a known Graph host names its cloud (DoD).
    ["global, GRAPH", GLOBAL, "exchange-online", "GRAPH", "graph.microsoft.com", "https://graph.microsoft.com/.default"],
    ["global, GRAPH, Graph layout", GLOBAL, "microsoft-graph", "GRAPH", "graph.microsoft.com", "https://graph.microsoft.com/.default"],
    ["US Government DoD, GRAPH", US, "exchange-online", "GRAPH", "dod-graph.microsoft.us", "https://dod-graph.microsoft.us/.default"],
    ["China, GRAPH on another host", CHINA, "exchange-online", "GRAPH", "127.0.0.1", "https://microsoftgraph.chinacloudapi.cn/.default"],
  ])("%s", (_name, authority, layout, protocol, host, scope) => {
    expect(mailboxScope({ ...(authority !== undefined ? { authority } : {}), layout, protocol, ...(host !== undefined ? { host } : {}) }).scope).toBe(scope);
  });

  test("the cloud comes along (its verified flag decides the manifest's comment); a private authority has none and uses global resources", () => {
    expect(mailboxScope({ authority: GLOBAL, layout: "exchange-online", protocol: "IMAP" }).cloud?.verified).toBe(true);
    expect(mailboxScope({ authority: US, layout: "exchange-online", protocol: "IMAP" }).cloud?.verified).toBe(false);
    expect(mailboxScope({ authority: "https://127.0.0.1:10443/", layout: "exchange-online", protocol: "IMAP" })).toEqual({ scope: "https://outlook.office.com/.default" });
  });
});
