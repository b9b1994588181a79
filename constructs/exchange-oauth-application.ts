import { Construct } from "constructs";
import { Fn, Op, TerraformStack, Token } from "cdktf";
import type { Rotating } from "@cdktf/provider-time/lib/rotating";
import { Application } from "@cdktf/provider-azuread/lib/application";
import type { ApplicationApiAccess } from "@cdktf/provider-azuread/lib/application-api-access";
import type { ApplicationPasswordA } from "@cdktf/provider-azuread/lib/application-password";
import { AppRoleAssignment } from "@cdktf/provider-azuread/lib/app-role-assignment";
import { DataAzureadClientConfig } from "@cdktf/provider-azuread/lib/data-azuread-client-config";
import { DataAzureadUser } from "@cdktf/provider-azuread/lib/data-azuread-user";
import { DataAzureadServicePrincipal } from "@cdktf/provider-azuread/lib/data-azuread-service-principal";
import { ServicePrincipal } from "@cdktf/provider-azuread/lib/service-principal";
import { ServicePrincipalDelegatedPermissionGrant } from "@cdktf/provider-azuread/lib/service-principal-delegated-permission-grant";
import {
  DEFAULT_APPLICATION_DISPLAY_NAME,
  DEFAULT_CLIENT_SECRET_LIFETIME_DAYS,
  MAX_SECRET_LIFETIME_DAYS,
  type Audience,
} from "../src/model/config";
import type { PermissionSet, ResourceAccess } from "../src/permissions/required-permissions";
import type { AdoptionPlan } from "../src/permissions/adoption";
import { compare } from "./private/mailbox-definitions";
import { hasProvider } from "./private/providers";
import { terraformLiteral, terraformValue } from "./private/terraform-literal";
import { permissionSlug, resourceSlug, userSlugs } from "./private/resource-names";
import { GUID } from "../src/model/guid";
import { DEFAULT_ACCESS_APP_ROLE_ID } from "../src/model/catalog";
import { EMAIL } from "../src/model/email";
import { rotationProblem, slotRotationDays, SECRET_SLOTS, type SecretRotation, type SecretSlot } from "../src/model/secret-rotation";
import { defaultRotationDays } from "../src/model/application";
import { TERRAFORM_NEEDS, type TerraformNeed } from "../src/terraform/version";

/**
 * Provider classes only some configs need, loaded when one does: the client secret (a GRAPH mailbox) and bring your
 * own app. Each is a large generated module compiled on load (data-azuread-application alone is ~220 KB).
 */
const LAZY_PROVIDER_CLASSES = {
  "application-password": () => require("@cdktf/provider-azuread/lib/application-password") as typeof import("@cdktf/provider-azuread/lib/application-password"),
  "application-api-access": () => require("@cdktf/provider-azuread/lib/application-api-access") as typeof import("@cdktf/provider-azuread/lib/application-api-access"),
  "data-azuread-application": () => require("@cdktf/provider-azuread/lib/data-azuread-application") as typeof import("@cdktf/provider-azuread/lib/data-azuread-application"),
  "time-rotating": () => require("@cdktf/provider-time/lib/rotating") as typeof import("@cdktf/provider-time/lib/rotating"),
  "time-provider": () => require("@cdktf/provider-time/lib/provider") as typeof import("@cdktf/provider-time/lib/provider"),
};

const SIGN_IN_AUDIENCE: Readonly<Record<Audience, string>> = {
  "multi-tenant": "AzureADMultipleOrgs",
  "single-tenant": "AzureADMyOrg",
};

