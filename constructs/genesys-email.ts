import { Construct } from "constructs";
import { Annotations, TerraformOutput, TerraformStack } from "cdktf";
import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import type { EmailConfig, EmailConfigInput } from "../src/model/config";
import type { FieldPath } from "../src/model/path";
import { TERRAFORM_OUTPUTS } from "../src/model/terraform-outputs";
import { requiredPermissions, type PermissionSet } from "../src/permissions/required-permissions";
import { adoptionPlan } from "../src/permissions/adoption";
import { passwordFlowLogins } from "../src/model/mailbox";
import { clientSecretRotationDays } from "../src/model/application";
import { catalogAppRole, resourceApiByAppId } from "../src/model/catalog";
import { validate, type ValidationResult } from "../src/rules/engine";
import type { SourceLocation } from "../src/rules/finding";
import { GenesysEmailConfigError } from "./errors";
import { ExchangeOAuthApplication } from "./exchange-oauth-application";
import { MailboxRecords } from "./mailbox-records";
import { checkTerraform } from "./private/terraform-data";
import type { TerraformNeed } from "../src/terraform/version";
import { MigrationRequestFiles } from "./migration-request-files";
import { azureadEnvironment } from "./private/cloud";
import { hasProvider } from "./private/providers";
import { findingMessage } from "./private/messages";
import { mailboxesOutput } from "./private/mailbox-definitions";
import { terraformData, terraformLiteral, terraformValue } from "./private/terraform-literal";

/** Where a config was read from, so findings name the file and the position of each value. */
export interface ConfigSource {
  /** The config file as the user named it, e.g. `contact-center.yaml`. */
  readonly file: string;
  /**
   * The position of the value at a field path: `loadConfigFile(file).locate`.
   * @default - findings name the field path only
   */
  readonly locate?: (path: FieldPath) => SourceLocation | undefined;
}

export interface GenesysEmailProps {
  /**
   * One contact center's email setup, exactly as the YAML file has it (defaults optional, suppressions
   * included). Every rule of RULES.md runs on it; every string is written to Terraform as literal text.
   */
  readonly config: EmailConfigInput;
  /**
   * Where the config was read from: findings then name `file:line:column`, as `genesys-email validate` does.
   * `loadConfigFile(file)` returns a fitting value.
   * @default - findings name field paths only, and the error's summary line names the construct path
   */
  readonly source?: ConfigSource;
  /**
   * The environment this config is (after merging its overrides), named in every finding and, unless the config
   * sets `contactCenter.environment`, in the migration request.
   * @default - no environment
   */
  readonly environment?: string;
  /**
   * The clock date-aware rules read (GE202 counts the days to the EWS shutdown, an error from that day on);
   * the CLI passes its own so `synth` and `validate` agree.
   * @default - the current time
   */
  readonly now?: Date;
  /**
   * Whether synth runs `terraform version` (once per process) against `terraformNeeds`: a Terraform too old for
   * one of them (before 1.4, no `terraform_data`; before 1.5, no `import` blocks or `plantimestamp()`) fails synth;
   * no Terraform at all is a warning on the construct. `genesys-email synth` turns it off and runs the same check
   * itself, beside loading and synthesizing, so it costs no time.
   * @default true
   */
  readonly checkTerraformVersion?: boolean;
}

/** Output names are fixed (`client_id`, …) so scripts and `check` can rely on them. */
export const OUTPUT_NAMES = {
  clientId: TERRAFORM_OUTPUTS.clientId,
  tenantId: TERRAFORM_OUTPUTS.tenantId,
  mailboxes: TERRAFORM_OUTPUTS.mailboxes,
  clientSecret: TERRAFORM_OUTPUTS.clientSecret,
  servicePrincipalObjectId: TERRAFORM_OUTPUTS.servicePrincipalObjectId,
  clientSecretEndDate: TERRAFORM_OUTPUTS.clientSecretEndDate,
  clientSecretAEndDate: TERRAFORM_OUTPUTS.clientSecretAEndDate,
  clientSecretBEndDate: TERRAFORM_OUTPUTS.clientSecretBEndDate,
} as const;

