import { plural } from "../text/terminal";

/**
 * The one check of the client secret's end date (`client_secret_end_date` from `--tf-outputs`): a warning when the
 * secret GRAPH mailboxes use expires within 30 days. Rotation creates the next secret only when someone runs
 * `terraform apply` (time_rotating rotates on apply), so a stack nobody applies runs out: this says so in time.
 */
const SECRET_EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The warning for an end date (RFC 3339) seen on `now`, or undefined when more than 30 days remain. */
export function secretExpiryWarning(endDate: string, now: Date): string | undefined {
  const end = Date.parse(endDate);
  if (Number.isNaN(end)) return undefined;
  const days = Math.floor((end - now.getTime()) / DAY_MS);
  if (days >= SECRET_EXPIRY_WARNING_DAYS) return undefined;
  const day = new Date(end).toISOString().slice(0, 10);
  const when = end <= now.getTime() ? `expired on ${day}` : `expires on ${day} (${days === 0 ? "in less than a day" : `in ${plural(days, "day")}`})`;
  return (
    `the client secret of the GRAPH mailboxes (client_secret) ${when}. Run terraform apply to create the next one, ` +
    "then give Genesys the new secret (terraform output -raw client_secret) out of band; the old one expires on its own (docs/day-two.md)."
  );
}
