/**
 * The starter config `genesys-email init` writes: commented YAML for the protocols asked for. Every value to
 * fill in is a placeholder in angle brackets whose inside is an example of the right form
 * (`<support@contoso.com>`); GE143 reports any placeholder left. Only fixed text and environment names
 * (checked against ENVIRONMENT_NAME, so inert in YAML) go into it.
 */
export const INIT_PROTOCOLS = ["imap", "pop3", "ews", "graph", "smtp"] as const;
export type InitProtocol = (typeof INIT_PROTOCOLS)[number];

export interface StarterOptions {
  readonly protocols: readonly InitProtocol[];
  /** Environment names (dev, stage, prod): one stack each. None: the file is one stack. */
  readonly environments: readonly string[];
  /** The JSON schema's path or URL for editors (yaml-language-server); omitted when unknown. */
  readonly schema?: string;
}

interface Inbound {
  readonly protocol: Exclude<InitProtocol, "smtp">;
  readonly lines: (test: boolean) => string[];
  /** Uses OAuth 2.0 (and so may be the test mailbox). */
  readonly oauth: boolean;
}

const INBOUND: readonly Inbound[] = [
  {
    protocol: "imap",
    oauth: true,
    lines: (test) => [
      `    # IMAP over OAuth 2.0 (the resource-owner password flow): the login is the account's user principal name.`,
      `    - name: ${test ? "support_test" : "support"}                     # Mailbox Name: letters, digits, @ _ . (at most 40); create-only in Genesys`,
      `      mailbox: <${test ? "support-test" : "support"}@contoso.com>`,
      `      server: { host: outlook.office365.com, type: IMAP }   # port 993, implicit TLS`,
      `      password: { env: ${test ? "SUPPORT_TEST" : "SUPPORT"}_MAILBOX_PASSWORD }   # the NAME of an environment variable, never the password`,
      ...(test ? [`      testMailbox: true                 # migrated and checked first; needs its own account and password variable`] : []),
      `      # maxSizeMb: 5                     # largest message taken in, whole MB from 5 to 20`,
      `      # designerApplication: Support Email   # the Designer application the mailbox is assigned to`,
    ],
  },
  {
    protocol: "graph",
    oauth: true,
    lines: (test) => [
      `    # Microsoft Graph (client credentials): no mailbox password; the stack creates the app's client secret.`,
      `    - name: ${test ? "billing_test" : "billing"}`,
      `      mailbox: <${test ? "billing-test" : "billing"}@contoso.com>`,
      `      server: { host: graph.microsoft.com, type: GRAPH }`,
      ...(test ? [`      testMailbox: true                 # migrated and checked first; needs its own account`] : []),
    ],
  },
  {
    protocol: "ews",
    oauth: false,
    lines: () => [
      `    # EWS on an on-premises Exchange server (EWS in Exchange Online is retired: use GRAPH there, GE202).`,
      `    - name: legacy_ews`,
      `      mailbox: <legacy@contoso.com>`,
      `      server: { host: <mail.contoso.com>, type: EWS }   # path /EWS/Exchange.asmx, port 443`,
      `      auth: basic`,
      `      password: { env: LEGACY_EWS_MAILBOX_PASSWORD }`,
    ],
  },
  {
    protocol: "pop3",
    oauth: false,
    lines: () => [
      `    # POP3 with basic authentication (Genesys does not support OAuth 2.0 over POP3 yet, GE113), e.g. on-premises.`,
      `    - name: legacy_pop3`,
      `      mailbox: <legacy-pop@contoso.com>`,
      `      server: { host: <pop.contoso.com>, type: POP3 }   # port 995, implicit TLS`,
      `      auth: basic`,
      `      password: { env: LEGACY_POP3_MAILBOX_PASSWORD }`,
    ],
  },
];

