import { migrationRequestFiles } from "../../src/manifest";
import { requiredPermissions } from "../../src/permissions";
import type { EmailConfigInput } from "../../src/model/config";
import { CLIENT_ID, TENANT, graph, imap, smtp, validConfig } from "../manifest/helpers";

// Least privilege (issue 8, item 5): Graph application access always comes with the Exchange Online script that
// fences it, and with the fence that actually works for how it was granted.
describe("GRAPH mailbox access always comes with its Exchange Online fence", () => {
  const mixes: Array<[string, EmailConfigInput["mailboxes"]]> = [
    ["GRAPH only", { inbound: [graph("billing", "billing@contoso.com", { testMailbox: true })] }],
    ["IMAP + GRAPH + SMTP", { inbound: [imap("support_test", "support-test@contoso.com", { testMailbox: true }), graph("billing", "billing@contoso.com")], outbound: smtp("agents@contoso.com") }],
  ];

  test.each(mixes)("%s, tenant-consent: the Entra grant is restricted by an application access policy", (_name, mailboxes) => {
    // GIVEN
    const config = validConfig({ tenant: { directoryId: TENANT }, mailboxes });
    // WHEN
    const permissions = requiredPermissions(config);
    const script = migrationRequestFiles(config, { clientId: CLIENT_ID }).find((f) => f.name === "exchange-setup.ps1")!.content;
    // THEN
    expect(permissions.application.map((p) => p.value)).toEqual(["Mail.ReadWrite", "Mail.Send"]);
    expect(script).toContain("New-ApplicationAccessPolicy -AccessRight RestrictAccess -AppId $AppId -PolicyScopeGroupId $Group.PrimarySmtpAddress.ToString()");
    expect(script).toContain("Test-ApplicationAccessPolicy -Identity 'billing@contoso.com' -AppId $AppId");
    expect(script).not.toContain("New-ManagementRoleAssignment");
  });

  test.each(mixes)("%s, exchange-rbac: no Entra grant; every Exchange role is assigned with a scope and verified", (_name, mailboxes) => {
    // GIVEN
    const config = validConfig({ tenant: { directoryId: TENANT }, application: { graphMailboxAccess: "exchange-rbac" }, mailboxes });
    // WHEN
    const permissions = requiredPermissions(config);
    const script = migrationRequestFiles(config, { clientId: CLIENT_ID }).find((f) => f.name === "exchange-setup.ps1")!.content;
    // THEN
    expect(permissions.application).toEqual([]);
    expect(permissions.exchangeRoles).toEqual(["Application Mail.ReadWrite", "Application Mail.Send"]);
    for (const role of permissions.exchangeRoles) {
      expect(script).toMatch(new RegExp(`New-ManagementRoleAssignment .* -Role '${role}' -CustomResourceScope \\$GroupName`));
    }
    expect(script).toContain("Test-ServicePrincipalAuthorization -Identity $AppId -Resource 'billing@contoso.com'");
    expect(script).not.toContain("New-ApplicationAccessPolicy");
  });
});
