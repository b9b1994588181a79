import { EXIT, ExitError, UsageError } from "./errors";
import { paintFor, type CliIO } from "./io";
import type { Command } from "./command";
import { didYouMean } from "../src/text/suggest";
import { quote } from "../src/text/terminal";

export type { Command } from "./command";

/** Each command's one-line summary (for --help, which loads no command) and its module. */
const COMMANDS: Record<string, { readonly summary: string; readonly load: () => Command }> = {
  init: { summary: "write a commented starter config for the protocols and environments you name", load: () => require("./commands/init").command },
  validate: { summary: "check a config file against every mailbox rule", load: () => require("./commands/validate").command },
  synth: { summary: "write Terraform (cdk.tf.json) for a config file with CDKTF", load: () => require("./commands/synth").command },
  manifest: { summary: "render the OAuth 2.0 migration request for Genesys Customer Care", load: () => require("./commands/manifest").command },
  check: { summary: "prove each mailbox connects (token, login, inbox) before migration", load: () => require("./commands/check").command },
  diff: { summary: "compare two configs, two environments, or a file at two git refs (diff --base REF)", load: () => require("./commands/diff").command },
  version: { summary: "print the versions of genesys-email, cdktf and the azuread provider", load: () => require("./commands/version").command },
  import: { summary: "adopt an existing app registration and mailbox table (Graph JSON, CSV) into a config", load: () => require("./commands/import").command },
  migrate: { summary: "rewrite a config in place: ews-to-graph moves EWS mailboxes to GRAPH", load: () => require("./commands/migrate").command },
};

/** Options every command takes, handled here. */
const GLOBAL_FLAGS = ["--no-color", "--help", "-h"];

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
  lines.push(
    "",
    "Run genesys-email <command> --help for a command's options. Every file argument accepts - for standard input.",
    "  --no-color  no colour (also NO_COLOR=1); colour is used on a terminal only, or with FORCE_COLOR=1",
    "  --version   the same as the version command",
    "Exit codes: 0 ok, 1 findings or failed checks, 2 usage or file problems, 3 forbidden change (diff).",
    "",
  );
  return lines.join("\n");
}

const withNewline = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);

/** Runs one CLI invocation and returns the exit code; expected failures print one message, bugs print the stack. */
export async function main(argv: string[], baseIO: CliIO): Promise<number> {
  // `--no-color` may stand anywhere before a `--`; it is not passed on to the command.
  const end = argv.indexOf("--");
  const before = end === -1 ? argv : argv.slice(0, end);
  const noColor = before.includes("--no-color");
  const rest = noColor ? [...before.filter((a) => a !== "--no-color"), ...(end === -1 ? [] : argv.slice(end))] : argv;
  const io: CliIO = noColor ? { ...baseIO, noColor: true } : baseIO;
  const [name, ...args] = rest;
  let command: Command | undefined;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(helpText());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === "--version" || name === "-v") return await loadCommand("version")!.run(args, io);
    command = loadCommand(name);
    if (!command) {
      const known = [...Object.keys(COMMANDS), ...(name.startsWith("-") ? GLOBAL_FLAGS.concat("--version") : [])];
      const what = name.startsWith("-") ? "option" : "command";
      io.stderr.write(`genesys-email: unknown ${what} ${quote(name, 40)}.${didYouMean(name, known)}\nRun genesys-email --help for the list of commands.\n`);
      return EXIT.usage;
    }
    const helpAt = args.findIndex((a) => a === "--help" || a === "-h");
    const dashes = args.indexOf("--");
    if (helpAt !== -1 && (dashes === -1 || helpAt < dashes)) {
      io.stdout.write(withNewline(command.usage));
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError && command) {
      const more = error.showUsage ? `\n${withNewline(command.usage)}` : `Run genesys-email ${name} --help for usage.\n`;
      io.stderr.write(`${paintFor(io, "stderr").red("genesys-email:")} ${error.message}\n${more}`);
      return error.code;
    }
    if (error instanceof ExitError) {
      io.stderr.write(`${paintFor(io, "stderr").red("genesys-email:")} ${error.message}\n`);
      return error.code;
    }
    io.stderr.write(`genesys-email: internal error (a bug; please report it with this output):\n${(error as Error)?.stack ?? String(error)}\n`);
    return 70;
  }
}
