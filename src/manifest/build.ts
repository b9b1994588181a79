import type { EmailConfig } from "../model/config";
import { GUID } from "../model/guid";
import { ewsPath, isDefaultAuthority, isInbound, normalizeAuthority, oauthMailboxes,
  requestOrder, serverPort, tlsMode, usesClientCredentials, type LocatedMailbox } from "../model/mailbox";
import { requiredPermissions } from "../permissions/required-permissions";
import {
  MIGRATION_REQUEST_SCHEMA_VERSION,
  type ApplicationEntry,
  type ContactCenterEntry,
  type MailboxEntry,
  type MigrationRequest,
  type OtherMailboxEntry,
  type PermissionEntry,
  type TenantEntry,
  type TestMailboxEntry,
} from "./model";

export interface MigrationRequestOptions {
  /**
   * The Application (client) ID, from `terraform output client_id`.
   * @default - the config's `application.clientId` (bring your own app); otherwise pending until `terraform apply`
   */
  readonly clientId?: string;
  /**
   * The Directory (tenant) ID from `terraform output tenant_id`; checked against `tenant.directoryId`.
   * @default - not checked
   */
  readonly tenantId?: string;
  /**
   * The environment's name under `environments:` (the stack's), named in the request when the config sets no
   * `contactCenter.environment`.
   * @default - only `contactCenter.environment`
   */
  readonly environment?: string;
}

/** Why a request cannot be built: from the config itself, or from the options (the Terraform outputs). */
export interface MigrationRequestProblem {
  readonly source: "config" | "options";
  /** One sentence: what is wrong and how to fix it. */
  readonly message: string;
}

/** The request cannot be built from this config and these options. */
export class MigrationRequestError extends Error {
  constructor(readonly problems: readonly MigrationRequestProblem[]) {
    super(problems.map((p) => p.message).join(" "));
    this.name = "MigrationRequestError";
  }
}


/**
 * Why a request cannot be built, or an empty list. `validate()` already guarantees most of
 * this; what is left are choices a suppression allows (no test mailbox) and Terraform outputs
 * that do not belong to this config.
 */
export function migrationRequestProblems(config: EmailConfig, options: MigrationRequestOptions = {}): MigrationRequestProblem[] {
  const problems: MigrationRequestProblem[] = [];
  const fromConfig = (message: string) => problems.push({ source: "config", message });
  const fromOptions = (message: string) => problems.push({ source: "options", message });
  const oauth = oauthMailboxes(config);
  if (oauth.length === 0) return [{ source: "config", message: "No mailbox uses OAuth 2.0 (auth: oauth2), so there is nothing to migrate." }];
  const directoryId = config.tenant.directoryId;
  if (directoryId === undefined || !GUID.test(directoryId)) {
    fromConfig("tenant.directoryId must hold the Directory (tenant) ID (a GUID): Genesys needs it for every mailbox.");
  } else if (options.tenantId !== undefined && options.tenantId.toLowerCase() !== directoryId.toLowerCase()) {
    fromOptions(`The Terraform outputs belong to tenant ${options.tenantId}, but tenant.directoryId is ${directoryId}: use the outputs of this config's stack.`);
  }
  const configured = config.application.clientId;
  if (options.clientId !== undefined) {
    if (!GUID.test(options.clientId)) fromOptions("The client ID from the Terraform outputs is not a GUID.");
    else if (configured !== undefined && configured.toLowerCase() !== options.clientId.toLowerCase()) {
      fromOptions(`The Terraform outputs name client ID ${options.clientId}, but application.clientId is ${configured}: use the outputs of this config's stack.`);
    }
  }
  const tests = oauth.filter((l) => l.mailbox.testMailbox);
  const markedBasic = config.mailboxes.inbound.some((m) => m.testMailbox && m.auth !== "oauth2") || (config.mailboxes.outbound?.testMailbox === true && config.mailboxes.outbound.auth !== "oauth2");
  if (tests.length !== 1) {
    fromConfig(
      tests.length === 0
        ? `Exactly one OAuth 2.0 mailbox must be marked testMailbox: true (Genesys migrates it first); ${markedBasic ? "the marked one uses basic auth" : "none is marked"}.`
        : `Exactly one mailbox may be marked testMailbox: true; ${tests.length} are (${tests.map((l) => l.mailbox.name).join(", ")}).`,
    );
  }
  return problems;
}

