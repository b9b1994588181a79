import { existsSync } from "node:fs";
import { parseCommandArgs, oneOf, stringFlag, stringFlags } from "../args";
import { argumentError, EXIT, ExitError, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { fileArgument, loadConfigArgument, selectEnvironments, zodWithoutJit } from "../load-and-validate";
import { readAtRevision, repositoryPath, verifyRevision } from "../git";
import { findingLines } from "../../src/rules/report";
import { resolveEnvironments, type ResolvedEnvironment } from "../../src/config/environments";
import { ConfigFileError, MAX_CONFIG_BYTES, parseConfigText } from "../../src/config/load";
import { diffPairs, pairEnvironments, renderMarkdown, type DiffOperand, type DiffPair } from "../../src/diff";
import { didYouMean } from "../../src/text/suggest";

const FORMATS = ["markdown", "json"] as const;

/** One side of a comparison: a file's environments, or no file at all (new or deleted at a git revision). */
interface Side {
  readonly label: string;
  readonly environments?: readonly ResolvedEnvironment[];
}

/** Picks one environment of a file for `--env`; a file without environments stands for itself. */
function pick(envs: readonly ResolvedEnvironment[], name: string): ResolvedEnvironment | undefined {
  if (envs.every((e) => e.environment === undefined)) return envs[0];
  return envs.find((e) => e.environment === name);
}

const namesOf = (envs: readonly ResolvedEnvironment[]) => envs.map((e) => e.environment).filter((n): n is string => n !== undefined);

/** A file without environments that does not exist on one side is compared with an empty config. */
function nothing(like: ResolvedEnvironment): ResolvedEnvironment {
  return { name: like.name, data: { mailboxes: { inbound: [] } }, findings: [], locate: () => undefined };
}

/** Both sides present: by environment name (all, one with --env NAME, or --env OLD --env NEW). */
function pairsOf(old: Side, next: Side, wanted: readonly string[]): DiffPair[] {
  const oldEnvs = old.environments;
  const newEnvs = next.environments;
  if (!oldEnvs && !newEnvs) throw usageError(`${old.label} and ${next.label}: the file exists on neither side.`);
  if (!oldEnvs || !newEnvs) return onlyOneSide(old, next, wanted);
  if (wanted.length === 2) {
    const [a] = selectEnvironments(old.label, oldEnvs, [wanted[0]!]);
    const [b] = selectEnvironments(next.label, newEnvs, [wanted[1]!]);
    return [[{ file: old.label, environment: a! }, { file: next.label, environment: b! }]];
  }
  if (wanted.length === 1) {
    const name = wanted[0]!;
    const a = pick(oldEnvs, name);
    const b = pick(newEnvs, name);
    if (!a && !b) {
      const known = [...new Set([...namesOf(oldEnvs), ...namesOf(newEnvs)])];
      throw usageError(`Neither ${old.label} nor ${next.label} has an environment "${name}"; they declare: ${known.join(", ")}.${didYouMean(name, known)}`);
    }
    return [[a ? { file: old.label, environment: a } : { file: old.label, absentName: name }, b ? { file: next.label, environment: b } : { file: next.label, absentName: name }]];
  }
  return pairEnvironments(old.label, oldEnvs, next.label, newEnvs).map(([a, b]) => [
    { ...a, file: old.label },
    { ...b, file: next.label },
  ]);
}

/** The file is new (or deleted) at one side: each of its environments is added (or removed) as a whole. */
function onlyOneSide(old: Side, next: Side, wanted: readonly string[]): DiffPair[] {
  const present = (old.environments ?? next.environments)!;
  let envs = present;
  if (wanted.length > 1) throw argumentError("with a file that exists on one side only, diff takes at most one --env.");
  if (wanted.length === 1) envs = selectEnvironments(old.environments ? old.label : next.label, present, wanted);
  return envs.map((e): DiffPair => {
    const absent: DiffOperand =
      e.environment === undefined ? { file: (old.environments ? next : old).label, environment: nothing(e) } : { file: (old.environments ? next : old).label, absentName: e.environment };
    const here: DiffOperand = { file: (old.environments ? old : next).label, environment: e };
    return old.environments ? [here, absent] : [absent, here];
  });
}

async function fileSide(arg: string, io: CliIO): Promise<Side> {
  const loaded = await loadConfigArgument(arg, io);
  return { label: arg === "-" ? loaded.file : arg, environments: resolveEnvironments(loaded) };
}

function parsedSide(label: string, text: string | undefined): Side {
  if (text === undefined) return { label: `${label} (no such file)` };
  try {
    return { label, environments: resolveEnvironments(parseConfigText(text, label)) };
  } catch (error) {
    if (error instanceof ConfigFileError) throw new ExitError(EXIT.usage, error.describe());
    throw error;
  }
}

/** `diff --base REF [--head REF] FILE`: the file at REF against the file at --head, or in the working tree. */
async function gitSides(base: string, head: string | undefined, arg: string, io: CliIO): Promise<[Side, Side]> {
  if (arg === "-") throw argumentError("diff --base reads FILE through git; - (standard input) has no revision.");
  const file = fileArgument(arg, io.cwd);
  const { root, path } = await repositoryPath(file, io.cwd);
  await verifyRevision(base, "--base", root);
  if (head !== undefined) await verifyRevision(head, "--head", root);
  const old = parsedSide(`${base}:${path}`, (await readAtRevision(base, path, root, MAX_CONFIG_BYTES)).text);
  if (head !== undefined) return [old, parsedSide(`${head}:${path}`, (await readAtRevision(head, path, root, MAX_CONFIG_BYTES)).text)];
  // The working tree: a file deleted there is compared as no file.
  if (!existsSync(file)) return [old, { label: `${arg} (no such file)` }];
  return [old, await fileSide(arg, io)];
}

/** A fence longer than any backtick run inside, so findings cannot break out of the block. */
function fenced(text: string): string {
  let longest = 2;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

export const command: Command = {
  usage: [
    "Usage: genesys-email diff OLD NEW [--env NAME] [--format markdown|json]",
    "       genesys-email diff FILE --env OLD_ENV --env NEW_ENV [--format markdown|json]",
    "       genesys-email diff --base REF [--head REF] FILE [--env NAME] [--format markdown|json]",
    "",
    "Prints a Markdown summary: mailboxes added, removed, renamed and changed field by field;",
    "From addresses; Entra permissions (application permissions and admin consent called out as",
    "high risk); what changes in the migration request. Environments are compared by name.",
    "Flags what Genesys forbids: renaming an inbound mailbox (Mailbox Name is create-only) and",
    "removing a mailbox still assigned to a Designer application.",
    "  --base REF   compare FILE as it is at git revision REF (a branch, tag or commit, e.g.",
    "               origin/main or HEAD~1) with the working tree, or with --head REF; read",
    "               through git (git show REF:path), nothing written. A file that does not exist",
    "               at REF is new: everything in it is added (and a deleted one, removed).",
    "OLD or NEW may be - for standard input.",
    "Exit codes: 0 compared, 1 a side has errors, 2 usage or file problems, 3 a forbidden change.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    zodWithoutJit(); // as validate runs it: this command validates each config once
    const { values, positionals } = parseCommandArgs(
      args,
      { format: { type: "string" }, env: { type: "string", multiple: true }, base: { type: "string" }, head: { type: "string" } },
      "diff",
    );
    const format = oneOf(stringFlag(values, "format"), FORMATS, "--format", "markdown");
    const wanted = stringFlags(values, "env");
    const base = stringFlag(values, "base");
    const head = stringFlag(values, "head");
    if (wanted.length > 2) throw argumentError("diff takes at most two --env: the old side's, then the new side's.");
    let pairs: DiffPair[];
    if (base !== undefined || head !== undefined) {
      if (base === undefined) throw argumentError("--head needs --base: diff --base REF --head REF FILE.");
      if (positionals.length !== 1) throw argumentError("diff --base REF takes exactly one FILE (a path in the git repository).");
      if (wanted.length > 1) throw argumentError("diff --base compares the same environments at two revisions: at most one --env.");
      const [old, next] = await gitSides(base, head, positionals[0]!, io);
      pairs = pairsOf(old, next, wanted);
    } else {
      if (positionals.length === 0 || positionals.length > 2) throw argumentError("diff takes OLD NEW (two config files), FILE --env A --env B, or --base REF FILE.");
      const [oldArg, newArg] = positionals;
      const old = await fileSide(oldArg!, io);
      if (newArg === undefined) {
        if (wanted.length !== 2) throw argumentError("diff with one file compares two of its environments: diff FILE --env OLD --env NEW (or diff --base REF FILE).");
        const [a, b] = selectEnvironments(old.label, old.environments!, wanted);
        pairs = [[{ file: old.label, environment: a! }, { file: old.label, environment: b! }]];
      } else pairs = pairsOf(old, await fileSide(newArg, io), wanted);
    }
    const outcome = diffPairs(pairs);
    if (!("comparisons" in outcome)) {
      if (format === "json") io.stdout.write(`${JSON.stringify({ schemaVersion: 1, valid: false, findings: outcome.findings }, null, 2)}\n`);
      else {
        io.stdout.write(`## genesys-email diff\n\nCannot compare: a config has errors (run \`genesys-email validate\` for all findings).\n\n${fenced(findingLines(outcome.findings).join("\n"))}\n`);
      }
      return EXIT.failed;
    }
    io.stdout.write(format === "json" ? `${JSON.stringify(outcome, null, 2)}\n` : renderMarkdown(outcome));
    return outcome.forbidden ? EXIT.forbidden : EXIT.ok;
  },
};