export interface ExchangeOAuthApplicationProps {
  /**
   * The permissions to request and consent to. Derive them with `requiredPermissions(config)`
   * from `src/permissions`: this construct adds nothing of its own.
   */
  readonly permissions: PermissionSet;
  /**
   * Display name of the app registration (ignored with `existingClientId`), written literally: `${…}` is text.
   * @default "genesys-email-oauth"
   */
  readonly displayName?: string;
  /**
   * Who may sign in: `multi-tenant` (`AzureADMultipleOrgs`) or `single-tenant` (`AzureADMyOrg`).
   * @default "multi-tenant"
   */
  readonly audience?: Audience;
  /**
   * Bring your own app: the client ID of an existing registration (a GUID, or a CDKTF token your code
   * created, such as another resource's `clientId`). Only its API permissions
   * (`azuread_application_api_access`) and admin consent are managed; no application, service
   * principal or secret is created.
   * @default - a new app registration is created
   */
  readonly existingClientId?: string;
  /**
   * Lifetime of each client secret in days, created only when `permissions.clientSecret` (a GRAPH mailbox) and no
   * `existingClientId`: `end_date` is its slot's `time_rotating` base plus this.
   * @default 180
   */
  readonly clientSecretLifetimeDays?: number;
  /**
   * Days between two new client secrets: two slots, each with its own `time_rotating`, take turns, so the newest
   * secret is still valid when the next one is made (src/model/secret-rotation.ts). Less than the lifetime.
   * @default - half of clientSecretLifetimeDays, rounded down
   */
  readonly clientSecretRotationDays?: number;
  /**
   * Objects that already exist in the tenant, with their azuread import IDs: each matching resource gets a
   * Terraform `import` block (`importFrom`), so the first plan adopts it instead of creating a duplicate.
   * Derive it with `adoptionPlan(config, permissions)` from `src/permissions`.
   * @default - nothing is imported (greenfield)
   */
  readonly adopt?: AdoptionPlan;
  /**
   * `lifecycle.prevent_destroy` on the app registration and its service principal: no plan may delete them (a new
   * client-id breaks every migrated Genesys mailbox until a new Customer Care case). Ignored with `existingClientId`.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Owners of the app registration and its service principal: object IDs (GUIDs), or user principal names looked up
   * with data `azuread_user` (the Terraform identity then needs User.Read.All). Ignored with `existingClientId`.
   * @default - the identity running Terraform (data `azuread_client_config`)
   */
  readonly owners?: readonly string[];
  /**
   * The accounts (user principal names) that sign in through the app with the password flow (IMAP, POP3, EWS,
   * SMTP): each is assigned default access, looked up with data `azuread_user`. Derive them with
   * `passwordFlowLogins(config)` from `src/model/mailbox`. Ignored with `existingClientId`.
   * @default - none
   */
  readonly passwordFlowUsers?: readonly string[];
  /**
   * `app_role_assignment_required` on the service principal: Entra issues tokens through this client-id only to
   * the assigned `passwordFlowUsers`. With false, no user is assigned and any account of the tenant may sign in.
   * Ignored with `existingClientId`.
   * @default true
   */
  readonly assignmentRequired?: boolean;
}

/** One of the two client-secret slots: its `time_rotating` and the password keyed to it. */
export interface ClientSecretSlot {
  /** `a` or `b`: `a` starts a cycle at the first apply, `b` one rotation period earlier, so they take turns. */
  readonly slot: SecretSlot;
  /** The slot's `time_rotating`: replaced every two rotation periods. */
  readonly rotation: Rotating;
  /** The slot's password: replaced with its `time_rotating` (`rotate_when_changed`), `end_date` base + lifetime. */
  readonly password: ApplicationPasswordA;
}

/** The two secret slots and the one in use: the newest (its `time_rotating` base is later). */
export interface ClientSecretRotation {
  /** Slot `a`, then slot `b`. */
  readonly slots: readonly ClientSecretSlot[];
  /** The current secret's value (a token; write it only to a sensitive output). */
  readonly value: string;
  /** The current secret's `end_date` (a token). */
  readonly endDate: string;
}

/**
 * The Entra app registration Genesys E-mail Server uses for Exchange Online OAuth 2.0:
 * exactly the permissions the mailboxes need, each under its own resource application,
 * admin consent for them, no redirect URI and no Application ID URI, and a public client only
 * for the resource-owner password flow (IMAP, POP3, EWS, SMTP).
 */
