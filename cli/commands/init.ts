import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseCommandArgs, stringFlag } from "../args";
import { argumentError, EXIT } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { packageRoot } from "../package-info";
import { starterConfig, INIT_PROTOCOLS, type InitProtocol } from "../init/starter";
import { ENVIRONMENT_NAME } from "../../src/model/stack-name";
import { didYouMean } from "../../src/text/suggest";
import { quote } from "../../src/text/terminal";
import { writeFileAtomic } from "../write-file";

function list(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

function protocols(value: string | undefined): InitProtocol[] {
  const given = value === undefined ? ["imap", "smtp"] : list(value).map((p) => p.toLowerCase());
  if (given.length === 0) throw argumentError("--protocols needs at least one of imap, pop3, ews, graph, smtp.");
  for (const p of given) {
    if (!(INIT_PROTOCOLS as readonly string[]).includes(p)) throw argumentError(`--protocols: unknown protocol ${quote(p, 20)}; use ${INIT_PROTOCOLS.join(", ")}.${didYouMean(p, INIT_PROTOCOLS)}`);
  }
  return [...new Set(given)] as InitProtocol[];
}

function environments(value: string | undefined): string[] {
  const names = list(value);
  for (const name of names) {
    if (!ENVIRONMENT_NAME.test(name)) throw argumentError(`--environments: ${quote(name, 70)} cannot be an environment (a stack name): use letters, digits, - and _, starting with a letter.`);
  }
  if (new Set(names).size !== names.length) throw argumentError("--environments names an environment twice.");
  return names;
}

/** The config JSON schema, when the installed package has it: for editors, as the file's first line. */
function schemaReference(outFile: string | undefined, cwd: string): string | undefined {
  const root = packageRoot();
  const schema = root && join(root, "schemas", "genesys-email.schema.json");
  if (!schema || !existsSync(schema)) return undefined;
  const rel = relative(outFile ? dirname(outFile) : cwd, schema).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

export const command: Command = {
  usage: [
    "Usage: genesys-email init [--protocols imap,pop3,ews,graph,smtp] [--environments dev,stage,prod] [--out FILE]",
    "",
    "Writes a commented starter config for the protocols named (default imap,smtp): the tenant, the app",
    "registration, one mailbox per protocol (the first OAuth 2.0 one marked as the test mailbox), the outbound",
    "mailbox for smtp, From addresses and, with --environments, one environment (Terraform stack) each.",
    "Every value to fill in is a <placeholder> whose inside shows the form; validate reports any left (GE143).",
    "  --out FILE   write the file (never over an existing one; written whole or not at all);",
    "               without it, the config goes to standard output",
    "Exit codes: 0 written, 2 usage problems or FILE exists.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, { protocols: { type: "string" }, environments: { type: "string" }, out: { type: "string" } }, "init");
    if (positionals.length > 0) throw argumentError(`init takes no file argument; write to a file with --out ${quote(positionals[0], 60)}.`);
    const wanted = protocols(stringFlag(values, "protocols"));
    const envs = environments(stringFlag(values, "environments"));
    const outArg = stringFlag(values, "out");
    const out = outArg === undefined || outArg === "-" ? undefined : resolve(io.cwd, outArg);
    const schema = schemaReference(out, io.cwd);
    const text = starterConfig({ protocols: wanted, environments: envs, ...(schema ? { schema } : {}) });
    if (out === undefined) {
      io.stdout.write(text);
      return EXIT.ok;
    }
    writeFileAtomic(out, text, { shownAs: outArg, whenExists: "init never overwrites a file: remove it, or choose another --out" });
    io.stderr.write(`${outArg}: written. Replace every <placeholder>, then run: genesys-email validate ${outArg}\n`);
    return EXIT.ok;
  },
};
