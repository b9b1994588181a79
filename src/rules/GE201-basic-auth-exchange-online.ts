import type { ServerType } from "../model/config";
import { allMailboxes } from "../model/mailbox";
import type { Rule } from "./rule";
import { quote } from "../text/terminal";
import { EXCHANGE_ONLINE_HOSTS } from "../model/clouds";

/**
 * The way off basic auth per protocol. Not "auth: oauth2" for POP3: Genesys does not support OAuth 2.0 over POP3
 * (GE113), so that fix would only trade this warning for an error.
 */
const FIX: Readonly<Record<ServerType, string>> = {
  IMAP: "set auth: oauth2 and migrate the mailbox with the OAuth 2.0 request",
  POP3: "move it to IMAP (server.type: IMAP, port 993) or GRAPH, with auth: oauth2: Genesys does not support OAuth 2.0 over POP3 (GE113)",
  EWS: "move it to GRAPH (EWS in Exchange Online shuts down on 2027-04-01), or set auth: oauth2 until then",
  GRAPH: "set auth: oauth2 (GRAPH signs in with the application's client secret)",
  SMTP: "set auth: oauth2 (SMTP AUTH with XOAUTH2) and migrate the mailbox with the OAuth 2.0 request",
};

export const basicAuthExchangeOnline: Rule = {
  id: "GE201",
  name: "basic-auth-exchange-online",
  severity: "warning",
  description: "Basic authentication against Exchange Online will not connect: Microsoft retired it (SMTP AUTH is off by default in new tenants).",
  fix: "IMAP and SMTP: set auth: oauth2; POP3: move it to IMAP (or GRAPH); EWS: move it to GRAPH; then migrate it with the OAuth 2.0 request",
  source: "Microsoft, Deprecation of Basic authentication in Exchange Online (learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online)",
  suppressible: true,
  check: (config) =>
    allMailboxes(config)
      .filter(({ mailbox }) => mailbox.auth === "basic" && EXCHANGE_ONLINE_HOSTS.test(mailbox.server.host))
      .map(({ mailbox, path }) => ({
        path: [...path, "auth"],
        message: `Basic authentication to ${quote(mailbox.server.host)} is retired by Microsoft for Exchange Online.`,
        fix: FIX[mailbox.server.type],
      })),
};
