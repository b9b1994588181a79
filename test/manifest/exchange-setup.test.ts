import { accessPolicyStyleProblem, defaultAccessPolicyStyle, exchangeEnvironmentName, renderExchangeSetupScript } from "../../src/manifest";
import { loadConfigFile } from "../../src/config/load";
import type { EmailConfigInput } from "../../src/model/config";
import { CLIENT_ID, EXAMPLE, TENANT, exampleConfig, ews, graph, imap, smtp, validConfig } from "./helpers";

/** The example with `application.graphMailboxAccess: exchange-rbac`. */
function exampleWithExchangeRbac() {
  const input = loadConfigFile(EXAMPLE).data as EmailConfigInput;
  return validConfig({ ...input, application: { ...input.application, graphMailboxAccess: "exchange-rbac" } });
}

const RBAC_WARNING =
  "Write-Warning 'application.graphMailboxAccess is tenant-consent: the tenant-wide Entra grant of Mail.ReadWrite and Mail.Send still reaches every mailbox; this RBAC scope restricts nothing until that grant is removed.'";

const lines = (script: string) => script.split("\n");
/** The line after `marker`, where a guarded change's body sits. */
const after = (l: string[], marker: string) => l[l.indexOf(marker) + 1];

describe("renderExchangeSetupScript", () => {
  test("the example, RBAC for Applications, client ID pending: both IDs are mandatory parameters", () => {
    // WHEN
    const script = renderExchangeSetupScript(exampleConfig(), { style: "rbac" });
    // THEN
    const l = lines(script);
    expect(l).toContain("    [Parameter(Mandatory = $true)] [string] $AppId,");
    expect(l).toContain("    [Parameter(Mandatory = $true)] [string] $ServicePrincipalObjectId,");
    expect(l).toContain("    [string] $GroupName = 'genesys-email-oauth GRAPH mailboxes'");
    expect(l.filter((x) => x.trim().startsWith("Set-CASMailbox"))).toEqual([
      "    Set-CASMailbox -Identity 'support-test@contoso.com' -ImapEnabled $true",
      "    Set-CASMailbox -Identity 'support@contoso.com' -ImapEnabled $true",
      "    Set-CASMailbox -Identity 'agents@contoso.com' -SmtpClientAuthenticationDisabled $false",
    ]);
    expect(l).toContain("    New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalObjectId -DisplayName 'genesys-email-oauth' | Out-Null");
    expect(l).toContain("    $Group = New-DistributionGroup -Name $GroupName -Type Security");
    expect(l).toContain(
      "    Update-DistributionGroupMember -Identity $GroupName -Members @($GraphMailboxes | ForEach-Object { $_.Guid.ToString() }) -BypassSecurityGroupManagerCheck -Confirm:$false",
    );
    expect(l).toContain(`$Filter = if ($Group) { "MemberOfGroup -eq '{0}'" -f ($Group.DistinguishedName -replace "'", "''") } else { '' }`);
    expect(l).toContain("    New-ManagementScope -Name $GroupName -RecipientRestrictionFilter $Filter | Out-Null");
    expect(l).toContain("    New-ManagementRoleAssignment -Name ($AppId + ' Mail.ReadWrite') -App $AppId -Role 'Application Mail.ReadWrite' -CustomResourceScope $GroupName | Out-Null");
    expect(l).toContain("    New-ManagementRoleAssignment -Name ($AppId + ' Mail.Send') -App $AppId -Role 'Application Mail.Send' -CustomResourceScope $GroupName | Out-Null");
    expect(l.filter((x) => x.includes("Test-ServicePrincipalAuthorization -Identity $AppId -Resource"))).toEqual([
      "$Rows = @(Test-ServicePrincipalAuthorization -Identity $AppId -Resource 'billing@contoso.com' -WhatIf:$false)",
    ]);
    expect(script).toContain("While that Entra grant exists the app can still reach EVERY mailbox");
    expect(script).not.toContain("New-ApplicationAccessPolicy");
    expect(script).toMatch(/^[\x20-\x7e\n]*$/);
  });

  test("[CmdletBinding(SupportsShouldProcess)] and param() come first: only comments before them", () => {
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac" }));
    const firstCode = l.findIndex((x) => x !== "" && !x.startsWith("#"));
    expect(l.slice(firstCode, firstCode + 2)).toEqual(["[CmdletBinding(SupportsShouldProcess)]", "param("]);
  });

  test("parameters are checked first, Set-StrictMode only after them", () => {
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac" }));
    const start = l.indexOf("# 1. Check every parameter before anything else.");
    expect(l.slice(start + 1, start + 10)).toEqual([
      "$GuidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'",
      "if ($TenantId -notmatch $GuidPattern) { throw 'TenantId must be the Directory (tenant) ID, a GUID.' }",
      "if ($ExchangeEnvironmentName -notin @('O365Default', 'O365USGovGCCHigh', 'O365USGovDoD', 'O365China')) { throw 'ExchangeEnvironmentName must be one of O365Default, O365USGovGCCHigh, O365USGovDoD, O365China.' }",
      "if ($AppId -notmatch $GuidPattern) { throw 'AppId must be the Application (client) ID, a GUID: terraform output -raw client_id' }",
      "if ($ServicePrincipalObjectId -notmatch $GuidPattern) { throw 'ServicePrincipalObjectId must be a GUID: terraform output -raw service_principal_object_id' }",
      "if ($ServicePrincipalObjectId -eq $AppId) { throw 'ServicePrincipalObjectId is the client ID. Give the object ID of the service principal: terraform output -raw service_principal_object_id' }",
      "if ($GroupName.Length -lt 1 -or $GroupName.Length -gt 64) { throw ('GroupName must have 1 to 64 characters (New-DistributionGroup -Name); it has {0}.' -f $GroupName.Length) }",
      "Set-StrictMode -Version Latest",
      "$ErrorActionPreference = 'Stop'",
    ]);
  });

  test("known IDs become parameter defaults, the tenant's ID always", () => {
    const spId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac", clientId: CLIENT_ID, servicePrincipalObjectId: spId }));
    expect(l).toContain(`    [string] $TenantId = '${TENANT}',`);
    expect(l).toContain(`    [string] $AppId = '${CLIENT_ID}',`);
    expect(l).toContain(`    [string] $ServicePrincipalObjectId = '${spId}',`);
  });

  test("the service principal is guarded against the application's object ID: a mismatch with Exchange stops the script before any change", () => {
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac" }));
    const known = l.indexOf("if ($Known.Count -gt 0) {");
    expect(l[known - 1]).toBe(`$Known = @(Get-ServicePrincipal | Where-Object { "$($_.AppId)" -eq $AppId -and "$($_.ObjectId)" -ne $ServicePrincipalObjectId })`);
    expect(l[known + 1]).toContain("the App registrations page shows the application''s object ID, a common mistake.");
    expect(known).toBeLessThan(l.findIndex((x) => x.includes("Set-CASMailbox")));
    expect(l).toContain(`if ($ServicePrincipal -and "$($ServicePrincipal.AppId)" -ne $AppId) {`);
  });

  test("connects to the config's cloud (from the one cloud table) and refuses another tenant", () => {
    const cloud = (authority: string) =>
      validConfig({ tenant: { directoryId: TENANT, authority }, mailboxes: { inbound: [imap("t", "t@contoso.com", { testMailbox: true, server: { host: "outlook.office365.com", type: "IMAP" } })] } });
    expect(exchangeEnvironmentName(exampleConfig())).toBe("O365Default");
    expect(exchangeEnvironmentName(cloud("https://login.microsoftonline.us/"))).toBe("O365USGovGCCHigh");
    expect(exchangeEnvironmentName(cloud("https://login.chinacloudapi.cn"))).toBe("O365China");
    expect(exchangeEnvironmentName(cloud("https://login.partner.microsoftonline.cn"))).toBe("O365China");
    expect(exchangeEnvironmentName(cloud("https://127.0.0.1:8443/"))).toBe("O365Default");
    const l = lines(renderExchangeSetupScript(cloud("https://login.microsoftonline.us/")));
    expect(l).toContain("    [string] $ExchangeEnvironmentName = 'O365USGovGCCHigh'");
    expect(l).toContain("    Connect-ExchangeOnline -ExchangeEnvironmentName $ExchangeEnvironmentName -ShowBanner:$false");
    expect(l).toContain(`if (-not ($Connections | Where-Object { "$($_.TenantID)" -eq $TenantId })) {`);
  });

  test("application access policy: ours first, then a RestrictAccess policy over another group removed; a Denied mailbox fails", () => {
    // WHEN
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "application-access-policy", clientId: CLIENT_ID }));
    // THEN
    const create = l.indexOf("if ($Ours.Count -eq 0 -and $PSCmdlet.ShouldProcess($GroupName, 'New-ApplicationAccessPolicy -AccessRight RestrictAccess')) {");
    expect(l[create + 1]).toBe(
      "    New-ApplicationAccessPolicy -AccessRight RestrictAccess -AppId $AppId -PolicyScopeGroupId $Group.PrimarySmtpAddress.ToString() -Description 'genesys-email-oauth: Genesys GRAPH mailboxes only' | Out-Null",
    );
    const remove = l.indexOf("        Remove-ApplicationAccessPolicy -Identity $Policy.Identity -Confirm:$false");
    expect(remove).toBeGreaterThan(create);
    expect(l[remove - 2]).toBe(
      `foreach ($Policy in @($Policies | Where-Object { "$($_.AccessRight)" -eq 'RestrictAccess' -and $Ours -notcontains $_ -and @($_.AppId).Count -eq 1 })) {`,
    );
    expect(l).toContain(`$Ours = @($Policies | Where-Object { "$($_.AccessRight)" -eq 'RestrictAccess' -and (("$($_.ScopeName)" -in $GroupIds) -or ("$($_.ScopeIdentity)" -in $GroupIds)) })`);
    expect(l.filter((x) => x.startsWith("$Result = Test-"))).toEqual(["$Result = Test-ApplicationAccessPolicy -Identity 'billing@contoso.com' -AppId $AppId"]);
    expect(l).toContain(`if ("$($Result.AccessCheckResult)" -ne 'Granted') { $Failures += ('billing@contoso.com' + ': ' + $Result.AccessCheckResult) }`);
    expect(l).toContain("if ($Failures.Count -gt 0) { throw ('Verification failed: ' + ($Failures -join '; ')) }");
    expect(l.join("\n")).not.toContain("$ServicePrincipalObjectId");
    expect(l.join("\n")).not.toContain("New-ManagementRoleAssignment");
  });

  test("-WhatIf: every change is guarded, and the verification is skipped (nothing changed)", () => {
    const l = lines(renderExchangeSetupScript(exampleConfig(), { clientId: CLIENT_ID }));
    expect(l.slice(l.indexOf("if ($WhatIfPreference) {"), l.indexOf("if ($WhatIfPreference) {") + 4)).toEqual([
      "if ($WhatIfPreference) {",
      "    Write-Host 'WhatIf: nothing was changed, so nothing was verified.'",
      "    return",
      "}",
    ]);
    expect(after(l, "if (-not $Group -and $PSCmdlet.ShouldProcess($GroupName, 'New-DistributionGroup -Type Security')) {")).toBe("    $Group = New-DistributionGroup -Name $GroupName -Type Security");
  });

  test("RBAC drift on a rerun: the scope's filter and each assignment's scope are corrected, other assignments fail the check", () => {
    const l = lines(renderExchangeSetupScript(exampleWithExchangeRbac(), { clientId: CLIENT_ID }));
    expect(after(l, "if ($Scope -and (& $Normal $Scope.RecipientFilter) -ne (& $Normal $Filter) -and $PSCmdlet.ShouldProcess($GroupName, 'Set-ManagementScope -RecipientRestrictionFilter MemberOfGroup')) {")).toBe(
      "    Set-ManagementScope -Identity $GroupName -RecipientRestrictionFilter $Filter",
    );
    expect(
      after(l, `if ($Assignment -and "$($Assignment.CustomResourceScope)" -ne $GroupName -and $PSCmdlet.ShouldProcess(($AppId + ' Mail.Send'), 'Set-ManagementRoleAssignment -CustomResourceScope')) {`),
    ).toBe("    Set-ManagementRoleAssignment -Identity ($AppId + ' Mail.Send') -CustomResourceScope $GroupName");
    expect(l).toContain(`if (-not ($Rows | Where-Object { $_.RoleName -eq 'Application Mail.Send' -and "$($_.InScope)" -eq 'True' })) { $Failures += ('billing@contoso.com' + ': Application Mail.Send is not InScope') }`);
    expect(l).toContain(`foreach ($Row in @(Test-ServicePrincipalAuthorization -Identity $AppId -WhatIf:$false | Where-Object { "$($_.AllowedResourceScope)" -ne $GroupName })) {`);
  });

  test("a mailbox login and a group name with ' and $ are quoted, never closed or expanded", () => {
    // GIVEN: GE118 allows ' and $ in the local part of an address
    const config = validConfig({
      tenant: { directoryId: TENANT },
      application: { displayName: "O'Brien $app" },
      mailboxes: {
        inbound: [imap("quote_test", "o'neil$ops@contoso.com", { testMailbox: true }), graph("graph_q", "d'arcy$x@contoso.com")],
      },
    });
    // WHEN
    const l = lines(renderExchangeSetupScript(config, { style: "rbac", groupName: "Ops 'Graph' $env:USERNAME" }));
    // THEN
    expect(l).toContain("# quote_test (test mailbox): IMAP");
    expect(l).toContain("$Cas1 = Get-CASMailbox -Identity 'o''neil$ops@contoso.com'");
    expect(l).toContain("    Set-CASMailbox -Identity 'o''neil$ops@contoso.com' -ImapEnabled $true");
    expect(l).toContain("    [string] $GroupName = 'Ops ''Graph'' $env:USERNAME'");
    expect(l).toContain("    (Get-Mailbox -Identity 'd''arcy$x@contoso.com')");
    expect(l).toContain("    New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalObjectId -DisplayName 'O''Brien $app' | Out-Null");
    expect(l).toContain("$Rows = @(Test-ServicePrincipalAuthorization -Identity $AppId -Resource 'd''arcy$x@contoso.com' -WhatIf:$false)");
  });

  test("a group name with a line break cannot inject a command", () => {
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac", groupName: "g'\nRemove-Mailbox ceo@contoso.com #" }));
    expect(l).toContain("    [string] $GroupName = ('g''' + [char]0x000A + 'Remove-Mailbox ceo@contoso.com #')");
    expect(l.filter((x) => x.startsWith("Remove-Mailbox"))).toEqual([]);
  });

  test("the group name: application.graphMailboxGroup, at most 64 characters", () => {
    const withGroup = (graphMailboxGroup: string) =>
      validConfig({ tenant: { directoryId: TENANT }, application: { graphMailboxGroup }, mailboxes: { inbound: [graph("g", "g@contoso.com", { testMailbox: true })] }, suppressions: [{ id: "GE129", reason: "the renderer's own guard is under test" }] });
    expect(lines(renderExchangeSetupScript(withGroup("G".repeat(64))))).toContain(`    [string] $GroupName = '${"G".repeat(64)}'`);
    expect(() => renderExchangeSetupScript(withGroup("G".repeat(65)))).toThrow(
      `The Exchange group name must have 1 to 64 characters (New-DistributionGroup -Name); "${"G".repeat(65)}" has 65.`,
    );
  });

  test("POP3: PopEnabled", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("pop_test", "pop-test@contoso.com", { testMailbox: true, server: { host: "outlook.office365.com", type: "POP3" }, suppressions: [{ id: "GE113", reason: "E-mail Server build with POP3 OAuth from Genesys" }] })] },
    });
    const l = lines(renderExchangeSetupScript(config, { style: "rbac" }));
    expect(after(l, "if ($Cas1.PopEnabled -ne $true -and $PSCmdlet.ShouldProcess('pop-test@contoso.com', 'Set-CASMailbox -PopEnabled $true')) {")).toBe(
      "    Set-CASMailbox -Identity 'pop-test@contoso.com' -PopEnabled $true",
    );
  });

  test("one Get-CASMailbox per login, a guarded Set-CASMailbox per protocol it uses; EWS enabled; no GRAPH section without GRAPH", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("shared_test", "shared@contoso.com", { testMailbox: true }), ews("ews", "ews@contoso.com")], outbound: smtp("shared@contoso.com") },
      suppressions: [{ id: "GE116", reason: "the shared login is intended for this test" }],
    });
    const script = renderExchangeSetupScript(config, { style: "rbac" });
    const l = lines(script);
    expect(l.filter((x) => x.startsWith("$Cas"))).toEqual(["$Cas1 = Get-CASMailbox -Identity 'shared@contoso.com'", "$Cas2 = Get-CASMailbox -Identity 'ews@contoso.com'"]);
    expect(l.filter((x) => x.startsWith("if ($Cas"))).toEqual([
      "if ($Cas1.ImapEnabled -ne $true -and $PSCmdlet.ShouldProcess('shared@contoso.com', 'Set-CASMailbox -ImapEnabled $true')) {",
      "if ($Cas1.SmtpClientAuthenticationDisabled -ne $false -and $PSCmdlet.ShouldProcess('shared@contoso.com', 'Set-CASMailbox -SmtpClientAuthenticationDisabled $false')) {",
      "if ($Cas2.EwsEnabled -ne $true -and $PSCmdlet.ShouldProcess('ews@contoso.com', 'Set-CASMailbox -EwsEnabled $true')) {",
    ]);
    expect(l).toContain("# shared_test (test mailbox), smtp-client: IMAP, SMTP");
    expect(script).not.toContain("$AppId");
    expect(script).toContain("# 5. No GRAPH mailbox: the app holds no application permission, so there is nothing to fence.");
  });
});

