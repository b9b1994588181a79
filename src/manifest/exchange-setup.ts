import type { EmailConfig } from "../model/config";
import { oauthMailboxes, requestOrder, usesClientCredentials, type LocatedMailbox } from "../model/mailbox";
import { EXCHANGE_ROLES_FOR_GRAPH, requiredPermissions } from "../permissions/required-permissions";
import { psCommentText, psLiteral } from "./private/powershell";

export const ACCESS_POLICY_STYLES = ["rbac", "application-access-policy"] as const;
export type AccessPolicyStyle = (typeof ACCESS_POLICY_STYLES)[number];

/** Microsoft Learn pages the script's comments rely on. */
const RBAC_FOR_APPLICATIONS_URL = "https://learn.microsoft.com/exchange/permissions-exo/application-rbac";
const ACCESS_POLICIES_URL = "https://learn.microsoft.com/exchange/permissions-exo/application-access-policies";

/**
 * How GRAPH mailboxes are fenced unless told otherwise, from `application.graphMailboxAccess`:
 * `tenant-consent` → an application access policy, the one Exchange mechanism that restricts a tenant-wide
 * Entra grant (an RBAC for Applications scope is added to the Entra grant and narrows nothing);
 * `exchange-rbac` → RBAC for Applications, whose role assignments are then the app's only access.
 */
export function defaultAccessPolicyStyle(config: Pick<EmailConfig, "application">): AccessPolicyStyle {
  return config.application.graphMailboxAccess === "exchange-rbac" ? "rbac" : "application-access-policy";
}

/**
 * Why a style cannot serve this config, or undefined. An application access policy only restricts Entra grants;
 * with `exchange-rbac` there is none, so the policy would grant nothing and the GRAPH mailboxes no access.
 */
export function accessPolicyStyleProblem(config: EmailConfig, style: AccessPolicyStyle): string | undefined {
  const graph = oauthMailboxes(config).some((l) => usesClientCredentials(l.mailbox));
  if (!graph || style !== "application-access-policy" || config.application.graphMailboxAccess !== "exchange-rbac") return undefined;
  return "An application access policy only restricts a Microsoft Graph permission granted in Entra, and with application.graphMailboxAccess: exchange-rbac there is none: the GRAPH mailboxes get their access from RBAC for Applications role assignments (--access-policy rbac, the default for this config).";
}

export interface ExchangeSetupOptions {
  /**
   * The Application (client) ID.
   * @default - the config's `application.clientId`; otherwise `$AppId` is a mandatory script parameter
   */
  readonly clientId?: string;
  /**
   * Object ID of the app's service principal in Entra (RBAC for Applications needs it).
   * @default - a mandatory script parameter `$ServicePrincipalObjectId`
   */
  readonly servicePrincipalObjectId?: string;
  /**
   * How GRAPH mailboxes are fenced: RBAC for Applications (current) or an application access policy (legacy).
   * `application-access-policy` is refused with `graphMailboxAccess: exchange-rbac` (see `accessPolicyStyleProblem`).
   * @default - `defaultAccessPolicyStyle(config)`: application-access-policy for tenant-consent, rbac for exchange-rbac
   */
  readonly style?: AccessPolicyStyle;
  /**
   * The mail-enabled security group that holds the GRAPH mailboxes (also the management scope's name).
   * @default - `<application display name> GRAPH mailboxes`
   */
  readonly groupName?: string;
}

interface ProtocolSwitch {
  readonly type: string;
  readonly parameter: string;
}

/** `Set-CASMailbox` switches per protocol (shared/spec/microsoft-facts.md); GRAPH needs none. */
const SWITCHES: Readonly<Record<string, ProtocolSwitch>> = {
  IMAP: { type: "IMAP", parameter: "-ImapEnabled $true" },
  POP3: { type: "POP3", parameter: "-PopEnabled $true" },
  EWS: { type: "EWS", parameter: "-EwsEnabled $true" },
  SMTP: { type: "SMTP", parameter: "-SmtpClientAuthenticationDisabled $false" },
};
const SWITCH_ORDER = ["IMAP", "POP3", "EWS", "SMTP"];

