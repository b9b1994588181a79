import type { Rule } from "./rule";

export const graphRequiresOAuth: Rule = {
  id: "GE122",
  name: "graph-requires-oauth",
  severity: "error",
  description: "A GRAPH mailbox authenticates with OAuth 2.0 client credentials; basic auth is impossible.",
  fix: "set auth: oauth2 for this GRAPH mailbox",
  source: "Genesys: \"Email can support the Graph API with Client Credentials Grant Flow with client secret only\"",
  suppressible: false,
  check: (config) =>
    config.mailboxes.inbound.flatMap((m, i) =>
      m.server.type === "GRAPH" && m.auth === "basic"
        ? [{ path: ["mailboxes", "inbound", i, "auth"], message: "GRAPH mailboxes cannot use basic authentication: Microsoft Graph accepts only OAuth 2.0 tokens." }]
        : [],
    ),
};
