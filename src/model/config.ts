import * as z from "zod";

/**
 * The schema of one contact center's email setup: the source of truth for the shape of the
 * YAML/JSON file and of the TypeScript API.
 *
 * Beside each schema sits its documented input interface (`InboundMailboxInput`, …,
 * `EmailConfigInput`): what a TypeScript user writes, with a JSDoc line per field and
 * `@default` on every optional one. The compiler proves each interface is exactly its schema's
 * `z.input` type, field for field, in both directions (`sameShape` at the end of this file):
 * a field added to a schema and not to its interface (or the reverse) fails `tsc`. The schema
 * stays the one source of the shape; the interfaces are its documentation, which zod's
 * inferred types cannot carry into a published `.d.ts`. Validated, defaulted types come
 * from `z.infer` (`EmailConfig`, …).
 *
 * The schema checks shape only (types, required fields, unknown keys, enum
 * members). Value constraints (ranges, lengths, formats, cross-field sense) are
 * rules in `src/rules/`, so each one has a stable ID, a fix hint and a
 * suppression. Enum violations are mapped onto their rule by `schemaRuleFor`.
 *
 * Vendor source for the mailbox fields: Genesys "Email addresses and mailboxes"
 * (shared/spec/genesys-email-mailboxes.txt), inbound/outbound create-and-edit forms.
 */

/** Mailbox protocols an inbound mailbox may read from (Host:Port/Type drop-down, plus GRAPH from E-mail Server 8.5.205.03). */
export const INBOUND_SERVER_TYPES = ["POP3", "IMAP", "EWS", "GRAPH"] as const;
export type InboundServerType = (typeof INBOUND_SERVER_TYPES)[number];
/** The outbound mailbox only sends, over SMTP. */
export const OUTBOUND_SERVER_TYPES = ["SMTP"] as const;
export type ServerType = InboundServerType | "SMTP";

