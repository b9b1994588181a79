import { Construct } from "constructs";
import { Annotations, TerraformOutput, TerraformProvider, TerraformStack } from "cdktf";
import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import type { EmailConfig, EmailConfigInput } from "../src/model/config";
import { TERRAFORM_OUTPUTS } from "../src/model/terraform-outputs";
import { requiredPermissions, type PermissionSet } from "../src/permissions/required-permissions";
import { adoptionPlan } from "../src/permissions/adoption";
import { catalogAppRole, resourceApiByAppId } from "../src/model/catalog";
import { validate, type ValidationResult } from "../src/rules/engine";
import { ExchangeOAuthApplication } from "./exchange-oauth-application";
import { MailboxRecords } from "./mailbox-records";
import { MigrationRequestFiles } from "./migration-request-files";
import { azureadEnvironment } from "./private/cloud";
import { findingMessage } from "./private/messages";
import { mailboxesOutput } from "./private/mailbox-definitions";

/** The config exactly as written in the YAML file (defaults optional), including its suppressions. */
export type GenesysEmailProps = EmailConfigInput;

/** Output names are fixed (`client_id`, …) so scripts and `check` can rely on them. */
export const OUTPUT_NAMES = {
  clientId: TERRAFORM_OUTPUTS.clientId,
  tenantId: TERRAFORM_OUTPUTS.tenantId,
  mailboxes: TERRAFORM_OUTPUTS.mailboxes,
  clientSecret: TERRAFORM_OUTPUTS.clientSecret,
} as const;

const EMPTY_PERMISSIONS: PermissionSet = {
  permissions: [],
  byResource: [],
  delegated: [],
  application: [],
  publicClient: false,
  clientSecret: false,
  graphMailboxAccess: "tenant-consent",
  exchangeRoles: [],
};

/**
 * One contact center's email setup: `new GenesysEmail(stack, "email", config)`.
 *
 * Runs every rule of `src/rules` on the config. Errors block synth through `node.addValidation`
 * (so `app.synth()` lists all of them at once), warnings become CDKTF annotations, suppressed
 * findings produce nothing. Only a config without errors is turned into resources: the app
 * registration (when a mailbox uses OAuth 2.0), the mailbox records and the outputs.
 */
export class GenesysEmail extends Construct {
  /** Every finding, suppressed ones included. */
  readonly validation: ValidationResult;
  /** The validated, defaulted config; absent when the config has errors (then nothing is built). */
  readonly config?: EmailConfig;
  /** Exactly what the OAuth 2.0 mailboxes need (empty when invalid or basic-auth only). */
  readonly permissions: PermissionSet;
  /**
   * The app registration; absent when no mailbox uses OAuth 2.0 or the config has errors. With
   * `application.graphMailboxAccess: exchange-rbac` it holds no Graph application permission and no app role
   * assignment: Exchange Online role assignments (exchange-setup.ps1) grant GRAPH mailboxes' access.
   */
  readonly application?: ExchangeOAuthApplication;
  readonly mailboxes?: MailboxRecords;
  /** migration-request.json/.md and exchange-setup.ps1 beside cdk.tf.json, and the `migration_request` output. */
  readonly migrationRequest?: MigrationRequestFiles;
  readonly outputs: Readonly<Partial<Record<keyof typeof OUTPUT_NAMES, TerraformOutput>>> = {};

  constructor(scope: Construct, id: string, props: GenesysEmailProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    this.validation = validate(props);
    const errors = this.validation.errors.map(findingMessage);
    this.node.addValidation({ validate: () => [...errors, ...this.othersInStack(stack)] });
    for (const w of this.validation.warnings) Annotations.of(this).addWarning(findingMessage(w));

    if (this.validation.errors.length > 0 || !this.validation.config) {
      this.permissions = EMPTY_PERMISSIONS;
      return;
    }
    const config = this.validation.config;
    this.config = config;
    this.permissions = requiredPermissions(config);

    // With graphMailboxAccess: exchange-rbac, GRAPH mailboxes need no Entra permission, but still the app and its secret.
    if (this.permissions.permissions.length > 0 || this.permissions.clientSecret) {
      if (!hasAzureadProvider(stack)) {
        const environment = azureadEnvironment(config.tenant.authority);
        new AzureadProvider(this, "azuread", {
          ...(config.tenant.directoryId !== undefined ? { tenantId: config.tenant.directoryId } : {}),
          ...(environment ? { environment } : {}),
        });
      }
      this.application = new ExchangeOAuthApplication(this, "application", {
        permissions: this.permissions,
        displayName: config.application.displayName,
        audience: config.application.audience,
        clientSecretLifetimeDays: config.application.clientSecretLifetimeDays,
        ...(config.application.clientId !== undefined ? { existingClientId: config.application.clientId } : {}),
        ...(config.application.existing ? { adopt: adoptionPlan(config, this.permissions) } : {}),
      });
      this.noteBringYourOwnApp(config);
      this.noteAdoption(config);
    }
    this.mailboxes = new MailboxRecords(this, "mailboxes", { config });
    this.outputs = this.addOutputs(config);
    this.migrationRequest = new MigrationRequestFiles(this, "migration-request", { config, ...(this.application ? { clientId: this.application.clientId } : {}) });
  }

