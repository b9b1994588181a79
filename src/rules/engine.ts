import type * as z from "zod";
import { emailConfigSchema, type EmailConfig, type Suppression } from "../model/config";
import { allMailboxes } from "../model/mailbox";
import { compareText } from "../model/order";
import { formatPath, valueAt, type FieldPath } from "../model/path";
import { compareFindings, type Finding, type SourceLocation } from "./finding";
import { RULES, ruleById } from "./index";
import { configShape } from "./GE001-config-shape";
import { invalidSuppression, MIN_SUPPRESSION_REASON } from "./GE002-invalid-suppression";
import { unusedSuppression } from "./GE003-unused-suppression";
import type { Rule, RuleContext, SchemaIssue, Severity, Violation } from "./rule";
import { allowedKeysAt, declaredAt, placeholder } from "./private/schema-walk";
import { MalformedPaths, trackReads } from "./private/read-tracker";
import { quote } from "../text/terminal";
import { closest } from "../text/suggest";

export interface ValidateOptions {
  /** Maps a field path to its position in the source file (YAML), for findings: its value's, or with `"key"` its key's. */
  readonly locate?: (path: FieldPath, part?: "key") => SourceLocation | undefined;
  /** Names the environment in every finding. */
  readonly environment?: string;
  /** The clock date-aware rules read (GE202). @default the current time */
  readonly now?: Date;
}

/** A finding that a suppression silenced, with the reason given. */
export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

export interface ValidationResult {
  /** The validated, defaulted config; absent when the shape itself is wrong. */
  readonly config?: EmailConfig;
  /** Every unsuppressed finding, by position in the file (by field path without one), then rule ID. */
  readonly findings: readonly Finding[];
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /**
   * Rules that did not run because a field they read is malformed (the GE001 findings say which); they run
   * once those are fixed. Empty or absent when the config has its documented shape.
   */
  readonly skippedRules?: readonly string[];
}

interface RawFinding {
  readonly rule: Rule;
  readonly path: FieldPath;
  readonly message: string;
  readonly fix: string;
  /** Located at the key rather than the value (an unknown field). */
  readonly at?: "key";
  /** The violation's own severity, when it differs from the rule's. */
  readonly severity?: Severity;
}

/**
 * Validates one contact center's email setup. Never throws for user mistakes:
 * every problem comes back as a finding with a rule ID, a field path and a fix.
 */
export function validate(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const context: RuleContext = { now: options.now ?? new Date() };
  const checked = check(input, context);
  const result = finish(input, checked.raw, checked.suppressed, options);
  if (checked.skipped.length > 0) return { ...result, skippedRules: checked.skipped };
  return checked.config ? { ...result, config: checked.config } : result;
}

interface Checked {
  readonly config?: EmailConfig;
  readonly raw: RawFinding[];
  readonly suppressed: Array<RawFinding & { reason: string }>;
  /** IDs of the rules that did not run (a field they read is malformed). */
  readonly skipped: readonly string[];
}

/**
 * One round: every rule runs, even when parts of the config are malformed. The schema's findings come
 * first; then each rule runs over a best-effort config (malformed values replaced by stand-ins, unknown
 * fields dropped), and its result is kept only when it read no stand-in. A rule is skipped only when
 * one of the fields it reads is malformed.
 */
function check(input: unknown, context: RuleContext): Checked {
  const parsed = emailConfigSchema.safeParse(input);
  if (parsed.success) {
    const config = parsed.data;
    const raw: RawFinding[] = [];
    for (const rule of RULES) for (const v of runRule(rule, config, context)) raw.push(rawFinding(rule, v));
    const { kept, suppressed, problems } = applySuppressions(config, superseded(raw));
    return { config, raw: [...kept, ...problems], suppressed, skipped: [] };
  }
  const shape = schemaFindings(parsed.error.issues, input);
  const effort = bestEffort(input, parsed.error.issues);
  const raw: RawFinding[] = [];
  const skipped: string[] = [];
  for (const rule of RULES) {
    if (!effort) {
      if (rule.check.length > 0) skipped.push(rule.id);
      continue;
    }
    const tracked = trackReads(effort.config, effort.malformed);
    const violations = runRule(rule, tracked.view, context);
    if (tracked.touchedMalformed()) skipped.push(rule.id);
    else for (const v of violations) raw.push(rawFinding(rule, v));
  }
  if (!effort) return { raw: shape, suppressed: [], skipped };
  const settled = new Set([...skipped, ...shape.map((f) => f.rule.id)]);
  const { kept, suppressed, problems } = applySuppressions(effort.config, superseded(raw), { malformed: effort.malformed, settled });
  return { raw: [...shape, ...kept, ...problems], suppressed, skipped };
}

