import { parseCommandArgs, oneOf, stringFlag, stringFlags } from "../args";
import { EXIT, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { fileArgument, loadFile, selectEnvironments } from "../load-and-validate";
import { resolveEnvironments, type ResolvedEnvironment } from "../../src/config/environments";
import { diffPairs, pairEnvironments, renderMarkdown, type DiffPair } from "../../src/diff";
import { formatFinding, type Finding } from "../../src/rules/finding";

const FORMATS = ["markdown", "json"] as const;

/** Picks one environment of a file for `--env`; a file without environments stands for itself. */
function pick(envs: readonly ResolvedEnvironment[], name: string): ResolvedEnvironment | undefined {
  if (envs.every((e) => e.environment === undefined)) return envs[0];
  return envs.find((e) => e.environment === name);
}

function pairsFor(positionals: readonly string[], wanted: readonly string[], cwd: string): DiffPair[] {
  if (positionals.length === 0 || positionals.length > 2) throw usageError("diff takes OLD NEW (two config files), or FILE --env A --env B.");
  if (wanted.length > 2) throw usageError("diff takes at most two --env: the old side's, then the new side's.");
  const [oldArg, newArg] = positionals;
  const oldFile = fileArgument(oldArg!, cwd);
  const newFile = newArg === undefined ? oldFile : fileArgument(newArg, cwd);
  const oldEnvs = resolveEnvironments(loadFile(oldFile));
  const newEnvs = newArg === undefined ? oldEnvs : resolveEnvironments(loadFile(newFile));

  if (newArg === undefined) {
    if (wanted.length !== 2) throw usageError("diff with one file compares two of its environments: diff FILE --env OLD --env NEW.");
    const [a, b] = selectEnvironments(oldArg!, oldEnvs, wanted);
    return [[{ file: oldArg!, environment: a! }, { file: oldArg!, environment: b! }]];
  }
  if (wanted.length === 2) {
    const [a] = selectEnvironments(oldArg!, oldEnvs, [wanted[0]!]);
    const [b] = selectEnvironments(newArg, newEnvs, [wanted[1]!]);
    return [[{ file: oldArg!, environment: a! }, { file: newArg, environment: b! }]];
  }
  if (wanted.length === 1) {
    const name = wanted[0]!;
    const a = pick(oldEnvs, name);
    const b = pick(newEnvs, name);
    if (!a && !b) {
      const known = [...new Set([...oldEnvs, ...newEnvs].map((e) => e.environment).filter((n): n is string => n !== undefined))];
      throw usageError(`Neither ${oldArg} nor ${newArg} has an environment "${name}"; they declare: ${known.join(", ")}.`);
    }
    return [[a ? { file: oldArg!, environment: a } : { file: oldArg!, absentName: name }, b ? { file: newArg, environment: b } : { file: newArg, absentName: name }]];
  }
  return pairEnvironments(oldArg!, oldEnvs, newArg, newEnvs).map(([a, b]) => [
    { ...a, file: oldArg! },
    { ...b, file: newArg },
  ]);
}

/** A fence longer than any backtick run inside, so findings cannot break out of the block. */
function fenced(text: string): string {
  let longest = 2;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function findingLines(findings: readonly Finding[]): string {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(formatFinding(f));
    const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : undefined;
    if (where || f.environment) lines.push(`  at ${[where, f.environment && `(environment ${f.environment})`].filter(Boolean).join(" ")}`);
  }
  return lines.join("\n");
}

export const command: Command = {
  usage: [
    "Usage: genesys-email diff OLD NEW [--env NAME] [--format markdown|json]",
    "       genesys-email diff FILE --env OLD_ENV --env NEW_ENV [--format markdown|json]",
    "",
    "Prints a Markdown summary: mailboxes added, removed, renamed and changed field by field;",
    "From addresses; Entra permissions (application permissions and admin consent called out as",
    "high risk); what changes in the migration request. Environments are compared by name.",
    "Flags what Genesys forbids: renaming an inbound mailbox (Mailbox Name is create-only) and",
    "removing a mailbox still assigned to a Designer application.",
    "Exit codes: 0 compared, 1 a side has errors, 2 usage or file problems, 3 a forbidden change.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: "string" }, env: { type: "string", multiple: true } }, "diff");
    const format = oneOf(stringFlag(values, "format"), FORMATS, "--format", "markdown");
    const pairs = pairsFor(positionals, stringFlags(values, "env"), io.cwd);
    const outcome = diffPairs(pairs);
    if (!("comparisons" in outcome)) {
      if (format === "json") io.stdout.write(`${JSON.stringify({ schemaVersion: 1, valid: false, findings: outcome.findings }, null, 2)}\n`);
      else {
        io.stdout.write(`## genesys-email diff\n\nCannot compare: a config has errors (run \`genesys-email validate\` for all findings).\n\n${fenced(findingLines(outcome.findings))}\n`);
      }
      return EXIT.failed;
    }
    io.stdout.write(format === "json" ? `${JSON.stringify(outcome, null, 2)}\n` : renderMarkdown(outcome));
    return outcome.forbidden ? EXIT.forbidden : EXIT.ok;
  },
};
