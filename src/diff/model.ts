/** The data of `genesys-email diff`: what the Markdown is rendered from and what `--format json` prints. */

/** One side of a comparison. */
export interface DiffSide {
  readonly file: string;
  /** The environment; undefined for a file without `environments:`. */
  readonly environment?: string;
  /** The side does not declare this environment (it is added or removed as a whole). */
  readonly absent?: boolean;
}

/** A field whose value changed. Values are display text; undefined means unset. Secrets never appear: only the names of the variables that hold them. */
export interface FieldChange {
  /** e.g. `maxSizeMb`, `server.host`, `tenant.directoryId`. */
  readonly field: string;
  readonly from?: string;
  readonly to?: string;
  /** The value is not shown (it may be a credential); only that it changed. */
  readonly hidden?: boolean;
}

export type Direction = "inbound" | "outbound";

export interface MailboxSummary {
  readonly direction: Direction;
  readonly name: string;
  readonly login: string;
  /** `IMAP outlook.office365.com:993` */
  readonly server: string;
  readonly auth: string;
  readonly testMailbox: boolean;
  readonly designerApplication?: string;
}

export interface MailboxChange {
  readonly direction: Direction;
  readonly name: string;
  readonly changes: readonly FieldChange[];
}

/** Removed and added with the same login on the same host: most likely a rename, which Genesys does as delete + create. */
export interface MailboxRename {
  readonly from: string;
  readonly to: string;
  readonly login: string;
  readonly host: string;
  /** Other fields that changed along with the name. */
  readonly changes: readonly FieldChange[];
}

export interface FromAddressChange {
  readonly name: string;
  readonly displayName?: string;
  readonly changes?: readonly FieldChange[];
}

/** One Entra API permission, as `requiredPermissions` derives it. */
export interface PermissionRef {
  readonly resource: string;
  readonly resourceAppId: string;
  readonly value: string;
  readonly id: string;
  /** `Role`: application (app-only); `Scope`: delegated. */
  readonly type: "Scope" | "Role";
}

export type ForbiddenKind = "inbound-mailbox-renamed" | "assigned-mailbox-removed";

/** A change Genesys forbids or makes destructive: `diff` exits 3. */
export interface ForbiddenChange {
  readonly kind: ForbiddenKind;
  readonly mailbox: string;
  /** The new name, for a rename. */
  readonly renamedTo?: string;
  /** The Designer application the mailbox is assigned to on the old side. */
  readonly designerApplication?: string;
  readonly message: string;
  readonly fix: string;
}

export type HighRiskKind =
  | "application-permission-added"
  | "application-permission-removed"
  | "admin-consent-granted"
  | "admin-consent-revoked"
  | "client-secret"
  | "public-client"
  | "graph-mailbox-access"
  | "exchange-role-added"
  | "exchange-role-removed"
  | "audience"
  | "tenant"
  | "application";

export interface HighRiskChange {
  readonly kind: HighRiskKind;
  readonly message: string;
}

/** What changes in the migration request sent to Genesys Customer Care. */
export interface MigrationRequestDiff {
  /** OAuth 2.0 mailboxes that enter the request (added, or moved from basic auth). */
  readonly entering: readonly string[];
  /** Mailboxes that leave it (removed, or moved to basic auth). */
  readonly leaving: readonly string[];
  /** Mailboxes in both whose values in the request change. */
  readonly changed: readonly MailboxChange[];
  /** The test mailbox, when it changes. */
  readonly testMailbox?: FieldChange;
  /** directory-id, tenant-authority, client-id. */
  readonly tenant: readonly FieldChange[];
  /** Whether the request must be sent again. */
  readonly changes: boolean;
}

export interface ConfigDiff {
  readonly old: DiffSide;
  readonly new: DiffSide;
  readonly mailboxes: {
    readonly added: readonly MailboxSummary[];
    readonly removed: readonly MailboxSummary[];
    readonly renamed: readonly MailboxRename[];
    readonly changed: readonly MailboxChange[];
  };
  readonly fromAddresses: {
    readonly added: readonly FromAddressChange[];
    readonly removed: readonly FromAddressChange[];
    readonly changed: readonly FromAddressChange[];
    readonly folder?: FieldChange;
  };
  readonly permissions: {
    readonly added: readonly PermissionRef[];
    readonly removed: readonly PermissionRef[];
  };
  readonly tenant: readonly FieldChange[];
  readonly application: readonly FieldChange[];
  readonly backend: readonly FieldChange[];
  readonly suppressions: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly migrationRequest: MigrationRequestDiff;
  readonly highRisk: readonly HighRiskChange[];
  readonly forbidden: readonly ForbiddenChange[];
  /** Nothing differs. */
  readonly unchanged: boolean;
}

/** Every comparison of one `diff` run. */
export interface DiffReport {
  readonly schemaVersion: 1;
  readonly comparisons: readonly ConfigDiff[];
  /** Any comparison holds a forbidden change (exit code 3). */
  readonly forbidden: boolean;
}
