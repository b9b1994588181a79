import type { Rule } from "./rule";

export const pop3OAuthUnsupported: Rule = {
  id: "GE113",
  name: "pop3-oauth-unsupported",
  severity: "error",
  description: "Genesys E-mail Server does not support OAuth 2.0 over POP3 yet.",
  fix: "use IMAP (server.type: IMAP, port 993) for this mailbox; Exchange Online offers both",
  source: "Genesys Agent Setup, Special mailbox settings: \"Note that OAuth2 for POP3 is not supported yet.\"",
  suppressible: true,
  check: (config) =>
    config.mailboxes.inbound.flatMap((m, i) =>
      m.server.type === "POP3" && m.auth === "oauth2"
        ? [{ path: ["mailboxes", "inbound", i, "server", "type"], message: "OAuth 2.0 over POP3 is not supported by Genesys E-mail Server yet." }]
        : [],
    ),
};