export class ExchangeOAuthApplication extends Construct {
  /** The application (client) ID: a token for a new registration, the given value for your own. */
  readonly clientId: string;
  /** Object ID of the app's service principal in this tenant. */
  readonly servicePrincipalObjectId: string;
  /** The registration created here; absent with `existingClientId` (the registration is not managed then). */
  readonly application?: Application;
  /** The registration's service principal; absent with `existingClientId`. */
  readonly servicePrincipal?: ServicePrincipal;
  /**
   * The client secret for GRAPH client credentials, rotated with overlap; its value is only ever a sensitive output.
   * Absent unless `permissions.clientSecret` (a GRAPH mailbox) and no `existingClientId`.
   */
  readonly clientSecret?: ClientSecretRotation;
  /** Microsoft Graph / Exchange Online service principals, looked up by their well-known client IDs. */
  readonly resourceServicePrincipals: Readonly<Record<string, DataAzureadServicePrincipal>> = {};
  /** Tenant-wide admin consent for delegated permissions, one per resource. */
  readonly delegatedGrants: readonly ServicePrincipalDelegatedPermissionGrant[];
  /**
   * Admin consent for application permissions, one per permission (tenant-wide). None when the permissions come
   * from `graphMailboxAccess: exchange-rbac`, where Exchange Online role assignments grant GRAPH mailboxes' access.
   */
  readonly roleAssignments: readonly AppRoleAssignment[];
  /** Bring-your-own app only: its API permissions, one per resource (empty for a new registration). */
  readonly apiAccess: readonly ApplicationApiAccess[];
  /**
   * What this construct uses that older Terraform lacks: `import` blocks when it adopts existing objects,
   * `plantimestamp()` when it rotates a client secret (both Terraform 1.5). `GenesysEmail` checks them at synth.
   */
  readonly terraformNeeds: readonly TerraformNeed[];
  /**
   * Default access for each password-flow account, by user principal name in lower case (empty with
   * `assignmentRequired: false` or `existingClientId`).
   */
  readonly userAssignments: Readonly<Record<string, AppRoleAssignment>> = {};
  /** The identity running Terraform, when it is the default owner; absent when `owners` is given. */
  readonly clientConfig?: DataAzureadClientConfig;