export const AUTH_METHODS = ["oauth2", "basic"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const AUDIENCES = ["multi-tenant", "single-tenant"] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * Where the delegated IMAP/POP/SMTP/EWS permissions are requested.
 * `exchange-online`: the vendor's layout (all under Office 365 Exchange Online).
 * `microsoft-graph`: Microsoft's newer guidance (IMAP/POP/SMTP/EWS delegated under Graph).
 */
export const PERMISSION_LAYOUTS = ["exchange-online", "microsoft-graph"] as const;
export type PermissionLayout = (typeof PERMISSION_LAYOUTS)[number];

/**
 * How GRAPH mailboxes get their Microsoft Graph mail access (Mail.ReadWrite, Mail.Send, app-only).
 * `tenant-consent`: Entra admin consent for the two application permissions, as the Genesys page asks;
 * tenant-wide, so exchange-setup.ps1 fences it with an application access policy.
 * `exchange-rbac`: no Entra grant at all; Exchange Online RBAC for Applications role assignments scoped to the
 * GRAPH mailboxes are the only grant (exchange-setup.ps1). See docs/migration-request.md, "The Exchange Online setup script".
 */
export const GRAPH_MAILBOX_ACCESS_MODES = ["tenant-consent", "exchange-rbac"] as const;
export type GraphMailboxAccess = (typeof GRAPH_MAILBOX_ACCESS_MODES)[number];

export const TLS_MODES = ["implicit", "starttls"] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** The global tenant-authority; the vendor's option default (compared after normalizing the trailing slash). */
export const DEFAULT_TENANT_AUTHORITY = "https://login.microsoftonline.com/";
export const DEFAULT_APPLICATION_DISPLAY_NAME = "genesys-email-oauth";
/** The outbound mailbox name is fixed by the vendor: "Outbound mailbox names are set as smtp-client". */
export const OUTBOUND_MAILBOX_NAME = "smtp-client";
export const DEFAULT_MAX_SIZE_MB = 5;
/** Client secret lifetime when a GRAPH mailbox needs one; Microsoft recommends less than 12 months. */
export const DEFAULT_CLIENT_SECRET_LIFETIME_DAYS = 180;
/** The longest client secret lifetime Entra accepts from the portal (24 months). */
export const MAX_SECRET_LIFETIME_DAYS = 730;

/** A reference to a secret held elsewhere: only the variable's name is ever stored. */
export const secretReferenceSchema = z.strictObject({
  env: z.string(),
});
/** A reference to a secret held elsewhere: `{ env: NAME }`. The secret itself is never written in the config. */
export interface SecretReference {
  /** Name of the environment variable that holds the secret at run time, e.g. `SUPPORT_MAILBOX_PASSWORD`. */
  readonly env: string;
}

/** `{ id, reason }`: silences one rule, as cdk-nag's suppressions do. */
export const suppressionSchema = z.strictObject({
  id: z.string(),
  reason: z.string(),
});
/** Silences one rule where it is declared (the whole config, or one mailbox), as cdk-nag's suppressions do. */
export interface Suppression {
  /** The rule ID, e.g. `GE202`. Rules that guard the output's correctness or a secret cannot be suppressed. */
  readonly id: string;
  /** Why the finding does not apply here: at least 10 characters. */
  readonly reason: string;
}

const suppressions = z.array(suppressionSchema).optional();

export const inboundServerSchema = z.strictObject({
  host: z.string(),
  port: z.number().optional(),
  type: z.enum(INBOUND_SERVER_TYPES),
  tls: z.enum(TLS_MODES).optional(),
  path: z.string().optional(),
});
/** The server an inbound mailbox reads from (the Genesys Host:Port/Type field). */
export interface InboundServerInput {
  /** Host name or IP address only, e.g. `outlook.office365.com`: no scheme, port or path. */
  readonly host: string;
  /**
   * TCP port.
   * @default - the protocol's TLS port: IMAP 993, POP3 995, EWS and GRAPH 443
   */
  readonly port?: number;
  /** Protocol: `POP3`, `IMAP`, `EWS`, or `GRAPH` (E-mail Server 8.5.205.03 or later). */
  readonly type: InboundServerType;
  /**
   * How TLS starts: `implicit` (TLS from the first byte) or `starttls`.
   * @default - `implicit` on ports 993, 995, 443 and 465, otherwise `starttls`
   */
  readonly tls?: TlsMode;
  /**
   * EWS only: the path of the EWS endpoint.
   * @default "/EWS/Exchange.asmx"
   */
  readonly path?: string;
}

export const outboundServerSchema = z.strictObject({
  host: z.string(),
  port: z.number().optional(),
  type: z.enum(OUTBOUND_SERVER_TYPES),
  tls: z.enum(TLS_MODES).optional(),
});
/** The SMTP server the outbound mailbox sends through. */
export interface OutboundServerInput {
  /** Host name or IP address only, e.g. `smtp.office365.com`. */
  readonly host: string;
  /**
   * TCP port.
   * @default 587
   */
  readonly port?: number;
  /** Always `SMTP`. */
  readonly type: (typeof OUTBOUND_SERVER_TYPES)[number];
  /**
   * How TLS starts: `implicit` or `starttls`.
   * @default - `implicit` on port 465, otherwise `starttls`
   */
  readonly tls?: TlsMode;
}

export const inboundMailboxSchema = z.strictObject({
  name: z.string(),
  mailbox: z.string(),
  server: inboundServerSchema,
  auth: z.enum(AUTH_METHODS).default("oauth2"),
  maxSizeMb: z.number().default(DEFAULT_MAX_SIZE_MB),
  password: secretReferenceSchema.optional(),
  testMailbox: z.boolean().default(false),
  designerApplication: z.string().optional(),
  suppressions,
});
/** One inbound mailbox Genesys E-mail Server reads customer email from. */
export interface InboundMailboxInput {
  /**
   * Mailbox Name: letters, digits, `@`, `_` and `.`, at most 40, unique. Create-only in Genesys:
   * renaming is a delete plus a create, and part of the Terraform address.
   */
  readonly name: string;
  /** Login of the account; for OAuth 2.0 its user principal name, e.g. `support@contoso.com`. */
  readonly mailbox: string;
  /** Where the mailbox is read. */
  readonly server: InboundServerInput;
  /**
   * `oauth2` (Exchange Online modern authentication) or `basic` (user name and password).
   * @default "oauth2"
   */
  readonly auth?: AuthMethod;
  /**
   * Largest incoming message accepted, in whole MB from 5 to 20.
   * @default 5
   */
  readonly maxSizeMb?: number;
  /**
   * Where `check` reads the password (basic auth, and the OAuth 2.0 password flow).
   * @default - no password: GRAPH mailboxes sign in as the app
   */
  readonly password?: SecretReference;
  /**
   * The one mailbox Genesys uses to test the OAuth 2.0 setup; exactly one per config, with its own credential.
   * @default false
   */
  readonly testMailbox?: boolean;
  /**
   * The Designer application the mailbox is assigned to, which enables it.
   * @default - not assigned (the mailbox stays disabled in Genesys)
   */
  readonly designerApplication?: string;
  /**
   * Rules silenced for this mailbox only.
   * @default - none
   */
  readonly suppressions?: readonly Suppression[];
}

export const outboundMailboxSchema = z.strictObject({
  name: z.string().default(OUTBOUND_MAILBOX_NAME),
  mailbox: z.string(),
  fromAddress: z.string(),
  server: outboundServerSchema,
  auth: z.enum(AUTH_METHODS).default("oauth2"),
  password: secretReferenceSchema.optional(),
  testMailbox: z.boolean().default(false),
  suppressions,
});
/** The one outbound mailbox Genesys E-mail Server sends through. */
export interface OutboundMailboxInput {
  /**
   * Mailbox Name; fixed by the vendor.
   * @default "smtp-client"
   */
  readonly name?: string;
  /** Login of the sending account; for OAuth 2.0 its user principal name. */
  readonly mailbox: string;
  /** The address outgoing email is sent from, e.g. `agents@contoso.com`. */
  readonly fromAddress: string;
  /** The SMTP server. */
  readonly server: OutboundServerInput;
  /**
   * `oauth2` or `basic`.
   * @default "oauth2"
   */
  readonly auth?: AuthMethod;
  /**
   * Where `check` reads the password.
   * @default - no password
   */
  readonly password?: SecretReference;
  /**
   * Whether this is the mailbox Genesys uses to test the OAuth 2.0 setup.
   * @default false
   */
  readonly testMailbox?: boolean;
  /**
   * Rules silenced for this mailbox only.
   * @default - none
   */
  readonly suppressions?: readonly Suppression[];
}

export const tenantSchema = z.strictObject({
  directoryId: z.string().optional(),
  authority: z.string().default(DEFAULT_TENANT_AUTHORITY),
});
/** The Microsoft Entra tenant the mailboxes live in. */
export interface TenantInput {
  /**
   * Directory (tenant) ID, a GUID: the Genesys directory-id option and the azuread provider's tenant.
   * @default - none; required as soon as a mailbox uses OAuth 2.0 (GE114)
   */
  readonly directoryId?: string;
  /**
   * The Genesys tenant-authority option; sovereign clouds use their own login host.
   * @default "https://login.microsoftonline.com/"
   */
  readonly authority?: string;
}

/**
 * What already exists in the tenant (written by `genesys-email import`): synth emits Terraform `import` blocks
 * (Terraform >= 1.5) so the first plan adopts these objects instead of creating duplicates. Graph names them:
 * object IDs are GUIDs; consent IDs (oauth2PermissionGrant, appRoleAssignment) are Graph's opaque IDs.
 * See docs/adopting.md.
 */
export const existingApplicationSchema = z.strictObject({
  /** Object ID of the app registration (`id` of GET /applications/{id}; not its client ID). */
  objectId: z.string(),
  /** Object ID of the app's service principal (Enterprise application) in this tenant. */
  servicePrincipalObjectId: z.string().optional(),
  /** This tenant's service principal object IDs of the resource APIs, by resource app ID. */
  resourceServicePrincipals: z.record(z.string(), z.string()).optional(),
  /** The resource APIs the app registration already lists in its API permissions (requiredResourceAccess), by app ID. */
  apiAccess: z.array(z.string()).optional(),
  /** Tenant-wide admin consent (an AllPrincipals oauth2PermissionGrant `id`), by resource app ID. */
  delegatedGrants: z.record(z.string(), z.string()).optional(),
  /** Admin consent to an application permission (an appRoleAssignment `id`), by app role ID. */
  appRoleAssignments: z.record(z.string(), z.string()).optional(),
});
export type ExistingApplication = z.infer<typeof existingApplicationSchema>;
/** What already exists in the tenant, for adoption (written by `genesys-email import`; docs/adopting.md). */
export interface ExistingApplicationInput {
  /** Object ID of the app registration (not its client ID), a GUID. */
  readonly objectId: string;
  /**
   * Object ID of the app's service principal (Enterprise application) in this tenant, a GUID.
   * @default - no service principal is imported (a new one is created in managed mode)
   */
  readonly servicePrincipalObjectId?: string;
  /**
   * This tenant's service principal object IDs of the resource APIs, by resource app ID.
   * @default - none (app role assignments cannot be imported without them)
   */
  readonly resourceServicePrincipals?: Readonly<Record<string, string>>;
  /**
   * Bring your own app: the resource APIs (app IDs) the registration already lists in its API permissions.
   * @default - none: every needed API's access is created
   */
  readonly apiAccess?: readonly string[];
  /**
   * Tenant-wide admin consent: an AllPrincipals oauth2PermissionGrant's `id`, by resource app ID.
   * @default - none: every needed consent is created
   */
  readonly delegatedGrants?: Readonly<Record<string, string>>;
  /**
   * Admin consent to an application permission: an appRoleAssignment's `id`, by app role ID.
   * @default - none: every needed assignment is created
   */
  readonly appRoleAssignments?: Readonly<Record<string, string>>;
}

export const applicationSchema = z.strictObject({
  displayName: z.string().default(DEFAULT_APPLICATION_DISPLAY_NAME),
  audience: z.enum(AUDIENCES).default("multi-tenant"),
  permissionLayout: z.enum(PERMISSION_LAYOUTS).default("exchange-online"),
  clientId: z.string().optional(),
  clientSecret: secretReferenceSchema.optional(),
  clientSecretLifetimeDays: z.number().default(DEFAULT_CLIENT_SECRET_LIFETIME_DAYS),
  graphMailboxAccess: z.enum(GRAPH_MAILBOX_ACCESS_MODES).default("tenant-consent"),
  /**
   * What already exists in the tenant, for adoption: synth emits Terraform import blocks for it.
   * @default - nothing exists yet (greenfield): every resource is created
   */
  existing: existingApplicationSchema.optional(),
  clientSecretRotationDays: z.number().optional(),
  owners: z.array(z.string()).optional(),
  preventDestroy: z.boolean().default(true),
  assignmentRequired: z.boolean().default(true),
  graphMailboxGroup: z.string().optional(),
});
/** The Entra app registration Genesys uses for Exchange Online OAuth 2.0. */
export interface ApplicationInput {
  /**
   * Display name of the app registration.
   * @default "genesys-email-oauth"
   */
  readonly displayName?: string;
  /**
   * Who may sign in: `multi-tenant` (`AzureADMultipleOrgs`) or `single-tenant` (`AzureADMyOrg`).
   * @default "multi-tenant"
   */
  readonly audience?: Audience;
  /**
   * Where the delegated IMAP/POP/SMTP/EWS permissions are requested: `exchange-online` (the vendor's
   * layout, under Office 365 Exchange Online) or `microsoft-graph` (Microsoft's newer guidance).
   * @default "exchange-online"
   */
  readonly permissionLayout?: PermissionLayout;
  /**
   * Bring your own app: the application (client) ID of an existing registration, a GUID. Only its
   * permissions and consents are managed; no application, service principal or secret is created.
   * @default - a new app registration is created
   */
  readonly clientId?: string;
  /**
   * Where `check` reads the client secret of GRAPH mailboxes when it is not taken from Terraform outputs
   * (bring your own app).
   * @default - the `client_secret` Terraform output
   */
  readonly clientSecret?: SecretReference;
  /**
   * Lifetime of the generated client secret in days, 1 to 730 (GRAPH only; a warning above 365).
   * @default 180
   */
  readonly clientSecretLifetimeDays?: number;
  /**
   * How GRAPH mailboxes get Microsoft Graph mail access. `tenant-consent`: application permissions
   * Mail.ReadWrite and Mail.Send with tenant-wide admin consent (the vendor's instructions), fenced by an
   * application access policy in exchange-setup.ps1, because an RBAC for Applications scope does not narrow
   * an Entra grant. `exchange-rbac`: no Entra grant; exchange-setup.ps1 assigns the Exchange roles
   * `Application Mail.ReadWrite` and `Application Mail.Send` scoped to the GRAPH mailboxes, the only grant.
   * Only matters when a mailbox uses GRAPH.
   * @default "tenant-consent"
   */
  readonly graphMailboxAccess?: GraphMailboxAccess;
  /**
   * What already exists in the tenant, for adoption: synth emits Terraform import blocks for it.
   * @default - nothing exists yet (greenfield): every resource is created
   */
  readonly existing?: ExistingApplicationInput;
  /**
   * Days between two new client secrets (GRAPH only). Two secret slots take turns, so each secret stays valid for
   * `clientSecretLifetimeDays` while the next one already exists: a whole number of days less than the lifetime (GE130).
   * @default - half of clientSecretLifetimeDays, rounded down (90 for the default 180)
   */
  readonly clientSecretRotationDays?: number;
  /**
   * Owners of the app registration and its service principal: object IDs (GUIDs) or user principal names, at least
   * one (GE131). Terraform sets exactly these: owners added by hand elsewhere are removed.
   * @default - the identity running Terraform (azuread_client_config)
   */
  readonly owners?: readonly string[];
  /**
   * `lifecycle.prevent_destroy` on the app registration and its service principal, so no plan can delete them
   * (a new client-id breaks every migrated Genesys mailbox). Set false only for sandboxes.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * `app_role_assignment_required` on the service principal, with every password-flow mailbox assigned: Entra
   * issues tokens through this client-id to those accounts only. false lets any account of the tenant sign in (GE211).
   * @default true
   */
  readonly assignmentRequired?: boolean;
  /**
   * The mail-enabled security group exchange-setup.ps1 creates for the GRAPH mailboxes, 1 to 64 characters (GE129).
   * @default - `<displayName> GRAPH mailboxes`
   */
  readonly graphMailboxGroup?: string;
}

export const contactCenterSchema = z.strictObject({
  name: z.string().optional(),
  environment: z.string().optional(),
});
/** Who the migration request is for: Genesys Customer Care must know which contact center and environment to change. */
export interface ContactCenterInput {
  /**
   * The contact center's name, as Genesys knows it.
   * @default - none; the request then carries a "not ready to send" banner
   */
  readonly name?: string;
  /**
   * The Genesys environment, e.g. `Production`.
   * @default - the environment's name under `environments:` (e.g. `prod`)
   */
  readonly environment?: string;
}

export const fromAddressSchema = z.strictObject({
  name: z.string(),
  displayName: z.string(),
});
/** An address agents may send from. */
export interface FromAddressInput {
  /** The email address, e.g. `support@contoso.com`. */
  readonly name: string;
  /** The name customers see, e.g. `Contoso Support`. */
  readonly displayName: string;
}

export const fromAddressesSchema = z.strictObject({
  folder: z.string().optional(),
  addresses: z.array(fromAddressSchema).default([]),
});
/** The From addresses agents choose from, kept in a Business Attribute folder. */
export interface FromAddressesInput {
  /**
   * The Business Attribute folder that holds the addresses.
   * @default - none; required once there is an address (GE121)
   */
  readonly folder?: string;
  /**
   * The addresses.
   * @default []
   */
  readonly addresses?: readonly FromAddressInput[];
}

export const BACKEND_TYPES = ["local", "azurerm", "remote", "cloud", "s3"] as const;
export type BackendType = (typeof BACKEND_TYPES)[number];
export const backendSchema = z.strictObject({
  type: z.enum(BACKEND_TYPES),
  config: z.record(z.string(), z.unknown()).optional(),
});
export type BackendConfig = z.infer<typeof backendSchema>;
/** Where a stack keeps its Terraform state. */
export interface BackendInput {
  /** The backend: `local`, `azurerm`, `s3`, `remote` or `cloud`. */
  readonly type: BackendType;
  /**
   * The backend's settings as CDKTF names them (camelCase), e.g. `{ storageAccountName, containerName, key }`.
   * @default - the backend's defaults; for `local`, the relative path `terraform.<stack>.tfstate`
   */
  readonly config?: Readonly<Record<string, unknown>>;
}

export const mailboxesSchema = z.strictObject({
  inbound: z.array(inboundMailboxSchema).default([]),
  outbound: outboundMailboxSchema.optional(),
});
/** The mailboxes of one contact center. */
export interface MailboxesInput {
  /**
   * The mailboxes Genesys reads from (the vendor recommends at most 25).
   * @default []
   */
  readonly inbound?: readonly InboundMailboxInput[];
  /**
   * The mailbox Genesys sends through.
   * @default - none: agents cannot send email
   */
  readonly outbound?: OutboundMailboxInput;
}

export const emailConfigSchema = z.strictObject({
  contactCenter: contactCenterSchema.optional(),
  tenant: tenantSchema.prefault({}),
  application: applicationSchema.prefault({}),
  mailboxes: mailboxesSchema,
  fromAddresses: fromAddressesSchema.optional(),
  backend: backendSchema.optional(),
  suppressions,
});

/**
 * One contact center's email setup as a user writes it (YAML, JSON, or TypeScript): every field of
 * docs/configuration.md, defaults optional.
 */
export interface EmailConfigInput {
  /**
   * The contact center and environment the migration request names.
   * @default - none
   */
  readonly contactCenter?: ContactCenterInput;
  /**
   * The Entra tenant.
   * @default - `{}`: no directory ID, the global tenant-authority
   */
  readonly tenant?: TenantInput;
  /**
   * The app registration for OAuth 2.0.
   * @default - `{}`: every application default
   */
  readonly application?: ApplicationInput;
  /** The mailboxes. */
  readonly mailboxes: MailboxesInput;
  /**
   * The From addresses agents choose from.
   * @default - none
   */
  readonly fromAddresses?: FromAddressesInput;
  /**
   * Where the stack keeps its Terraform state.
   * @default - `{ type: local }` with the relative path `terraform.<stack>.tfstate`
   */
  readonly backend?: BackendInput;
  /**
   * Rules silenced everywhere in this config.
   * @default - none
   */
  readonly suppressions?: readonly Suppression[];
}
/** The validated, defaulted setup every other part works from. */
export type EmailConfig = z.infer<typeof emailConfigSchema>;
export type InboundMailbox = z.infer<typeof inboundMailboxSchema>;
export type OutboundMailbox = z.infer<typeof outboundMailboxSchema>;
export type Mailbox = InboundMailbox | OutboundMailbox;
export type FromAddress = z.infer<typeof fromAddressSchema>;
export type Tenant = z.infer<typeof tenantSchema>;
export type ApplicationConfig = z.infer<typeof applicationSchema>;
export type ContactCenter = z.infer<typeof contactCenterSchema>;

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
type Identical<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
/**
 * `true` when the documented interface is exactly the schema's input (readonly aside); otherwise a type naming the
 * fields only one side has, then both types, so the compiler's message shows the difference.
 */
type SameShape<Schema extends z.ZodType, Documented> =
  Identical<DeepReadonly<z.input<Schema>>, DeepReadonly<Documented>> extends true
    ? true
    : {
        onlyInSchema: Exclude<keyof z.input<Schema>, keyof Documented>;
        onlyDocumented: Exclude<keyof Documented, keyof z.input<Schema>>;
        schema: DeepReadonly<z.input<Schema>>;
        documented: DeepReadonly<Documented>;
      };

// Compile-time proof, erased at run time: each documented interface is its schema's input, field for field.
void (true satisfies SameShape<typeof secretReferenceSchema, SecretReference>);
void (true satisfies SameShape<typeof suppressionSchema, Suppression>);
void (true satisfies SameShape<typeof inboundServerSchema, InboundServerInput>);
void (true satisfies SameShape<typeof outboundServerSchema, OutboundServerInput>);
void (true satisfies SameShape<typeof inboundMailboxSchema, InboundMailboxInput>);
void (true satisfies SameShape<typeof outboundMailboxSchema, OutboundMailboxInput>);
void (true satisfies SameShape<typeof tenantSchema, TenantInput>);
void (true satisfies SameShape<typeof existingApplicationSchema, ExistingApplicationInput>);
void (true satisfies SameShape<typeof applicationSchema, ApplicationInput>);
void (true satisfies SameShape<typeof contactCenterSchema, ContactCenterInput>);
void (true satisfies SameShape<typeof fromAddressSchema, FromAddressInput>);
void (true satisfies SameShape<typeof fromAddressesSchema, FromAddressesInput>);
void (true satisfies SameShape<typeof backendSchema, BackendInput>);
void (true satisfies SameShape<typeof mailboxesSchema, MailboxesInput>);
void (true satisfies SameShape<typeof emailConfigSchema, EmailConfigInput>);
