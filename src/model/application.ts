import type { EmailConfig } from "./config";

/**
 * The mail-enabled security group exchange-setup.ps1 creates for the GRAPH mailboxes (also the name of the
 * RBAC for Applications management scope): `application.graphMailboxGroup`, else `<displayName> GRAPH mailboxes`.
 */
export function graphMailboxGroupName(config: Pick<EmailConfig, "application">): string {
  return config.application.graphMailboxGroup ?? `${config.application.displayName} GRAPH mailboxes`;
}

/** Days between two new client secrets: `application.clientSecretRotationDays`, else half the lifetime (rounded down). */
export function clientSecretRotationDays(config: Pick<EmailConfig, "application">): number {
  return config.application.clientSecretRotationDays ?? Math.floor(config.application.clientSecretLifetimeDays / 2);
}
