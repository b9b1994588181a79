import type { FieldValue } from "../model/fields";
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
    const fields: FieldValue[] = [
      [["tenant", "directoryId"], config.tenant.directoryId],
      [["application", "clientId"], config.application.clientId],
      [["application", "displayName"], config.application.displayName],
    ];
    for (const { mailbox, path } of allMailboxes(config)) {
      if (isInbound(mailbox)) fields.push([[...path, "name"], mailbox.name]);
      fields.push([[...path, "mailbox"], mailbox.mailbox]);
      if (!isInbound(mailbox)) fields.push([[...path, "fromAddress"], mailbox.fromAddress]);
      fields.push([[...path, "server", "host"], mailbox.server.host]);
      if (isInbound(mailbox)) fields.push([[...path, "designerApplication"], mailbox.designerApplication]);
    }
    const from = config.fromAddresses;
    if (from) {
      fields.push([["fromAddresses", "folder"], from.folder]);
      from.addresses.forEach((a, i) => fields.push([["fromAddresses", "addresses", i, "name"], a.name], [["fromAddresses", "addresses", i, "displayName"], a.displayName]));
    }
    const violations: Violation[] = [];
    for (const [path, value] of fields) {
      if (value !== undefined && PLACEHOLDER.test(value.trim())) violations.push({ path, message: `${quote(value, 60)} is a placeholder from genesys-email init.` });
    }
    return violations;
  },
};