/** The test mailbox first; then inbound mailboxes by Mailbox Name; then the outbound one (smtp-client). */
function ordered(config: EmailConfig): { test: LocatedMailbox; others: LocatedMailbox[] } {
  const sorted = requestOrder(oauthMailboxes(config));
  const test = sorted.find((l) => l.mailbox.testMailbox)!;
  return { test, others: sorted.filter((l) => l !== test) };
}

function entry<T extends "yes" | "no">(located: LocatedMailbox, testMailbox: T): Extract<MailboxEntry, { testMailbox: T }> {
  const m = located.mailbox;
  const clientCredentials = usesClientCredentials(m);
  const common = {
    mailboxName: m.name,
    testMailbox,
    login: m.mailbox,
    host: m.server.host,
    port: serverPort(m),
    tls: tlsMode(m),
    grantType: clientCredentials ? ("client_credentials" as const) : ("password" as const),
    credential: { kind: clientCredentials ? ("application-client-secret" as const) : ("mailbox-password" as const), delivery: "out-of-band" as const },
  };
  if (isInbound(m)) {
    return {
      direction: "inbound",
      ...common,
      type: m.server.type,
      maxSizeMb: m.maxSizeMb,
      ...(ewsPath(m) !== undefined ? { path: ewsPath(m) } : {}),
      ...(m.designerApplication !== undefined ? { designerApplication: m.designerApplication } : {}),
    } as Extract<MailboxEntry, { testMailbox: T }>;
  }
  return { direction: "outbound", ...common, type: "SMTP", fromAddress: m.fromAddress } as Extract<MailboxEntry, { testMailbox: T }>;
}

function contactCenterEntry(config: EmailConfig, environment: string | undefined): ContactCenterEntry {
  const name = config.contactCenter?.name;
  const env = config.contactCenter?.environment ?? environment;
  return { ...(name !== undefined ? { name } : {}), ...(env !== undefined ? { environment: env } : {}) };
}

function tenantEntry(config: EmailConfig): TenantEntry {
  const authority = config.tenant.authority;
  return {
    directoryId: config.tenant.directoryId!,
    ...(isDefaultAuthority(authority) ? {} : { tenantAuthority: normalizeAuthority(authority) }),
  };
}

function applicationEntry(config: EmailConfig, clientId: string | undefined): ApplicationEntry {
  const app = config.application;
  const required = requiredPermissions(config);
  const permissions: PermissionEntry[] = required.permissions.map((p) => ({
    resource: p.resource.name,
    resourceAppId: p.resource.appId,
    permission: p.value,
    id: p.id,
    type: p.type === "Role" ? "application" : "delegated",
    requiredBy: [...p.requiredBy],
  }));
  const fields = {
    origin: app.clientId === undefined ? ("created-by-stack" as const) : ("existing" as const),
    ...(app.clientId === undefined ? { displayName: app.displayName } : {}),
    audience: app.audience,
    signInAudience: app.audience === "single-tenant" ? ("AzureADMyOrg" as const) : ("AzureADMultipleOrgs" as const),
    permissions,
    ...(required.exchangeRoles.length > 0 ? { exchangeRoles: [...required.exchangeRoles] } : {}),
  };
  const known = clientId ?? app.clientId;
  return known === undefined
    ? { clientIdStatus: "pending-terraform-apply", clientId: null, ...fields }
    : { clientIdStatus: "resolved", clientId: known, ...fields };
}

/**
 * The migration request for a config that passed `validate()`. Deterministic: the same
 * config and options give the same request, key for key.
 * @throws MigrationRequestError when `migrationRequestProblems` reports any problem
 */
export function buildMigrationRequest(config: EmailConfig, options: MigrationRequestOptions = {}): MigrationRequest {
  const problems = migrationRequestProblems(config, options);
  if (problems.length > 0) throw new MigrationRequestError(problems);
  const { test, others } = ordered(config);
  const mailboxes: [TestMailboxEntry, ...OtherMailboxEntry[]] = [entry(test, "yes"), ...others.map((l) => entry(l, "no"))];
  return {
    schemaVersion: MIGRATION_REQUEST_SCHEMA_VERSION,
    contactCenter: contactCenterEntry(config, options.environment),
    tenant: tenantEntry(config),
    application: applicationEntry(config, options.clientId),
    mailboxes,
  };
}

/** `JSON.stringify` with two-space indent and a final newline: the bytes of migration-request.json. */
export function renderMigrationRequestJson(request: MigrationRequest): string {
  return `${JSON.stringify(request, null, 2)}\n`;
}
