import type { FieldPath } from "../model/path";
import { allMailboxes, isInbound } from "../model/mailbox";
import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";

/** `<support@contoso.com>`: a value in angle brackets, as `genesys-email init` writes every value to fill in. */
const PLACEHOLDER = /^<[^<>\n]+>$/;

/**
 * The fields `genesys-email init` leaves placeholders in (and a few more that are free text, where a forgotten
 * placeholder would pass every other rule: a Designer application, a display name, a folder).
 */
export const placeholderLeft: Rule = {
  id: "GE143",
  name: "placeholder-left",
  severity: "error",
  description: "No value is still a `<placeholder>` from `genesys-email init`.",
  fix: "write the real value in place of the placeholder (its inside shows the form, e.g. <support@contoso.com>)",
  source: "genesys-email-iac: genesys-email init writes each value to fill in as <example>",
  suppressible: false,
  supersedes: true,
  check: (config) => {
    const violations: Violation[] = [];
    // The path is made only for a placeholder found: this runs over every mailbox of a large config.
    const look = (value: string | undefined, base: FieldPath, key: string | number, subKey?: string) => {
      if (value === undefined || !PLACEHOLDER.test(value.trim())) return;
      violations.push({ path: subKey === undefined ? [...base, key] : [...base, key, subKey], message: `${quote(value, 60)} is a placeholder from genesys-email init.` });
    };
    look(config.tenant.directoryId, ["tenant"], "directoryId");
    look(config.application.clientId, ["application"], "clientId");
    look(config.application.displayName, ["application"], "displayName");
    for (const { mailbox, path } of allMailboxes(config)) {
      if (isInbound(mailbox)) look(mailbox.name, path, "name");
      look(mailbox.mailbox, path, "mailbox");
      if (!isInbound(mailbox)) look(mailbox.fromAddress, path, "fromAddress");
      look(mailbox.server.host, path, "server", "host");
      if (isInbound(mailbox)) look(mailbox.designerApplication, path, "designerApplication");
    }
    const from = config.fromAddresses;
    if (from) {
      look(from.folder, ["fromAddresses"], "folder");
      from.addresses.forEach((a, i) => {
        look(a.name, ["fromAddresses", "addresses", i], "name");
        look(a.displayName, ["fromAddresses", "addresses", i], "displayName");
      });
    }
    return violations;
  },
};
