import type { EmailConfig } from "../model/config";
import type { FieldPath } from "../model/path";

export type Severity = "error" | "warning";

/** One place where a rule is broken. The message says what is wrong and the value given. */
export interface Violation {
  readonly path: FieldPath;
  readonly message: string;
  /** Overrides the rule's general fix hint where a more precise one exists. */
  readonly fix?: string;
  /** Overrides the rule's severity for this violation (e.g. a warning that becomes an error on a date). */
  readonly severity?: Severity;
}

/** What a rule may know besides the config: the day it runs on (injectable, so tests pin it). */
export interface RuleContext {
  /** The current time; rules compare whole UTC days. */
  readonly now: Date;
}

/** A schema problem (wrong type, unknown key, enum member) handed to the rule that owns that field. */
export interface SchemaIssue {
  readonly path: FieldPath;
  /** The path with indices blanked, e.g. `mailboxes.inbound[].server.type`, for matching. */
  readonly pattern: string;
  /** zod's issue code: `invalid_type`, `invalid_value`, `unrecognized_keys`, … */
  readonly code: string;
  /** The value found at the path in the raw input; rules decide whether it is safe to echo. */
  readonly value: unknown;
}

/**
 * A validation rule, as in cdk-nag: a stable public ID, a severity, a fix hint,
 * a source for the constraint, and a pure check over the validated config.
 */
export interface Rule {
  /** Stable public ID, e.g. `GE105`. Never reused for another meaning. */
  readonly id: string;
  /** Short kebab-case name of what it checks. */
  readonly name: string;
  readonly severity: Severity;
  /** One sentence for RULES.md and SARIF's rule description. */
  readonly description: string;
  /** The general fix hint; a violation may give a more precise one. */
  readonly fix: string;
  /** Where the constraint comes from (vendor page, Microsoft doc). */
  readonly source: string;
  /** Whether `{ id, reason }` may silence it. Rules that would produce broken Terraform or leak a secret may not. */
  readonly suppressible: boolean;
  /** The check itself. Pure; a throw counts as a violation (fails closed). */
  check(config: EmailConfig, context: RuleContext): Violation[];
  /** Claims a schema issue on a field this rule owns (e.g. an unknown server type), with its own message. */
  fromSchemaIssue?(issue: SchemaIssue): Violation | undefined;
  /**
   * Its finding on a field is the whole story there: other rules' findings on the same field are dropped
   * (a `<placeholder>` is not also "not a valid email address").
   */
  readonly supersedes?: true;
}
