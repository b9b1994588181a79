import { mdCode } from "../text/markdown";
import type { ConfigDiff, DiffReport, DiffSide, FieldChange, MailboxSummary } from "./model";

const MAX_SHOWN = 120;

/** A value as an inline code span in a PR comment: one line, at most MAX_SHOWN characters (src/text/markdown). */
function code(value: string): string {
  return mdCode(value, { max: MAX_SHOWN });
}

function value(v: string | undefined): string {
  return v === undefined ? "_(unset)_" : code(v);
}

function fieldLine(c: FieldChange): string {
  if (c.hidden) return `${code(c.field)}: changed (value not shown)`;
  return `${code(c.field)}: ${value(c.from)} → ${value(c.to)}`;
}

function sideName(side: DiffSide): string {
  return side.environment !== undefined ? `${code(side.environment)} in ${code(side.file)}` : code(side.file);
}

function heading(d: ConfigDiff): string {
  const { old, new: next } = d;
  if (old.environment !== undefined && old.environment === next.environment) {
    const what = old.absent ? " (environment added)" : next.absent ? " (environment removed)" : "";
    return `### Environment ${code(old.environment)}${what}: ${code(old.file)} → ${code(next.file)}`;
  }
  if (old.file === next.file && old.environment !== undefined && next.environment !== undefined) {
    return `### ${code(old.environment)} → ${code(next.environment)} (${code(old.file)})`;
  }
  return `### ${sideName(old)} → ${sideName(next)}`;
}

function describeMailbox(m: MailboxSummary): string {
  const parts = [`${m.direction} ${code(m.name)}: ${code(m.server)}, login ${code(m.login)}, ${m.auth}`];
  if (m.testMailbox) parts.push("test mailbox");
  if (m.designerApplication !== undefined) parts.push(`Designer application ${code(m.designerApplication)}`);
  return parts.join(", ");
}

