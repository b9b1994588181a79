import type { EmailConfig } from "./config";
import { GUID } from "./guid";

/** `New-DistributionGroup -Name` takes at most 64 characters (shared/spec/microsoft-facts.md, "Day two"). */
export const MAX_EXCHANGE_GROUP_NAME_LENGTH = 64;

/** Whether Exchange takes this as the group's name: 1 to 64 characters. */
export function exchangeGroupNameFits(name: string): boolean {
  return name.length >= 1 && name.length <= MAX_EXCHANGE_GROUP_NAME_LENGTH;
}

/**
 * The mail-enabled security group exchange-setup.ps1 creates for the GRAPH mailboxes (also the name of the
 * RBAC for Applications management scope): `application.graphMailboxGroup`, else `<displayName> GRAPH mailboxes`.
 */
export function graphMailboxGroupName(config: Pick<EmailConfig, "application">): string {
  return config.application.graphMailboxGroup ?? `${config.application.displayName} GRAPH mailboxes`;
}

/** The rotation period when none is given: half the lifetime, rounded down (the config and the construct's default). */
export function defaultRotationDays(lifetimeDays: number): number {
  return Math.floor(lifetimeDays / 2);
}

/** Days between two new client secrets: `application.clientSecretRotationDays`, else half the lifetime (rounded down). */
export function clientSecretRotationDays(config: Pick<EmailConfig, "application">): number {
  return config.application.clientSecretRotationDays ?? defaultRotationDays(config.application.clientSecretLifetimeDays);
}

/** `application.owners` split by kind: object IDs (GUIDs) are owners as they are; UPNs are looked up by Terraform. */
export interface ApplicationOwners {
  readonly objectIds: readonly string[];
  readonly userPrincipalNames: readonly string[];
}

/**
 * The owners of the app registration and its service principal, each once (case-insensitive), in config order;
 * undefined without `application.owners`: then the identity running Terraform owns them (azuread_client_config).
 */
export function applicationOwners(config: Pick<EmailConfig, "application">): ApplicationOwners | undefined {
  const owners = config.application.owners;
  if (owners === undefined) return undefined;
  const seen = new Set<string>();
  const objectIds: string[] = [];
  const userPrincipalNames: string[] = [];
  for (const owner of owners) {
    const key = owner.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    (GUID.test(owner) ? objectIds : userPrincipalNames).push(owner);
  }
  return { objectIds, userPrincipalNames };
}