export function starterConfig(options: StarterOptions): string {
  const wanted = new Set(options.protocols);
  const inbound = INBOUND.filter((m) => wanted.has(m.protocol));
  const smtp = wanted.has("smtp");
  // The test mailbox needs a credential of its own (GE210): a password-flow mailbox first, then the outbound one;
  // a GRAPH mailbox only when there is nothing else, and then the starter says why (a suppression with its reason).
  const passwordFlow = inbound.findIndex((m) => m.oauth && m.protocol !== "graph");
  const testIndex = passwordFlow !== -1 || smtp ? passwordFlow : inbound.findIndex((m) => m.oauth);
  const graphTest = testIndex !== -1 && inbound[testIndex]!.protocol === "graph";
  const oauth = inbound.some((m) => m.oauth) || smtp;
  const graph = wanted.has("graph");
  const out: string[] = [];
  if (options.schema) out.push(`# yaml-language-server: $schema=${options.schema}`);
  out.push(
    "# Genesys E-mail Server mailboxes, From addresses and the Entra app registration Exchange Online OAuth 2.0 needs.",
    "# Written by genesys-email init. Replace every <placeholder> (its inside shows the form), then run",
    "#   genesys-email validate <this file>",
    "# Fields and defaults: docs/configuration.md; every rule: RULES.md. Secrets never go in this file: only the",
    "# names of the environment variables that hold them.",
    "",
    "tenant:",
    "  # Directory (tenant) ID: Entra admin center > Overview.",
    "  directoryId: <00000000-0000-0000-0000-000000000000>",
    "  # authority: https://login.microsoftonline.com/   # another cloud's login host, e.g. https://login.microsoftonline.us/",
    "",
    "application:",
    "  displayName: genesys-email-oauth                    # the app registration the stack creates",
    "  # clientId: <00000000-0000-0000-0000-000000000000>  # or bring your own app: its Application (client) ID",
  );
  if (graph) {
    out.push(
      "  # clientSecretLifetimeDays: 180                  # the GRAPH client secret; rotate before it ends",
      "  # graphMailboxAccess: tenant-consent             # or exchange-rbac: mail access scoped by Exchange RBAC for Applications",
    );
  }
  out.push("", "mailboxes:");
  if (inbound.length > 0) {
    out.push("  inbound:");
    inbound.forEach((m, i) => out.push(...m.lines(i === testIndex)));
  } else out.push("  inbound: []");
  if (smtp) {
    out.push(
      "  # The one outbound mailbox (always named smtp-client): SMTP over OAuth 2.0.",
      "  outbound:",
      "    mailbox: <agents@contoso.com>",
      "    fromAddress: <agents@contoso.com>",
      "    server: { host: smtp.office365.com, port: 587, type: SMTP }   # STARTTLS",
      "    password: { env: OUTBOUND_MAILBOX_PASSWORD }",
      ...(testIndex === -1 ? ["    testMailbox: true                 # migrated and checked first; needs its own account and password variable"] : []),
    );
  }
  out.push(
    "",
    "# The addresses agents send from (a Business Attribute folder in Genesys).",
    "fromAddresses:",
    "  folder: Email Addresses",
    "  addresses:",
    "    - { name: <support@contoso.com>, displayName: <Contoso Support> }",
  );
  if (graphTest) {
    out.push(
      "",
      "# The test mailbox is a GRAPH mailbox: it signs in with the app's client secret, which every GRAPH mailbox shares",
      "# (GE210). With no password-flow mailbox to test with, it tests the app itself.",
      "suppressions:",
      "  - { id: GE210, reason: only GRAPH mailboxes; the test mailbox tests the app itself }",
    );
  }
  if (options.environments.length > 0) {
    out.push(
      "",
      "# One Terraform stack per environment: each entry's overrides are merged onto everything above",
      "# (docs/gitops.md). In CI, give each a remote state backend, e.g.",
      "#   backend: { type: azurerm, config: { resourceGroupName: rg-tfstate, storageAccountName: sttfstate, containerName: tfstate, key: genesys-email-prod.tfstate } }",
      "environments:",
    );
    options.environments.forEach((name, i) => {
      out.push(`  ${name}: {}`);
      if (i === 0 && oauth) out.push(`  # ${name}:`, "  #   tenant: { directoryId: <00000000-0000-0000-0000-000000000000> }   # e.g. a separate test tenant");
    });
  } else {
    out.push("", "# backend: { type: local, config: { path: terraform.tfstate } }   # where Terraform keeps state; remote in CI (docs/gitops.md)");
  }
  return `${out.join("\n")}\n`;
}
