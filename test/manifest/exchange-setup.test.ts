import { accessPolicyStyleProblem, defaultAccessPolicyStyle, renderExchangeSetupScript } from "../../src/manifest";
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

describe("renderExchangeSetupScript", () => {
  test("the example, RBAC for Applications, client ID pending: both IDs are mandatory parameters", () => {
    // WHEN
    const script = renderExchangeSetupScript(exampleConfig(), { style: "rbac" });
    // THEN
    const l = lines(script);
    expect(l).toContain("    [Parameter(Mandatory = $true)] [string] $AppId,");
    expect(l).toContain("    [Parameter(Mandatory = $true)] [string] $ServicePrincipalObjectId,");
    expect(l).toContain("    [string] $GroupName = 'genesys-email-oauth GRAPH mailboxes'");
    expect(l.filter((x) => x.startsWith("Set-CASMailbox"))).toEqual([
      "Set-CASMailbox -Identity 'support-test@contoso.com' -ImapEnabled $true",
      "Set-CASMailbox -Identity 'support@contoso.com' -ImapEnabled $true",
      "Set-CASMailbox -Identity 'agents@contoso.com' -SmtpClientAuthenticationDisabled $false",
    ]);
    expect(l).toContain("    New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalObjectId -DisplayName 'genesys-email-oauth' | Out-Null");
    expect(l).toContain("    New-DistributionGroup -Name $GroupName -Type Security | Out-Null");
    expect(l).toContain("Update-DistributionGroupMember -Identity $GroupName -Members $GraphMailboxes -BypassSecurityGroupManagerCheck -Confirm:$false");
    expect(l).toContain(`$Filter = "MemberOfGroup -eq '{0}'" -f ($GroupDN -replace "'", "''")`);
    expect(l).toContain("    New-ManagementScope -Name $GroupName -RecipientRestrictionFilter $Filter | Out-Null");
    expect(l).toContain("    New-ManagementRoleAssignment -Name ($AppId + ' Mail.ReadWrite') -App $AppId -Role 'Application Mail.ReadWrite' -CustomResourceScope $GroupName | Out-Null");
    expect(l).toContain("    New-ManagementRoleAssignment -Name ($AppId + ' Mail.Send') -App $AppId -Role 'Application Mail.Send' -CustomResourceScope $GroupName | Out-Null");
    expect(l.filter((x) => x.startsWith("Test-"))).toEqual(["Test-ServicePrincipalAuthorization -Identity $AppId -Resource 'billing@contoso.com'"]);
    expect(script).toContain("While that Entra grant exists the app can still reach EVERY mailbox");
    expect(script).not.toContain("ApplicationAccessPolicy");
    expect(script).toMatch(/^[\x20-\x7e\n]*$/);
  });

  test("param() is the first statement: only comments and [CmdletBinding()] come before it", () => {
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac" }));
    const firstCode = l.findIndex((x) => x !== "" && !x.startsWith("#"));
    expect(l.slice(firstCode, firstCode + 2)).toEqual(["[CmdletBinding()]", "param("]);
  });

  test("known IDs become parameter defaults", () => {
    const spId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac", clientId: CLIENT_ID, servicePrincipalObjectId: spId }));
    expect(l).toContain(`    [string] $AppId = '${CLIENT_ID}',`);
    expect(l).toContain(`    [string] $ServicePrincipalObjectId = '${spId}',`);
  });

  test("application access policy: New-ApplicationAccessPolicy and Test-ApplicationAccessPolicy, no service principal parameter", () => {
    const script = renderExchangeSetupScript(exampleConfig(), { style: "application-access-policy", clientId: CLIENT_ID });
    const l = lines(script);
    expect(l).toContain(
      "    New-ApplicationAccessPolicy -AccessRight RestrictAccess -AppId $AppId -PolicyScopeGroupId $GroupAddress -Description 'genesys-email-oauth: Genesys GRAPH mailboxes only' | Out-Null",
    );
    expect(l.filter((x) => x.startsWith("Test-"))).toEqual(["Test-ApplicationAccessPolicy -Identity 'billing@contoso.com' -AppId $AppId"]);
    expect(script).not.toContain("$ServicePrincipalObjectId");
    expect(script).not.toContain("New-ManagementRoleAssignment");
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
    expect(l).toContain("Set-CASMailbox -Identity 'o''neil$ops@contoso.com' -ImapEnabled $true");
    expect(l).toContain("    [string] $GroupName = 'Ops ''Graph'' $env:USERNAME'");
    expect(l).toContain("    'd''arcy$x@contoso.com'");
    expect(l).toContain("    New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalObjectId -DisplayName 'O''Brien $app' | Out-Null");
    expect(l).toContain("Test-ServicePrincipalAuthorization -Identity $AppId -Resource 'd''arcy$x@contoso.com'");
  });

  test("a group name with a line break cannot inject a command", () => {
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac", groupName: "g'\nRemove-Mailbox ceo@contoso.com #" }));
    expect(l).toContain("    [string] $GroupName = ('g''' + [char]0x000A + 'Remove-Mailbox ceo@contoso.com #')");
    expect(l.filter((x) => x.startsWith("Remove-Mailbox"))).toEqual([]);
  });

  test("POP3: -PopEnabled $true", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("pop_test", "pop-test@contoso.com", { testMailbox: true, server: { host: "outlook.office365.com", type: "POP3" }, suppressions: [{ id: "GE113", reason: "E-mail Server build with POP3 OAuth from Genesys" }] })] },
    });
    expect(lines(renderExchangeSetupScript(config, { style: "rbac" })).filter((x) => x.startsWith("Set-CASMailbox"))).toEqual(["Set-CASMailbox -Identity 'pop-test@contoso.com' -PopEnabled $true"]);
  });

  test("one Set-CASMailbox per login, with every protocol it uses; EWS enabled; no GRAPH section without GRAPH", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("shared_test", "shared@contoso.com", { testMailbox: true }), ews("ews", "ews@contoso.com")], outbound: smtp("shared@contoso.com") },
      suppressions: [{ id: "GE116", reason: "the shared login is intended for this test" }],
    });
    const script = renderExchangeSetupScript(config, { style: "rbac" });
    const l = lines(script);
    expect(l.filter((x) => x.startsWith("Set-CASMailbox"))).toEqual([
      "Set-CASMailbox -Identity 'shared@contoso.com' -ImapEnabled $true -SmtpClientAuthenticationDisabled $false",
      "Set-CASMailbox -Identity 'ews@contoso.com' -EwsEnabled $true",
    ]);
    expect(l).toContain("# shared_test (test mailbox), smtp-client: IMAP, SMTP");
    expect(script).not.toContain("param(");
    expect(script).toContain("# 2. No GRAPH mailbox: the app holds no application permission, so there is nothing to fence.");
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
    expect(l).toContain("# 2. Limit the app to the GRAPH mailboxes (application access policy).");
    expect(l).toContain("# Entra grant to the members of the group: Exchange Online refuses the app every other mailbox.");
    expect(l).toContain("# https://learn.microsoft.com/exchange/permissions-exo/application-access-policies");
    expect(l.filter((x) => x.startsWith("Test-"))).toEqual(["Test-ApplicationAccessPolicy -Identity 'billing@contoso.com' -AppId $AppId"]);
    expect(script).not.toContain("New-ManagementRoleAssignment");
    expect(script).not.toContain("Write-Warning");
  });

  test("tenant-consent with --access-policy rbac: a loud comment and a run-time warning that the scope restricts nothing", () => {
    // WHEN
    const l = lines(renderExchangeSetupScript(exampleConfig(), { style: "rbac", clientId: CLIENT_ID }));
    // THEN
    const section = l.indexOf("# 2. Limit the app to the GRAPH mailboxes (RBAC for Applications).");
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
    expect(l).toContain("# 2. Grant the app the GRAPH mailboxes, and only them (RBAC for Applications).");
    expect(l).toContain("# Entra. These role assignments are the app's only access to mail, and only to the members of the group; until");
    expect(l).toContain("#   Get-ApplicationAccessPolicy | Where-Object { $_.AppId -eq $AppId } | Remove-ApplicationAccessPolicy -Confirm:$false");
    expect(l).toContain("    New-ManagementScope -Name $GroupName -RecipientRestrictionFilter $Filter | Out-Null");
    expect(l.filter((x) => x.includes("New-ManagementRoleAssignment"))).toEqual([
      "    New-ManagementRoleAssignment -Name ($AppId + ' Mail.ReadWrite') -App $AppId -Role 'Application Mail.ReadWrite' -CustomResourceScope $GroupName | Out-Null",
      "    New-ManagementRoleAssignment -Name ($AppId + ' Mail.Send') -App $AppId -Role 'Application Mail.Send' -CustomResourceScope $GroupName | Out-Null",
    ]);
    expect(l).toContain("# 3. Verify: each GRAPH mailbox must show Application Mail.ReadWrite and Application Mail.Send with InScope True.");
    expect(l.filter((x) => x.startsWith("Test-"))).toEqual(["Test-ServicePrincipalAuthorization -Identity $AppId -Resource 'billing@contoso.com'"]);
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
    expect(renderExchangeSetupScript(config, { style: "application-access-policy" })).toContain("# 2. No GRAPH mailbox: the app holds no application permission, so there is nothing to fence.");
  });
});
