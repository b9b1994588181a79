import type { FieldPath } from "../model/path";
import type { Permission } from "../model/catalog";
import type { GraphAppRoleAssignment, GraphApplication, GraphGrant, GraphResource, GraphServicePrincipal } from "./graph";
import type { CsvMailbox } from "./mailbox-csv";

/** What `import` read; each file named for messages. */
export interface AdoptionInput {
  readonly application: { readonly file: string; readonly value: GraphApplication };
  readonly servicePrincipal?: { readonly file: string; readonly value: GraphServicePrincipal };
  readonly grants?: { readonly file: string; readonly value: readonly GraphGrant[] };
  readonly appRoleAssignments?: { readonly file: string; readonly value: readonly GraphAppRoleAssignment[] };
  readonly resources?: { readonly file: string; readonly value: readonly GraphResource[] };
  readonly mailboxes?: { readonly file: string; readonly value: readonly CsvMailbox[] };
  /** The Mailbox Name of the test mailbox (`--test-mailbox`). */
  readonly testMailbox?: string;
  /** The Directory (tenant) ID when sp.json does not give it (`--directory-id`). */
  readonly directoryId?: string;
  /** Bring your own app: adopt its permissions and consents, not the registration itself (`--bring-your-own`). */
  readonly bringYourOwn?: boolean;
  /** The day the written config is validated on (GE202). */
  readonly now?: Date;
}

/** A comment for the written YAML: above the key at `path` (the document's head for `[]`). */
export interface ConfigComment {
  readonly path: FieldPath;
  readonly text: string;
}

/** The catalog permissions an app lists, by resource; IDs the catalog does not know are kept as they are. */
export interface ListedPermission {
  readonly resourceAppId: string;
  readonly id: string;
  readonly type: "Scope" | "Role";
  readonly permission?: Permission;
}
