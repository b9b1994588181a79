import { exchangeGroupNameFits, graphMailboxGroupName, MAX_EXCHANGE_GROUP_NAME_LENGTH } from "../model/application";
import { EXCHANGE_ENVIRONMENT_NAMES, microsoftCloud, type ExchangeEnvironmentName } from "../model/clouds";
import type { EmailConfig } from "../model/config";
import { needsClientSecret, oauthMailboxes, requestOrder, usesClientCredentials, type LocatedMailbox } from "../model/mailbox";
import { EXCHANGE_ROLES_FOR_GRAPH, requiredPermissions } from "../permissions/required-permissions";
import { psCommentText, psLiteral } from "./private/powershell";
import { EXCHANGE_SETUP_ROLE } from "../permissions/roles";

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
  if (!needsClientSecret(config) || style !== "application-access-policy" || config.application.graphMailboxAccess !== "exchange-rbac") return undefined;
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
   * At most 64 characters (`New-DistributionGroup -Name`); a longer one throws.
   * @default - `graphMailboxGroupName(config)`: `application.graphMailboxGroup`, else `<displayName> GRAPH mailboxes`
   */
  readonly groupName?: string;
}

/** Microsoft Learn pages the script's comments rely on, one per cmdlet family. */
const DOCS = {
  connect: "https://learn.microsoft.com/powershell/module/exchangepowershell/connect-exchangeonline",
  connectionInformation: "https://learn.microsoft.com/powershell/module/exchangepowershell/get-connectioninformation",
  casMailbox: "https://learn.microsoft.com/powershell/module/exchangepowershell/set-casmailbox",
  distributionGroup: "https://learn.microsoft.com/powershell/module/exchangepowershell/new-distributiongroup",
  groupMembers: "https://learn.microsoft.com/powershell/module/exchangepowershell/update-distributiongroupmember",
  newPolicy: "https://learn.microsoft.com/powershell/module/exchangepowershell/new-applicationaccesspolicy",
  testPolicy: "https://learn.microsoft.com/powershell/module/exchangepowershell/test-applicationaccesspolicy",
  servicePrincipal: "https://learn.microsoft.com/powershell/module/exchangepowershell/new-serviceprincipal",
  scope: "https://learn.microsoft.com/powershell/module/exchangepowershell/set-managementscope",
  assignment: "https://learn.microsoft.com/powershell/module/exchangepowershell/set-managementroleassignment",
  testAuthorization: "https://learn.microsoft.com/powershell/module/exchangepowershell/test-serviceprincipalauthorization",
} as const;

/** A `Get-CASMailbox` property, the value the protocol needs, and the `Set-CASMailbox` switch that sets it. */
interface ProtocolSetting {
  readonly property: string;
  readonly value: "$true" | "$false";
}

/**
 * Per protocol (shared/spec/microsoft-facts.md; Set-CASMailbox reference): IMAP, POP3 and EWS enabled, SMTP AUTH not
 * disabled for the mailbox (`$null` follows the organization, where new tenants have it off). GRAPH needs none.
 */
const SETTINGS: Readonly<Record<string, ProtocolSetting>> = {
  IMAP: { property: "ImapEnabled", value: "$true" },
  POP3: { property: "PopEnabled", value: "$true" },
  EWS: { property: "EwsEnabled", value: "$true" },
  SMTP: { property: "SmtpClientAuthenticationDisabled", value: "$false" },
};
const SETTING_ORDER = ["IMAP", "POP3", "EWS", "SMTP"];

function label(l: LocatedMailbox): string {
  return psCommentText(`${l.mailbox.name}${l.mailbox.testMailbox ? " (test mailbox)" : ""}`);
}

interface LoginProtocols {
  readonly login: string;
  readonly types: readonly string[];
  readonly labels: readonly string[];
}

