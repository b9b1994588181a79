import type { EmailConfig } from "../model/config";
import { oauthMailboxes, usesClientCredentials, type LocatedMailbox } from "../model/mailbox";
import { psCommentText, psLiteral } from "./private/powershell";

export const ACCESS_POLICY_STYLES = ["rbac", "application-access-policy"] as const;
export type AccessPolicyStyle = (typeof ACCESS_POLICY_STYLES)[number];

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
  /** How GRAPH mailboxes are fenced: RBAC for Applications (current) or an application access policy (older). */
  readonly style: AccessPolicyStyle;
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

const RBAC_TRADE_OFF = [
  "# Read before running: RBAC for Applications ADDS an Exchange-side grant; it does not narrow a grant made in Entra.",
  "# The Terraform stack grants Mail.ReadWrite and Mail.Send tenant-wide (admin consent: azuread_app_role_assignment),",
  "# as the Genesys page asks. While that Entra grant exists the app can still reach EVERY mailbox, and the scope below",
  "# limits nothing. For the scope to take effect, remove the two Entra app-role assignments once",
  "# Test-ServicePrincipalAuthorization shows the scoped roles, and keep the stack from granting them again.",
  "# Trade-off: without the Entra grant the portal shows the permissions as not consented and Genesys's setup",
  "# description no longer matches; with it, the app is unscoped. The alternative, --access-policy application-access-policy,",
  "# restricts the Entra grant itself, but Microsoft is replacing application access policies with RBAC for Applications.",
];

const ACCESS_POLICY_NOTE = [
  "# Application access policy (the older form): it restricts the tenant-wide Entra grant of Mail.ReadWrite and",
  "# Mail.Send to the members of the group. Microsoft is replacing it with RBAC for Applications",
  "# (--access-policy rbac); both must not be combined for the same app.",
];

const GUID_CHECK = "'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'";

/**
 * `exchange-setup.ps1`: the Exchange Online settings the OAuth 2.0 mailboxes need.
 * Protocols enabled per mailbox as used; GRAPH mailboxes fenced to exactly the declared
 * ones. Every value is a PowerShell-safe literal (see `psLiteral`); the script is pure ASCII.
 * Values only Terraform knows (client ID, service principal object ID) are script parameters.
 */
export function renderExchangeSetupScript(config: EmailConfig, options: ExchangeSetupOptions): string {
  const mailboxes = oauthMailboxes(config);
  const graph = mailboxes.filter((l) => usesClientCredentials(l.mailbox));
  const clientId = options.clientId ?? config.application.clientId;
  const rbac = options.style === "rbac";
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
    `# 2. Limit the app to the GRAPH mailboxes (${rbac ? "RBAC for Applications" : "application access policy"}).`,
    ...(rbac ? RBAC_TRADE_OFF : ACCESS_POLICY_NOTE),
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
      ...["Mail.ReadWrite", "Mail.Send"].flatMap((permission) => [
        `if (-not (Get-ManagementRoleAssignment -Identity ($AppId + ' ${permission}') -ErrorAction SilentlyContinue)) {`,
        `    New-ManagementRoleAssignment -Name ($AppId + ' ${permission}') -App $AppId -Role 'Application ${permission}' -CustomResourceScope $GroupName | Out-Null`,
        "}",
      ]),
      "",
      "# 3. Verify: each GRAPH mailbox must show both roles with InScope True.",
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
