import {
  DEFAULT_APPLICATION_DISPLAY_NAME,
  type Audience,
  type EmailConfig,
  type EmailConfigInput,
  type ExistingApplication,
  type PermissionLayout,
} from "../model/config";
import { catalogAppRole, catalogPermission, EXCHANGE_ONLINE, MICROSOFT_GRAPH, resourceApiByAppId } from "../model/catalog";
import { DEFAULT_PORTS } from "../model/mailbox";
import { EXCHANGE_ONLINE_HOSTS } from "../model/clouds";
import { GUID } from "../model/guid";
import { adoptionPlan, requiredPermissions, type AdoptionPlan } from "../permissions";
import { validate } from "../rules/engine";
import type { Finding } from "../rules/finding";
import { AdoptInputError, shown } from "./errors";
import type { GraphApplication } from "./graph";
import type { CsvMailbox } from "./mailbox-csv";
import type { AdoptionInput, ConfigComment, ListedPermission } from "./model";
import { adoptionReport, type AdoptionReport } from "./report";

export type { AdoptionInput, ConfigComment, ListedPermission } from "./model";



export interface Adoption {
  /** The config to write (plain data, validated). */
  readonly config: EmailConfigInput;
  readonly comments: readonly ConfigComment[];
  /** Warnings of the written config (errors never: those throw). */
  readonly warnings: readonly Finding[];
  readonly plan: AdoptionPlan;
  readonly report: AdoptionReport;
}

const AUDIENCE_BY_SIGN_IN: Readonly<Record<string, Audience>> = { AzureADMyOrg: "single-tenant", AzureADMultipleOrgs: "multi-tenant" };
const LEGACY_PERMISSIONS = ["IMAP.AccessAsUser.All", "POP.AccessAsUser.All", "SMTP.Send", "EWS.AccessAsUser.All"];

/** `support_test` → `SUPPORT_TEST_PASSWORD`: the environment variable that holds a mailbox's password (GE123's form). */
export function passwordVariable(mailboxName: string): string {
  const base = mailboxName.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return `${/^[0-9]/.test(base) || base === "" ? `MAILBOX_${base}` : base}_PASSWORD`;
}


export function listedPermissions(app: GraphApplication): ListedPermission[] {
  return app.requiredResourceAccess.flatMap((r) =>
    r.resourceAccess.map((a) => {
      const permission = catalogPermission(r.resourceAppId, a.id);
      return { resourceAppId: r.resourceAppId.toLowerCase(), id: a.id.toLowerCase(), type: a.type, ...(permission && permission.type === a.type ? { permission } : {}) };
    }),
  );
}

function permissionLayout(listed: readonly ListedPermission[]): PermissionLayout {
  const legacy = (resource: string) => listed.some((p) => p.resourceAppId === resource && p.permission && LEGACY_PERMISSIONS.includes(p.permission.value));
  return legacy(MICROSOFT_GRAPH.appId) && !legacy(EXCHANGE_ONLINE.appId) ? "microsoft-graph" : "exchange-online";
}

function isOAuthHost(m: CsvMailbox): boolean {
  return m.type === "GRAPH" || EXCHANGE_ONLINE_HOSTS.test(m.host);
}