  private addOutputs(config: EmailConfig): GenesysEmail["outputs"] {
    const outputs: Partial<Record<keyof typeof OUTPUT_NAMES, TerraformOutput>> = {};
    const add = (key: keyof typeof OUTPUT_NAMES, value: unknown, description: string, sensitive = false) => {
      const output = new TerraformOutput(this, `output-${OUTPUT_NAMES[key]}`, { value, description, ...(sensitive ? { sensitive: true } : {}) });
      output.overrideLogicalId(OUTPUT_NAMES[key]);
      outputs[key] = output;
    };
    if (this.application) add("clientId", this.application.clientId, "Application (client) ID for the Genesys client-id option.");
    if (config.tenant.directoryId !== undefined) add("tenantId", config.tenant.directoryId, "Directory (tenant) ID for the Genesys directory-id option.");
    add("mailboxes", mailboxesOutput(config), "The mailboxes and From addresses as declared (no secrets).");
    if (this.application?.clientSecret) {
      add("clientSecret", this.application.clientSecret.value, "Client secret for GRAPH mailboxes (read with terraform output -raw client_secret).", true);
    }
    return outputs;
  }

  /** Existing consents no declared mailbox needs are neither imported nor deleted: say so, with how to revoke them. */
  private noteAdoption(config: EmailConfig): void {
    if (!config.application.existing) return;
    const { unmanaged } = adoptionPlan(config, this.permissions);
    for (const g of unmanaged.delegatedGrants) {
      Annotations.of(this).addWarning(
        `application.existing.delegatedGrants: the consent ${g.id} (${resourceApiByAppId(g.resourceAppId)?.name ?? g.resourceAppId}) is not imported: no declared mailbox needs it. Terraform neither manages nor deletes it; revoke it by hand if no one else uses it (docs/adopting.md).`,
      );
    }
    for (const a of unmanaged.appRoleAssignments) {
      Annotations.of(this).addWarning(
        `application.existing.appRoleAssignments: the consent ${a.id} (${catalogAppRole(a.appRoleId)?.value ?? a.appRoleId}) is not imported: no declared mailbox needs it. Terraform neither manages nor deletes it; revoke it by hand if no one else uses it (docs/adopting.md).`,
      );
    }
  }

  private noteBringYourOwnApp(config: EmailConfig): void {
    if (config.application.clientId === undefined) return;
    if (this.permissions.publicClient) {
      Annotations.of(this).addInfo(
        `application.clientId: the existing app must allow public client flows (fallback_public_client_enabled) for the password flow; it is not managed here.`,
      );
    }
    if (this.permissions.clientSecret) {
      Annotations.of(this).addInfo(
        `application.clientId: no client secret is created for an existing app; GRAPH mailboxes use the one named by application.clientSecret.`,
      );
    }
  }

  /** Outputs have fixed names, so a stack holds one setup (put each environment in its own stack). */
  private othersInStack(stack: TerraformStack): string[] {
    const all = stack.node.findAll().filter((c): c is GenesysEmail => c instanceof GenesysEmail);
    return all.length > 1 && all[0] !== this
      ? [`A stack holds one GenesysEmail; ${all[0]!.node.path} is already in ${stack.node.id}. Put each environment in its own stack.`]
      : [];
  }
}

function hasAzureadProvider(stack: TerraformStack): boolean {
  return stack.node.findAll().some((c) => c instanceof TerraformProvider && c.terraformResourceType === "azuread");
}
