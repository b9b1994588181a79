import { parseCommandArgs, oneOf, stringFlag } from "../args";
import { argumentError, EXIT, ExitError, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { loadAndValidate } from "../load-and-validate";
import { paintFor } from "../io";
import { findingLines as findingText } from "../../src/rules/report";
import { plural } from "../../src/text/terminal";
import type { Finding } from "../../src/rules/finding";
import { buildMigrationRequest, migrationRequestProblems, renderMigrationRequestJson, type MigrationRequestOptions } from "../../src/manifest/build";
import { renderMigrationRequestMarkdown } from "../../src/manifest/markdown";
import { renderPreMigrationChecklist } from "../../src/manifest/pre-migration";
import { exchangeGroupNameFits, MAX_EXCHANGE_GROUP_NAME_LENGTH } from "../../src/model/application";
import { renderGenesysOptions } from "../../src/manifest/genesys-options";
import { ACCESS_POLICY_STYLES, accessPolicyStyleProblem, defaultAccessPolicyStyle, renderExchangeSetupScript } from "../../src/manifest/exchange-setup";
import { TERRAFORM_OUTPUT_NAMES, type TerraformOutputValues } from "../../src/terraform/outputs";
import { readTerraformOutputsSource } from "../terraform-outputs";

const FORMATS = ["markdown", "json", "pre-migration", "genesys-options", "powershell"] as const;

function findingLines(findings: readonly Finding[], io: CliIO): string {
  return findingText(findings, paintFor(io, "stderr")).map((line) => `${line}\n`).join("");
}

export const command: Command = {
  usage: [
    "Usage: genesys-email manifest <file|-> [--tf-outputs FILE|-] [--format markdown|json|pre-migration|genesys-options|powershell]",
    "                                    [--access-policy rbac|application-access-policy] [--group-name NAME] [--env NAME]",
    "",
    "Validates the config, then prints the migration request: Markdown ready to paste into a support case (default),",
    "the JSON manifest, our pre-migration checklist (pre-migration.md), the Genesys E-mail Server options, or the",
    "Exchange Online setup script (exchange-setup.ps1).",
    "",
    "  --tf-outputs FILE|-   `terraform output -json` of this config's stack (a file, or - for standard input):",
    "                        client_id, tenant_id and service_principal_object_id are taken from it; sensitive",
    "                        outputs are never read or printed.",
    "                        Without it, a client ID the stack creates is shown as pending.",
    "  --access-policy       how the powershell format fences GRAPH mailboxes; default from application.graphMailboxAccess:",
    "                        application-access-policy for tenant-consent, rbac (RBAC for Applications) for exchange-rbac",
    "  --group-name NAME     the mail-enabled security group for GRAPH mailboxes (powershell format, at most 64",
    "                        characters); default application.graphMailboxGroup, else <displayName> GRAPH mailboxes",
    "  --env NAME            the environment, in a file with environments: (one request per stack)",
    "",
    "Exit codes: 0 printed, 1 the config has errors or gives no request, 2 usage or file problems.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(
      args,
      { format: { type: "string" }, "tf-outputs": { type: "string" }, env: { type: "string" }, "access-policy": { type: "string" }, "group-name": { type: "string" } },
      "manifest",
    );
    const format = oneOf(stringFlag(values, "format"), FORMATS, "--format", "markdown");
    const styleFlag = stringFlag(values, "access-policy");
    if (styleFlag !== undefined) oneOf(styleFlag, ACCESS_POLICY_STYLES, "--access-policy", "rbac");
    const groupName = stringFlag(values, "group-name");
    if (groupName !== undefined && !exchangeGroupNameFits(groupName)) {
      throw usageError(`--group-name must have 1 to ${MAX_EXCHANGE_GROUP_NAME_LENGTH} characters (New-DistributionGroup -Name); the one given has ${groupName.length}.`);
    }
    const outputs = stringFlag(values, "tf-outputs");
    const env = stringFlag(values, "env");
    if (positionals.length !== 1) throw argumentError("manifest takes exactly one config file (or - for standard input).");
    const file = positionals[0]!;

    // A file with environments needs --env (unless it declares exactly one): one request per stack.
    const { loaded, result, environment } = await loadAndValidate(file, io, env);
    if (!result.config || result.errors.length > 0) {
      io.stderr.write(findingLines(result.findings, io));
      io.stderr.write(`${loaded.file}: ${plural(result.errors.length, "error")}; fix them before rendering the migration request (genesys-email validate ${file}).\n`);
      return EXIT.failed;
    }
    const config = result.config;
    if (result.warnings.length > 0) io.stderr.write(findingLines(result.warnings, io));
    const style = oneOf(styleFlag, ACCESS_POLICY_STYLES, "--access-policy", defaultAccessPolicyStyle(config));
    const styleProblem = format === "powershell" ? accessPolicyStyleProblem(config, style) : undefined;
    if (styleProblem !== undefined) throw new ExitError(EXIT.usage, `--access-policy ${style}: ${styleProblem}`);

    // Documents never carry a secret: the sensitive client_secret is not even read.
    const identity: TerraformOutputValues = outputs !== undefined ? await readTerraformOutputsSource(outputs, io, { clientSecret: "never" }, "manifest") : {};
    const createdByStack = config.application.clientId === undefined;
    if (outputs !== undefined && createdByStack && identity.clientId === undefined) {
      const name = outputs === "-" ? "standard input" : outputs;
      throw new ExitError(EXIT.usage, `${name} has no ${TERRAFORM_OUTPUT_NAMES.clientId} output: run \`terraform apply\` for this config's stack first, then \`terraform output -json\`.`);
    }
    const options: MigrationRequestOptions = {
      ...(identity.clientId !== undefined ? { clientId: identity.clientId } : {}),
      ...(identity.tenantId !== undefined ? { tenantId: identity.tenantId } : {}),
      ...(environment.environment !== undefined ? { environment: environment.environment } : {}),
    };
    const problems = migrationRequestProblems(config, options);
    const outputProblems = problems.filter((p) => p.source === "options");
    if (outputProblems.length > 0) {
      throw new ExitError(EXIT.usage, `${outputs === "-" ? "standard input" : outputs}: ${outputProblems.map((p) => p.message).join(" ")}`);
    }
    if (problems.length > 0) throw new ExitError(EXIT.failed, `${file}: ${problems.map((p) => p.message).join(" ")}`);

    if (format === "powershell") {
      io.stdout.write(
        renderExchangeSetupScript(config, {
          style,
          ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
          ...(identity.servicePrincipalObjectId !== undefined ? { servicePrincipalObjectId: identity.servicePrincipalObjectId } : {}),
          ...(groupName !== undefined ? { groupName } : {}),
        }),
      );
      return EXIT.ok;
    }
    const request = buildMigrationRequest(config, options);
    const render =
      format === "json"
        ? renderMigrationRequestJson
        : format === "genesys-options"
          ? renderGenesysOptions
          : format === "pre-migration"
            ? (r: typeof request) => renderPreMigrationChecklist(config, r)
            : renderMigrationRequestMarkdown;
    io.stdout.write(render(request));
    if (request.application.clientId === null) {
      io.stderr.write(
        `genesys-email: client-id is pending: the stack creates the Entra app. After \`terraform apply\`, run \`terraform output -json > outputs.json\`, then \`genesys-email manifest ${file}${env !== undefined ? ` --env ${env}` : ""} --tf-outputs outputs.json\`.\n`,
      );
    }
    return EXIT.ok;
  },
};
