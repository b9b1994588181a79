import type { FieldPath } from "../model/path";
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
    const fields: Array<{ path: FieldPath; value: string | undefined }> = [
      { path: ["tenant", "directoryId"], value: config.tenant.directoryId },
      { path: ["application", "clientId"], value: config.application.clientId },
      { path: ["application", "displayName"], value: config.application.displayName },
    ];
    config.mailboxes.inbound.forEach((m, i) => {
      const at = (...rest: string[]): FieldPath => ["mailboxes", "inbound", i, ...rest];
      fields.push({ path: at("name"), value: m.name }, { path: at("mailbox"), value: m.mailbox }, { path: at("server", "host"), value: m.server.host }, { path: at("designerApplication"), value: m.designerApplication });
    });
    const out = config.mailboxes.outbound;
    if (out) {
      fields.push({ path: ["mailboxes", "outbound", "mailbox"], value: out.mailbox }, { path: ["mailboxes", "outbound", "fromAddress"], value: out.fromAddress }, { path: ["mailboxes", "outbound", "server", "host"], value: out.server.host });
    }
    const from = config.fromAddresses;
    if (from) {
      fields.push({ path: ["fromAddresses", "folder"], value: from.folder });
      from.addresses.forEach((a, i) => fields.push({ path: ["fromAddresses", "addresses", i, "name"], value: a.name }, { path: ["fromAddresses", "addresses", i, "displayName"], value: a.displayName }));
    }
    const violations: Violation[] = [];
    for (const { path, value } of fields) {
      if (value !== undefined && PLACEHOLDER.test(value.trim())) violations.push({ path, message: `${quote(value, 60)} is a placeholder from genesys-email init.` });
    }
    return violations;
  },
};