function label(l: LocatedMailbox): string {
  return psCommentText(`${l.mailbox.name}${l.mailbox.testMailbox ? " (test mailbox)" : ""}`);
}

/** One Set-CASMailbox per login, with every protocol any of its mailboxes uses. */
function protocolLines(mailboxes: readonly LocatedMailbox[]): string[] {
  const byLogin = new Map<string, { login: string; types: Set<string>; labels: string[] }>();
  for (const l of mailboxes) {
    if (!(l.mailbox.server.type in SWITCHES)) continue;
    const key = l.mailbox.mailbox.toLowerCase();
    const entry = byLogin.get(key) ?? { login: l.mailbox.mailbox, types: new Set<string>(), labels: [] };
    entry.types.add(l.mailbox.server.type);
    entry.labels.push(label(l));
    byLogin.set(key, entry);
  }
  const lines: string[] = [];
  for (const { login, types, labels } of byLogin.values()) {
    const used = SWITCH_ORDER.filter((t) => types.has(t));
    lines.push(`# ${labels.join(", ")}: ${used.join(", ")}`);
    lines.push(`Set-CASMailbox -Identity ${psLiteral(login)} ${used.map((t) => SWITCHES[t]!.parameter).join(" ")}`);
  }
  return lines;
}

/** `--access-policy rbac` while the stack still grants tenant-wide: a scope that restricts nothing, said loudly. */
const RBAC_OVER_TENANT_CONSENT = [
  "# !!! WARNING: WITH THIS CONFIG THE SCOPE BELOW RESTRICTS NOTHING !!!",
  "# application.graphMailboxAccess is tenant-consent: the Terraform stack grants Microsoft Graph Mail.ReadWrite and",
  "# Mail.Send tenant-wide (admin consent: azuread_app_role_assignment), as the Genesys page asks.",
  "# RBAC for Applications ADDS an Exchange-side grant to what Entra grants; it does not narrow a grant made in Entra.",
  "# While that Entra grant exists the app can still reach EVERY mailbox in the tenant, whatever",
  "# Test-ServicePrincipalAuthorization says.",
  "# To make this scope the only grant, set application.graphMailboxAccess: exchange-rbac and apply the stack (that",
  "# removes the two Entra app role assignments), after running this script. To restrict the Entra grant instead, use",
  "# the default for this config: an application access policy (--access-policy application-access-policy).",
  `# ${RBAC_FOR_APPLICATIONS_URL}`,
];

const RBAC_ONLY_GRANT = [
  "# application.graphMailboxAccess is exchange-rbac: the Terraform stack grants no Microsoft Graph mail permission in",
  "# Entra. These role assignments are the app's only access to mail, and only to the members of the group; until",
  "# they exist, Genesys cannot read from or send as the GRAPH mailboxes. Run this script before the stack's apply",
  "# removes an earlier tenant-wide grant. Keep it that way: an Entra grant of Mail.ReadWrite or Mail.Send added to",
  "# this app later (portal, another tool) would add tenant-wide access that this scope does not narrow.",
  "# Exchange caches app permissions: a new assignment can take 30 minutes to 2 hours to apply; the",
  "# Test-ServicePrincipalAuthorization lines below answer at once.",
  "# Moving from tenant-consent: once the checks below pass, remove the application access policy an earlier version",
  "# of this script created (it restricts only Entra grants, of which there are none now):",
  "#   Get-ApplicationAccessPolicy | Where-Object { $_.AppId -eq $AppId } | Remove-ApplicationAccessPolicy -Confirm:$false",
  `# ${RBAC_FOR_APPLICATIONS_URL}`,
];

const ACCESS_POLICY_NOTE = [
  "# application.graphMailboxAccess is tenant-consent: the Terraform stack grants Microsoft Graph Mail.ReadWrite and",
  "# Mail.Send tenant-wide (admin consent), as the Genesys page asks. An application access policy restricts that",
  "# Entra grant to the members of the group: Exchange Online refuses the app every other mailbox.",
  "# Microsoft calls application access policies legacy, replaced by RBAC for Applications, and advises against new",
  "# ones. But an RBAC scope is added to the Entra grant and would narrow nothing; for RBAC without a tenant-wide grant,",
  "# set application.graphMailboxAccess: exchange-rbac. Do not combine both mechanisms for the same app.",
  `# ${ACCESS_POLICIES_URL}`,
];

