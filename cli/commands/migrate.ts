import { statSync } from "node:fs";
import { parseCommandArgs, stringFlags } from "../args";
import { EXIT, ExitError, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { fileArgument, loadFile, zodWithoutJit } from "../load-and-validate";
import { writeFileAtomic } from "../write-file";
import { formatFinding } from "../../src/rules/finding";
import { customerCareText, ewsToGraph, MigrateError } from "../../src/adopt/ews-to-graph";
import { MAX_CONFIG_BYTES } from "../../src/config/load";

const MIGRATIONS = ["ews-to-graph"] as const;

export const command: Command = {
  usage: [
    "Usage: genesys-email migrate ews-to-graph <file> [--mailbox NAME]... [--write]",
    "",
    "Moves each EWS mailbox on Exchange Online (or those named) to GRAPH, in every environment of the file:",
    "server.type GRAPH, host graph.microsoft.com (its cloud's Graph host), port 443; the password reference and",
    "server.path are removed (GRAPH signs in with the app's client secret). Only those values change: comments,",
    "order and formatting of the file stay as they are.",
    "Without --write, prints the unified diff; with --write, replaces the file atomically. Then prints the text",
    "for Genesys Customer Care (which mailboxes change type, what the app registration needs now).",
    "Exchange Online blocks EWS by default since 2026-10-01 and shuts it down on 2027-04-01 (GE202).",
    "Exit codes: 0 done (or nothing to migrate), 1 the result would not validate (nothing written), 2 usage or file problems.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    zodWithoutJit(); // as validate runs it: this command validates each config once
    const { values, positionals } = parseCommandArgs(args, { mailbox: { type: "string", multiple: true }, write: { type: "boolean" } }, "migrate");
    const [migration, given, ...rest] = positionals;
    if (migration === undefined || !(MIGRATIONS as readonly string[]).includes(migration)) {
      throw usageError(`migrate needs a migration: ${MIGRATIONS.join(", ")}${migration === undefined ? "" : `; ${JSON.stringify(migration)} given`}.`);
    }
    if (given === undefined || rest.length) throw usageError("migrate ews-to-graph takes exactly one config file.");
    const file = fileArgument(given, io.cwd);
    loadFile(file); // the same reading rules (size, encoding, syntax) as every command, with its messages
    const { readFileSync } = require("node:fs") as typeof import("node:fs");
    const text = readFileSync(file, "utf8");
    if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw new ExitError(EXIT.usage, `${given}: file is too large.`);
    let result;
    try {
      result = ewsToGraph(text, given, { mailboxes: stringFlags(values, "mailbox"), ...(io.now ? { now: io.now() } : {}) });
    } catch (error) {
      if (error instanceof MigrateError) throw new ExitError(error.message.includes("would not validate") ? EXIT.failed : EXIT.usage, error.message);
      throw error;
    }
    if (result.mailboxes.length === 0) {
      io.stdout.write(`${given}: no EWS mailbox on Exchange Online; nothing to migrate.\n`);
      return EXIT.ok;
    }
    for (const f of result.findings) io.stderr.write(`${formatFinding(f)}${f.environment ? ` (environment ${f.environment})` : ""}\n`);
    for (const m of result.mailboxes) {
      if (m.dropped.length) io.stderr.write(`${m.name}: removed ${m.dropped.join("; ")}.\n`);
    }
    if (values.write) {
      writeFileAtomic(file, result.after, { overwrite: true, mode: statSync(file).mode & 0o7777, shownAs: given });
      io.stdout.write(`Wrote ${given}: ${result.mailboxes.map((m) => m.name).join(", ")} now GRAPH.\n\n`);
    } else {
      const { createTwoFilesPatch } = require("diff") as typeof import("diff");
      io.stdout.write(createTwoFilesPatch(given, given, result.before, result.after, undefined, undefined, { context: 3 }).replace(/^=+\n/, ""));
      io.stdout.write("\n(dry run: pass --write to change the file)\n\n");
    }
    io.stdout.write(customerCareText(result));
    return EXIT.ok;
  },
};
