import type { EmailConfig } from "../model/config";
import { EXCHANGE_SETUP_ROLE, requiredRoles } from "../permissions/roles";
import type { MailboxEntry, MigrationRequest } from "./model";
import { mdCode, mdList } from "../text/markdown";

/**
 * pre-migration.md: our checklist before the request goes to Genesys Customer Care (the request itself,
 * migration-request.md, is addressed to Genesys and holds no checkbox). Every item is limited to what the declared
 * mailboxes use: the vendor's "Special mailbox settings" (MFA off for the password flow, IMAP/POP3 enabled), what
 * Exchange Online needs per protocol (EWS and SMTP AUTH enabled), the GRAPH fence, the test mailbox and `check`.
 */
export function renderPreMigrationChecklist(config: EmailConfig, request: MigrationRequest): string {
  const { mailboxes, application, contactCenter } = request;
  const logins = (types: readonly string[]) => mailboxes.filter((m) => types.includes(m.type)).map((m) => mdCode(m.login));
  const passwordFlow = mailboxes.filter((m) => m.grantType === "password");
  const graph = mailboxes.filter((m) => m.type === "GRAPH");
  const roles = requiredRoles(config);

  const entra: string[] = [];
  entra.push(
    application.clientId === null
      ? "`terraform apply` ran for this stack, and migration-request.md was rendered again with its outputs (`genesys-email manifest <config file> --tf-outputs outputs.json`): its client-id is no longer pending."
      : `The client-id in migration-request.md, ${mdCode(application.clientId)}, is this stack's (\`terraform output -raw client_id\`).`,
  );
  if (passwordFlow.length > 0) {
    const types = ["IMAP", "POP3", "EWS", "SMTP"].filter((t) => passwordFlow.some((m) => m.type === t));
    const accounts = mdList(passwordFlow.map((m) => mdCode(m.login)));
    entra.push(
      `Multifactor authentication is off for the accounts that sign in with their password (${types.join(", ")}): ${accounts}. Conditional Access policies and per-user MFA exclude them.`,
      `Entra verifies their passwords itself (cloud accounts, or password hash sync with a home realm discovery policy): the resource owner password flow fails for federated accounts. \`genesys-email check\` shows the token step for each.`,
    );
  }
  if (graph.length > 0) {
    entra.push(
      "The application's client secret (`terraform output -raw client_secret`) is ready to reach Genesys out of band, through the support case's secure channel, never in the case text.",
    );
  }

  const exchange: string[] = [];
  const imap = logins(["IMAP"]);
  if (imap.length > 0) exchange.push(`IMAP is enabled for ${mdList(imap)} (\`Get-CASMailbox\`: ImapEnabled True).`);
  const pop = logins(["POP3"]);
  if (pop.length > 0) exchange.push(`POP3 is enabled for ${mdList(pop)} (\`Get-CASMailbox\`: PopEnabled True).`);
  const ews = logins(["EWS"]);
  if (ews.length > 0) {
    exchange.push(`EWS is enabled for ${mdList(ews)} (\`Get-CASMailbox\`: EwsEnabled True) and not blocked for the organization (\`Get-OrganizationConfig\`: EwsEnabled is not False).`);
  }
  const smtp = logins(["SMTP"]);
  if (smtp.length > 0) exchange.push(`SMTP AUTH is enabled for ${mdList(smtp)} (\`Get-CASMailbox\`: SmtpClientAuthenticationDisabled False).`);
  if (graph.length > 0) {
    const graphLogins = mdList(graph.map((m) => mdCode(m.login)));
    const exchangeRoles = application.exchangeRoles ?? [];
    exchange.push(
      exchangeRoles.length > 0
        ? `The application holds no Microsoft Graph mail permission in Entra; exchange-setup.ps1 assigned ${mdList(exchangeRoles.map((r) => mdCode(r)))} scoped to the GRAPH mailboxes (${graphLogins}), and \`Test-ServicePrincipalAuthorization\` shows them InScope for each.`
        : `The application has Mail.ReadWrite and Mail.Send with admin consent and, as Genesys recommends, Exchange Online limits it to the GRAPH mailboxes (${graphLogins}) with an application access policy (exchange-setup.ps1; \`Test-ApplicationAccessPolicy\` shows Granted for each). An RBAC for Applications scope alone would not limit the tenant-wide consent.`,
    );
  }
  exchange.push("exchange-setup.ps1 ran to its end without an error (run it with `-WhatIf` first to see each change).");

  const migration: string[] = [testMailboxItem(mailboxes[0], graph), "`genesys-email check` passed for every mailbox in this request."];
  const title = [contactCenter.name, contactCenter.environment].filter((v): v is string => v !== undefined).map((v) => mdCode(v)).join(", ");
  const box = (items: readonly string[]) => items.map((i) => `- [ ] ${i}`);
  return [
    `# Pre-migration checklist${title !== "" ? `: ${title}` : ""}`,
    "",
    "For us, not for Genesys: tick every item before sending migration-request.md to Genesys Customer Care.",
    "",
    "## Who does what",
    "",
    `- \`terraform apply\` of this stack: an Entra **${roles.entra}**, because ${roles.entraReason}.`,
    `- exchange-setup.ps1: an **${EXCHANGE_SETUP_ROLE}**, in Exchange Online PowerShell.`,
    "",
    "## Microsoft Entra",
    "",
    ...box(entra),
    "",
    "## Exchange Online",
    "",
    ...box(exchange),
    "",
    "## The migration",
    "",
    ...box(migration),
    "",
  ].join("\n");
}

/**
 * Genesys: "This test mailbox must also have its own credential." True for a password-flow test mailbox (GE116
 * checks its login and password variable); a GRAPH test mailbox signs in with the app's client secret, which every
 * GRAPH mailbox shares, and the line says so (GE210 warns).
 */
function testMailboxItem(test: MailboxEntry, graph: readonly MailboxEntry[]): string {
  if (test.grantType === "password") {
    return `The test mailbox ${mdCode(test.mailboxName)} has its own credential: no other mailbox shares its login ${mdCode(test.login)} or its password.`;
  }
  const others = graph.filter((m) => m !== test);
  return (
    `The test mailbox ${mdCode(test.mailboxName)} is a GRAPH mailbox: it signs in with the application's client secret, which ` +
    (others.length > 0 ? `every GRAPH mailbox shares (${mdList(others.map((m) => mdCode(m.mailboxName)))} too)` : "any later GRAPH mailbox will share") +
    ", so it has no credential of its own. Migrating it first tests the app registration, the secret and the Exchange fence; Genesys asks for a test mailbox with its own credential, which only a password-flow mailbox (IMAP, EWS, SMTP) has."
  );
}
