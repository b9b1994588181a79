import type { EmailConfig } from "./config";
import { allMailboxes, isInbound } from "./mailbox";
import type { FieldPath } from "./path";

/** A config value with its field path; `undefined` where the optional field is not set. */
export type FieldValue = readonly [FieldPath, string | undefined];

/** Every config value `check` (and E-mail Server) sends to a server: logins, addresses, hosts, paths, the authority and IDs. */
export function wireFields(config: EmailConfig): FieldValue[] {
  const fields: FieldValue[] = [
    [["tenant", "authority"], config.tenant.authority],
    [["tenant", "directoryId"], config.tenant.directoryId],
    [["application", "clientId"], config.application.clientId],
  ];
  for (const { mailbox, path } of allMailboxes(config)) {
    fields.push([[...path, "mailbox"], mailbox.mailbox], [[...path, "server", "host"], mailbox.server.host]);
    if (isInbound(mailbox)) fields.push([[...path, "server", "path"], mailbox.server.path]);
    else fields.push([[...path, "fromAddress"], mailbox.fromAddress]);
  }
  return fields;
}

/**
 * Values with a fixed syntax (an address, a host, a GUID, a URL, a variable name): the wire fields, the
 * names of the environment variables that hold secrets, the From addresses and the app's owners. Free text (display names,
 * the Designer application, the folder) is everything else.
 */
export function syntaxFields(config: EmailConfig): FieldValue[] {
  const fields = wireFields(config);
  for (const { mailbox, path } of allMailboxes(config)) fields.push([[...path, "password", "env"], mailbox.password?.env]);
  fields.push([["application", "clientSecret", "env"], config.application.clientSecret?.env]);
  config.fromAddresses?.addresses.forEach((a, i) => fields.push([["fromAddresses", "addresses", i, "name"], a.name]));
  config.application.owners?.forEach((owner, i) => fields.push([["application", "owners", i], owner]));
  return fields;
}
