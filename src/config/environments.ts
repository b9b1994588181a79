import { basename, extname } from "node:path";
import type { BackendConfig, EmailConfigInput } from "../model/config";
import { formatPath, type FieldPath } from "../model/path";
import { compareFindings, type Finding, type SourceLocation } from "../rules/finding";
import { configShape } from "../rules/GE001-config-shape";
import { quote } from "../text/terminal";
import { validate, type ValidationResult } from "../rules/engine";
import type { LoadedConfig } from "./load";
import { ENVIRONMENT_NAME } from "../model/stack-name";

/**
 * Environments: one file holds the shared setup plus `environments:` (name → overrides).
 *
 * Merge semantics (an override onto the base, i.e. everything but `environments:`):
 * - mappings deep-merge key by key; any other value (text, number, list) replaces;
 * - an explicit `null` removes the field (`maxSizeMb: null` falls back to the default);
 * - `backend:` is replaced as a whole (backends of different types share no settings);
 * - `mailboxes.inbound` merges by Mailbox Name, in either of two forms:
 *   a list whose entries carry `name` (change one mailbox, or add one), or a mapping
 *   keyed by name, which can also remove a mailbox with an explicit `null`:
 *
 *       environments:
 *         prod:
 *           mailboxes:
 *             inbound:
 *               support: { server: { host: imap.prod.contoso.com } }   # change one field
 *               legacy: null                                           # remove the mailbox
 *               vip: { mailbox: vip@contoso.com, server: { ... } }     # add one (name from the key)
 *
 *   Merged mailboxes keep the base's order; added ones follow in the override's order.
 * - An environment written with no overrides (`dev:` or `dev: {}`) is the base as it is.
 *
 * Merging is linear: inbound mailboxes are matched through a Map, untouched values are
 * shared with the base rather than copied.
 */

/** Deep-partial with `null` meaning "remove". */
export type Override<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: Override<T[K]> | null } : T;

type InboundInput = NonNullable<EmailConfigInput["mailboxes"]["inbound"]>[number];
type OutboundInput = NonNullable<EmailConfigInput["mailboxes"]["outbound"]>;

/** A change to one inbound mailbox; the list form needs `name` to find it. */
export type InboundOverride = Override<InboundInput>;

export interface EnvironmentOverride extends Override<Omit<EmailConfigInput, "mailboxes" | "backend">> {
  readonly mailboxes?: {
    /** A list merged by `name`, or a mapping keyed by name where `null` removes a mailbox. */
    readonly inbound?: ReadonlyArray<InboundOverride & { name: string }> | Readonly<Record<string, InboundOverride | null>> | null;
    readonly outbound?: Override<OutboundInput> | null;
  } | null;
  /** Replaces the base's backend as a whole. */
  readonly backend?: BackendConfig | null;
}

/** A config with environments, as the TypeScript API takes it. */
export type EmailConfigWithEnvironments = EmailConfigInput & {
  readonly environments?: Readonly<Record<string, EnvironmentOverride | null>>;
};

/** One environment after merging: what is validated and synthesized as one stack. */
export interface ResolvedEnvironment {
  /** The stack name: the environment's name, or the file's base name when the file has no `environments:`. */
  readonly name: string;
  /** The environment's name as written; undefined for a file without `environments:`. */
  readonly environment?: string;
  /** The merged config (plain data, not yet validated). */
  readonly data: unknown;
  /** Problems in this environment's override itself (GE001), found while merging. */
  readonly findings: readonly Finding[];
  /** Position of the value (or with `"key"`, the key) at a path of the merged config: the override's when the environment set it, else the base's. */
  locate(path: FieldPath, part?: "key"): SourceLocation | undefined;
}

const INBOUND: FieldPath = ["mailboxes", "inbound"];

interface ShapeProblem {
  /** Path in the file (under `environments.<name>`). */
  readonly path: FieldPath;
  readonly message: string;
  readonly fix: string;
}

