import { needsClientSecret } from "../model/mailbox";
import type { Rule } from "./rule";

/**
 * RBAC for Applications grants are added to what Entra already grants: a scope narrows nothing while the app
 * still holds a tenant-wide Graph Mail.ReadWrite/Mail.Send consent
 * (learn.microsoft.com/exchange/permissions-exo/application-rbac). A stack-created app never gets one in
 * `exchange-rbac` mode; an existing app may well have one (e.g. set up from the vendor page), and the stack
 * neither manages nor removes app role assignments it did not create.
 */
export const exchangeRbacExistingApp: Rule = {
  id: "GE209",
  name: "exchange-rbac-existing-app",
  severity: "warning",
  description: "graphMailboxAccess: exchange-rbac with an existing app: a tenant-wide Graph mail consent it already holds is not removed and makes the Exchange scope ineffective.",
  fix: "revoke the app's Microsoft Graph Mail.ReadWrite and Mail.Send admin consent (Entra admin center, Enterprise applications, the app, Permissions), then suppress GE209 with that reason",
  source: "Microsoft Learn, Role Based Access Control for Applications in Exchange Online: Entra grants and RBAC for Applications grants are additive",
  suppressible: true,
  check: (config) =>
    config.application.graphMailboxAccess === "exchange-rbac" && config.application.clientId !== undefined && needsClientSecret(config)
      ? [
          {
            path: ["application", "graphMailboxAccess"],
            message:
              "The existing app (application.clientId) may already hold a tenant-wide Graph Mail.ReadWrite or Mail.Send consent; this stack does not remove it, and while it exists the Exchange RBAC scope restricts nothing.",
          },
        ]
      : [],
};