/** Drops the findings a superseding rule's finding on the same field makes redundant. */
function superseded(raw: RawFinding[]): RawFinding[] {
  const covered = new Set(raw.filter((f) => f.rule.supersedes).map((f) => formatPath(f.path)));
  return covered.size === 0 ? raw : raw.filter((f) => f.rule.supersedes || !covered.has(formatPath(f.path)));
}

function rawFinding(rule: Rule, v: Violation): RawFinding {
  return { rule, path: v.path, message: v.message, fix: v.fix ?? rule.fix, ...(v.severity ? { severity: v.severity } : {}) };
}

function runRule(rule: Rule, config: EmailConfig, context: RuleContext): Violation[] {
  try {
    return rule.check(config, context);
  } catch (error) {
    // A broken rule fails closed, as in cdk-nag.
    return [{ path: [], message: `Rule ${rule.id} could not run (${error instanceof Error ? error.message : String(error)}); this is a bug in genesys-email-iac.` }];
  }
}

const own = (value: unknown, key: string | number) => typeof value === "object" && value !== null && Object.hasOwn(value, key);

/**
 * The input with unknown fields dropped and each malformed value replaced by a stand-in the schema accepts
 * (left out where the field is optional), plus the paths replaced. Undefined when no such config can be
 * made (the input cannot be copied, or stand-ins do not satisfy the schema).
 */
function bestEffort(input: unknown, firstIssues: readonly z.core.$ZodIssue[]): { config: EmailConfig; malformed: MalformedPaths } | undefined {
  let data: unknown;
  try {
    data = structuredClone(input);
  } catch {
    return undefined;
  }
  const malformed = new MalformedPaths();
  let issues = firstIssues;
  for (let round = 0; round < 4; round++) {
    for (const issue of issues) {
      const path = issue.path.filter((s): s is string | number => typeof s !== "symbol");
      const parent = path.length === 0 ? undefined : valueAt(data, path.slice(0, -1));
      if (issue.code === "unrecognized_keys") {
        // An unknown field makes no known field malformed: it is dropped, and the rules see the rest as written.
        const holder = valueAt(data, path) as Record<string, unknown> | undefined;
        for (const key of issue.keys) if (own(holder, key)) delete holder![key];
        continue;
      }
      malformed.add(path);
      const declared = declaredAt(emailConfigSchema, path);
      const stand = declared && placeholder(declared);
      if (!stand) return undefined;
      if (path.length === 0) {
        if ("absent" in stand) return undefined;
        data = stand.value;
        continue;
      }
      if (typeof parent !== "object" || parent === null) return undefined;
      const last = path[path.length - 1]!;
      if ("absent" in stand && !Array.isArray(parent)) delete (parent as Record<string | number, unknown>)[last];
      else if ("value" in stand) (parent as Record<string | number, unknown>)[last] = stand.value;
      else return undefined;
    }
    const parsed = emailConfigSchema.safeParse(data);
    if (parsed.success) return { config: parsed.data, malformed };
    issues = parsed.error.issues;
  }
  return undefined;
}