  constructor(scope: Construct, id: string, props: ExchangeOAuthApplicationProps) {
    super(scope, id);
    const lifetime = props.clientSecretLifetimeDays ?? DEFAULT_CLIENT_SECRET_LIFETIME_DAYS;
    if (!Token.isUnresolved(lifetime) && !(Number.isInteger(lifetime) && lifetime >= 1 && lifetime <= MAX_SECRET_LIFETIME_DAYS)) {
      throw new Error(`clientSecretLifetimeDays must be a whole number of days from 1 to ${MAX_SECRET_LIFETIME_DAYS}; ${lifetime} given.`);
    }
    const existing = props.existingClientId;
    if (existing !== undefined && !Token.isUnresolved(existing) && !GUID.test(existing)) {
      throw new Error(`existingClientId must be an application (client) ID, a GUID; "${existing}" given.`);
    }
    for (const owner of props.owners ?? []) {
      if (!Token.isUnresolved(owner) && !GUID.test(owner) && !EMAIL.test(owner)) {
        throw new Error(`owners takes object IDs (GUIDs) or user principal names (name@domain); "${owner}" is neither.`);
      }
    }
    for (const user of props.passwordFlowUsers ?? []) {
      if (!EMAIL.test(user)) throw new Error(`passwordFlowUsers takes user principal names (name@domain); "${user}" is not one.`);
    }
    let imports = 0;
    const adopt = (resource: { importFrom(id: string): unknown }, importId: string) => {
      resource.importFrom(importId);
      imports++;
    };
    const { permissions } = props;
    const apiAccess: ApplicationApiAccess[] = [];

    if (existing === undefined) {
      const assignmentRequired = props.assignmentRequired ?? true;
      const lifecycle = (props.preventDestroy ?? true) ? { lifecycle: { preventDestroy: true } } : {};
      const signIn = assignmentRequired ? (props.passwordFlowUsers ?? []) : [];
      const slugs = userSlugs([...(props.owners ?? []).filter((o) => !Token.isUnresolved(o) && !GUID.test(o)), ...signIn]);
      const users = new Map<string, DataAzureadUser>();
      const user = (upn: string): DataAzureadUser => {
        const key = upn.toLowerCase();
        let found = users.get(key);
        if (!found) {
          found = new DataAzureadUser(this, `user-${slugs.get(key)!}`, { userPrincipalName: terraformLiteral(this, upn) });
          users.set(key, found);
        }
        return found;
      };
      let owners: string[];
      if (props.owners === undefined) {
        this.clientConfig = new DataAzureadClientConfig(this, "client-config", {});
        owners = [this.clientConfig.objectId];
      } else {
        owners = props.owners.map((o) => (Token.isUnresolved(o) || GUID.test(o) ? terraformValue(this, o) : user(o).objectId));
      }
      this.application = new Application(this, "application", {
        displayName: terraformLiteral(this, props.displayName ?? DEFAULT_APPLICATION_DISPLAY_NAME),
        signInAudience: SIGN_IN_AUDIENCE[props.audience ?? "multi-tenant"],
        ...(permissions.publicClient ? { fallbackPublicClientEnabled: true } : {}),
        owners,
        requiredResourceAccess: permissions.byResource.map((r) => ({
          resourceAppId: r.resource.appId,
          resourceAccess: r.permissions.map((p) => ({ id: p.id, type: p.type })),
        })),
        ...lifecycle,
      });
      this.servicePrincipal = new ServicePrincipal(this, "service-principal", {
        clientId: this.application.clientId,
        appRoleAssignmentRequired: assignmentRequired,
        owners,
        ...lifecycle,
      });
      if (assignmentRequired) {
        const assignments: Record<string, AppRoleAssignment> = {};
        for (const upn of props.passwordFlowUsers ?? []) {
          if (assignments[upn.toLowerCase()]) continue;
          assignments[upn.toLowerCase()] = new AppRoleAssignment(this, `sign-in-${slugs.get(upn.toLowerCase())!}`, {
            appRoleId: DEFAULT_ACCESS_APP_ROLE_ID,
            principalObjectId: user(upn).objectId,
            resourceObjectId: this.servicePrincipal.objectId,
          });
        }
        this.userAssignments = assignments;
      }
      if (props.adopt?.application) adopt(this.application, props.adopt.application);
      if (props.adopt?.servicePrincipal) adopt(this.servicePrincipal, props.adopt.servicePrincipal);
      this.clientId = this.application.clientId;
      this.servicePrincipalObjectId = this.servicePrincipal.objectId;
      if (permissions.clientSecret) {
        const rotation = { lifetimeDays: lifetime, rotationDays: props.clientSecretRotationDays ?? defaultRotationDays(lifetime) };
        const problem = Token.isUnresolved(lifetime) ? undefined : rotationProblem(rotation);
        if (problem !== undefined) throw new Error(`clientSecretRotationDays must be a whole number of days from 1 to clientSecretLifetimeDays - 1; ${problem}.`);
        this.clientSecret = this.rotatingSecret(this.application, rotation);
      }
    } else {
      const { DataAzureadApplication } = LAZY_PROVIDER_CLASSES["data-azuread-application"]();
      const { ApplicationApiAccess } = LAZY_PROVIDER_CLASSES["application-api-access"]();
      const app = new DataAzureadApplication(this, "application", { clientId: terraformValue(this, existing) });
      const sp = new DataAzureadServicePrincipal(this, "service-principal", { clientId: terraformValue(this, existing) });
      this.clientId = existing;
      this.servicePrincipalObjectId = sp.objectId;
      for (const r of permissions.byResource) {
        const scopeIds = ids(r, "Scope");
        const roleIds = ids(r, "Role");
        const access = new ApplicationApiAccess(this, `api-access-${resourceSlug(r.resource)}`, {
          applicationId: app.id,
          apiClientId: r.resource.appId,
          ...(scopeIds.length ? { scopeIds } : {}),
          ...(roleIds.length ? { roleIds } : {}),
        });
        const importId = props.adopt?.apiAccess[r.resource.appId];
        if (importId) adopt(access, importId);
        apiAccess.push(access);
      }
    }
    this.apiAccess = apiAccess;

    const grants: ServicePrincipalDelegatedPermissionGrant[] = [];
    const roles: AppRoleAssignment[] = [];
    const resourceSps: Record<string, DataAzureadServicePrincipal> = {};
    for (const r of permissions.byResource) {
      const slug = resourceSlug(r.resource);
      const resourceSp = new DataAzureadServicePrincipal(this, `resource-${slug}`, { clientId: r.resource.appId });
      resourceSps[r.resource.appId] = resourceSp;
      const claimValues = r.permissions.filter((p) => p.type === "Scope").map((p) => p.value).sort(compare);
      if (claimValues.length) {
        const grant = new ServicePrincipalDelegatedPermissionGrant(this, `consent-${slug}`, {
          servicePrincipalObjectId: this.servicePrincipalObjectId,
          resourceServicePrincipalObjectId: resourceSp.objectId,
          claimValues,
        });
        const importId = props.adopt?.delegatedGrants[r.resource.appId];
        if (importId) adopt(grant, importId);
        grants.push(grant);
      }
      for (const p of r.permissions.filter((x) => x.type === "Role")) {
        const role = new AppRoleAssignment(this, `role-${slug}-${permissionSlug(p.value)}`, {
          appRoleId: p.id,
          principalObjectId: this.servicePrincipalObjectId,
          resourceObjectId: resourceSp.objectId,
        });
        const importId = props.adopt?.appRoleAssignments[p.id];
        if (importId) adopt(role, importId);
        roles.push(role);
      }
    }
    this.resourceServicePrincipals = resourceSps;
    this.delegatedGrants = grants;
    this.roleAssignments = roles;
    this.terraformNeeds = [...(imports > 0 ? [TERRAFORM_NEEDS.importBlocks] : []), ...(this.clientSecret ? [TERRAFORM_NEEDS.planTimestamp] : [])];
  }

