import { oauthMailboxes } from "../model/mailbox";
import type { Rule } from "./rule";
import { quote } from "../text/terminal";
import { GUID } from "../model/guid";

export const directoryId: Rule = {
  id: "GE114",
  name: "directory-id",
  severity: "error",
  description: "Where any mailbox uses OAuth 2.0, tenant.directoryId holds the Entra Directory (tenant) ID, a GUID.",
  fix: "copy the Directory (tenant) ID from the Entra admin center (Overview) into tenant.directoryId",
  source: "Genesys Agent Setup, Migrating existing mailboxes: directory-id is required for each mailbox",
  suppressible: false,
  check: (config) => {
    const id = config.tenant.directoryId;
    if (id !== undefined && !GUID.test(id)) {
      return [{ path: ["tenant", "directoryId"], message: `Directory ID must be a GUID such as 0c5a6b0e-1a2b-4c3d-8e9f-001122334455; ${quote(id)} given.` }];
    }
    if (id === undefined && oauthMailboxes(config).length > 0) {
      return [{ path: ["tenant", "directoryId"], message: "A Directory (tenant) ID is required because a mailbox uses OAuth 2.0." }];
    }
    return [];
  },
};
