import type { Finding } from "../../src/rules/finding";

/** A finding reported once for every environment it appears in (same rule, path, message and position). */
export interface GroupedFinding {
  readonly finding: Finding;
  /** The environments it appears in, in the order met; empty for a file without environments. */
  readonly environments: readonly string[];
}

/**
 * A problem in the shared part of a file shows up in every environment at the same
 * position; annotation formats report it once and name the environments.
 */
export function groupAcrossEnvironments(findings: readonly Finding[]): GroupedFinding[] {
  const groups = new Map<string, { finding: Finding; environments: string[] }>();
  for (const f of findings) {
    const key = JSON.stringify([f.severity, f.ruleId, f.path, f.message, f.fix, f.location?.file, f.location?.line, f.location?.column]);
    const group = groups.get(key);
    if (group) {
      if (f.environment && !group.environments.includes(f.environment)) group.environments.push(f.environment);
    } else groups.set(key, { finding: f, environments: f.environment ? [f.environment] : [] });
  }
  return [...groups.values()];
}
