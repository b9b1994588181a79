import { normalizeAuthority } from "./mailbox";

/**
 * Microsoft's clouds, keyed by the tenant-authority's login host: the one table that rules,
 * check, manifest and constructs read. Source: shared/spec/microsoft-facts.md, "Sovereign
 * clouds". Only the global row is documented by the vendor; the Exchange hosts of US Government
 * and China come from community sources, so those rows are marked unverified. US Government
 * L4 (GCC High) and DoD share a login host: L4 is assumed (DoD uses dod-graph.microsoft.us for Graph).
 */
export interface MicrosoftCloud {
  readonly name: string;
  /** Resource of the delegated Exchange Online scopes (IMAP/POP/SMTP/EWS), e.g. https://outlook.office.com */
  readonly exchangeResource: string;
  /** Resource of the client-credentials Graph scope, e.g. https://graph.microsoft.com */
  readonly graphResource: string;
  /** The azuread provider's `environment`; undefined for its default (`global`). */
  readonly azureadEnvironment?: string;
  /**
   * `Connect-ExchangeOnline -ExchangeEnvironmentName`; undefined for the default (`O365Default`, global and GCC).
   * Source: Connect-ExchangeOnline reference (learn.microsoft.com/powershell/module/exchangepowershell/connect-exchangeonline).
   */
  readonly exchangeEnvironmentName?: ExchangeEnvironmentName;
  /** False where a value comes from a community source. */
  readonly verified: boolean;
}

/**
 * The values of `Connect-ExchangeOnline -ExchangeEnvironmentName` this tool supports (O365GermanyCloud is retired).
 * GCC High and DoD share a login host, so a tenant-authority cannot tell them apart: exchange-setup.ps1 takes the
 * value as a parameter whose default comes from the cloud below (GCC High for login.microsoftonline.us).
 */
export const EXCHANGE_ENVIRONMENT_NAMES = ["O365Default", "O365USGovGCCHigh", "O365USGovDoD", "O365China"] as const;
export type ExchangeEnvironmentName = (typeof EXCHANGE_ENVIRONMENT_NAMES)[number];

export const GLOBAL_CLOUD: MicrosoftCloud = {
  name: "Global",
  exchangeResource: "https://outlook.office.com",
  graphResource: "https://graph.microsoft.com",
  verified: true,
};
const US_GOVERNMENT: MicrosoftCloud = {
  name: "US Government",
  exchangeResource: "https://outlook.office365.us",
  graphResource: "https://graph.microsoft.us",
  azureadEnvironment: "usgovernment",
  exchangeEnvironmentName: "O365USGovGCCHigh",
  verified: false,
};
const CHINA: MicrosoftCloud = {
  name: "China (21Vianet)",
  exchangeResource: "https://partner.outlook.cn",
  graphResource: "https://microsoftgraph.chinacloudapi.cn",
  azureadEnvironment: "china",
  exchangeEnvironmentName: "O365China",
  verified: false,
};

export const CLOUDS_BY_LOGIN_HOST: Readonly<Record<string, MicrosoftCloud>> = {
  "login.microsoftonline.com": GLOBAL_CLOUD,
  "login.microsoftonline.us": US_GOVERNMENT,
  "login.chinacloudapi.cn": CHINA,
  "login.partner.microsoftonline.cn": CHINA,
};

/** The Microsoft cloud of a tenant authority; undefined for a private or test authority, or one that is no URL. */
export function microsoftCloud(authority: string): MicrosoftCloud | undefined {
  try {
    return CLOUDS_BY_LOGIN_HOST[new URL(normalizeAuthority(authority)).hostname.toLowerCase()];
  } catch {
    return undefined;
  }
}

/** True when the authority is one of Microsoft's clouds' login hosts (global, US Government, China 21Vianet). */
export function isMicrosoftAuthority(authority: string): boolean {
  return microsoftCloud(authority) !== undefined;
}

/** Hosts of Exchange Online in the global and sovereign clouds (shared/spec/microsoft-facts.md). */
export const EXCHANGE_ONLINE_HOSTS = /(^|\.)(office365\.com|outlook\.com|office365\.us|outlook\.office365\.us|partner\.outlook\.cn)$/i;

/**
 * EWS in Exchange Online: blocked by default from this day, shut down from the next (UTC days).
 * Source: Microsoft Exchange Team blog, "Retirement of Exchange Web Services in Exchange Online"
 * (techcommunity.microsoft.com, 2023-09, updated 2025); shared/spec/microsoft-facts.md.
 */
export const EWS_BLOCKED_FROM = "2026-10-01";
export const EWS_SHUTDOWN_ON = "2027-04-01";

/** Whole UTC days from `now`'s day to `day` (YYYY-MM-DD); negative once `day` has passed. */
export function daysUntil(day: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${day}T00:00:00Z`) - today) / 86_400_000);
}
