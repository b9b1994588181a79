import { oauthMailboxes } from "../model/mailbox";
import type { Rule } from "./rule";
import { quote } from "../text/terminal";
import { EMAIL } from "../model/email";

export const oauthLoginUpn: Rule = {
  id: "GE124",
  name: "oauth-login-upn",
  severity: "error",
  description: "An OAuth 2.0 mailbox's login is the account's user principal name (name@domain).",
  fix: "set mailbox to the account's sign-in name, e.g. support@contoso.com",
  source: "Microsoft, Authenticate an IMAP, POP or SMTP connection using OAuth: SASL XOAUTH2 sends user=<UPN>; Graph addresses /users/{UPN}",
  suppressible: true,
  check: (config) =>
    oauthMailboxes(config)
      .filter(({ mailbox }) => !EMAIL.test(mailbox.mailbox))
      .map(({ mailbox, path }) => ({
        path: [...path, "mailbox"],
        message: `With OAuth 2.0 the login must be the user principal name (name@domain); ${quote(mailbox.mailbox)} is not.`,
      })),
};
