import * as z from "zod";
import { AUDIENCES, INBOUND_SERVER_TYPES, OUTBOUND_SERVER_TYPES, TLS_MODES } from "../model/config";

/**
 * The migration request: what Genesys Customer Care needs to move mailboxes to OAuth 2.0
 * (shared/spec/genesys-email-mailboxes.txt, "Migrating existing mailboxes"): for every
 * mailbox including the test mailbox, its Mailbox Name and values, the directory-id, the
 * client-id, the tenant-authority when it is not the default, and whether it is the test
 * mailbox. Never a password or a secret: only how each one is delivered.
 *
 * The schema is the source of truth for the type and for schemas/migration-request.schema.json.
 * Shapes that must hold (exactly one test mailbox, listed first; a pending client ID is null)
 * are expressed structurally, so the JSON Schema enforces them too.
 */

export const MIGRATION_REQUEST_SCHEMA_VERSION = 1 as const;

/** A GUID spelled out for JSON Schema (a regex `i` flag does not survive the conversion). */
const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const guid = z.string().regex(GUID_PATTERN);

/** `resolved`: the client ID is known. `pending-terraform-apply`: the stack creates the app; its client ID exists after `terraform apply`. */
export const CLIENT_ID_STATUSES = ["resolved", "pending-terraform-apply"] as const;
export type ClientIdStatus = (typeof CLIENT_ID_STATUSES)[number];

/** `password`: resource owner password credentials (the mailbox signs in). `client_credentials`: the app's secret (GRAPH). */
export const GRANT_TYPES = ["password", "client_credentials"] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const CREDENTIAL_KINDS = ["mailbox-password", "application-client-secret"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const credentialSchema = z
  .strictObject({
    kind: z.enum(CREDENTIAL_KINDS),
    /** Always out of band: a request never carries a password or a secret. */
    delivery: z.literal("out-of-band"),
  })
  .describe("Which credential the mailbox signs in with and how it reaches Genesys; never the credential itself.");

export const tenantEntrySchema = z.strictObject({
  directoryId: guid.describe("directory-id: the Entra Directory (tenant) ID."),
  tenantAuthority: z
    .string()
    .optional()
    .describe("tenant-authority: present only when it differs from https://login.microsoftonline.com (trailing slash ignored)."),
});

export const contactCenterEntrySchema = z
  .strictObject({
    name: z.string().optional().describe("The contact center's name, as Genesys knows it (contactCenter.name)."),
    environment: z.string().optional().describe("The Genesys environment (contactCenter.environment, else the config's environment name)."),
  })
  .describe("Which contact center and environment the mailboxes belong to; a field is absent when the config does not name it.");

export const permissionEntrySchema = z.strictObject({
  /** The resource application's name, e.g. `Office 365 Exchange Online`. */
  resource: z.string(),
  resourceAppId: guid,
  /** The permission's value, e.g. `IMAP.AccessAsUser.All`. */
  permission: z.string(),
  id: guid,
  /** delegated (`Scope`, acts as the mailbox) or application (`Role`, app-only, admin consent). */
  type: z.enum(["delegated", "application"]),
  requiredBy: z.array(z.enum([...INBOUND_SERVER_TYPES, ...OUTBOUND_SERVER_TYPES])),
});

const applicationFields = {
  origin: z.enum(["created-by-stack", "existing"]).describe("Whether the stack creates the app registration or manages an existing one."),
  displayName: z.string().optional().describe("The registration's display name, when the stack creates it."),
  audience: z.enum(AUDIENCES),
  signInAudience: z.enum(["AzureADMultipleOrgs", "AzureADMyOrg"]),
  permissions: z.array(permissionEntrySchema).describe("The permissions requested, each with admin consent."),
  exchangeRoles: z
    .array(z.string())
    .optional()
    .describe(
      "Exchange Online RBAC for Applications roles that give the GRAPH mailboxes their mail access instead of Entra permissions (application.graphMailboxAccess: exchange-rbac), scoped to exactly those mailboxes by exchange-setup.ps1. Absent when Entra admin consent grants it.",
    ),
};

export const applicationEntrySchema = z.discriminatedUnion("clientIdStatus", [
  z.strictObject({ clientIdStatus: z.literal("resolved"), clientId: guid.describe("client-id: the Application (client) ID."), ...applicationFields }),
  z.strictObject({
    clientIdStatus: z.literal("pending-terraform-apply"),
    clientId: z.null().describe("Unknown until `terraform apply` creates the app; render again with the Terraform outputs."),
    ...applicationFields,
  }),
]);

function mailboxEntry<T extends "yes" | "no">(testMailbox: T) {
  const common = {
    mailboxName: z.string().describe("Mailbox Name, as Genesys shows it."),
    testMailbox: z.literal(testMailbox).describe("Is it a test mailbox: yes or no."),
    login: z.string().describe("The Mailbox field: the login name (for OAuth 2.0, the user principal name)."),
    host: z.string(),
    port: z.number().int(),
    tls: z.enum(TLS_MODES),
    grantType: z.enum(GRANT_TYPES),
    credential: credentialSchema,
  };
  return z.discriminatedUnion("direction", [
    z.strictObject({
      direction: z.literal("inbound"),
      ...common,
      type: z.enum(INBOUND_SERVER_TYPES),
      maxSizeMb: z.number().int().describe("Max size of an incoming message, in MB."),
      path: z.string().optional().describe("EWS only: the path of the EWS endpoint, e.g. /EWS/Exchange.asmx."),
      designerApplication: z.string().optional().describe("The Designer application the mailbox is assigned to."),
    }),
    z.strictObject({
      direction: z.literal("outbound"),
      ...common,
      type: z.enum(OUTBOUND_SERVER_TYPES),
      fromAddress: z.string(),
    }),
  ]);
}

export const testMailboxEntrySchema = mailboxEntry("yes");
export const otherMailboxEntrySchema = mailboxEntry("no");

export const migrationRequestSchema = z
  .strictObject({
    schemaVersion: z.literal(MIGRATION_REQUEST_SCHEMA_VERSION),
    contactCenter: contactCenterEntrySchema,
    tenant: tenantEntrySchema,
    application: applicationEntrySchema,
    mailboxes: z
      .tuple([testMailboxEntrySchema], otherMailboxEntrySchema)
      // zod's tuple-with-rest omits minItems from the JSON Schema; without it `[]` would pass there.
      .meta({ minItems: 1, description: "One entry per OAuth 2.0 mailbox: the test mailbox first, then the others." }),
  })
  .meta({
    title: "Genesys E-mail Server OAuth 2.0 migration request",
    description:
      "What Genesys Customer Care needs to migrate mailboxes to OAuth 2.0 (Agent Setup, Migrating existing mailboxes). Generated by genesys-email-iac; never contains a password or secret.",
  });

export type MigrationRequest = z.infer<typeof migrationRequestSchema>;
export type TenantEntry = z.infer<typeof tenantEntrySchema>;
export type ContactCenterEntry = z.infer<typeof contactCenterEntrySchema>;
export type ApplicationEntry = z.infer<typeof applicationEntrySchema>;
export type PermissionEntry = z.infer<typeof permissionEntrySchema>;
export type TestMailboxEntry = z.infer<typeof testMailboxEntrySchema>;
export type OtherMailboxEntry = z.infer<typeof otherMailboxEntrySchema>;
export type MailboxEntry = TestMailboxEntry | OtherMailboxEntry;
export type Credential = z.infer<typeof credentialSchema>;
