import { parseCommandArgs, oneOf, stringFlag } from "../args";
import { EXIT, ExitError, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { fileArgument, zodWithoutJit } from "../load-and-validate";
import { writeFileAtomic } from "../write-file";
import { formatFinding } from "../../src/rules/finding";
import {
  adopt,
  AdoptInputError,
  APP_ROLE_ASSIGNMENTS,
  APPLICATION,
  formatReport,
  GRANTS,
  readGraphFile,
  readMailboxCsv,
  renderConfigYaml,
  RESOURCES,
  SERVICE_PRINCIPAL,
  type GraphKind,
} from "../../src/adopt";

const FORMATS = ["text", "json"] as const;

export const command: Command = {
  usage: [
    "Usage: genesys-email import --application app.json [--service-principal sp.json] [--grants grants.json]",
    "                            [--app-role-assignments roles.json] [--resources resources.json]",
    "                            [--mailboxes mailboxes.csv] [--test-mailbox NAME] [--directory-id GUID]",
    "                            [--bring-your-own] [--out config.yaml [--force]] [--format text|json]",
    "",
    "Adopts an app registration set up by hand: reads what Microsoft Graph returned (the az rest commands in",
    "docs/adopting.md) and the Agent Setup mailbox table, writes a config whose application.existing makes synth",
    "emit Terraform import blocks, and prints the adoption report: what the first terraform plan will change.",
    "Offline: reads files only.",
    "  --out FILE        write the config there (atomically; an existing file only with --force);",
    "                    without --out the config goes to stdout and the report to stderr",
    "  --bring-your-own  keep the app registration unmanaged (application.clientId); adopt its permissions and consents",
    "  --format json     the report as JSON",
    "Exit codes: 0 written, 2 usage or input problems (nothing written).",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    zodWithoutJit(); // as validate runs it: this command validates each config once
    const { values, positionals } = parseCommandArgs(
      args,
      {
        application: { type: "string" },
        "service-principal": { type: "string" },
        grants: { type: "string" },
        "app-role-assignments": { type: "string" },
        resources: { type: "string" },
        mailboxes: { type: "string" },
        "test-mailbox": { type: "string" },
        "directory-id": { type: "string" },
        "bring-your-own": { type: "boolean" },
        out: { type: "string" },
        force: { type: "boolean" },
        format: { type: "string" },
      },
      "import",
    );
    if (positionals.length > 0) throw usageError(`import takes no positional arguments; ${JSON.stringify(positionals[0])} given (name each file with its flag).`);
    const format = oneOf(stringFlag(values, "format"), FORMATS, "--format", "text");
    const applicationFile = stringFlag(values, "application");
    if (applicationFile === undefined) throw usageError("import needs --application app.json (GET /v1.0/applications/{object-id}).");
    if (values.force && stringFlag(values, "out") === undefined) throw usageError("--force only applies with --out.");
    const path = (flag: string) => {
      const given = stringFlag(values, flag);
      return given === undefined ? undefined : fileArgument(given, io.cwd);
    };
    const graph = <T>(flag: string, kind: GraphKind<T>) => {
      const file = path(flag);
      return file === undefined ? undefined : { file, value: readGraphFile(file, kind) };
    };
    try {
      const application = graph("application", APPLICATION)!;
      const servicePrincipal = graph("service-principal", SERVICE_PRINCIPAL);
      const grants = graph("grants", GRANTS);
      const appRoleAssignments = graph("app-role-assignments", APP_ROLE_ASSIGNMENTS);
      const resources = graph("resources", RESOURCES);
      const mailboxesFile = path("mailboxes");
      const testMailbox = stringFlag(values, "test-mailbox");
      const directoryId = stringFlag(values, "directory-id");
      const adoption = adopt({
        application: { file: application.file, value: application.value[0]! },
        ...(servicePrincipal ? { servicePrincipal: { file: servicePrincipal.file, value: servicePrincipal.value[0]! } } : {}),
        ...(grants ? { grants } : {}),
        ...(appRoleAssignments ? { appRoleAssignments } : {}),
        ...(resources ? { resources } : {}),
        ...(mailboxesFile ? { mailboxes: { file: mailboxesFile, value: readMailboxCsv(mailboxesFile) } } : {}),
        ...(testMailbox !== undefined ? { testMailbox } : {}),
        ...(directoryId !== undefined ? { directoryId } : {}),
        ...(values["bring-your-own"] ? { bringYourOwn: true } : {}),
        ...(io.now ? { now: io.now() } : {}),
      });
      const yaml = renderConfigYaml(adoption.config, adoption.comments);
      const report = format === "json" ? `${JSON.stringify(adoption.report, null, 2)}\n` : formatReport(adoption.report);
      const warnings = adoption.warnings.map((f) => `${formatFinding(f)}\n`).join("");
      const out = path("out");
      if (out !== undefined) {
        writeFileAtomic(out, yaml, { overwrite: values.force === true, shownAs: stringFlag(values, "out") ?? out });
        io.stderr.write(`${warnings}Wrote ${stringFlag(values, "out")}.\n`);
        io.stdout.write(report);
      } else {
        io.stdout.write(yaml);
        io.stderr.write(`${warnings}${report}`);
      }
      return EXIT.ok;
    } catch (error) {
      if (error instanceof AdoptInputError) throw new ExitError(EXIT.usage, `${error.message}\nNothing was written.`);
      throw error;
    }
  },
};
