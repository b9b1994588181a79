import type { EmailConfig } from "../model/config";
import { requiredPermissions } from "./required-permissions";

/**
 * Who may apply what, derived from the config (shared/spec/microsoft-facts.md, "Day two on the app registration"):
 * admin consent for Microsoft Graph *application* permissions (app roles) takes Privileged Role Administrator (or
 * Global Administrator); Cloud Application Administrator (or Application Administrator) creates the app, its service
 * principal, secret and user assignments and grants delegated consent, but cannot consent to Graph app roles
 * (learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent). exchange-setup.ps1 needs an Exchange
 * administrator.
 */
export const ENTRA_ROLES = {
  cloudApplicationAdministrator: "Cloud Application Administrator",
  privilegedRoleAdministrator: "Privileged Role Administrator",
} as const;
export type EntraRole = (typeof ENTRA_ROLES)[keyof typeof ENTRA_ROLES];

/** The role that runs exchange-setup.ps1, whatever the config. */
export const EXCHANGE_SETUP_ROLE = "Exchange Administrator";

export interface RequiredRoles {
  /** The least Entra role for `terraform apply` of this config. */
  readonly entra: EntraRole;
  /** One sentence: why this role (what in the config needs it). */
  readonly entraReason: string;
}

export function requiredRoles(config: Pick<EmailConfig, "mailboxes" | "application">): RequiredRoles {
  const appRoles = requiredPermissions(config).application.map((p) => `${p.resource.name} ${p.value}`);
  return appRoles.length > 0
    ? {
        entra: ENTRA_ROLES.privilegedRoleAdministrator,
        entraReason: `admin consent for the application permissions ${appRoles.join(", ")} (app roles) takes Privileged Role Administrator or Global Administrator; Cloud Application Administrator cannot grant it`,
      }
    : {
        entra: ENTRA_ROLES.cloudApplicationAdministrator,
        entraReason: "the stack grants delegated permissions only, which Cloud Application Administrator (or Application Administrator) may consent to",
      };
}
