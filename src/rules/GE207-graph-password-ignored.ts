import type { Rule } from "./rule";

export const graphPasswordIgnored: Rule = {
  id: "GE207",
  name: "graph-password-ignored",
  severity: "warning",
  description: "A GRAPH mailbox uses the app's client secret; a mailbox password reference is ignored.",
  fix: "remove password from this GRAPH mailbox (the client secret comes from the Terraform output or application.clientSecret)",
  source: "Genesys: Graph API with Client Credentials Grant Flow with client secret only",
  suppressible: true,
  check: (config) =>
    config.mailboxes.inbound.flatMap((m, i) =>
      m.server.type === "GRAPH" && m.auth === "oauth2" && m.password !== undefined
        ? [{ path: ["mailboxes", "inbound", i, "password"], message: "The password reference is ignored: GRAPH logs in with the app's client secret." }]
        : [],
    ),
};