const GUID_CHECK = "'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'";

/**
 * `exchange-setup.ps1`: the Exchange Online settings the OAuth 2.0 mailboxes need.
 * Protocols enabled per mailbox as used; GRAPH mailboxes fenced to exactly the declared
 * ones: with `graphMailboxAccess: tenant-consent` by an application access policy over the
 * Entra grant (or, when asked, an RBAC scope with a warning that it restricts nothing), with
 * `exchange-rbac` by RBAC for Applications role assignments that are the only grant.
 * @throws Error when `accessPolicyStyleProblem` reports the style cannot serve the config Every value is a PowerShell-safe literal (see `psLiteral`); the script is pure ASCII.
 * Values only Terraform knows (client ID, service principal object ID) are script parameters.
 */
export function renderExchangeSetupScript(config: EmailConfig, options: ExchangeSetupOptions = {}): string {
  const mailboxes = requestOrder(oauthMailboxes(config));
  const graph = mailboxes.filter((l) => usesClientCredentials(l.mailbox));
  const clientId = options.clientId ?? config.application.clientId;
  const style = options.style ?? defaultAccessPolicyStyle(config);
  const problem = accessPolicyStyleProblem(config, style);
  if (problem !== undefined) throw new Error(problem);
  const rbac = style === "rbac";
  const onlyGrant = config.application.graphMailboxAccess === "exchange-rbac";
  const permissions = requiredPermissions(config);
  const roles = onlyGrant ? (permissions.exchangeRoles ?? []) : EXCHANGE_ROLES_FOR_GRAPH;
  const groupName = options.groupName ?? `${config.application.displayName} GRAPH mailboxes`;
  const out: string[] = [
    "# exchange-setup.ps1: Exchange Online settings for the Genesys E-mail Server OAuth 2.0 mailboxes.",
    "# Generated by genesys-email-iac from the mailbox config: regenerate it rather than editing it.",
    "# Run in Exchange Online PowerShell as an Exchange administrator:",
    "#   Install-Module ExchangeOnlineManagement; Connect-ExchangeOnline",
    "# Not covered here: multifactor authentication must be off for the mailboxes that sign in with their",
    "# password (IMAP, POP3, EWS, SMTP over OAuth 2.0); that is an Entra setting (Conditional Access, per-user MFA).",
  ];
  if (graph.length > 0) {
    out.push("[CmdletBinding()]", "param(");
    const params: string[][] = [];
    params.push([
      "    # Application (client) ID of the Entra app: terraform output -raw client_id",
      clientId !== undefined ? `    [string] $AppId = ${psLiteral(clientId)}` : "    [Parameter(Mandatory = $true)] [string] $AppId",
    ]);
    if (rbac) {
      params.push([
        "    # Object ID of the app's service principal: Entra admin center, Enterprise applications, the app, Object ID",
        options.servicePrincipalObjectId !== undefined
          ? `    [string] $ServicePrincipalObjectId = ${psLiteral(options.servicePrincipalObjectId)}`
          : "    [Parameter(Mandatory = $true)] [string] $ServicePrincipalObjectId",
      ]);
    }
    params.push(["    # Mail-enabled security group holding exactly the GRAPH mailboxes", `    [string] $GroupName = ${psLiteral(groupName)}`]);
    params.forEach((p, i) => out.push(p[0]!, `${p[1]!}${i < params.length - 1 ? "," : ""}`));
    out.push(")");
  }
  out.push("Set-StrictMode -Version Latest", "$ErrorActionPreference = 'Stop'", "");

  const protocols = protocolLines(mailboxes);
  out.push("# 1. Protocols each mailbox uses (Genesys: Special mailbox settings). GRAPH needs none.");
  out.push(...(protocols.length > 0 ? protocols : ["# No mailbox signs in over IMAP, POP3, EWS or SMTP."]), "");

  if (graph.length === 0) {
    out.push("# 2. No GRAPH mailbox: the app holds no application permission, so there is nothing to fence.");
    return `${out.join("\n")}\n`;
  }
  const members = graph.map((l) => `    ${psLiteral(l.mailbox.mailbox)}`);
  out.push(
    `if ($AppId -notmatch ${GUID_CHECK}) { throw 'AppId must be the Application (client) ID, a GUID.' }`,
    ...(rbac ? [`if ($ServicePrincipalObjectId -notmatch ${GUID_CHECK}) { throw 'ServicePrincipalObjectId must be a GUID.' }`] : []),
    "",
    rbac && onlyGrant
      ? "# 2. Grant the app the GRAPH mailboxes, and only them (RBAC for Applications)."
      : `# 2. Limit the app to the GRAPH mailboxes (${rbac ? "RBAC for Applications" : "application access policy"}).`,
    ...(rbac ? (onlyGrant ? RBAC_ONLY_GRANT : RBAC_OVER_TENANT_CONSENT) : ACCESS_POLICY_NOTE),
    ...(rbac && !onlyGrant
      ? ["Write-Warning 'application.graphMailboxAccess is tenant-consent: the tenant-wide Entra grant of Mail.ReadWrite and Mail.Send still reaches every mailbox; this RBAC scope restricts nothing until that grant is removed.'"]
      : []),
    "$GraphMailboxes = @(",
    ...members.map((m, i) => (i < members.length - 1 ? `${m},` : m)),
    ")",
    "if (-not (Get-DistributionGroup -Identity $GroupName -ErrorAction SilentlyContinue)) {",
    "    New-DistributionGroup -Name $GroupName -Type Security | Out-Null",
    "}",
    "Update-DistributionGroupMember -Identity $GroupName -Members $GraphMailboxes -BypassSecurityGroupManagerCheck -Confirm:$false",
  );
  if (rbac) {
    out.push(
      "if (-not (Get-ServicePrincipal -Identity $ServicePrincipalObjectId -ErrorAction SilentlyContinue)) {",
      `    New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalObjectId -DisplayName ${psLiteral(config.application.displayName)} | Out-Null`,
      "}",
      "$GroupDN = (Get-DistributionGroup -Identity $GroupName).DistinguishedName",
      "# The DN sits inside '...' in the OPATH filter: its single quotes are doubled there.",
      "$Filter = \"MemberOfGroup -eq '{0}'\" -f ($GroupDN -replace \"'\", \"''\")",
      "if (-not (Get-ManagementScope -Identity $GroupName -ErrorAction SilentlyContinue)) {",
      "    New-ManagementScope -Name $GroupName -RecipientRestrictionFilter $Filter | Out-Null",
      "}",
      ...roles.flatMap((role) => {
        const permission = role.replace(/^Application /, "");
        return [
          `if (-not (Get-ManagementRoleAssignment -Identity ($AppId + ' ${permission}') -ErrorAction SilentlyContinue)) {`,
          `    New-ManagementRoleAssignment -Name ($AppId + ' ${permission}') -App $AppId -Role ${psLiteral(role)} -CustomResourceScope $GroupName | Out-Null`,
          "}",
        ];
      }),
      "",
      `# 3. Verify: each GRAPH mailbox must show ${roles.join(" and ")} with InScope True.`,
      ...graph.map((l) => `Test-ServicePrincipalAuthorization -Identity $AppId -Resource ${psLiteral(l.mailbox.mailbox)}`),
    );
  } else {
    out.push(
      "$GroupAddress = (Get-DistributionGroup -Identity $GroupName).PrimarySmtpAddress.ToString()",
      "if (-not (Get-ApplicationAccessPolicy | Where-Object { $_.AppId -eq $AppId })) {",
      `    New-ApplicationAccessPolicy -AccessRight RestrictAccess -AppId $AppId -PolicyScopeGroupId $GroupAddress -Description ${psLiteral(`${config.application.displayName}: Genesys GRAPH mailboxes only`)} | Out-Null`,
      "}",
      "",
      "# 3. Verify: each GRAPH mailbox must show AccessCheckResult Granted (policy changes can take an hour to apply).",
      ...graph.map((l) => `Test-ApplicationAccessPolicy -Identity ${psLiteral(l.mailbox.mailbox)} -AppId $AppId`),
    );
  }
  return `${out.join("\n")}\n`;
}