/** Where one merged inbound mailbox came from. */
interface InboundOrigin {
  readonly baseIndex?: number;
  readonly override?: { readonly value: unknown; readonly path: FieldPath };
}

interface Merged {
  readonly data: unknown;
  readonly problems: ShapeProblem[];
  /** Per merged inbound index; `base` when the override's inbound could not be merged and the base's was kept. */
  readonly inbound?: InboundOrigin[] | "base";
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own property only: a key such as `constructor` must not find the prototype's. */
function own(value: unknown, key: string | number): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
}

/** Whether `o` merges key by key onto `b` (a mapping onto a mapping, or onto nothing, so nulls and the inbound forms still apply). */
function mergesInto(b: unknown, o: unknown): boolean {
  return isMapping(o) && (b === undefined || isMapping(b));
}

/** Assigns an own property even for `__proto__`, so a key from the file can never reach a prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function samePath(path: FieldPath, expected: FieldPath): boolean {
  return path.length === expected.length && path.every((s, i) => s === expected[i]);
}

/** Merges one environment's override onto the base. `overridePath` is where the override sits in the file. */
function mergeEnvironment(base: Record<string, unknown>, override: Record<string, unknown>, overridePath: FieldPath): Merged {
  const problems: ShapeProblem[] = [];
  let inbound: InboundOrigin[] | "base" | undefined;

  const mergeValue = (b: unknown, o: unknown, path: FieldPath, oPath: FieldPath): unknown => {
    if (o === undefined) return b;
    if (samePath(path, ["backend"])) return o;
    if (samePath(path, INBOUND)) return mergeInbound(b, o, oPath);
    if (mergesInto(b, o)) return mergeMapping(isMapping(b) ? b : {}, o as Record<string, unknown>, path, oPath);
    return o;
  };

  const mergeMapping = (b: Record<string, unknown>, o: Record<string, unknown>, path: FieldPath, oPath: FieldPath): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(b)) if (own(o, key) !== null) setOwn(out, key, b[key]);
    for (const key of Object.keys(o)) {
      const value = o[key];
      if (value === null) continue;
      if (path.length === 0 && key === "environments") {
        problems.push({ path: [...oPath, key], message: "An environment cannot declare environments of its own.", fix: "move the nested environments up into the top-level environments:" });
        continue;
      }
      setOwn(out, key, mergeValue(own(b, key), value, [...path, key], [...oPath, key]));
    }
    return out;
  };

  const mergeInbound = (b: unknown, o: unknown, oPath: FieldPath): unknown => {
    if (b !== undefined && !Array.isArray(b)) {
      problems.push({ path: oPath, message: "mailboxes.inbound cannot be merged: the base's mailboxes.inbound is not a list.", fix: "write the base's mailboxes.inbound as a list of mailboxes" });
      inbound = "base";
      return b;
    }
    const baseList: readonly unknown[] = b ?? [];
    let entries: Array<{ name: string; value: unknown; path: FieldPath }>;
    if (Array.isArray(o)) entries = listEntries(o, oPath);
    else if (isMapping(o)) entries = mappingEntries(o, oPath);
    else {
      problems.push({ path: oPath, message: "mailboxes.inbound in an environment must be a list merged by name, or a mapping keyed by name.", fix: "write e.g. inbound: { support: { maxSizeMb: 10 }, legacy: null }" });
      inbound = "base";
      return b;
    }
    const byName = new Map<string, number>();
    baseList.forEach((m, i) => {
      const name = isMapping(m) ? m.name : undefined;
      if (typeof name === "string" && !byName.has(name)) byName.set(name, i);
    });
    const replaced = new Map<number, { value: unknown; path: FieldPath } | null>();
    const added: Array<{ value: unknown; path: FieldPath }> = [];
    for (const entry of entries) {
      const index = byName.get(entry.name);
      if (entry.value === null) {
        if (index === undefined) problems.push({ path: entry.path, message: `Removes inbound mailbox ${quote(entry.name)}, which the base does not declare.`, fix: `check the name; the base declares ${someNames([...byName.keys()])}` });
        else replaced.set(index, null);
      } else if (index === undefined) {
        added.push({ value: withName(entry.name, entry.value), path: entry.path });
      } else {
        replaced.set(index, { value: entry.value, path: entry.path });
      }
    }
    const merged: unknown[] = [];
    const origins: InboundOrigin[] = [];
    baseList.forEach((m, i) => {
      const r = replaced.get(i);
      if (r === null) return;
      if (r === undefined) {
        merged.push(m);
        origins.push({ baseIndex: i });
      } else {
        merged.push(mergeValue(m, r.value, [...INBOUND, i], r.path));
        origins.push({ baseIndex: i, override: r });
      }
    });
    for (const a of added) {
      merged.push(mergeValue(undefined, a.value, [...INBOUND, merged.length], a.path));
      origins.push({ override: a });
    }
    inbound = origins;
    return merged;
  };

  const listEntries = (list: readonly unknown[], oPath: FieldPath) => {
    const seen = new Set<string>();
    const entries: Array<{ name: string; value: unknown; path: FieldPath }> = [];
    list.forEach((value, i) => {
      const path = [...oPath, i];
      const name = isMapping(value) ? value.name : undefined;
      if (value === null) {
        problems.push({ path, message: "A list entry cannot remove a mailbox: null has no name to match.", fix: "write inbound as a mapping keyed by name and set the mailbox to null: inbound: { legacy: null }" });
      } else if (typeof name !== "string") {
        problems.push({ path, message: "An inbound mailbox in an environment needs its name: entries merge onto the base by name.", fix: "add name: with the Mailbox Name to change or add" });
      } else if (seen.has(name)) {
        problems.push({ path: [...path, "name"], message: `Inbound mailbox ${quote(name)} appears twice in this environment.`, fix: "merge the two entries into one" });
      } else {
        seen.add(name);
        entries.push({ name, value, path });
      }
    });
    return entries;
  };

  const mappingEntries = (map: Record<string, unknown>, oPath: FieldPath) => {
    const entries: Array<{ name: string; value: unknown; path: FieldPath }> = [];
    for (const name of Object.keys(map)) {
      const value = map[name];
      const path = [...oPath, name];
      if (value !== null && !isMapping(value)) {
        problems.push({ path, message: `Inbound mailbox ${quote(name)} must be a mapping of the fields to change, or null to remove it.`, fix: `write ${name}: { maxSizeMb: 10 } or ${name}: null` });
      } else if (isMapping(value) && "name" in value && value.name !== name) {
        problems.push({
          path: [...path, "name"],
          message: `Inbound mailbox ${quote(name)} sets a different name, ${quote(value.name)}; Mailbox Name is create-only, so this would be a rename.`,
          fix: `remove the name field; to replace the mailbox, set ${name}: null and add the new one under its own key`,
        });
      } else {
        entries.push({ name, value, path });
      }
    }
    return entries;
  };

  const data = mergeMapping(base, override, [], overridePath);
  return { data, problems, ...(inbound ? { inbound } : {}) };
}