/** Cross-checks between the files: each must describe the same app, and each grant's resource must be known. */
function checkConsistency(input: AdoptionInput): void {
  const app = input.application.value;
  const sp = input.servicePrincipal;
  if (sp && sp.value.appId.toLowerCase() !== app.appId.toLowerCase()) {
    throw new AdoptInputError(sp.file, "appId", `this service principal belongs to app ${shown(sp.value.appId)}, not to ${shown(app.appId)} of ${input.application.file}`, `read the app's own: servicePrincipals(appId='${app.appId}')`);
  }
  const listsKnown = app.requiredResourceAccess.some((r) => resourceApiByAppId(r.resourceAppId));
  if (!listsKnown) {
    throw new AdoptInputError(
      input.application.file,
      "requiredResourceAccess",
      `the app requests nothing from ${EXCHANGE_ONLINE.name} or ${MICROSOFT_GRAPH.name}: it is not the app Genesys E-mail Server signs in with`,
      "pass the app registration whose API permissions hold the IMAP/POP/SMTP/EWS (or Graph Mail) permissions",
    );
  }
  for (const [flag, files] of [
    ["--grants", input.grants],
    ["--app-role-assignments", input.appRoleAssignments],
  ] as const) {
    if (files && !sp) throw new AdoptInputError(files.file, "", `${flag} needs --service-principal: consents belong to the app's service principal`, "add --service-principal sp.json (GET servicePrincipals(appId='<app-id>'))");
    if (files && !input.resources) throw new AdoptInputError(files.file, "", `${flag} needs --resources: a consent names its API only by the API's service principal object ID in your tenant`, "add --resources resources.json (the Microsoft Graph and Exchange Online service principals)");
  }
  for (const [i, g] of (input.grants?.value ?? []).entries()) {
    if (g.clientId.toLowerCase() !== sp!.value.id.toLowerCase()) {
      throw new AdoptInputError(input.grants!.file, `value[${i}].clientId`, `grant of client ${shown(g.clientId)}, not of this app's service principal ${shown(sp!.value.id)}`, `filter the grants by the app's service principal: oauth2PermissionGrants?$filter=clientId eq '${sp!.value.id}'`);
    }
  }
  for (const [i, a] of (input.appRoleAssignments?.value ?? []).entries()) {
    if (a.principalId.toLowerCase() !== sp!.value.id.toLowerCase()) {
      throw new AdoptInputError(input.appRoleAssignments!.file, `value[${i}].principalId`, `assignment to ${shown(a.principalId)}, not to this app's service principal ${shown(sp!.value.id)}`, `read the app's own: servicePrincipals/${sp!.value.id}/appRoleAssignments (not .../appRoleAssignedTo)`);
    }
  }
  for (const [i, r] of (input.resources?.value ?? []).entries()) {
    if (!resourceApiByAppId(r.appId)) {
      throw new AdoptInputError(input.resources!.file, `value[${i}].appId`, `${shown(r.appId)} is neither ${MICROSOFT_GRAPH.name} nor ${EXCHANGE_ONLINE.name}`, "filter the service principals by the two resource app IDs (docs/adopting.md)");
    }
  }
}

/** The resource app ID of a resource service principal object ID, from resources.json. */
function resourceAppIdOf(input: AdoptionInput, objectId: string): string | undefined {
  return input.resources?.value.find((r) => r.id.toLowerCase() === objectId.toLowerCase())?.appId.toLowerCase();
}

function existingOf(input: AdoptionInput): ExistingApplication {
  const app = input.application.value;
  const sp = input.servicePrincipal?.value;
  const resources = Object.fromEntries((input.resources?.value ?? []).map((r) => [r.appId.toLowerCase(), r.id.toLowerCase()]));
  const delegatedGrants: Record<string, string> = {};
  for (const g of input.grants?.value ?? []) {
    const appId = resourceAppIdOf(input, g.resourceId);
    if (g.consentType === "AllPrincipals" && appId) delegatedGrants[appId] = g.id;
  }
  const appRoleAssignments: Record<string, string> = {};
  for (const a of input.appRoleAssignments?.value ?? []) {
    const role = catalogAppRole(a.appRoleId);
    if (role && resourceAppIdOf(input, a.resourceId) === role.resource.appId) appRoleAssignments[a.appRoleId.toLowerCase()] = a.id;
  }
  const apiAccess = [...new Set(app.requiredResourceAccess.map((r) => r.resourceAppId.toLowerCase()).filter((id) => resourceApiByAppId(id)))];
  return {
    objectId: app.id.toLowerCase(),
    ...(sp ? { servicePrincipalObjectId: sp.id.toLowerCase() } : {}),
    ...(Object.keys(resources).length ? { resourceServicePrincipals: resources } : {}),
    ...(input.bringYourOwn && apiAccess.length ? { apiAccess } : {}),
    ...(Object.keys(delegatedGrants).length ? { delegatedGrants } : {}),
    ...(Object.keys(appRoleAssignments).length ? { appRoleAssignments } : {}),
  };
}

