import { EXIT, ExitError } from "./errors";
import type { CliIO } from "./io";
import { packageInfo } from "./package-info";
import type { Command } from "./command";

export type { Command } from "./command";


/** Each command's one-line summary (for --help, which loads no command) and its module. */
const COMMANDS: Record<string, { readonly summary: string; readonly load: () => Command }> = {
  validate: { summary: "check a config file against every mailbox rule", load: () => require("./commands/validate").command },
  synth: { summary: "write Terraform (cdk.tf.json) for a config file with CDKTF", load: () => require("./commands/synth").command },
  manifest: { summary: "render the OAuth 2.0 migration request for Genesys Customer Care", load: () => require("./commands/manifest").command },
  check: { summary: "prove each mailbox connects (token, login, inbox) before migration", load: () => require("./commands/check").command },
  diff: { summary: "compare two configs (or two environments) for a pull-request comment", load: () => require("./commands/diff").command },
  import: { summary: "adopt an existing app registration and mailbox table (Graph JSON, CSV) into a config", load: () => require("./commands/import").command },
  migrate: { summary: "rewrite a config in place: ews-to-graph moves EWS mailboxes to GRAPH", load: () => require("./commands/migrate").command },
};

function loadCommand(name: string): Command | undefined {
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) return undefined;
  try {
    return entry.load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && String((error as Error).message).includes(`commands/${name}`)) return undefined;
    throw error;
  }
}

export function helpText(): string {
  const lines = [
    "genesys-email: infrastructure as code for Genesys E-mail Server mailboxes and their Entra app registration",
    "",
    "Usage: genesys-email <command> [options]",
    "",
    "Commands:",
  ];
  for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${summary}`);
  lines.push("", "Run genesys-email <command> --help for a command's options.", "Exit codes: 0 ok, 1 findings or failed checks, 2 usage or file problems, 3 forbidden change (diff).", "");
  return lines.join("\n");
}

/** Runs one CLI invocation and returns the exit code; expected failures print one message, bugs print the stack. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(helpText());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === "--version" || name === "-v") {
      io.stdout.write(`${packageInfo().version}\n`);
      return EXIT.ok;
    }
    const command = loadCommand(name);
    if (!command) {
      io.stderr.write(`genesys-email: unknown command "${name}".\nRun genesys-email --help for the list of commands.\n`);
      return EXIT.usage;
    }
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout.write(command.usage.endsWith("\n") ? command.usage : `${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof ExitError) {
      io.stderr.write(`genesys-email: ${error.message}\n`);
      return error.code;
    }
    io.stderr.write(`genesys-email: internal error (a bug; please report it with this output):\n${(error as Error)?.stack ?? String(error)}\n`);
    return 70;
  }
}
