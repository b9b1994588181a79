import type { z } from "zod";
import type { emailConfigSchema } from "../../src/model/config";

/** The config input with mutable fields (the schema's own `z.input`), so a test can change one field. */
export type EditableConfig = z.input<typeof emailConfigSchema>;

/** A minimal valid setup: one IMAP test mailbox over OAuth 2.0 and an outbound SMTP mailbox. Fresh per call. */
export function validConfig(): EditableConfig & { mailboxes: { inbound: NonNullable<EditableConfig["mailboxes"]["inbound"]> } } {
  return {
    tenant: { directoryId: "0c5a6b0e-1a2b-4c3d-8e9f-001122334455" },
    application: { displayName: "genesys-email-oauth", audience: "multi-tenant" },
    mailboxes: {
      inbound: [
        {
          name: "support",
          mailbox: "support@contoso.com",
          server: { host: "outlook.office365.com", port: 993, type: "IMAP" },
          auth: "oauth2",
          maxSizeMb: 5,
          password: { env: "SUPPORT_MAILBOX_PASSWORD" },
          testMailbox: true,
        },
      ],
      outbound: {
        mailbox: "agents@contoso.com",
        fromAddress: "agents@contoso.com",
        server: { host: "smtp.office365.com", port: 587, type: "SMTP" },
        auth: "oauth2",
        password: { env: "OUTBOUND_MAILBOX_PASSWORD" },
      },
    },
    fromAddresses: { folder: "Email Addresses", addresses: [{ name: "support@contoso.com", displayName: "Contoso Support" }] },
  };
}

export function inboundMailbox(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    mailbox: `${name}@contoso.com`,
    server: { host: "outlook.office365.com", port: 993, type: "IMAP" as const },
    auth: "oauth2" as const,
    password: { env: `${name.toUpperCase()}_PASSWORD` },
    ...extra,
  };
}