/** A few names for a message, not thousands. */
function someNames(names: readonly string[], max = 5): string {
  if (names.length === 0) return "no inbound mailboxes";
  const shown = names.slice(0, max).map((n) => quote(n)).join(", ");
  return names.length > max ? `${shown}, … (${names.length} in all)` : shown;
}

/** A mailbox added through the mapping form takes its name from the key (written first, for readability). */
function withName(name: string, value: unknown): unknown {
  if (!isMapping(value) || "name" in value) return value;
  const out: Record<string, unknown> = { name };
  for (const key of Object.keys(value)) setOwn(out, key, value[key]);
  return out;
}

/**
 * Maps a path in the merged config to the path in the file of the value that produced it.
 * Mirrors `mergeValue`: the override's value where the environment set it (or removed it
 * with `null`), the base's where it did not; for a merged mapping, the base's, where the
 * thing is defined.
 */
function sourcePath(path: FieldPath, base: unknown, override: unknown, overridePath: FieldPath, inbound: InboundOrigin[] | "base" | undefined): FieldPath {
  let b: unknown = base;
  let bPath: FieldPath | undefined = [];
  let o: unknown = override;
  let oPath: FieldPath | undefined = overridePath;
  const done: Array<string | number> = [];
  const merged = () => o !== undefined && !samePath(done, ["backend"]) && mergesInto(b, o);
  for (const segment of path) {
    if (o !== undefined && samePath(done, INBOUND) && inbound === "base") {
      o = undefined;
      oPath = undefined;
    }
    if (o !== undefined && samePath(done, INBOUND) && Array.isArray(inbound)) {
      const origin = typeof segment === "number" ? inbound[segment] : undefined;
      if (!origin) return (oPath ?? bPath)!;
      b = origin.baseIndex !== undefined ? own(b, origin.baseIndex) : undefined;
      bPath = origin.baseIndex !== undefined ? [...bPath!, origin.baseIndex] : undefined;
      o = origin.override?.value;
      oPath = origin.override?.path;
    } else if (merged()) {
      const oChild = own(o, segment);
      if (oChild === null) return [...oPath!, segment];
      const bChild = own(b, segment);
      if (oChild === undefined && bChild === undefined) return bPath ?? oPath!;
      b = bChild;
      bPath = bChild === undefined ? undefined : [...bPath!, segment];
      o = oChild;
      oPath = oChild === undefined ? undefined : [...oPath!, segment];
    } else if (o !== undefined) {
      const oChild = own(o, segment);
      if (oChild === undefined) return oPath!;
      o = oChild;
      oPath = [...oPath!, segment];
      b = undefined;
      bPath = undefined;
    } else {
      const bChild = own(b, segment);
      if (bChild === undefined) return bPath!;
      b = bChild;
      bPath = [...bPath!, segment];
    }
    done.push(segment);
  }
  if (o === undefined) return bPath!;
  // A merged mapping, or the inbound list merged by name, is where the base defines it.
  return merged() || (samePath(done, INBOUND) && Array.isArray(inbound)) ? (bPath ?? oPath!) : oPath!;
}

