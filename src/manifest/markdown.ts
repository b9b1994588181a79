import type { MailboxEntry, MigrationRequest } from "./model";
import { mdCode, mdList, mdTable } from "../text/markdown";

/** How the Markdown names where passwords go: the support case's own secure channel, never the text. */
export const CREDENTIAL_DELIVERY_TEXT = "delivered out of band through the support case's secure channel";

const PENDING_CLIENT_ID = "PENDING: known after `terraform apply`";

function hostPortType(m: MailboxEntry): string {
  return mdCode(`${m.host}:${m.port}/${m.type}`);
}

/** EWS only: the endpoint's URL, with the port only when it is not 443. */
function ewsEndpoint(m: MailboxEntry): string | undefined {
  if (m.direction !== "inbound" || m.path === undefined) return undefined;
  return mdCode(`https://${m.host}${m.port === 443 ? "" : `:${m.port}`}${m.path}`);
}

function credentialText(m: MailboxEntry): string {
  return m.credential.kind === "application-client-secret"
    ? `the application's client secret (GRAPH signs in with client credentials), ${CREDENTIAL_DELIVERY_TEXT}`
    : `the mailbox's own password, ${CREDENTIAL_DELIVERY_TEXT}`;
}

function signInText(m: MailboxEntry): string {
  return m.grantType === "client_credentials"
    ? "OAuth 2.0, client credentials (the application's identity, Microsoft Graph)"
    : "OAuth 2.0, resource owner password credentials (the mailbox's login and password)";
}

function mailboxTable(request: MigrationRequest, m: MailboxEntry): string[] {
  const { tenant, application } = request;
  const rows: Array<readonly [string, string]> = [
    ["Mailbox Name", mdCode(m.mailboxName)],
    ["Is it a test mailbox", m.testMailbox === "yes" ? "Yes" : "No"],
    ["Direction", m.direction === "inbound" ? "Inbound" : "Outbound"],
  ];
  if (m.direction === "outbound") rows.push(["From Address", mdCode(m.fromAddress)]);
  rows.push(["Mailbox", mdCode(m.login)], ["Host:Port/Type", hostPortType(m)]);
  const ews = ewsEndpoint(m);
  if (ews !== undefined) rows.push(["EWS endpoint", ews]);
  if (m.direction === "inbound") {
    rows.push(["Max size", `${m.maxSizeMb} MB`]);
    rows.push(["Designer application", m.designerApplication !== undefined ? mdCode(m.designerApplication) : "not assigned yet"]);
  }
  rows.push(["directory-id", mdCode(tenant.directoryId)]);
  rows.push(["client-id", application.clientId !== null ? mdCode(application.clientId) : PENDING_CLIENT_ID]);
  if (tenant.tenantAuthority !== undefined) rows.push(["tenant-authority", mdCode(tenant.tenantAuthority)]);
  rows.push(["Sign-in", signInText(m)], ["Password", credentialText(m)]);
  return mdTable(["Field", "Value"], rows);
}

function heading(m: MailboxEntry, index: number, total: number): string {
  const what = m.testMailbox === "yes" ? "Test mailbox" : `Mailbox ${index + 1} of ${total}`;
  return `## ${what}: ${mdCode(m.mailboxName)}${m.direction === "outbound" ? " (outbound)" : ""}`;
}

function permissionsText(request: MigrationRequest): string[] {
  const byResource = new Map<string, { delegated: string[]; application: string[] }>();
  for (const p of request.application.permissions) {
    const entry = byResource.get(p.resource) ?? { delegated: [], application: [] };
    entry[p.type].push(p.permission);
    byResource.set(p.resource, entry);
  }
  return [...byResource].map(([resource, { delegated, application }]) => {
    const parts = [delegated.length ? `${mdList(delegated)} (delegated)` : "", application.length ? `${mdList(application)} (application)` : ""].filter(Boolean);
    return `  - ${resource}: ${parts.join("; ")}`;
  });
}

