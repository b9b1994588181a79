import { relative, resolve, sep } from "node:path";
import type { Finding } from "../../src/rules/finding";
import { groupAcrossEnvironments } from "../../src/rules/report";

/** Workflow-command data: `%`, CR and LF are escaped (as @actions/core's `escapeData`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Workflow-command property values: also `:` and `,`, which separate properties (as @actions/core's `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** A file path as GitHub annotations expect it: relative to the workspace (cwd), with `/`. */
export function workspacePath(file: string, cwd: string): string {
  return relative(cwd, resolve(cwd, file)).split(sep).join("/");
}

/**
 * `::error file=…,line=…,col=…,title=GE105 (prod)::mailboxes.inbound[0].maxSizeMb: … (fix: …)`:
 * one GitHub Actions workflow command per finding, shown as an annotation on the file.
 */
export function githubAnnotations(findings: readonly Finding[], cwd: string): string[] {
  return groupAcrossEnvironments(findings).map(({ finding: f, environments }) => {
    const properties: Array<[string, string]> = [];
    if (f.location) {
      properties.push(["file", workspacePath(f.location.file, cwd)], ["line", String(f.location.line)], ["col", String(f.location.column)]);
    }
    properties.push(["title", environments.length ? `${f.ruleId} (${environments.join(", ")})` : f.ruleId]);
    const props = properties.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(",");
    return `::${f.severity === "error" ? "error" : "warning"} ${props}::${escapeData(`${f.path}: ${f.message} (fix: ${f.fix})`)}`;
  });
}