/** `contact-center.yaml` → `contact-center`: the stack name of a file without environments. */
export function stackNameForFile(file: string): string {
  const name = basename(file, extname(file)).replace(/[^A-Za-z0-9_-]/g, "-");
  return name === "" ? "default" : name;
}

function shapeFinding(problem: ShapeProblem, environment: string | undefined, locate: LoadedConfig["locate"]): Finding {
  const location = locate(problem.path);
  return {
    ruleId: configShape.id,
    severity: configShape.severity,
    path: formatPath(problem.path),
    message: problem.message,
    fix: problem.fix,
    ...(location ? { location } : {}),
    ...(environment ? { environment } : {}),
  };
}

/**
 * Splits a config into its environments, each merged onto the base, in file order.
 * A file without `environments:` is one unnamed environment named after the file.
 * Never throws: problems with the `environments:` block come back as GE001 findings
 * on the environment they belong to.
 */
export function resolveEnvironments(loaded: Pick<LoadedConfig, "file" | "data" | "locate">): ResolvedEnvironment[] {
  const data = loaded.data;
  const stackName = stackNameForFile(loaded.file);
  const locate = (path: FieldPath, part?: "key") => loaded.locate(path, part);
  if (!isMapping(data) || !("environments" in data)) return [{ name: stackName, data, findings: [], locate }];

  const { environments, ...base } = data;
  const unnamed = (problem: ShapeProblem): ResolvedEnvironment[] => [{ name: stackName, data: base, findings: [shapeFinding(problem, undefined, locate)], locate }];
  if (!isMapping(environments)) {
    return unnamed({ path: ["environments"], message: "environments must be a mapping of environment name to overrides.", fix: "write environments: { dev: {...}, prod: {...} }, or remove it" });
  }
  const names = Object.keys(environments);
  if (names.length === 0) {
    return unnamed({ path: ["environments"], message: "environments declares no environment.", fix: "add an environment (e.g. dev: {}) or remove environments:" });
  }
  return names.map((name): ResolvedEnvironment => {
    const overridePath: FieldPath = ["environments", name];
    const override = environments[name];
    const problems: ShapeProblem[] = [];
    if (!ENVIRONMENT_NAME.test(name)) {
      problems.push({ path: overridePath, message: `Environment name ${quote(name, 70)} is not usable as a stack name.`, fix: "use letters, digits, - and _ (starting with a letter, at most 63 characters)" });
    }
    if (override !== null && !isMapping(override)) {
      problems.push({ path: overridePath, message: `Environment ${quote(name, 70)} must be a mapping of overrides; ${Array.isArray(override) ? "a list" : typeof override} given.`, fix: `write ${name}: { ... } with the fields that differ from the base, or ${name}: {} for none` });
      return { name, environment: name, data: undefined, findings: problems.map((p) => shapeFinding(p, name, locate)), locate };
    }
    const merged = mergeEnvironment(base, override ?? {}, overridePath);
    problems.push(...merged.problems);
    return {
      name,
      environment: name,
      data: merged.data,
      findings: problems.map((p) => shapeFinding(p, name, locate)),
      locate: (path, part) => loaded.locate(sourcePath(path, base, override ?? {}, overridePath, merged.inbound), part),
    };
  });
}