/** Why the request is not ready to send: each a banner paragraph for the sender, never for Genesys. */
function notReady(request: MigrationRequest): string[][] {
  const reasons: string[][] = [];
  if (request.application.clientId === null) {
    reasons.push([
      "> **Not ready to send: the client-id is pending.** The Entra application is created by `terraform apply`, so its Application (client) ID is not known yet.",
      "> After the apply, render this request again with the Terraform outputs:",
      "> `terraform output -json > outputs.json`, then `genesys-email manifest <config file> --tf-outputs outputs.json --format markdown`.",
    ]);
  }
  const { name, environment } = request.contactCenter;
  if (name === undefined || environment === undefined) {
    const missing = [name === undefined ? "the contact center" : "", environment === undefined ? "the environment" : ""].filter(Boolean).join(" and ");
    reasons.push([
      `> **Not ready to send: ${missing} ${name === undefined && environment === undefined ? "are" : "is"} not named.** Genesys Customer Care needs both to find your E-mail Server.`,
      "> Set `contactCenter.name` (and `contactCenter.environment`, unless the file's `environments:` names it) in the config, then render this request again.",
    ]);
  }
  return reasons;
}

function named(value: string | undefined, field: string): string {
  return value !== undefined ? mdCode(value) : `not named (set \`${field}\`)`;
}

/**
 * The request as Markdown, addressed to Genesys Customer Care and ready to paste into a case: no checklist (ours is
 * pre-migration.md), the contact center and environment named, one table per mailbox. Deterministic.
 */
export function renderMigrationRequestMarkdown(request: MigrationRequest): string {
  const { tenant, application, mailboxes, contactCenter } = request;
  const total = mailboxes.length;
  const test = mailboxes[0];
  const lines: string[] = ["# OAuth 2.0 migration request: Genesys E-mail Server mailboxes", ""];
  for (const banner of notReady(request)) lines.push(...banner, "");
  const others = total - 1;
  lines.push(
    "Hello Genesys Customer Care,",
    "",
    `Please migrate the ${total === 1 ? "mailbox" : `${total} mailboxes`} of this contact center to OAuth 2.0 authorization with Microsoft Exchange Online, as described in Agent Setup, "Email addresses and mailboxes", "Migrating existing mailboxes":`,
    "",
    `- Contact center: ${named(contactCenter.name, "contactCenter.name")}`,
    `- Environment: ${named(contactCenter.environment, "contactCenter.environment")}`,
    "",
    others > 0
      ? `Please migrate the test mailbox ${mdCode(test.mailboxName)} first; once we have confirmed that it works, please migrate the other ${others === 1 ? "mailbox" : `${others} mailboxes`}.`
      : `${mdCode(test.mailboxName)} is the test mailbox.`,
    "",
    "All mailboxes use the same Microsoft Entra application:",
    "",
    `- directory-id (Directory (tenant) ID): ${mdCode(tenant.directoryId)}`,
    `- client-id (Application (client) ID): ${application.clientId !== null ? mdCode(application.clientId) : PENDING_CLIENT_ID}`,
  );
  if (tenant.tenantAuthority !== undefined) lines.push(`- tenant-authority: ${mdCode(tenant.tenantAuthority)}`);
  if (application.permissions.length > 0) lines.push("- Permissions, granted with admin consent:", ...permissionsText(request));
  const roles = application.exchangeRoles ?? [];
  if (roles.length > 0) {
    lines.push(
      `- Mail access for the GRAPH mailboxes, granted in Exchange Online instead of Entra: ${mdList(roles.map((r) => mdCode(r)))} (RBAC for Applications), scoped to exactly those mailboxes. The Entra app therefore lists no Microsoft Graph Mail.ReadWrite or Mail.Send permission.`,
    );
  }
  lines.push(
    "",
    `No password or secret is part of this request: each mailbox's password, and for GRAPH mailboxes the application's client secret, will be ${CREDENTIAL_DELIVERY_TEXT}.`,
    "",
  );
  // One string grown piece by piece: joining ~15 lines per mailbox through arrays cost twice the time.
  let text = `${lines.join("\n")}\n`;
  mailboxes.forEach((m, i) => {
    text += `${heading(m, i, total)}\n\n`;
    for (const row of mailboxTable(request, m)) text += `${row}\n`;
    text += "\n";
  });
  const closing =
    others > 0
      ? "Please reply in this case once the test mailbox is migrated; we will confirm that it works before you migrate the others."
      : "Please reply in this case once the mailbox is migrated.";
  return `${text}${closing}\n\nThank you.\n`;
}
