import type { z } from "zod";
import { emailConfigSchema, type EmailConfig, type Suppression } from "../model/config";
import { allMailboxes } from "../model/mailbox";
import { compareText } from "../model/order";
import { formatPath, valueAt, type FieldPath } from "../model/path";
import type { Finding, SourceLocation } from "./finding";
import { RULES, ruleById } from "./index";
import { configShape } from "./GE001-config-shape";
import { invalidSuppression, MIN_SUPPRESSION_REASON } from "./GE002-invalid-suppression";
import { unusedSuppression } from "./GE003-unused-suppression";
import type { Rule, RuleContext, SchemaIssue, Severity, Violation } from "./rule";
import { allowedKeysAt, closestKey } from "./private/schema-walk";
import { quote } from "../text/terminal";

export interface ValidateOptions {
  /** Maps a field path to its position in the source file (YAML), for findings. */
  readonly locate?: (path: FieldPath) => SourceLocation | undefined;
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
  /** Every unsuppressed finding, in document order. */
  readonly findings: readonly Finding[];
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
}

interface RawFinding {
  readonly rule: Rule;
  readonly path: FieldPath;
  readonly message: string;
  readonly fix: string;
  /** The violation's own severity, when it differs from the rule's. */
  readonly severity?: Severity;
}

/**
 * Validates one contact center's email setup. Never throws for user mistakes:
 * every problem comes back as a finding with a rule ID, a field path and a fix.
 */
export function validate(input: unknown, options: ValidateOptions = {}): ValidationResult {
  // A deeply frozen input cannot change, so its rule run is kept: synth validates each
  // environment in the CLI (with positions) and again in its GenesysEmail construct.
  const context: RuleContext = { now: options.now ?? new Date() };
  const day = context.now.toISOString().slice(0, 10);
  const frozen = typeof input === "object" && input !== null && isDeepFrozen(input);
  const cached = frozen ? checkedFrozen.get(input) : undefined;
  let checked = cached?.day === day ? cached.checked : undefined;
  if (!checked) {
    checked = check(input, context);
    if (frozen) checkedFrozen.set(input, { day, checked });
  }
  if (!checked.config) return finish(checked.raw, [], options);
  return { ...finish(checked.raw, checked.suppressed, options), config: checked.config };
}

interface Checked {
  readonly config?: EmailConfig;
  readonly raw: RawFinding[];
  readonly suppressed: Array<RawFinding & { reason: string }>;
}

/** Rule runs of frozen inputs, per day (date-aware rules give another answer on another day). */
const checkedFrozen = new WeakMap<object, { readonly day: string; readonly checked: Checked }>();

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  if (Array.isArray(value)) return value.every(isDeepFrozen);
  for (const key of Object.keys(value)) if (!isDeepFrozen((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** Freezes a config deeply (plain data from a file), so validating it twice costs one rule run. */
export function freezeConfig<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) freezeConfig((value as Record<string, unknown>)[key]);
  }
  return value;
}

function check(input: unknown, context: RuleContext): Checked {
  const parsed = emailConfigSchema.safeParse(input);
  if (!parsed.success) return { raw: schemaFindings(parsed.error.issues, input), suppressed: [] };
  const config = parsed.data;
  const raw: RawFinding[] = [];
  for (const rule of RULES) {
    let violations: Violation[];
    try {
      violations = rule.check(config, context);
    } catch (error) {
      // A broken rule fails closed, as in cdk-nag.
      violations = [{ path: [], message: `Rule ${rule.id} could not run (${error instanceof Error ? error.message : String(error)}); this is a bug in genesys-email-iac.` }];
    }
    for (const v of violations) raw.push({ rule, path: v.path, message: v.message, fix: v.fix ?? rule.fix, ...(v.severity ? { severity: v.severity } : {}) });
  }
  const { kept, suppressed, problems } = applySuppressions(config, raw);
  return { config, raw: [...kept, ...problems], suppressed };
}

function finish(raw: RawFinding[], suppressed: Array<RawFinding & { reason: string }>, options: ValidateOptions): ValidationResult {
  const toFinding = (f: RawFinding): Finding => {
    const location = options.locate?.(f.path);
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
  const sorted = [...raw].sort((a, b) => comparePaths(a.path, b.path) || compareText(a.rule.id, b.rule.id) || compareText(a.message, b.message));
  const findings = sorted.map(toFinding);
  return {
    findings,
    errors: findings.filter((f) => f.severity === "error"),
    warnings: findings.filter((f) => f.severity === "warning"),
    suppressed: suppressed.map((s) => ({ ...toFinding(s), reason: s.reason })),
  };
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
        const guess = closestKey(key, allowed);
        out.push({
          rule: configShape,
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
      out.push({ rule: owner.rule, path: owner.v.path, message: owner.v.message, fix: owner.v.fix ?? owner.rule.fix });
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
    return { message: `${field} must be one of ${allowed}; ${quote(value)} given.`, fix: `use one of ${allowed}` };
  }
  return { message: `${field} is not valid (${issue.message}).`, fix: configShape.fix };
}

interface Scoped {
  readonly suppression: Suppression;
  readonly path: FieldPath;
  /** Findings under this path only (a mailbox); the whole config when empty. */
  readonly scope: FieldPath;
  used: boolean;
}

function applySuppressions(config: EmailConfig, raw: RawFinding[]) {
  const scoped: Scoped[] = [];
  (config.suppressions ?? []).forEach((s, i) => scoped.push({ suppression: s, path: ["suppressions", i], scope: [], used: false }));
  for (const { mailbox, path } of allMailboxes(config)) {
    (mailbox.suppressions ?? []).forEach((s, i) => scoped.push({ suppression: s, path: [...path, "suppressions", i], scope: path, used: false }));
  }
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
  for (const s of valid.filter((x) => !x.used)) {
    problems.push({ rule: unusedSuppression, path: [...s.path, "id"], message: `Suppression of ${s.suppression.id} matched no finding.`, fix: unusedSuppression.fix });
  }
  return { kept, suppressed, problems };
}