/** The stack outputs of a `GenesysEmail`, under the fixed names of `OUTPUT_NAMES`. */
export interface GenesysEmailOutputs {
  /** `mailboxes`: the mailboxes and From addresses as declared, without secrets. */
  readonly mailboxes: TerraformOutput;
  /** `client_id`: the Application (client) ID; absent when no mailbox uses OAuth 2.0 (no app registration). */
  readonly clientId?: TerraformOutput;
  /** `tenant_id`: the Directory (tenant) ID; absent when the config has no `tenant.directoryId`. */
  readonly tenantId?: TerraformOutput;
  /**
   * `service_principal_object_id`: the object ID of the app's service principal (Enterprise application), which
   * exchange-setup.ps1 needs for RBAC for Applications; absent when there is no app registration.
   */
  readonly servicePrincipalObjectId?: TerraformOutput;
  /**
   * `client_secret` (sensitive): the newest of the two rotating secrets; absent unless a client secret is created
   * (a GRAPH mailbox on a new app registration).
   */
  readonly clientSecret?: TerraformOutput;
  /** `client_secret_end_date`: when the secret in `client_secret` expires (with `clientSecret`). */
  readonly clientSecretEndDate?: TerraformOutput;
  /** `client_secret_a_end_date` and `client_secret_b_end_date`: when each slot's secret expires (with `clientSecret`). */
  readonly clientSecretSlotEndDates?: readonly TerraformOutput[];
}

const validations = new WeakMap<GenesysEmailProps, ValidationResult>();

/**
 * Validates `props.config` once per props object (`GenesysEmailStack` and its `GenesysEmail` share
 * the result) and throws `GenesysEmailConfigError` when it has errors. `label` names the construct
 * in the error's summary line when the config has no source file.
 */
export function validateGenesysEmailProps(props: GenesysEmailProps, label: string): { config: EmailConfig; validation: ValidationResult } {
  let validation = validations.get(props);
  if (!validation) {
    validation = validate(props.config, {
      ...(props.source?.locate ? { locate: props.source.locate } : {}),
      ...(props.environment !== undefined ? { environment: props.environment } : {}),
      ...(props.now !== undefined ? { now: props.now } : {}),
    });
    validations.set(props, validation);
  }
  if (validation.errors.length > 0 || !validation.config) {
    throw new GenesysEmailConfigError(validation.findings, {
      file: props.source?.file ?? label,
      ...(props.environment !== undefined ? { environments: [props.environment] } : {}),
      ...(validation.skippedRules ? { skippedRules: validation.skippedRules } : {}),
    });
  }
  return { config: validation.config, validation };
}

