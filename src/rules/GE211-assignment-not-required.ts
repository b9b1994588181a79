import { passwordFlowLogins } from "../model/mailbox";
import type { Rule } from "./rule";
import { plural } from "../text/terminal";

/**
 * Without `app_role_assignment_required`, Entra issues tokens through this public client to any account of the
 * tenant that knows its password (the app has tenant-wide delegated consent); with it, only to the assigned
 * mailbox accounts (azuread provider docs/resources/service_principal.md; shared/spec/microsoft-facts.md).
 */
export const assignmentNotRequired: Rule = {
  id: "GE211",
  name: "assignment-not-required",
  severity: "warning",
  description: "application.assignmentRequired: false lets every account of the tenant get IMAP/EWS/SMTP tokens through the app, not only the declared mailboxes.",
  fix: "remove assignmentRequired: false, so only the mailbox accounts are assigned to the app (or suppress this with the reason, e.g. a sandbox tenant)",
  source: "Microsoft Entra: appRoleAssignmentRequired on the service principal; azuread_service_principal app_role_assignment_required",
  suppressible: true,
  check: (config) => {
    if (config.application.assignmentRequired || config.application.clientId !== undefined) return [];
    const logins = passwordFlowLogins(config);
    return logins.length === 0
      ? []
      : [
          {
            path: ["application", "assignmentRequired"],
            message: `With assignmentRequired: false any account of the tenant can sign in through the app with the password flow, not only the ${plural(logins.length, "mailbox account")} declared.`,
          },
        ];
  },
};