function mailboxesOf(input: AdoptionInput, comments: ConfigComment[]): { mailboxes: EmailConfigInput["mailboxes"]; rows: Map<string, number> } {
  const rows = new Map<string, number>();
  const csv = input.mailboxes;
  if (!csv) {
    comments.push({ path: ["mailboxes"], text: " No mailbox table was imported (--mailboxes mailboxes.csv): add the mailboxes before the first plan,\n or it removes every permission." });
    return { mailboxes: { inbound: [] }, rows };
  }
  const names = csv.value.map((m) => m.name);
  if (input.testMailbox !== undefined && !names.includes(input.testMailbox)) {
    throw new AdoptInputError(csv.file, "--test-mailbox", `no mailbox is named ${shown(input.testMailbox)}`, `name one of the table's mailboxes: ${names.join(", ")}`);
  }
  if (input.testMailbox === undefined && csv.value.some(isOAuthHost)) {
    throw new AdoptInputError(csv.file, "--test-mailbox", "no test mailbox named: Genesys migrates the test mailbox first, and the config needs exactly one (GE115)", `add --test-mailbox NAME with one of: ${names.join(", ")}`);
  }
  const outbound = csv.value.filter((m) => m.direction === "outbound");
  if (outbound.length > 1) {
    throw new AdoptInputError(csv.file, `row ${outbound[1]!.row}, Client Type`, "a second Outbound mailbox: Genesys has exactly one (smtp-client)", "keep one Outbound row");
  }
  const inbound: Array<Record<string, unknown>> = [];
  let outboundConfig: Record<string, unknown> | undefined;
  for (const m of csv.value) {
    const oauth = isOAuthHost(m) && m.type !== "POP3";
    const server = { host: m.host, port: m.port ?? DEFAULT_PORTS[m.type], type: m.type };
    const password = m.type === "GRAPH" ? {} : { password: { env: passwordVariable(m.name) } };
    const test = m.name === input.testMailbox ? { testMailbox: true } : {};
    if (m.direction === "outbound") {
      outboundConfig = { name: m.name, mailbox: m.mailbox, fromAddress: m.mailbox, server, auth: oauth ? "oauth2" : "basic", ...password, ...test };
      rows.set("outbound", m.row);
      comments.push({ path: ["mailboxes", "outbound"], text: ` ${csv.file} row ${m.row}. fromAddress: the table has none; the mailbox's own address is assumed: check it.` });
      continue;
    }
    const path = ["mailboxes", "inbound", inbound.length];
    rows.set(`inbound/${inbound.length}`, m.row);
    inbound.push({ name: m.name, mailbox: m.mailbox, server, auth: oauth ? "oauth2" : "basic", ...password, ...test });
    const notes = [` ${csv.file} row ${m.row}.`];
    if (m.type === "POP3" && isOAuthHost(m)) notes.push(" POP3: Genesys does not support OAuth 2.0 for POP3 yet and Exchange Online retired basic auth: move it to IMAP or GRAPH.");
    if (m.type === "EWS" && isOAuthHost(m)) notes.push(" EWS in Exchange Online shuts down on 2027-04-01: genesys-email migrate ews-to-graph moves it to GRAPH.");
    comments.push({ path, text: notes.join("\n") });
  }
  comments.push({
    path: ["mailboxes"],
    text: ` Imported from ${csv.file}. Not in the table, so the defaults apply: maxSizeMb (5) and designerApplication (none);\n set them as Agent Setup shows them. Passwords are references to environment variables, never the secret.`,
  });
  return { mailboxes: { inbound: inbound as never, ...(outboundConfig ? { outbound: outboundConfig as never } : {}) }, rows };
}

/** Where a finding on the written config comes from, for the error message. */
function origin(input: AdoptionInput, rows: Map<string, number>, path: string): string {
  const m = /^mailboxes\.(inbound)\[(\d+)\]|^mailboxes\.(outbound)/.exec(path);
  const row = m ? rows.get(m[1] ? `inbound/${m[2]}` : "outbound") : undefined;
  return row !== undefined ? `${input.mailboxes!.file}: row ${row}` : input.application.file;
}

