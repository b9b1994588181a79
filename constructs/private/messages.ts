import type { Finding } from "../../src/rules/finding";

/**
 * `GE105 mailboxes.inbound[2].maxSizeMb: Max size … (fix: …)`. CDKTF prefixes it with the
 * construct path, so `app.synth()` prints `[contact-center/email] GE105 …`.
 */
export function findingMessage(f: Finding): string {
  const env = f.environment ? ` (environment ${f.environment})` : "";
  return `${f.ruleId} ${f.path}: ${f.message} (fix: ${f.fix})${env}`;
}