/** One entry per login (case-insensitive), with every protocol any of its mailboxes uses. */
function loginProtocols(mailboxes: readonly LocatedMailbox[]): LoginProtocols[] {
  const byLogin = new Map<string, { login: string; types: Set<string>; labels: string[] }>();
  for (const l of mailboxes) {
    if (!(l.mailbox.server.type in SETTINGS)) continue;
    const key = l.mailbox.mailbox.toLowerCase();
    const entry = byLogin.get(key) ?? { login: l.mailbox.mailbox, types: new Set<string>(), labels: [] };
    entry.types.add(l.mailbox.server.type);
    entry.labels.push(label(l));
    byLogin.set(key, entry);
  }
  return [...byLogin.values()].map((e) => ({ login: e.login, types: SETTING_ORDER.filter((t) => e.types.has(t)), labels: e.labels }));
}

/** `if (<differs> -and $PSCmdlet.ShouldProcess(<target>, <action>)) { <change> }`: a change runs only when needed, never under -WhatIf. */
function change(differs: string, target: string, action: string, body: readonly string[], indent = ""): string[] {
  const condition = differs === "" ? `$PSCmdlet.ShouldProcess(${target}, ${action})` : `${differs} -and $PSCmdlet.ShouldProcess(${target}, ${action})`;
  return [`${indent}if (${condition}) {`, ...body.map((b) => `${indent}    ${b}`), `${indent}}`];
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

const GUID_PATTERN = "'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'";

/** The tenant's `Connect-ExchangeOnline -ExchangeEnvironmentName`, from the one cloud table (src/model/clouds.ts). */
export function exchangeEnvironmentName(config: Pick<EmailConfig, "tenant">): ExchangeEnvironmentName {
  return microsoftCloud(config.tenant.authority)?.exchangeEnvironmentName ?? "O365Default";
}

interface Parameter {
  readonly comment: readonly string[];
  /** The declaration after the attributes, e.g. `[string] $AppId = '...'`. */
  readonly declaration: string;
}

function parameter(comment: readonly string[], name: string, value: string | undefined): Parameter {
  return {
    comment,
    declaration: value !== undefined ? `[string] $${name} = ${psLiteral(value)}` : `[Parameter(Mandatory = $true)] [string] $${name}`,
  };
}

/**
 * `exchange-setup.ps1`: the Exchange Online settings the OAuth 2.0 mailboxes need, safe to run again.
 *
 * 1. Every parameter is checked before anything else (GUIDs, the group name's 64 characters, the environment).
 * 2. It connects to the tenant's cloud (`-ExchangeEnvironmentName` from src/model/clouds.ts) unless already
 *    connected, and stops when the session belongs to another tenant.
 * 3. It reads every mailbox and object first, so a typo stops it before any change.
 * 4. Each change runs inside `$PSCmdlet.ShouldProcess` (`-WhatIf` shows them all, makes none) and only where the
 *    tenant differs: protocols per mailbox; for GRAPH, the group's members, then the application access policy
 *    (one whose group differs is replaced, new first so the app is never unrestricted) or the RBAC for Applications
 *    service principal, management scope and role assignments (scope and assignment drift corrected).
 * 5. It verifies each GRAPH mailbox and throws on `Denied` (or not InScope).
 *
 * Every config value is a PowerShell-safe literal (see `psLiteral`); the script is pure ASCII.
 * @throws Error when `accessPolicyStyleProblem` reports the style cannot serve the config, or the group name is longer than 64 characters
 */
export function renderExchangeSetupScript(config: EmailConfig, options: ExchangeSetupOptions = {}): string {
  const mailboxes = requestOrder(oauthMailboxes(config));
  const graph = mailboxes.filter((l) => usesClientCredentials(l.mailbox));
  const clientId = options.clientId ?? config.application.clientId;
  const style = options.style ?? defaultAccessPolicyStyle(config);
  const problem = accessPolicyStyleProblem(config, style);
  if (problem !== undefined) throw new Error(problem);
  const groupName = options.groupName ?? graphMailboxGroupName(config);
  if (graph.length > 0 && !exchangeGroupNameFits(groupName)) {
    throw new Error(`The Exchange group name must have 1 to ${MAX_EXCHANGE_GROUP_NAME_LENGTH} characters (New-DistributionGroup -Name); ${JSON.stringify(groupName)} has ${groupName.length}.`);
  }
  const rbac = style === "rbac";
  const onlyGrant = config.application.graphMailboxAccess === "exchange-rbac";
  const roles = onlyGrant ? (requiredPermissions(config).exchangeRoles ?? []) : EXCHANGE_ROLES_FOR_GRAPH;
  const environment = exchangeEnvironmentName(config);

  const params: Parameter[] = [
    parameter(["    # Directory (tenant) ID: the Exchange Online session must belong to this tenant"], "TenantId", config.tenant.directoryId),
    parameter(
      [
        `    # Exchange Online environment: ${EXCHANGE_ENVIRONMENT_NAMES.join(", ")} (Microsoft 365 DoD shares`,
        "    # GCC High's sign-in host, so a DoD tenant passes -ExchangeEnvironmentName O365USGovDoD)",
      ],
      "ExchangeEnvironmentName",
      environment,
    ),
  ];
  if (graph.length > 0) {
    params.push(parameter(["    # Application (client) ID of the Entra app: terraform output -raw client_id"], "AppId", clientId));
    if (rbac) {
      params.push(
        parameter(
          [
            "    # Object ID of the app's SERVICE PRINCIPAL (Entra admin center, Enterprise applications), not the object ID",
            "    # on the App registrations page: terraform output -raw service_principal_object_id",
          ],
          "ServicePrincipalObjectId",
          options.servicePrincipalObjectId,
        ),
      );
    }
    params.push(parameter([`    # Mail-enabled security group holding exactly the GRAPH mailboxes (1 to ${MAX_EXCHANGE_GROUP_NAME_LENGTH} characters)`], "GroupName", groupName));
  }

  const out: string[] = [
    "# exchange-setup.ps1: Exchange Online settings for the Genesys E-mail Server OAuth 2.0 mailboxes.",
    "# Generated by genesys-email-iac from the mailbox config: regenerate it rather than editing it.",
    `# Run as an ${EXCHANGE_SETUP_ROLE}, in PowerShell with the ExchangeOnlineManagement module 3.0 or later:`,
    "#   .\\exchange-setup.ps1 -WhatIf    # shows every change it would make, and makes none",
    "#   .\\exchange-setup.ps1           # makes them; run it again at any time: it changes only what differs",
    "# Values only Terraform knows are parameters; after `terraform apply`, render the script again with them filled in:",
    "#   terraform output -json > outputs.json; genesys-email manifest <config file> --tf-outputs outputs.json --format powershell",
    "# Not covered here: multifactor authentication must be off for the mailboxes that sign in with their",
    "# password (IMAP, POP3, EWS, SMTP over OAuth 2.0); that is an Entra setting (Conditional Access, per-user MFA).",
    "[CmdletBinding(SupportsShouldProcess)]",
    "param(",
  ];
  params.forEach((p, i) => out.push(...p.comment, `    ${p.declaration}${i < params.length - 1 ? "," : ""}`));
  out.push(")", "");

  out.push(
    "# 1. Check every parameter before anything else.",
    `$GuidPattern = ${GUID_PATTERN}`,
    "if ($TenantId -notmatch $GuidPattern) { throw 'TenantId must be the Directory (tenant) ID, a GUID.' }",
    `if ($ExchangeEnvironmentName -notin @(${EXCHANGE_ENVIRONMENT_NAMES.map((n) => `'${n}'`).join(", ")})) { throw 'ExchangeEnvironmentName must be one of ${EXCHANGE_ENVIRONMENT_NAMES.join(", ")}.' }`,
  );
  if (graph.length > 0) {
    out.push("if ($AppId -notmatch $GuidPattern) { throw 'AppId must be the Application (client) ID, a GUID: terraform output -raw client_id' }");
    if (rbac) {
      out.push(
        "if ($ServicePrincipalObjectId -notmatch $GuidPattern) { throw 'ServicePrincipalObjectId must be a GUID: terraform output -raw service_principal_object_id' }",
        "if ($ServicePrincipalObjectId -eq $AppId) { throw 'ServicePrincipalObjectId is the client ID. Give the object ID of the service principal: terraform output -raw service_principal_object_id' }",
      );
    }
    out.push(
      `if ($GroupName.Length -lt 1 -or $GroupName.Length -gt ${MAX_EXCHANGE_GROUP_NAME_LENGTH}) { throw ('GroupName must have 1 to ${MAX_EXCHANGE_GROUP_NAME_LENGTH} characters (New-DistributionGroup -Name); it has {0}.' -f $GroupName.Length) }`,
    );
  }
  out.push(
    "Set-StrictMode -Version Latest",
    "$ErrorActionPreference = 'Stop'",
    "",
    "# 2. Connect to the tenant's Exchange Online, unless this session already is; never work on another tenant.",
    `# ${DOCS.connect}`,
    `# ${DOCS.connectionInformation} (State, TenantID)`,
    "$Connections = @(Get-ConnectionInformation -ErrorAction SilentlyContinue | Where-Object { $_.State -eq 'Connected' })",
    "if ($Connections.Count -eq 0) {",
    "    Connect-ExchangeOnline -ExchangeEnvironmentName $ExchangeEnvironmentName -ShowBanner:$false",
    "    $Connections = @(Get-ConnectionInformation | Where-Object { $_.State -eq 'Connected' })",
    "}",
    "if (-not ($Connections | Where-Object { \"$($_.TenantID)\" -eq $TenantId })) {",
    "    throw ('This session is connected to tenant {0}, not {1}: run Disconnect-ExchangeOnline, then this script again.' -f (($Connections | ForEach-Object { $_.TenantID }) -join ', '), $TenantId)",
    "}",
    "",
  );

  const logins = loginProtocols(mailboxes);
  out.push("# 3. Read first: a mailbox or object that does not exist stops the script here, before any change.");
  logins.forEach((l, i) => out.push(`$Cas${i + 1} = Get-CASMailbox -Identity ${psLiteral(l.login)}`));
  if (logins.length === 0) out.push("# No mailbox signs in over IMAP, POP3, EWS or SMTP.");
  if (graph.length > 0) {
    out.push(
      "$GraphMailboxes = @(",
      ...graph.map((l, i) => `    (Get-Mailbox -Identity ${psLiteral(l.mailbox.mailbox)})${i < graph.length - 1 ? "," : ""}`),
      ")",
      "$Group = Get-DistributionGroup -Identity $GroupName -ErrorAction SilentlyContinue",
    );
    if (rbac) out.push(...readServicePrincipal());
    else out.push("$Policies = @(Get-ApplicationAccessPolicy | Where-Object { $_.AppId -eq $AppId })");
  }
  out.push("");

  out.push(`# 4. Protocols each mailbox uses (Genesys: Special mailbox settings). GRAPH needs none. ${DOCS.casMailbox}`);
  logins.forEach((l, i) => {
    out.push(`# ${l.labels.join(", ")}: ${l.types.join(", ")}`);
    for (const t of l.types) {
      const { property, value } = SETTINGS[t]!;
      out.push(...change(`$Cas${i + 1}.${property} -ne ${value}`, psLiteral(l.login), `'Set-CASMailbox -${property} ${value}'`, [`Set-CASMailbox -Identity ${psLiteral(l.login)} -${property} ${value}`]));
    }
  });
  out.push("");

  if (graph.length === 0) {
    out.push("# 5. No GRAPH mailbox: the app holds no application permission, so there is nothing to fence.");
    return `${out.join("\n")}\n`;
  }
  out.push(
    rbac && onlyGrant
      ? "# 5. Grant the app the GRAPH mailboxes, and only them (RBAC for Applications)."
      : `# 5. Limit the app to the GRAPH mailboxes (${rbac ? "RBAC for Applications" : "application access policy"}).`,
    ...(rbac ? (onlyGrant ? RBAC_ONLY_GRANT : RBAC_OVER_TENANT_CONSENT) : ACCESS_POLICY_NOTE),
    ...(rbac && !onlyGrant
      ? ["Write-Warning 'application.graphMailboxAccess is tenant-consent: the tenant-wide Entra grant of Mail.ReadWrite and Mail.Send still reaches every mailbox; this RBAC scope restricts nothing until that grant is removed.'"]
      : []),
    `# The group: created when missing; its members made exactly the GRAPH mailboxes. ${DOCS.distributionGroup}`,
    ...change("-not $Group", "$GroupName", "'New-DistributionGroup -Type Security'", ["$Group = New-DistributionGroup -Name $GroupName -Type Security"]),
    "$Wanted = @($GraphMailboxes | ForEach-Object { $_.Guid.ToString() } | Sort-Object) -join ','",
    "$Members = if ($Group) { @(Get-DistributionGroupMember -Identity $GroupName -ResultSize Unlimited | ForEach-Object { $_.Guid.ToString() } | Sort-Object) -join ',' } else { '' }",
    `# ${DOCS.groupMembers}`,
    ...change(
      "$Members -ne $Wanted",
      "$GroupName",
      "'Update-DistributionGroupMember: exactly the GRAPH mailboxes'",
      ["Update-DistributionGroupMember -Identity $GroupName -Members @($GraphMailboxes | ForEach-Object { $_.Guid.ToString() }) -BypassSecurityGroupManagerCheck -Confirm:$false"],
    ),
  );
  if (rbac) out.push(...rbacChanges(config, roles));
  else out.push(...policyChanges(config));
  out.push("", ...verification(graph, rbac, roles));
  return `${out.join("\n")}\n`;
}

/**
 * The Exchange Online service principal for the app, read before any change. New-ServicePrincipal does not check
 * the IDs it is given, so a mismatch with what Exchange already holds stops the script: the classic mistake is the
 * object ID from App registrations (the application's) instead of Enterprise applications (the service principal's).
 */
function readServicePrincipal(): string[] {
  return [
    `# ${DOCS.servicePrincipal} (AppId, ObjectId)`,
    "$ServicePrincipal = Get-ServicePrincipal -Identity $ServicePrincipalObjectId -ErrorAction SilentlyContinue",
    "if ($ServicePrincipal -and \"$($ServicePrincipal.AppId)\" -ne $AppId) {",
    "    throw ('Service principal {0} belongs to app {1} in Exchange Online, not to {2}: check ServicePrincipalObjectId (terraform output -raw service_principal_object_id).' -f $ServicePrincipalObjectId, $ServicePrincipal.AppId, $AppId)",
    "}",
    "$Known = @(Get-ServicePrincipal | Where-Object { \"$($_.AppId)\" -eq $AppId -and \"$($_.ObjectId)\" -ne $ServicePrincipalObjectId })",
    "if ($Known.Count -gt 0) {",
    "    throw ('Exchange Online already holds service principal {0} for app {1}, but ServicePrincipalObjectId is {2}. The right one is on Entra admin center, Enterprise applications (terraform output -raw service_principal_object_id); the App registrations page shows the application''s object ID, a common mistake. If {0} is the wrong one: Remove-ServicePrincipal -Identity {0}, then run this script again.' -f $Known[0].ObjectId, $AppId, $ServicePrincipalObjectId)",
    "}",
    "$Scope = Get-ManagementScope -Identity $GroupName -ErrorAction SilentlyContinue",
  ];
}

/** Application access policy: ours created when missing, a RestrictAccess policy of this app over another group removed after. */
function policyChanges(config: EmailConfig): string[] {
  const description = psLiteral(`${config.application.displayName}: Genesys GRAPH mailboxes only`);
  return [
    `# The policy: RestrictAccess to the group. Set-ApplicationAccessPolicy changes only a description, so a policy`,
    "# of this app over another group is replaced: ours first, then the other, so the app is never unrestricted",
    "# (RestrictAccess policies add up; Get-ApplicationAccessPolicy shows ScopeName, ScopeIdentity, AccessRight, AppID).",
    `# ${DOCS.newPolicy}`,
    "$GroupIds = if ($Group) { @(\"$($Group.Name)\", \"$($Group.Identity)\", \"$($Group.PrimarySmtpAddress)\", \"$($Group.DistinguishedName)\") } else { @() }",
    "$Ours = @($Policies | Where-Object { \"$($_.AccessRight)\" -eq 'RestrictAccess' -and ((\"$($_.ScopeName)\" -in $GroupIds) -or (\"$($_.ScopeIdentity)\" -in $GroupIds)) })",
    ...change(
      "$Ours.Count -eq 0",
      "$GroupName",
      "'New-ApplicationAccessPolicy -AccessRight RestrictAccess'",
      [`New-ApplicationAccessPolicy -AccessRight RestrictAccess -AppId $AppId -PolicyScopeGroupId $Group.PrimarySmtpAddress.ToString() -Description ${description} | Out-Null`],
    ),
    "# A policy that also names other apps is theirs too: it is reported, never removed.",
    "foreach ($Policy in @($Policies | Where-Object { \"$($_.AccessRight)\" -eq 'RestrictAccess' -and $Ours -notcontains $_ -and @($_.AppId).Count -gt 1 })) {",
    "    Write-Warning ('The application access policy {0} restricts this app and others to {1}; remove this app from it by hand.' -f $Policy.Identity, $Policy.ScopeName)",
    "}",
    "foreach ($Policy in @($Policies | Where-Object { \"$($_.AccessRight)\" -eq 'RestrictAccess' -and $Ours -notcontains $_ -and @($_.AppId).Count -eq 1 })) {",
    ...change(
      "",
      "\"$($Policy.Identity)\"",
      "('Remove-ApplicationAccessPolicy: it restricts the app to {0}, not {1}' -f $Policy.ScopeName, $GroupName)",
      ["Remove-ApplicationAccessPolicy -Identity $Policy.Identity -Confirm:$false"],
      "    ",
    ),
    "}",
    "foreach ($Policy in @($Policies | Where-Object { \"$($_.AccessRight)\" -eq 'DenyAccess' })) {",
    "    Write-Warning ('A DenyAccess policy of this app over {0} is kept; a GRAPH mailbox in that group stays denied.' -f $Policy.ScopeName)",
    "}",
  ];
}

/** RBAC for Applications: the service principal, the scope (its filter corrected) and each role assignment (its scope corrected). */
function rbacChanges(config: EmailConfig, roles: readonly string[]): string[] {
  const out = [
    ...change(
      "-not $ServicePrincipal",
      "$ServicePrincipalObjectId",
      "'New-ServicePrincipal'",
      [`New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalObjectId -DisplayName ${psLiteral(config.application.displayName)} | Out-Null`],
    ),
    `# The management scope: members of the group. ${DOCS.scope}`,
    "# The DN sits inside '...' in the OPATH filter: its single quotes are doubled there.",
    "$Filter = if ($Group) { \"MemberOfGroup -eq '{0}'\" -f ($Group.DistinguishedName -replace \"'\", \"''\") } else { '' }",
    "# Exchange may store the filter with parentheses or other spacing: compare without them.",
    "$Normal = { param($Text) ((\"$Text\" -replace '[()]', '') -replace '\\s+', ' ').Trim() }",
    ...change("-not $Scope", "$GroupName", "'New-ManagementScope -RecipientRestrictionFilter MemberOfGroup'", ["New-ManagementScope -Name $GroupName -RecipientRestrictionFilter $Filter | Out-Null"]),
    ...change(
      "$Scope -and (& $Normal $Scope.RecipientFilter) -ne (& $Normal $Filter)",
      "$GroupName",
      "'Set-ManagementScope -RecipientRestrictionFilter MemberOfGroup'",
      ["Set-ManagementScope -Identity $GroupName -RecipientRestrictionFilter $Filter"],
    ),
    `# Role assignments, one per role, scoped to the management scope. ${DOCS.assignment}`,
  ];
  for (const role of roles) {
    const permission = role.replace(/^Application /, "");
    const name = `($AppId + ' ${permission}')`;
    out.push(
      `$Assignment = Get-ManagementRoleAssignment -Identity ${name} -ErrorAction SilentlyContinue`,
      ...change(
        "-not $Assignment",
        name,
        `'New-ManagementRoleAssignment -Role ${role} -CustomResourceScope'`,
        [`New-ManagementRoleAssignment -Name ${name} -App $AppId -Role ${psLiteral(role)} -CustomResourceScope $GroupName | Out-Null`],
      ),
      ...change(
        "$Assignment -and \"$($Assignment.CustomResourceScope)\" -ne $GroupName",
        name,
        "'Set-ManagementRoleAssignment -CustomResourceScope'",
        [`Set-ManagementRoleAssignment -Identity ${name} -CustomResourceScope $GroupName`],
      ),
    );
  }
  return out;
}

/** Test each GRAPH mailbox; a Denied (or not InScope) answer fails the script. Skipped under -WhatIf, which changed nothing. */
function verification(graph: readonly LocatedMailbox[], rbac: boolean, roles: readonly string[]): string[] {
  const out = [
    rbac
      ? `# 6. Verify: each GRAPH mailbox must show ${roles.join(" and ")} with InScope True. ${DOCS.testAuthorization}`
      : `# 6. Verify: each GRAPH mailbox must show AccessCheckResult Granted; Denied stops the script. ${DOCS.testPolicy}`,
    rbac
      ? "# Exchange caches app permissions: a new assignment can take 30 minutes to 2 hours to apply; this test answers at once."
      : "# Test-ApplicationAccessPolicy answers at once; Microsoft Graph can take over an hour to apply a policy change.",
    "if ($WhatIfPreference) {",
    "    Write-Host 'WhatIf: nothing was changed, so nothing was verified.'",
    "    return",
    "}",
    "$Failures = @()",
  ];
  for (const l of graph) {
    const mailbox = psLiteral(l.mailbox.mailbox);
    if (rbac) {
      out.push(`$Rows = @(Test-ServicePrincipalAuthorization -Identity $AppId -Resource ${mailbox} -WhatIf:$false)`);
      for (const role of roles) {
        out.push(
          `if (-not ($Rows | Where-Object { $_.RoleName -eq ${psLiteral(role)} -and "$($_.InScope)" -eq 'True' })) { $Failures += (${mailbox} + ': ${role} is not InScope') }`,
        );
      }
    } else {
      out.push(
        `$Result = Test-ApplicationAccessPolicy -Identity ${mailbox} -AppId $AppId`,
        `if ("$($Result.AccessCheckResult)" -ne 'Granted') { $Failures += (${mailbox} + ': ' + $Result.AccessCheckResult) }`,
      );
    }
  }
  if (rbac) {
    out.push(
      "# Any other role assignment of the app (another scope, the whole organization) widens its access: a failure too.",
      "foreach ($Row in @(Test-ServicePrincipalAuthorization -Identity $AppId -WhatIf:$false | Where-Object { \"$($_.AllowedResourceScope)\" -ne $GroupName })) {",
      "    $Failures += ('the app also holds {0} over {1} ({2}): remove that role assignment' -f $Row.RoleName, $Row.AllowedResourceScope, $Row.ScopeType)",
      "}",
    );
  }
  out.push(
    "if ($Failures.Count -gt 0) { throw ('Verification failed: ' + ($Failures -join '; ')) }",
    "Write-Host 'Verified: every GRAPH mailbox passed.'",
  );
  return out;
}