  private rotatingSecret(application: Application, rotation: SecretRotation): ClientSecretRotation {
    const { Rotating } = LAZY_PROVIDER_CLASSES["time-rotating"]();
    const { ApplicationPasswordA } = LAZY_PROVIDER_CLASSES["application-password"]();
    const stack = TerraformStack.of(this);
    if (!hasProvider(stack, "time")) {
      const { TimeProvider } = LAZY_PROVIDER_CLASSES["time-provider"]();
      new TimeProvider(this, "time", {});
    }
    const cycle = slotRotationDays(rotation);
    const slots: ClientSecretSlot[] = [];
    for (const slot of SECRET_SLOTS) {
      const first = slots[0]?.rotation;
      const rotating = new Rotating(this, `client-secret-${slot}-rotation`, {
        rotationDays: cycle,
        ...(first
          ? {
              rfc3339: Fn.conditional(notBefore(first.id, Fn.plantimestamp()), Fn.timeadd(first.id, `-${rotation.rotationDays * 24}h`), Token.nullValue()),
              lifecycle: { ignoreChanges: ["rfc3339"] },
            }
          : {}),
      });
      const password = new ApplicationPasswordA(this, `client-secret-${slot}`, {
        applicationId: application.id,
        displayName: `genesys-email-graph-${slot}`,
        endDate: Fn.timeadd(rotating.id, `${rotation.lifetimeDays * 24}h`),
        rotateWhenChanged: { rotation: rotating.id },
      });
      slots.push({ slot, rotation: rotating, password });
    }
    const [a, b] = slots as [ClientSecretSlot, ClientSecretSlot];
    const aIsNewest = notBefore(a.rotation.id, b.rotation.id);
    return {
      slots,
      value: Fn.conditional(aIsNewest, a.password.value, b.password.value),
      endDate: Fn.conditional(aIsNewest, a.password.endDate, b.password.endDate),
    };
  }
}

/**
 * Two client-secret slots with overlap (src/model/secret-rotation.ts has the schedule and its test). Sources:
 * - azuread provider docs/resources/application_password.md, "Time-based rotation": `rotate_when_changed` keyed to a
 *   `time_rotating` id replaces the password when it rotates; docs/guides/3.0-upgrade-guide.md: `end_date_relative`
 *   is deprecated, use `end_date` with `timeadd()`.
 * - time provider docs/resources/rotating.md: the resource is replaced on the first run after base + rotation_days;
 *   `id` and `rfc3339` are the base, which defaults to the time of creation.
 * Slot b's base is slot a's minus one rotation period, but only when a is created in the same run (a's base is then
 * not before `plantimestamp()`, Terraform 1.5+): the first apply staggers the slots, later ones keep b's own cadence.
 * `ignore_changes = [rfc3339]` keeps a's rotation from replacing b (rfc3339 forces replacement).
 */
/**
 * `timecmp(a, b) > -1`: a is not before b. (CDKTF's `Op.gte(x, 0)` renders `>= undefined`: OperatorExpression drops a
 * right operand that is falsy.)
 */
function notBefore(a: string, b: string) {
  return Op.gt(Fn.timecmp(a, b), -1);
}

function ids(r: ResourceAccess, type: "Scope" | "Role"): string[] {
  return r.permissions.filter((p) => p.type === type).map((p) => p.id);
}
