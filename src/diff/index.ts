import { resolveEnvironments, validateEnvironment, type ResolvedEnvironment } from "../config/environments";
import type { LoadedConfig } from "../config/load";
import type { EmailConfig } from "../model/config";
import { validate, type ValidationResult } from "../rules/engine";
import type { Finding } from "../rules/finding";
import { diffConfigs } from "./compare";
import type { ConfigDiff, DiffReport, DiffSide } from "./model";

export { diffConfigs } from "./compare";
export { renderMarkdown } from "./markdown";
export type * from "./model";

/** One side of a comparison: an environment of a loaded file, or nothing (the environment does not exist there). */
export interface DiffOperand {
  readonly file: string;
  readonly environment?: ResolvedEnvironment;
  /** The environment's name when the side does not declare it. */
  readonly absentName?: string;
}

export type DiffPair = readonly [DiffOperand, DiffOperand];

/** What the config of a side that does not declare an environment is compared as: nothing at all. */
function emptyConfig(): EmailConfig {
  return validate({ mailboxes: { inbound: [] } }).config!;
}

const named = (envs: readonly ResolvedEnvironment[]) => envs.filter((e) => e.environment !== undefined);

/**
 * Pairs the environments of two files: by name (an environment only one side declares is
 * compared with nothing, as added or removed), one-to-one for two files without environments,
 * and a file without environments against each environment of the other.
 */
export function pairEnvironments(oldFile: string, oldEnvs: readonly ResolvedEnvironment[], newFile: string, newEnvs: readonly ResolvedEnvironment[]): DiffPair[] {
  const o = named(oldEnvs);
  const n = named(newEnvs);
  if (o.length === 0 && n.length === 0) return [[{ file: oldFile, environment: oldEnvs[0]! }, { file: newFile, environment: newEnvs[0]! }]];
  if (o.length === 0) return n.map((e) => [{ file: oldFile, environment: oldEnvs[0]! }, { file: newFile, environment: e }] as const);
  if (n.length === 0) return o.map((e) => [{ file: oldFile, environment: e }, { file: newFile, environment: newEnvs[0]! }] as const);
  const byName = new Map(n.map((e) => [e.environment!, e]));
  const oldNames = new Set(o.map((e) => e.environment!));
  const pairs: DiffPair[] = o.map((e) => {
    const match = byName.get(e.environment!);
    return [{ file: oldFile, environment: e }, match ? { file: newFile, environment: match } : { file: newFile, absentName: e.environment! }] as const;
  });
  for (const e of n) if (!oldNames.has(e.environment!)) pairs.push([{ file: oldFile, absentName: e.environment! }, { file: newFile, environment: e }]);
  return pairs;
}

/** Findings that stop a comparison: a side that does not validate cannot be compared. */
export interface DiffBlocked {
  readonly findings: readonly Finding[];
}

function side(operand: DiffOperand): DiffSide {
  if (operand.environment === undefined) return { file: operand.file, environment: operand.absentName!, absent: true };
  return { file: operand.file, ...(operand.environment.environment !== undefined ? { environment: operand.environment.environment } : {}) };
}

/** Validates every side once, then compares each pair. Errors on any side block the whole diff. */
export function diffPairs(pairs: readonly DiffPair[], validateEnv: (env: ResolvedEnvironment) => ValidationResult = validateEnvironment): DiffReport | DiffBlocked {
  const results = new Map<ResolvedEnvironment, ValidationResult>();
  for (const pair of pairs) for (const op of pair) if (op.environment && !results.has(op.environment)) results.set(op.environment, validateEnv(op.environment));
  const errors = [...results.values()].flatMap((r) => r.errors);
  if (errors.length > 0) return { findings: errors };
  const configOf = (op: DiffOperand) => (op.environment ? results.get(op.environment)!.config! : emptyConfig());
  const comparisons: ConfigDiff[] = pairs.map(([a, b]) => diffConfigs(configOf(a), configOf(b), { old: side(a), new: side(b) }));
  return { schemaVersion: 1, comparisons, forbidden: comparisons.some((c) => c.forbidden.length > 0) };
}

/** Convenience for the TypeScript API: every environment of two loaded files, compared by name. */
export function diffLoaded(before: LoadedConfig, after: LoadedConfig): DiffReport | DiffBlocked {
  return diffPairs(pairEnvironments(before.file, resolveEnvironments(before), after.file, resolveEnvironments(after)));
}
