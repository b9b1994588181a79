import type { MailboxEntry, MigrationRequest } from "./model";
import { mdCode, mdList, mdTable } from "../text/markdown";

/** How the Markdown names where passwords go: the support case's own secure channel, never the text. */
export const CREDENTIAL_DELIVERY_TEXT = "delivered out of band through the support case's secure channel";

const PENDING_CLIENT_ID = "PENDING: known after `terraform apply`";

function hostPortType(m: MailboxEntry): string {
  return mdCode(`${m.host}:${m.port}/${m.type}`);
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

function checklist(request: MigrationRequest): string[] {
  const mailboxes = request.mailboxes;
  const logins = (types: readonly string[]) => mailboxes.filter((m) => types.includes(m.type)).map((m) => mdCode(m.login));
  const passwordFlow = mailboxes.filter((m) => m.grantType === "password");
  const legacyTypes = [...new Set(passwordFlow.map((m) => m.type))];
  const items: string[] = [];
  if (passwordFlow.length > 0) {
    items.push(`Multifactor authentication is disabled for the mailboxes that sign in with their password (${legacyTypes.join(", ")}): ${mdList(passwordFlow.map((m) => mdCode(m.login)))}.`);
  }
  const imap = logins(["IMAP"]);
  if (imap.length > 0) items.push(`IMAP is enabled for ${mdList(imap)}.`);
  const pop = logins(["POP3"]);
  if (pop.length > 0) items.push(`POP3 is enabled for ${mdList(pop)}.`);
  const smtp = logins(["SMTP"]);
  if (smtp.length > 0) items.push(`SMTP AUTH is enabled for ${mdList(smtp)}.`);
  const graph = mailboxes.filter((m) => m.type === "GRAPH");
  if (graph.length > 0) {
    const logins = mdList(graph.map((m) => mdCode(m.login)));
    const roles = request.application.exchangeRoles ?? [];
    items.push(
      roles.length > 0
        ? `The application holds no Microsoft Graph mail permission in Entra; exchange-setup.ps1 assigned ${mdList(roles.map((r) => mdCode(r)))} scoped to the GRAPH mailboxes (${logins}), and \`Test-ServicePrincipalAuthorization\` shows them InScope for each.`
        : `The application has Mail.ReadWrite and Mail.Send with admin consent and, as Genesys recommends, Exchange Online limits it to the GRAPH mailboxes (${logins}) with an application access policy (exchange-setup.ps1; \`Test-ApplicationAccessPolicy\` shows Granted for each). An RBAC for Applications scope alone would not limit the tenant-wide consent.`,
    );
  }
  const test = mailboxes[0];
  items.push(`The test mailbox ${mdCode(test.mailboxName)} has its own credential: no other mailbox shares its login or its password.`);
  items.push("`genesys-email check` passed for every mailbox in this request.");
  return items.map((i) => `- [ ] ${i}`);
}

/** The request as Markdown, ready to paste into a Genesys Customer Care case. Deterministic. */
export function renderMigrationRequestMarkdown(request: MigrationRequest): string {
  const { tenant, application, mailboxes } = request;
  const total = mailboxes.length;
  const test = mailboxes[0];
  const lines: string[] = ["# OAuth 2.0 migration request: Genesys E-mail Server mailboxes", ""];
  if (application.clientId === null) {
    lines.push(
      "> **Not ready to send: the client-id is pending.** The Entra application is created by `terraform apply`, so its Application (client) ID is not known yet.",
      "> After the apply, render this request again with the Terraform outputs:",
      "> `terraform output -json > outputs.json`, then `genesys-email manifest <config file> --tf-outputs outputs.json --format markdown`.",
      "",
    );
  }
  const others = total - 1;
  lines.push(
    "Hello Genesys Customer Care,",
    "",
    `Please migrate the ${total === 1 ? "mailbox" : `${total} mailboxes`} below to OAuth 2.0 authorization with Microsoft Exchange Online, as described in Agent Setup, "Email addresses and mailboxes", "Migrating existing mailboxes".` +
      (others > 0
        ? ` Please migrate the test mailbox ${mdCode(test.mailboxName)} first; once we have confirmed that it works, please migrate the other ${others === 1 ? "mailbox" : `${others} mailboxes`}.`
        : ` ${mdCode(test.mailboxName)} is the test mailbox.`),
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
  return `${text}${["## Pre-migration checklist", "", "Tick each item before sending this request:", "", ...checklist(request), ""].join("\n")}`;
}
