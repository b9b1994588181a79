import { formatFinding, type Finding } from "../../src/rules/finding";

/** A finding as `validate` prints it: its line, then `  at file:line:column (environment NAME)` when known. */
export function findingText(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : undefined;
  const at = [where, f.environment && `(environment ${f.environment})`].filter(Boolean).join(" ");
  return at ? `${formatFinding(f)}\n  at ${at}` : formatFinding(f);
}