function finish(input: unknown, raw: RawFinding[], suppressed: Array<RawFinding & { reason: string }>, options: ValidateOptions): ValidationResult {
  const toFinding = (f: RawFinding): Finding => {
    const location = options.locate?.(f.path, f.at);
    return {
      ruleId: f.rule.id,
      severity: f.severity ?? f.rule.severity,
      path: formatPath(f.path),
      message: f.message,
      fix: f.fix,
      ...(location ? { location } : {}),
      ...(options.environment ? { environment: options.environment } : {}),
    };
  };
  // The input's own order first (keys as written, list entries by index), so findings without a
  // position (the TypeScript API) still come in document order; then by position where there is one.
  const order = inputOrder(input);
  const byInput = [...raw]
    .map((f) => ({ f, at: order(f.path) }))
    .sort((a, b) => compareNumbers(a.at, b.at) || compareText(a.f.rule.id, b.f.rule.id) || comparePaths(a.f.path, b.f.path) || compareText(a.f.message, b.f.message))
    .map(({ f }) => f);
  const findings = byInput.map(toFinding).sort(compareFindings);
  return {
    findings,
    errors: findings.filter((f) => f.severity === "error"),
    warnings: findings.filter((f) => f.severity === "warning"),
    suppressed: suppressed.map((s) => ({ ...toFinding(s), reason: s.reason })),
  };
}

/** A path's place in the input: per level, the key's index among the object's keys (or the list index). */
function inputOrder(input: unknown): (path: FieldPath) => number[] {
  const keyIndex = new Map<object, Map<string, number>>();
  return (path) => {
    const at: number[] = [];
    let node: unknown = input;
    for (const segment of path) {
      if (typeof node !== "object" || node === null) break;
      if (Array.isArray(node)) at.push(typeof segment === "number" ? segment : Number.MAX_SAFE_INTEGER);
      else {
        let keys = keyIndex.get(node);
        if (!keys) keyIndex.set(node, (keys = new Map(Object.keys(node).map((k, i) => [k, i]))));
        const i = keys.get(String(segment));
        if (i === undefined) {
          at.push(Number.MAX_SAFE_INTEGER);
          break;
        }
        at.push(i);
      }
      node = (node as Record<string | number, unknown>)[segment];
    }
    return at;
  };
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function comparePaths(a: FieldPath, b: FieldPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return compareText(String(x), String(y));
  }
  return a.length - b.length;
}

function patternOf(path: FieldPath): string {
  return formatPath(path.map((s) => (typeof s === "number" ? -1 : s))).replace(/\[-1\]/g, "[]");
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  boolean: "true or false",
  object: "a mapping of fields",
  array: "a list",
};

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN (not a number; YAML's .nan)";
  if (value === Infinity || value === -Infinity) {
    return `${value > 0 ? "" : "minus "}infinity (YAML's .inf, or a number too large to hold, such as 1e400)`;
  }
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping of fields";
  return TYPE_WORDS[typeof value] ?? typeof value;
}

function schemaFindings(issues: readonly z.core.$ZodIssue[], input: unknown): RawFinding[] {
  const out: RawFinding[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((s): s is string | number => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(emailConfigSchema, path);
      for (const key of issue.keys) {
        const guess = closest(key, allowed);
        out.push({
          rule: configShape,
          at: "key",
          path: [...path, key],
          message: `Unknown field ${quote(key, 40)}${path.length ? ` in ${formatPath(path)}` : ""}.`,
          fix: guess ? `did you mean ${guess}? Allowed here: ${allowed.join(", ")}` : `remove it; allowed here: ${allowed.join(", ")}`,
        });
      }
      continue;
    }
    const schemaIssue: SchemaIssue = { path, pattern: patternOf(path), code: issue.code, value: valueAt(input, path) };
    const owner = RULES.map((rule) => ({ rule, v: rule.fromSchemaIssue?.(schemaIssue) })).find((x) => x.v);
    if (owner?.v) {
      const meant = enumSuggestion(issue, schemaIssue.value);
      const fix = owner.v.fix ?? (meant ? `did you mean ${meant}? Otherwise ${owner.rule.fix}` : owner.rule.fix);
      out.push({ rule: owner.rule, path: owner.v.path, message: owner.v.message, fix });
      continue;
    }
    out.push({ rule: configShape, path, ...shapeMessage(issue, schemaIssue.value, path) });
  }
  return out;
}