function comparison(d: ConfigDiff): string[] {
  const out: string[] = [heading(d), ""];
  if (d.unchanged) return [...out, "No changes.", ""];

  if (d.forbidden.length) {
    out.push("> [!CAUTION]", "> **Forbidden or destructive changes** (Genesys does not allow these as written; `diff` exits with code 3)");
    for (const f of d.forbidden) {
      if (f.kind === "inbound-mailbox-renamed") {
        out.push(
          `> - **Rename of inbound mailbox** ${code(f.mailbox)} → ${code(f.renamedTo ?? "")}: Mailbox Name is create-only, so Genesys deletes ${code(f.mailbox)} and creates ${code(f.renamedTo ?? "")}. ` +
            `Fix: keep the name; to really rename, add the new mailbox first, move the Designer application to it, and remove the old one in a later change.`,
        );
      } else {
        out.push(
          `> - **Removal of an assigned mailbox** ${code(f.mailbox)} (Designer application ${code(f.designerApplication ?? "")}): an assigned mailbox is enabled and cannot be deleted until it is disabled. ` +
            `Fix: unassign it first (remove designerApplication) and apply that; remove the mailbox in a later change.`,
        );
      }
    }
    out.push("");
  }

  if (d.highRisk.length) {
    out.push("> [!WARNING]", "> **High risk: Entra permissions, consent and credentials**");
    for (const r of d.highRisk) out.push(`> - ${r.message}`);
    out.push("");
  }

  const m = d.mailboxes;
  if (m.added.length + m.removed.length + m.renamed.length + m.changed.length) {
    out.push("#### Mailboxes", "");
    for (const a of m.added) out.push(`- **Added** ${describeMailbox(a)}`);
    for (const r of m.removed) out.push(`- **Removed** ${describeMailbox(r)}`);
    for (const r of m.renamed) {
      out.push(`- **Renamed** inbound ${code(r.from)} → ${code(r.to)} (delete + create; same login ${code(r.login)} on ${code(r.host)})`);
      for (const c of r.changes) out.push(`  - ${fieldLine(c)}`);
    }
    for (const c of m.changed) {
      out.push(`- **Changed** ${c.direction} ${code(c.name)}`);
      for (const f of c.changes) out.push(`  - ${fieldLine(f)}`);
    }
    out.push("");
  }

  const f = d.fromAddresses;
  if (f.added.length + f.removed.length + f.changed.length || f.folder) {
    out.push("#### From addresses", "");
    for (const a of f.added) out.push(`- **Added** ${code(a.name)} (${code(a.displayName ?? "")})`);
    for (const r of f.removed) out.push(`- **Removed** ${code(r.name)} (${code(r.displayName ?? "")})`);
    for (const c of f.changed) out.push(`- **Changed** ${code(c.name)}: ${(c.changes ?? []).map(fieldLine).join("; ")}`);
    if (f.folder) out.push(`- ${fieldLine(f.folder)}`);
    out.push("");
  }

  const p = d.permissions;
  if (p.added.length + p.removed.length) {
    out.push("#### Entra permissions", "");
    const kind = (t: "Role" | "Scope") => (t === "Role" ? "application (app-only)" : "delegated");
    for (const x of p.added) out.push(`- **Added** ${code(x.value)}: ${x.resource}, ${kind(x.type)}, ${code(x.id)}`);
    for (const x of p.removed) out.push(`- **Removed** ${code(x.value)}: ${x.resource}, ${kind(x.type)}, ${code(x.id)}`);
    out.push("");
  }

  const r = d.migrationRequest;
  out.push("#### Migration request (Genesys Customer Care)", "");
  if (!r.changes) out.push("No change to the migration request.");
  else {
    if (r.entering.length) out.push(`- Entering the request: ${r.entering.map(code).join(", ")}`);
    if (r.leaving.length) out.push(`- Leaving the request: ${r.leaving.map(code).join(", ")}`);
    for (const c of r.changed) out.push(`- Values of ${code(c.name)}: ${c.changes.map(fieldLine).join("; ")}`);
    if (r.testMailbox) out.push(`- Test mailbox: ${value(r.testMailbox.from)} → ${value(r.testMailbox.to)}`);
    for (const t of r.tenant) out.push(`- ${fieldLine(t)}`);
    out.push("", "**The migration request changes:** send the updated request to Genesys Customer Care before these mailboxes are migrated.");
  }
  out.push("");

  const other = [...d.tenant, ...d.application, ...d.backend];
  if (other.length + d.suppressions.added.length + d.suppressions.removed.length) {
    out.push("#### Tenant, application and state backend", "");
    for (const c of other) out.push(`- ${fieldLine(c)}`);
    if (d.backend.length && d.old.environment === d.new.environment && !d.old.absent && !d.new.absent) out.push("- The state backend changes: migrate the state (`terraform init -migrate-state`) before the next plan, or Terraform starts from empty state.");
    for (const s of d.suppressions.added) out.push(`- **Suppression added** ${code(s)}`);
    for (const s of d.suppressions.removed) out.push(`- **Suppression removed** ${code(s)}`);
    out.push("");
  }
  return out;
}

function label(d: ConfigDiff): string {
  if (d.new.environment !== undefined && d.old.environment === d.new.environment) return code(d.new.environment);
  return `${sideName(d.old)} → ${sideName(d.new)}`;
}

/** The PR comment: a one-line summary per comparison, then each comparison in full. */
export function renderMarkdown(report: DiffReport): string {
  const out: string[] = ["## genesys-email diff", ""];
  if (report.comparisons.length > 1) {
    for (const d of report.comparisons) {
      const status = d.forbidden.length ? "**forbidden change**" : d.unchanged ? "no changes" : d.highRisk.length ? "changes, **high risk**" : "changes";
      out.push(`- ${label(d)}: ${status}`);
    }
    out.push("");
  }
  for (const d of report.comparisons) out.push(...comparison(d));
  while (out[out.length - 1] === "") out.pop();
  return `${out.join("\n")}\n`;
}
