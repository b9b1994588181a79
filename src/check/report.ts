import { inertLine, plural } from "../text/terminal";
import type { Redactor } from "./redact";
import type { CheckReport, MailboxResult, RunCause, StepResult } from "./types";
import { mdCode, mdTable, mdText } from "../text/markdown";

/**
 * The report with every text field redacted, for rendering. Structured formats (JSON, XML) are rendered from it and
 * never redacted as text afterwards: a secret's text could match the document's own syntax and break it.
 */
export function redactReport(report: CheckReport, redactor: Redactor): CheckReport {
  const r = (text: string) => redactor.redact(text);
  return {
    ...report,
    ...(report.cause ? { cause: { ...report.cause, detail: r(report.cause.detail), fix: r(report.cause.fix) } } : {}),
    mailboxes: report.mailboxes.map((m) => ({
      ...m,
      name: r(m.name),
      mailbox: r(m.mailbox),
      steps: m.steps.map((st) => ({ ...st, detail: r(st.detail) })),
      ...(m.fix !== undefined ? { fix: r(m.fix) } : {}),
    })),
  };
}

/** `--format json`: a stable shape for pipelines. */
export function renderJson(report: CheckReport, file?: string): string {
  const out = {
    ...(file !== undefined ? { file } : {}),
    mailboxes: report.mailboxes.map((m) => ({
      name: m.name,
      mailbox: m.mailbox,
      protocol: m.protocol,
      auth: m.auth,
      testMailbox: m.testMailbox,
      verdict: m.verdict,
      ms: m.ms,
      steps: m.steps.map((s) => ({ step: s.step, ok: s.ok, ms: s.ms, detail: s.detail })),
      ...(m.code ? { code: m.code } : {}),
      ...(m.byRunCause ? { byRunCause: true } : {}),
      fix: m.fix ?? null,
    })),
    summary: report.summary,
    cause: report.cause ?? null,
    proxy: report.proxy ?? null,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The line printed (to stderr, on a terminal) as each mailbox finishes. */
export function progressLine(m: MailboxResult, done: number, total: number): string {
  const width = String(total).length;
  return `[${String(done).padStart(width)}/${total}] ${m.verdict === "pass" ? "PASS" : "FAIL"} ${inertLine(m.name)} (${m.protocol}, ${m.ms} ms)${m.fix ? `: ${inertLine(m.fix, 1000)}` : ""}\n`;
}

/** `--format text`: a table, then each failure with its failing step and fix. */
export function renderText(report: CheckReport): string {
  const rows = report.mailboxes.map((m) => [
    m.verdict === "pass" ? "PASS" : "FAIL",
    `${inertLine(m.name)}${m.testMailbox ? " (test)" : ""}`,
    m.protocol,
    inertLine(m.mailbox),
    m.steps.map((s) => `${s.step}${s.ok ? "" : "!"} ${s.ms}`).join(", "),
  ]);
  const header = ["", "mailbox", "protocol", "login", "steps (ms)"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const lines = [line(header), ...rows.map(line)];
  if (report.cause) lines.push("", ...causeLines(report.cause));
  const failed = report.mailboxes.filter((m) => m.verdict === "fail");
  for (const m of failed) {
    const step = failedStep(m);
    const said = `FAIL ${inertLine(m.name)}: ${step ? `${step.step}: ${inertLine(step.detail)}` : m.code ?? "failed"}`;
    // A mailbox that ended with the run's cause gets one line: the cause and its fix are printed once, above.
    lines.push(...(m.byRunCause ? [said] : ["", said, `  fix: ${inertLine(m.fix ?? "-", 1000)}`]));
  }
  const s = report.summary;
  if (report.proxy) lines.push("", proxyLine(report.proxy));
  lines.push("", `${plural(s.total, "mailbox", "mailboxes")}: ${s.passed} passed, ${s.failed} failed (${s.ms} ms, ${plural(s.tokenRequests, "token request")})`);
  return `${lines.join("\n")}\n`;
}

/** `--format markdown`: to attach to the migration request. */
export function renderMarkdown(report: CheckReport, file?: string): string {
  const s = report.summary;
  const lines = [
    "## Connectivity check",
    "",
    `${file ? `Config ${mdCode(file)}, checked` : "Checked"} ${new Date().toISOString().replace(/\.\d+Z$/, "Z")} with \`genesys-email check\`: **${s.passed} of ${plural(s.total, "mailbox", "mailboxes")} passed**.`,
    "",
  ];
  const rows = report.mailboxes.map((m) => [
    m.verdict === "pass" ? "✅ pass" : "❌ fail",
    `${mdCode(m.name)}${m.testMailbox ? " (test mailbox)" : ""}`,
    m.protocol,
    mdCode(m.mailbox),
    m.steps.map((st) => `${st.step} ${st.ok ? "✓" : "✗"} ${st.ms}`).join(", "),
    m.fix ? prose(m.fix) : "",
  ]);
  lines.push(...mdTable(["Result", "Mailbox Name", "Protocol", "Login", "Steps (ms)", "Fix"], rows));
  if (report.proxy) lines.push("", proxyLine(report.proxy));
  if (report.cause) lines.push("", `**Run cause** ${mdCode(report.cause.code)} (${mdCode(report.cause.field)}): ${prose(report.cause.detail)}. Fix: ${prose(report.cause.fix)}`);
  const failed = report.mailboxes.filter((m) => m.verdict === "fail");
  if (failed.length > 0) {
    lines.push("", "### Failures", "");
    for (const m of failed) {
      const step = failedStep(m);
      lines.push(`- **${mdCode(m.name)}** (${m.code ?? "failed"}): ${step ? `${step.step}: ${prose(step.detail)}` : ""}`, `  - Fix: ${prose(m.fix ?? "")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Where HTTPS went, and that the mail protocols never use the proxy. */
function proxyLine(proxy: string): string {
  return `HTTPS (token endpoint, Graph, EWS) went through the proxy ${proxy} (HTTPS_PROXY, except NO_PROXY hosts); IMAP, POP3 and SMTP connect directly.`;
}

/** The run's cause, in the text format. */
export function causeLines(cause: RunCause): string[] {
  return [`RUN CAUSE ${cause.code} (${cause.field}): ${inertLine(cause.detail)}`, `  fix: ${inertLine(cause.fix, 1000)}`, "  every other OAuth 2.0 mailbox ended at once with this cause; nothing more was sent to the token endpoint"];
}

function failedStep(m: MailboxResult): StepResult | undefined {
  return m.steps.find((s) => !s.ok);
}

/** A fix or a server's reply: prose with data in it, shown as written (at most 1,000 characters). */
function prose(text: string): string {
  return mdText(text, { max: 1000 });
}