/** `app/stack/email`: the path a construct will have, for messages written before it exists. */
export function pathOf(scope: Construct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/**
 * One contact center's email setup: `new GenesysEmail(stack, "email", { config })`.
 *
 * Runs every rule of `src/rules` on the config first: a config with errors throws one
 * `GenesysEmailConfigError` carrying every finding (its message is what `genesys-email validate`
 * prints), and nothing is added to the stack. Warnings become CDKTF annotations; suppressed
 * findings produce nothing. Then come the app registration (when a mailbox uses OAuth 2.0), the
 * mailbox records, the migration request files and the outputs.
 */
export class GenesysEmail extends Construct {
  /** The rule run: warnings and suppressed findings (a config with errors never gets this far). */
  readonly validation: ValidationResult;
  /** The validated config with every default applied. */
  readonly config: EmailConfig;
  /** Exactly what the OAuth 2.0 mailboxes need (empty for a basic-auth-only config). */
  readonly permissions: PermissionSet;
  /**
   * The app registration; absent when no mailbox uses OAuth 2.0 (a basic-auth-only config needs none).
   * With `application.graphMailboxAccess: exchange-rbac` it holds no Graph application permission and no
   * app role assignment: Exchange Online role assignments (exchange-setup.ps1) grant GRAPH mailboxes' access.
   */
  readonly application?: ExchangeOAuthApplication;
  /** The mailbox records (`terraform_data`), one per mailbox, plus the From-address folder. */
  readonly mailboxes: MailboxRecords;
  /** migration-request.json/.md and exchange-setup.ps1 beside cdk.tf.json, and the `migration_request` output. */
  readonly migrationRequest: MigrationRequestFiles;
  /** The stack outputs, under fixed names. */
  readonly outputs: GenesysEmailOutputs;
  /**
   * What the stack uses that older Terraform lacks, each with the version it needs: `terraform_data` (1.4), and
   * with an adoption or a rotating client secret, `import` blocks or `plantimestamp()` (1.5).
   */
  readonly terraformNeeds: readonly TerraformNeed[];

  constructor(scope: Construct, id: string, props: GenesysEmailProps) {
    // Validated before the construct joins the tree: an invalid config leaves the stack as it was.
    const { config, validation } = validateGenesysEmailProps(props, pathOf(scope, id));
    super(scope, id);
    const stack = TerraformStack.of(this);
    this.validation = validation;
    this.config = config;
    this.node.addValidation({ validate: () => this.othersInStack(stack) });
    for (const w of validation.warnings) Annotations.of(this).addWarning(findingMessage(w));

    this.permissions = requiredPermissions(config);
    // With graphMailboxAccess: exchange-rbac, GRAPH mailboxes need no Entra permission, but still the app and its secret.
    if (this.permissions.permissions.length > 0 || this.permissions.clientSecret) {
      if (!hasProvider(stack, "azuread")) {
        const environment = azureadEnvironment(config.tenant.authority);
        new AzureadProvider(this, "azuread", {
          ...(config.tenant.directoryId !== undefined ? { tenantId: terraformLiteral(this, config.tenant.directoryId) } : {}),
          ...(environment ? { environment } : {}),
        });
      }
      this.application = new ExchangeOAuthApplication(this, "application", {
        permissions: this.permissions,
        displayName: config.application.displayName,
        audience: config.application.audience,
        clientSecretLifetimeDays: config.application.clientSecretLifetimeDays,
        clientSecretRotationDays: clientSecretRotationDays(config),
        preventDestroy: config.application.preventDestroy,
        assignmentRequired: config.application.assignmentRequired,
        passwordFlowUsers: passwordFlowLogins(config),
        ...(config.application.owners !== undefined ? { owners: config.application.owners } : {}),
        ...(config.application.clientId !== undefined ? { existingClientId: config.application.clientId } : {}),
        ...(config.application.existing ? { adopt: adoptionPlan(config, this.permissions) } : {}),
      });
      this.noteBringYourOwnApp(config);
      this.noteAdoption(config);
    }
    // One Terraform check for everything the stack uses (the records' own check would cover terraform_data only).
    this.mailboxes = new MailboxRecords(this, "mailboxes", { config, checkTerraformVersion: false });
    this.terraformNeeds = [...this.mailboxes.terraformNeeds, ...(this.application?.terraformNeeds ?? [])];
    if (props.checkTerraformVersion ?? true) checkTerraform(this, this.terraformNeeds);
    this.outputs = this.addOutputs(config);
    this.migrationRequest = new MigrationRequestFiles(this, "migration-request", {
      config,
      ...(this.application ? { clientId: this.application.clientId } : {}),
      ...(props.environment !== undefined ? { environment: props.environment } : {}),
    });
  }

  private addOutputs(config: EmailConfig): GenesysEmailOutputs {
    const add = (key: keyof typeof OUTPUT_NAMES, value: unknown, description: string, sensitive = false) => {
      const output = new TerraformOutput(this, `output-${OUTPUT_NAMES[key]}`, { value, description, ...(sensitive ? { sensitive: true } : {}) });
      output.overrideLogicalId(OUTPUT_NAMES[key]);
      return output;
    };
    // Config values are written literally; the new app's client ID is a reference the code created.
    const clientId = this.application && add("clientId", terraformValue(this, this.application.clientId), "Application (client) ID for the Genesys client-id option.");
    const servicePrincipalObjectId =
      this.application &&
      add("servicePrincipalObjectId", terraformValue(this, this.application.servicePrincipalObjectId), "Object ID of the app's service principal (Enterprise application), for exchange-setup.ps1 (RBAC for Applications).");
    const tenantId =
      config.tenant.directoryId !== undefined ? add("tenantId", terraformLiteral(this, config.tenant.directoryId), "Directory (tenant) ID for the Genesys directory-id option.") : undefined;
    const mailboxes = add("mailboxes", terraformData(this, mailboxesOutput(config)), "The mailboxes and From addresses as declared (no secrets).");
    const secret = this.application?.clientSecret;
    const clientSecret = secret && add("clientSecret", secret.value, "The newest client secret, for GRAPH mailboxes (read with terraform output -raw client_secret).", true);
    const clientSecretEndDate = secret && add("clientSecretEndDate", secret.endDate, "When the secret in client_secret expires (RFC 3339).");
    const slotEndDates = secret?.slots.map((s) =>
      add(s.slot === "a" ? "clientSecretAEndDate" : "clientSecretBEndDate", s.password.endDate, `When client secret slot ${s.slot} expires (RFC 3339); the two slots rotate in turn.`),
    );
    return {
      mailboxes,
      ...(clientId ? { clientId } : {}),
      ...(servicePrincipalObjectId ? { servicePrincipalObjectId } : {}),
      ...(tenantId ? { tenantId } : {}), ...(clientSecret ? { clientSecret } : {}),
      ...(clientSecretEndDate ? { clientSecretEndDate } : {}),
      ...(slotEndDates ? { clientSecretSlotEndDates: slotEndDates } : {}),
    };
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