/**
 * Turns what Graph returned (and the mailbox table) into a config with `application.existing`, the comments that
 * say what was imported and what is left to decide, and the adoption report (from the same permission derivation
 * the constructs use). Throws `AdoptInputError` for any bad input; the config it returns validates.
 */
export function adopt(input: AdoptionInput): Adoption {
  checkConsistency(input);
  const app = input.application.value;
  const sp = input.servicePrincipal?.value;
  const comments: ConfigComment[] = [];
  const listed = listedPermissions(app);

  const directoryId = input.directoryId ?? sp?.appOwnerOrganizationId ?? undefined;
  if (directoryId !== undefined && !GUID.test(directoryId)) throw new AdoptInputError("--directory-id", "", `must be the Directory (tenant) ID, a GUID; ${shown(directoryId)} given`, "copy it from Entra ID, Overview, Tenant ID");
  const { mailboxes, rows } = mailboxesOf(input, comments);
  const audience = AUDIENCE_BY_SIGN_IN[app.signInAudience ?? ""];
  const existing = existingOf(input);
  const config: EmailConfigInput = {
    tenant: { ...(directoryId ? { directoryId: directoryId.toLowerCase() } : {}) },
    application: {
      ...(input.bringYourOwn ? { clientId: app.appId.toLowerCase() } : { displayName: app.displayName || DEFAULT_APPLICATION_DISPLAY_NAME }),
      audience: audience ?? "multi-tenant",
      permissionLayout: permissionLayout(listed),
      ...(input.bringYourOwn && mailboxes.inbound?.some((m) => m.server.type === "GRAPH") ? { clientSecret: { env: "GRAPH_CLIENT_SECRET" } } : {}),
      existing,
    },
    mailboxes,
  };

  comments.unshift({
    path: [],
    text: [
      ` Imported by genesys-email import from ${[input.application, input.servicePrincipal, input.grants, input.appRoleAssignments, input.resources, input.mailboxes]
        .filter((f) => f !== undefined)
        .map((f) => f.file)
        .join(", ")}.`,
      ` App registration ${shown(app.displayName ?? "")}: client ID ${app.appId}, object ID ${app.id}.`,
      " Still to decide before the first terraform plan (read the adoption report):",
      "  - each mailbox's maxSizeMb and designerApplication, and the outbound fromAddress;",
      "  - application.graphMailboxAccess for GRAPH mailboxes: tenant-consent (the vendor's way) or exchange-rbac;",
      "  - the permissions the plan removes: only what the declared mailboxes need stays.",
    ].join("\n"),
  });
  if (!directoryId) comments.push({ path: ["tenant"], text: " directoryId: pass --service-principal (its appOwnerOrganizationId) or --directory-id; OAuth 2.0 needs it." });
  else comments.push({ path: ["tenant", "directoryId"], text: sp?.appOwnerOrganizationId && !input.directoryId ? ` From ${input.servicePrincipal!.file} (appOwnerOrganizationId).` : " From --directory-id." });
  comments.push({
    path: ["application", "existing"],
    text: " What already exists in the tenant: synth adopts it with Terraform import blocks, so the first plan\n changes it in place instead of creating duplicates (docs/adopting.md).",
  });
  if (!audience) comments.push({ path: ["application", "audience"], text: ` The app's signInAudience is ${shown(app.signInAudience ?? "unset")}; this tool supports AzureADMyOrg and AzureADMultipleOrgs.` });
  comments.push({
    path: ["application", "permissionLayout"],
    text: ` Where the app lists its IMAP/POP/SMTP/EWS permissions today (${config.application!.permissionLayout === "microsoft-graph" ? MICROSOFT_GRAPH.name : EXCHANGE_ONLINE.name}).`,
  });

  const result = validate(config, input.now ? { now: input.now } : {});
  if (result.errors.length > 0 || !result.config) {
    const first = result.errors[0]!;
    throw new AdoptInputError(origin(input, rows, first.path), first.path, `${first.ruleId} ${first.message}`, first.fix);
  }
  const valid: EmailConfig = result.config;
  const permissions = requiredPermissions(valid);
  const plan = adoptionPlan(valid, permissions);
  const report = adoptionReport({ input, config: valid, permissions, plan, listed });
  return { config, comments, warnings: result.warnings, plan, report };
}
