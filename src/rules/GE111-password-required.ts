import { allMailboxes, needsPassword } from "../model/mailbox";
import type { Rule } from "./rule";

export const passwordRequired: Rule = {
  id: "GE111",
  name: "password-required",
  severity: "error",
  description: "A mailbox that logs in with a password (basic auth, or OAuth 2.0 through the password flow) has a password reference.",
  fix: "add password: { env: NAME_OF_VARIABLE } (the secret itself stays in that environment variable)",
  source: "Genesys Agent Setup: Password is required (\"The user must type in a password\"); the vendor uses the resource-owner password flow",
  suppressible: true,
  check: (config) =>
    allMailboxes(config)
      .filter(({ mailbox }) => needsPassword(mailbox) && mailbox.password === undefined)
      .map(({ mailbox, path }) => ({
        path: [...path, "password"],
        message:
          mailbox.auth === "basic"
            ? "A password reference is required for basic authentication."
            : `A password reference is required: ${mailbox.server.type} over OAuth 2.0 uses the resource-owner password flow.`,
      })),
};
