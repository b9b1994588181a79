import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Construct } from "constructs";
import { Annotations, Fn, TerraformOutput, TerraformStack, Token, ref } from "cdktf";
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import type { ISynthesisSession } from "cdktf/lib/synthesize/types";
import type { EmailConfig } from "../src/model/config";
import { oauthMailboxes } from "../src/model/mailbox";
import { buildMigrationRequest, MigrationRequestError, migrationRequestProblems } from "../src/manifest/build";
import { migrationRequestFilesOf, type MigrationRequestFile } from "../src/manifest/files";
import type { MigrationRequest } from "../src/manifest/model";
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
  /**
   * The environment's name (a key of `environments:`), named in the request unless the config sets
   * `contactCenter.environment`.
   * @default - only `contactCenter.environment`
   */
  readonly environment?: string;
}

/**
 * The migration request beside the stack: `migration-request.json`, `migration-request.md`, `pre-migration.md`
 * and `exchange-setup.ps1` written next to `cdk.tf.json` at synth (client ID pending when the
 * stack creates the app), plus a `migration_request` output whose JSON carries the real
 * client ID once applied. Nothing is written when no mailbox uses OAuth 2.0; a config the
 * request cannot be built from (no test mailbox, allowed by a suppression) gets a warning.
 */
export class MigrationRequestFiles extends Construct {
  /** The files written at synth (empty when there is no request). */
  readonly files: readonly MigrationRequestFile[];
  /**
   * The `migration_request` output; absent when no file is written or no client ID is known
   * (neither the `clientId` prop nor the config's `application.clientId`).
   */
  readonly output?: TerraformOutput;

  constructor(scope: Construct, id: string, props: MigrationRequestFilesProps) {
    super(scope, id);
    const { config } = props;
    this.files = [];
    if (oauthMailboxes(config).length === 0) return;
    const options = props.environment !== undefined ? { environment: props.environment } : {};
    const problems = migrationRequestProblems(config);
    if (problems.length > 0) {
      Annotations.of(this).addWarning(`No migration request was written: ${problems.map((p) => p.message).join(" ")}`);
      return;
    }
    // Built once: the files and the output are renderings of the same request.
    const request = buildMigrationRequest(config, options);
    this.files = migrationRequestFilesOf(config, request, options);

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
    const json = this.files.find((f) => f.name === "migration-request.json")!.content;
    this.output = new TerraformOutput(this, "output", {
      value: appliedRequestExpression(config, request, json, clientId),
      description: "The migration request for Genesys Customer Care (schemas/migration-request.schema.json) with the applied client ID: terraform output -raw migration_request",
    });
    this.output.overrideLogicalId(MIGRATION_REQUEST_OUTPUT);
  }
}

/** The two lines of migration-request.json that name the client ID, before and after `terraform apply`. */
const clientIdLines = (status: string, value: string) => `"clientIdStatus": "${status}",\n    "clientId": ${value},`;
const PENDING_CLIENT_ID_LINES = clientIdLines("pending-terraform-apply", "null");

/** `text` as an HCL string literal's content: CDKTF escapes newlines and `${`, but not quotes or backslashes. */
const hclQuoted = (text: string) => text.replace(/[\\"]/g, (c) => `\\${c}`);

/**
 * The request with the applied client ID, read from the migration-request.json written beside
 * cdk.tf.json: `replace(file("${path.module}/migration-request.json"), <pending lines>, <lines with
 * client_id>)`, or only `file(...)` when the file already names the client ID (your own app).
 * `file()` gives the bytes as they are (no config value is ever read as HCL), and the output is
 * byte for byte what `genesys-email manifest --format json` prints (checked with real Terraform in
 * test/constructs/migration-request-output.test.ts). The file is the stack's, like cdk.tf.json:
 * plan and apply need it. Carrying the JSON inside cdk.tf.json instead (base64) made the stack
 * file ~40% larger and synth ~0.13 s slower per 1,000 mailboxes × 3 stacks.
 */
function appliedRequestExpression(config: EmailConfig, request: MigrationRequest, json: string, clientId: string): string {
  const file = Fn.file(Fn.join("", [Token.asString(ref("path.module")), "/migration-request.json"]));
  if (request.application.clientId !== null) return file;
  if (!Token.isUnresolved(clientId)) {
    const problems = migrationRequestProblems(config, { clientId });
    if (problems.length > 0) throw new MigrationRequestError(problems);
  }
  // Quotes inside JSON strings are escaped (\"), so these lines can only be the application's own.
  if (json.split(PENDING_CLIENT_ID_LINES).length !== 2) throw new Error("migration-request.json does not name a pending client ID exactly once; this is a bug in genesys-email-iac.");
  const [before, after] = clientIdLines("resolved", '"CLIENT_ID"').split("CLIENT_ID") as [string, string];
  return Fn.replace(file, hclQuoted(PENDING_CLIENT_ID_LINES), Fn.join("", [hclQuoted(before), clientId, hclQuoted(after)]));
}
