import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Construct } from "constructs";
import { Annotations, Fn, TerraformOutput, TerraformStack, Token } from "cdktf";
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import type { ISynthesisSession } from "cdktf/lib/synthesize/types";
import type { EmailConfig } from "../src/model/config";
import { oauthMailboxes } from "../src/model/mailbox";
import { buildMigrationRequest, migrationRequestProblems, renderMigrationRequestJson } from "../src/manifest/build";
import { migrationRequestFiles, type MigrationRequestFile } from "../src/manifest/files";
import { TERRAFORM_OUTPUTS } from "../src/model/terraform-outputs";

/** The output's fixed name: `terraform output -raw migration_request`. */
export const MIGRATION_REQUEST_OUTPUT = TERRAFORM_OUTPUTS.migrationRequest;

export interface MigrationRequestFilesProps {
  /** The validated config (`GenesysEmail.config`). */
  readonly config: EmailConfig;
  /**
   * The Application (client) ID as Terraform knows it: the app registration's `client_id`
   * attribute (a token) or, for your own app, its ID.
   * @default - the config's `application.clientId`; without it, no `migration_request` output
   */
  readonly clientId?: string;
}

/**
 * The migration request beside the stack: `migration-request.json`, `migration-request.md`
 * and `exchange-setup.ps1` written next to `cdk.tf.json` at synth (client ID pending when the
 * stack creates the app), plus a `migration_request` output whose JSON carries the real
 * client ID once applied. Nothing is written when no mailbox uses OAuth 2.0; a config the
 * request cannot be built from (no test mailbox, allowed by a suppression) gets a warning.
 */
export class MigrationRequestFiles extends Construct {
  /** The files written at synth (empty when there is no request). */
  readonly files: readonly MigrationRequestFile[];
  readonly output?: TerraformOutput;

  constructor(scope: Construct, id: string, props: MigrationRequestFilesProps) {
    super(scope, id);
    const { config } = props;
    const problems = oauthMailboxes(config).length > 0 ? migrationRequestProblems(config) : [];
    if (problems.length > 0) {
      Annotations.of(this).addWarning(`No migration request was written: ${problems.map((p) => p.message).join(" ")}`);
      this.files = [];
      return;
    }
    this.files = migrationRequestFiles(config);
    if (this.files.length === 0) return;

    const stack = TerraformStack.of(this);
    const files = this.files;
    addCustomSynthesis(this, {
      onSynthesize(session: ISynthesisSession) {
        const directory = join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        for (const f of files) writeFileSync(join(directory, f.name), f.content);
      },
    });

    const clientId = props.clientId ?? config.application.clientId;
    if (clientId === undefined) return;
    this.output = new TerraformOutput(this, "output", {
      value: appliedRequestExpression(config, clientId),
      description: "The migration request for Genesys Customer Care (schemas/migration-request.schema.json) with the applied client ID: terraform output -raw migration_request",
    });
    this.output.overrideLogicalId(MIGRATION_REQUEST_OUTPUT);
  }
}

/**
 * `replace(base64decode("<request JSON>"), "<placeholder GUID>", <client_id>)`, or only
 * `base64decode(...)` when the client ID is known at synth (your own app): the JSON is the
 * bytes `genesys-email manifest --format json` prints, carried as base64 so no value of the
 * config (quotes, `${`, `%{`, token markers) is ever parsed as an HCL expression or template.
 * The placeholder is a GUID that occurs exactly once in the JSON.
 */
function appliedRequestExpression(config: EmailConfig, clientId: string): string {
  const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  if (!Token.isUnresolved(clientId)) return Fn.base64decode(base64(renderMigrationRequestJson(buildMigrationRequest(config, { clientId }))));
  for (let n = 0; ; n++) {
    const placeholder = `00000000-0000-0000-0000-${n.toString().padStart(12, "0")}`;
    const json = renderMigrationRequestJson(buildMigrationRequest(config, { clientId: placeholder }));
    if (json.split(placeholder).length === 2) {
      return Fn.replace(Fn.base64decode(base64(json)), placeholder, clientId);
    }
  }
}
