import { z } from "zod";

/**
 * The schema of one contact center's email setup: the source of truth for the
 * YAML/JSON file and for the TypeScript API (types come from `z.input`/`z.infer`).
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
  /** Name of the environment variable that holds the secret at run time. */
  env: z.string(),
});
export type SecretReference = z.infer<typeof secretReferenceSchema>;

/** `{ id, reason }`: silences one rule, as cdk-nag's suppressions do. */
export const suppressionSchema = z.strictObject({
  id: z.string(),
  reason: z.string(),
});
export type Suppression = z.infer<typeof suppressionSchema>;

const suppressions = z.array(suppressionSchema).optional();

export const inboundServerSchema = z.strictObject({
  host: z.string(),
  /** @default the protocol's usual TLS port: IMAP 993, POP3 995, EWS/GRAPH 443 */
  port: z.number().optional(),
  type: z.enum(INBOUND_SERVER_TYPES),
  /** @default implicit on 993/995/443/465, otherwise starttls */
  tls: z.enum(TLS_MODES).optional(),
  /** EWS only: the path of the EWS endpoint. @default /EWS/Exchange.asmx */
  path: z.string().optional(),
});

export const outboundServerSchema = z.strictObject({
  host: z.string(),
  /** @default 587 */
  port: z.number().optional(),
  type: z.enum(OUTBOUND_SERVER_TYPES),
  /** @default implicit on 465, otherwise starttls */
  tls: z.enum(TLS_MODES).optional(),
});

export const inboundMailboxSchema = z.strictObject({
  /** Mailbox Name: create-only in Genesys (a rename is delete plus create). */
  name: z.string(),
  /** Login name of the account (for OAuth 2.0, the user principal name). */
  mailbox: z.string(),
  server: inboundServerSchema,
  auth: z.enum(AUTH_METHODS).default("oauth2"),
  /** Max size of an incoming message, whole MB from 5 to 20. */
  maxSizeMb: z.number().default(DEFAULT_MAX_SIZE_MB),
  password: secretReferenceSchema.optional(),
  testMailbox: z.boolean().default(false),
  /** The Designer application the mailbox is assigned to (which enables it). */
  designerApplication: z.string().optional(),
  suppressions,
});

export const outboundMailboxSchema = z.strictObject({
  /** Read-only in Genesys: always `smtp-client`. */
  name: z.string().default(OUTBOUND_MAILBOX_NAME),
  mailbox: z.string(),
  fromAddress: z.string(),
  server: outboundServerSchema,
  auth: z.enum(AUTH_METHODS).default("oauth2"),
  password: secretReferenceSchema.optional(),
  testMailbox: z.boolean().default(false),
  suppressions,
});

export const tenantSchema = z.strictObject({
  /** Directory (tenant) ID of the Entra tenant: a GUID. */
  directoryId: z.string().optional(),
  /** tenant-authority. @default https://login.microsoftonline.com/ */
  authority: z.string().default(DEFAULT_TENANT_AUTHORITY),
});

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

export const applicationSchema = z.strictObject({
  /** @default genesys-email-oauth */
  displayName: z.string().default(DEFAULT_APPLICATION_DISPLAY_NAME),
  /** @default multi-tenant */
  audience: z.enum(AUDIENCES).default("multi-tenant"),
  /** @default exchange-online (the vendor's layout) */
  permissionLayout: z.enum(PERMISSION_LAYOUTS).default("exchange-online"),
  /** Bring your own app: the client ID of an existing registration; only its permissions and consents are managed. */
  clientId: z.string().optional(),
  /** Where `check` reads the client secret for GRAPH mailboxes when it is not taken from Terraform outputs. */
  clientSecret: secretReferenceSchema.optional(),
  /** Lifetime of the generated client secret (GRAPH only). @default 180 */
  clientSecretLifetimeDays: z.number().default(DEFAULT_CLIENT_SECRET_LIFETIME_DAYS),
  /**
   * Where GRAPH mailboxes' mail access is granted.
   * `tenant-consent`: Microsoft Graph application permissions Mail.ReadWrite and Mail.Send with tenant-wide Entra
   * admin consent (the vendor's instructions); exchange-setup.ps1 limits them with an application access policy,
   * because an RBAC for Applications scope does not narrow an Entra grant.
   * `exchange-rbac`: no Entra permission or consent for them; exchange-setup.ps1 assigns the Exchange roles
   * `Application Mail.ReadWrite` and `Application Mail.Send` scoped to the GRAPH mailboxes, the only grant.
   * Only matters when a mailbox uses GRAPH.
   * @default tenant-consent
   */
  graphMailboxAccess: z.enum(GRAPH_MAILBOX_ACCESS_MODES).default("tenant-consent"),
  /**
   * What already exists in the tenant, for adoption: synth emits Terraform import blocks for it.
   * @default - nothing exists yet (greenfield): every resource is created
   */
  existing: existingApplicationSchema.optional(),
});

export const fromAddressSchema = z.strictObject({
  name: z.string(),
  displayName: z.string(),
});

export const fromAddressesSchema = z.strictObject({
  /** The Business Attribute folder that holds the addresses. */
  folder: z.string().optional(),
  addresses: z.array(fromAddressSchema).default([]),
});

export const BACKEND_TYPES = ["local", "azurerm", "remote", "cloud", "s3"] as const;
/** The Terraform state backend of a stack. @default local with a relative path */
export const backendSchema = z.strictObject({
  type: z.enum(BACKEND_TYPES),
  /** The backend's own settings, as Terraform names them in camelCase (CDKTF backend props). */
  config: z.record(z.string(), z.unknown()).optional(),
});
export type BackendConfig = z.infer<typeof backendSchema>;

export const mailboxesSchema = z.strictObject({
  inbound: z.array(inboundMailboxSchema).default([]),
  outbound: outboundMailboxSchema.optional(),
});

export const emailConfigSchema = z.strictObject({
  tenant: tenantSchema.prefault({}),
  application: applicationSchema.prefault({}),
  mailboxes: mailboxesSchema,
  fromAddresses: fromAddressesSchema.optional(),
  backend: backendSchema.optional(),
  suppressions,
});

/** What a user writes (defaults optional). */
export type EmailConfigInput = z.input<typeof emailConfigSchema>;
/** The validated, defaulted setup every other part works from. */
export type EmailConfig = z.infer<typeof emailConfigSchema>;
export type InboundMailbox = z.infer<typeof inboundMailboxSchema>;
export type OutboundMailbox = z.infer<typeof outboundMailboxSchema>;
export type Mailbox = InboundMailbox | OutboundMailbox;
export type FromAddress = z.infer<typeof fromAddressSchema>;
export type Tenant = z.infer<typeof tenantSchema>;
export type ApplicationConfig = z.infer<typeof applicationSchema>;