function shapeMessage(issue: z.core.$ZodIssue, value: unknown, path: FieldPath): { message: string; fix: string } {
  const field = path.length ? String(path[path.length - 1]) : "config";
  if (issue.code === "invalid_type") {
    const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
    if (value === undefined) return { message: `Required field ${field} is missing.`, fix: `add ${field} (${expected})` };
    return { message: `${field} must be ${expected}; ${describeValue(value)} given.`, fix: `write ${field} as ${expected}` };
  }
  if (issue.code === "invalid_value") {
    const allowed = issue.values.map(String).join(", ");
    const meant = enumSuggestion(issue, value);
    return { message: `${field} must be one of ${allowed}; ${quote(value)} given.`, fix: meant ? `did you mean ${meant}? Use one of ${allowed}` : `use one of ${allowed}` };
  }
  return { message: `${field} is not valid (${issue.message}).`, fix: configShape.fix };
}

/** The allowed value a mistyped enum value most likely meant (`imap` → IMAP). */
function enumSuggestion(issue: z.core.$ZodIssue, value: unknown): string | undefined {
  if (issue.code !== "invalid_value" || typeof value !== "string") return undefined;
  return closest(value, issue.values.filter((v): v is string => typeof v === "string"));
}

interface Scoped {
  readonly suppression: Suppression;
  readonly path: FieldPath;
  /** Findings under this path only (a mailbox); the whole config when empty. */
  readonly scope: FieldPath;
  used: boolean;
}

/**
 * Applies suppressions to the rules' findings. With a best-effort config (`partial`), suppressions that are
 * themselves malformed are left out, and a suppression is reported unused (GE003) only when its rule ran.
 */
function applySuppressions(config: EmailConfig, raw: RawFinding[], partial?: { readonly malformed: MalformedPaths; readonly settled: ReadonlySet<string> }) {
  const scoped: Scoped[] = [];
  (config.suppressions ?? []).forEach((s, i) => scoped.push({ suppression: s, path: ["suppressions", i], scope: [], used: false }));
  for (const { mailbox, path } of allMailboxes(config)) {
    (mailbox.suppressions ?? []).forEach((s, i) => scoped.push({ suppression: s, path: [...path, "suppressions", i], scope: path, used: false }));
  }
  if (partial) for (let i = scoped.length - 1; i >= 0; i--) if (partial.malformed.overlaps(scoped[i]!.path)) scoped.splice(i, 1);
  const problems: RawFinding[] = [];
  const valid = scoped.filter((s) => {
    const rule = ruleById(s.suppression.id);
    const problem = !rule
      ? `Suppression names unknown rule ${quote(s.suppression.id, 20)}.`
      : !rule.suppressible
        ? `Rule ${rule.id} (${rule.name}) cannot be suppressed: it guards the output's correctness or a secret.`
        : s.suppression.reason.trim().length < MIN_SUPPRESSION_REASON
          ? `Suppression of ${rule.id} needs a reason of at least ${MIN_SUPPRESSION_REASON} characters.`
          : undefined;
    if (problem) problems.push({ rule: invalidSuppression, path: rule && rule.suppressible ? [...s.path, "reason"] : [...s.path, "id"], message: problem, fix: invalidSuppression.fix });
    return problem === undefined;
  });
  const kept: RawFinding[] = [];
  const suppressed: Array<RawFinding & { reason: string }> = [];
  for (const f of raw) {
    const match = valid.find((s) => s.suppression.id === f.rule.id && s.scope.every((seg, i) => f.path[i] === seg));
    if (match) {
      match.used = true;
      suppressed.push({ ...f, reason: match.suppression.reason });
    } else kept.push(f);
  }
  for (const s of valid.filter((x) => !x.used && !partial?.settled.has(x.suppression.id))) {
    problems.push({ rule: unusedSuppression, path: [...s.path, "id"], message: `Suppression of ${s.suppression.id} matched no finding.`, fix: unusedSuppression.fix });
  }
  return { kept, suppressed, problems };
}
