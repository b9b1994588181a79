import { closeSync, existsSync, fsyncSync, linkSync, openSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { parseCommandArgs, stringFlag } from "../args";
import { argumentError, EXIT, ExitError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { packageRoot } from "../package-info";
import { starterConfig, INIT_PROTOCOLS, type InitProtocol } from "../init/starter";
import { ENVIRONMENT_NAME } from "../../src/config/environments";
import { didYouMean } from "../../src/text/suggest";
import { quote } from "../../src/text/terminal";

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

/**
 * Writes a new file atomically and never over an existing one: the text goes to a temporary file beside it,
 * which is then hard-linked to the name (link fails if the name exists, so nothing is ever replaced). Where
 * the file system has no hard links, an exclusive create is the fallback (still never replacing).
 */
function writeNew(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.init-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const fd = openSync(temp, "wx", 0o644);
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "ENOSYS") throw error;
      const out = openSync(file, "wx", 0o644);
      try {
        writeSync(out, text);
      } finally {
        closeSync(out);
      }
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
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
    try {
      writeNew(out, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw new ExitError(EXIT.usage, `${outArg} already exists; init never overwrites a file (remove it, or choose another --out).`);
      if (code === "ENOENT") throw new ExitError(EXIT.usage, `${outArg}: the folder ${dirname(outArg!)} does not exist.`);
      if (code === "EACCES" || code === "EPERM" || code === "EROFS") throw new ExitError(EXIT.usage, `${outArg}: permission denied (${code}).`);
      if (code === "ENOTDIR" || code === "EISDIR") throw new ExitError(EXIT.usage, `${outArg}: not a path to a file (${code}).`);
      throw error;
    }
    io.stderr.write(`${outArg}: written. Replace every <placeholder>, then run: genesys-email validate ${outArg}\n`);
    return EXIT.ok;
  },
};
