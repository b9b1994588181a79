import { renderExchangeSetupScript } from "../../src/manifest";
import { CLIENT_ID, TENANT, exampleConfig, ews, graph, imap, smtp, validConfig } from "./helpers";

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