describe("renderExchangeSetupScript follows application.graphMailboxAccess", () => {
  test("the default style: application access policy for tenant-consent, RBAC for exchange-rbac", () => {
    expect(defaultAccessPolicyStyle(exampleConfig())).toBe("application-access-policy");
    expect(defaultAccessPolicyStyle(exampleWithExchangeRbac())).toBe("rbac");
  });

  test("tenant-consent (the example) by default: an application access policy over the Entra grant, no RBAC", () => {
    // WHEN
    const script = renderExchangeSetupScript(exampleConfig(), { clientId: CLIENT_ID });
    // THEN
    const l = lines(script);
    expect(script).toBe(renderExchangeSetupScript(exampleConfig(), { clientId: CLIENT_ID, style: "application-access-policy" }));
    expect(l).toContain("# 5. Limit the app to the GRAPH mailboxes (application access policy).");
    expect(l).toContain("# Entra grant to the members of the group: Exchange Online refuses the app every other mailbox.");
    expect(l).toContain("# https://learn.microsoft.com/exchange/permissions-exo/application-access-policies");
    expect(script).not.toContain("New-ManagementRoleAssignment");
    expect(script).not.toContain("RESTRICTS NOTHING");
  });

  test("tenant-consent with --access-policy rbac: a loud comment and a run-time warning that the scope restricts nothing", () => {
    // WHEN
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac", clientId: CLIENT_ID }));
    // THEN
    const section = l.indexOf("# 5. Limit the app to the GRAPH mailboxes (RBAC for Applications).");
    expect(l[section + 1]).toBe("# !!! WARNING: WITH THIS CONFIG THE SCOPE BELOW RESTRICTS NOTHING !!!");
    expect(l).toContain("# RBAC for Applications ADDS an Exchange-side grant to what Entra grants; it does not narrow a grant made in Entra.");
    expect(l).toContain("# https://learn.microsoft.com/exchange/permissions-exo/application-rbac");
    expect(l.filter((x) => x.startsWith("Write-Warning"))).toEqual([RBAC_WARNING]);
    expect(l.indexOf(RBAC_WARNING)).toBeLessThan(l.findIndex((x) => x.includes("New-ManagementRoleAssignment")));
  });

  test("exchange-rbac by default: the role assignments are the only grant, scoped to the group, verified per mailbox", () => {
    // WHEN
    const script = renderExchangeSetupScript(exampleWithExchangeRbac(), { clientId: CLIENT_ID });
    // THEN
    const l = lines(script);
    expect(l).toContain("# 5. Grant the app the GRAPH mailboxes, and only them (RBAC for Applications).");
    expect(l).toContain("# Entra. These role assignments are the app's only access to mail, and only to the members of the group; until");
    expect(l).toContain("#   Get-ApplicationAccessPolicy | Where-Object { $_.AppId -eq $AppId } | Remove-ApplicationAccessPolicy -Confirm:$false");
    expect(l.filter((x) => x.includes("New-ManagementRoleAssignment -Name"))).toEqual([
      "    New-ManagementRoleAssignment -Name ($AppId + ' Mail.ReadWrite') -App $AppId -Role 'Application Mail.ReadWrite' -CustomResourceScope $GroupName | Out-Null",
      "    New-ManagementRoleAssignment -Name ($AppId + ' Mail.Send') -App $AppId -Role 'Application Mail.Send' -CustomResourceScope $GroupName | Out-Null",
    ]);
    expect(l).toContain(
      "# 6. Verify: each GRAPH mailbox must show Application Mail.ReadWrite and Application Mail.Send with InScope True. https://learn.microsoft.com/powershell/module/exchangepowershell/test-serviceprincipalauthorization",
    );
    expect(script).not.toContain("RESTRICTS NOTHING");
    expect(script).not.toContain("Write-Warning");
    expect(script).not.toContain("New-ApplicationAccessPolicy");
    expect(script).toMatch(/^[\x20-\x7e\n]*$/);
  });

  test("exchange-rbac with --access-policy application-access-policy is refused: the policy would grant nothing", () => {
    const message = accessPolicyStyleProblem(exampleWithExchangeRbac(), "application-access-policy");
    expect(message).toBe(
      "An application access policy only restricts a Microsoft Graph permission granted in Entra, and with application.graphMailboxAccess: exchange-rbac there is none: the GRAPH mailboxes get their access from RBAC for Applications role assignments (--access-policy rbac, the default for this config).",
    );
    expect(() => renderExchangeSetupScript(exampleWithExchangeRbac(), { style: "application-access-policy" })).toThrow(message);
    expect(accessPolicyStyleProblem(exampleConfig(), "rbac")).toBeUndefined();
  });

  test("exchange-rbac without a GRAPH mailbox: nothing to fence, any style is fine", () => {
    const config = validConfig({ tenant: { directoryId: TENANT }, application: { graphMailboxAccess: "exchange-rbac" }, mailboxes: { inbound: [imap("t", "t@contoso.com", { testMailbox: true })] } });
    expect(accessPolicyStyleProblem(config, "application-access-policy")).toBeUndefined();
    expect(renderExchangeSetupScript(config, { style: "application-access-policy" })).toContain("# 5. No GRAPH mailbox: the app holds no application permission, so there is nothing to fence.");
  });
});
