import { allMailboxes } from "../model/mailbox";
import type { Rule } from "./rule";
import { quote } from "../text/terminal";
import { EXCHANGE_ONLINE_HOSTS } from "../model/clouds";

export const basicAuthExchangeOnline: Rule = {
  id: "GE201",
  name: "basic-auth-exchange-online",
  severity: "warning",
  description: "Basic authentication against Exchange Online will not connect: Microsoft retired it (SMTP AUTH is off by default in new tenants).",
  fix: "set auth: oauth2 and migrate the mailbox with the OAuth 2.0 request",
  source: "Microsoft, Deprecation of Basic authentication in Exchange Online (learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online)",
  suppressible: true,
  check: (config) =>
    allMailboxes(config)
      .filter(({ mailbox }) => mailbox.auth === "basic" && EXCHANGE_ONLINE_HOSTS.test(mailbox.server.host))
      .map(({ mailbox, path }) => ({
        path: [...path, "auth"],
        message: `Basic authentication to ${quote(mailbox.server.host)} is retired by Microsoft for Exchange Online.`,
      })),
};