/** Validates one resolved environment on its own: its override's problems first, then the merged config's findings. */
export function validateEnvironment(env: ResolvedEnvironment, options: { readonly now?: Date } = {}): ValidationResult {
  const extra = env.findings;
  const result: ValidationResult =
    env.data === undefined
      ? { findings: [], errors: [], warnings: [], suppressed: [] }
      : validate(env.data, { locate: env.locate, ...(env.environment ? { environment: env.environment } : {}), ...(options.now ? { now: options.now } : {}) });
  if (extra.length === 0) return result;
  const findings = [...extra, ...result.findings].sort(compareFindings);
  return { ...result, findings, errors: findings.filter((f) => f.severity === "error"), warnings: findings.filter((f) => f.severity === "warning") };
}

/** The names of the environments a config declares, in file order (empty when it declares none). */
export function environmentNames(data: unknown): string[] {
  return isMapping(data) && isMapping(data.environments) ? Object.keys(data.environments) : [];
}

/** Thrown by `environmentConfigs` when an override cannot be merged; every problem is listed. */
export class EnvironmentConfigError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(`The environments could not be merged:\n${findings.map((f) => `  [${f.environment ?? "environments"}] ${f.path}: ${f.message} (fix: ${f.fix})`).join("\n")}`);
    this.name = "EnvironmentConfigError";
  }
}

/**
 * The TypeScript API's view of environments: name → merged config input, in declaration
 * order, ready for one stack each. A config without `environments` gives one entry named
 * `defaultName`. Validation of each merged config is left to the caller (the constructs
 * run it at synth); only overrides that cannot be merged at all throw.
 */
export function environmentConfigs(input: EmailConfigWithEnvironments, defaultName = "default"): Record<string, EmailConfigInput> {
  const resolved = resolveEnvironments({ file: defaultName, data: input, locate: () => undefined });
  const problems = resolved.flatMap((e) => e.findings);
  if (problems.length > 0) throw new EnvironmentConfigError(problems);
  const out: Record<string, EmailConfigInput> = {};
  for (const e of resolved) setOwn(out as Record<string, unknown>, e.environment ?? defaultName, e.data);
  return out;
}
