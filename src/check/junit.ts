import { inertLine } from "../text/terminal";
import { xmlTag, xmlText } from "../text/xml";
import type { CheckReport, MailboxResult } from "./types";

export interface JunitOptions {
  /** The config file, named in the suite and its properties. */
  readonly file?: string;
  /** The machine that ran the check. @default "localhost" (what the Ant schema asks for when unknown) */
  readonly hostname?: string;
  /** When the run started. @default - now */
  readonly timestamp?: Date;
}

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly ms: number;
  readonly failure?: { readonly type: string; readonly message: string; readonly text: string };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * `--format junit`: one `<testsuite>` with one `<testcase>` per mailbox, and for each failed one a `<failure>` whose
 * type is the failure's code, whose message is the fix, and whose text lists the steps. The shape is the one both the
 * Apache Ant JUnit schema and the Jenkins xUnit plugin's JUnit schema accept (test/check/junit.test.ts validates it),
 * which CI dashboards read.
 * Every value goes through src/text/xml; the report's text is already redacted and inert.
 */
export function renderJunit(report: CheckReport, options: JunitOptions = {}): string {
  const cause = report.cause;
  const causeProperties: Array<[string, string]> = cause ? [["cause", `${cause.code} (${cause.field}): ${line(cause.detail)}`], ["causeFix", line(cause.fix)]] : [];
  const proxyProperties: Array<[string, string]> = report.proxy ? [["httpsProxy", report.proxy]] : [];
  return suite(report.mailboxes.map(mailboxCase), report.summary.ms, options, [["tokenRequests", String(report.summary.tokenRequests)], ...causeProperties, ...proxyProperties]);
}

/** A file that fails validation: one failed testcase, so a dashboard shows why the check never ran. */
export function renderJunitInvalid(file: string, findings: readonly string[], options: Omit<JunitOptions, "file"> = {}): string {
  const fix = `fix the errors, then check again (genesys-email validate ${file})`;
  return suite([{ name: line(file), classname: "genesys-email.validate", ms: 0, failure: { type: "INVALID_CONFIG", message: `INVALID_CONFIG: ${line(fix)}`, text: findings.map(line).join("\n") } }], 0, { ...options, file }, []);
}

/** One line of the report's text, made inert (as in every format) before it becomes XML. */
const line = (text: string) => inertLine(text, 1000);

function mailboxCase(m: MailboxResult): TestCase {
  const testCase = { name: `${line(m.name)}${m.testMailbox ? " (test mailbox)" : ""}`, classname: `genesys-email.check.${m.protocol}`, ms: m.ms };
  if (m.verdict === "pass") return testCase;
  const code = m.code ?? "UNKNOWN";
  const fix = line(m.fix ?? "-");
  const steps = m.steps.map((st) => `${st.step}: ${st.ok ? "ok" : "FAILED"} (${st.ms} ms) ${line(st.detail)}`);
  return { ...testCase, failure: { type: code, message: `${code}: ${fix}`, text: [`login ${line(m.mailbox)} (${m.protocol}, ${m.auth})`, ...steps, `fix: ${fix}`].join("\n") } };
}

function suite(cases: readonly TestCase[], ms: number, options: JunitOptions, properties: ReadonlyArray<[string, string]>): string {
  // The Ant schema's timestamp has no time zone: UTC, without the Z.
  const timestamp = (options.timestamp ?? new Date()).toISOString().replace(/\.\d+Z$/, "");
  const props: Array<[string, string]> = [...(options.file !== undefined ? [["file", line(options.file)] as [string, string]] : []), ...properties];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlTag("testsuite", {
      name: `genesys-email check${options.file !== undefined ? ` ${line(options.file)}` : ""}`,
      timestamp,
      hostname: options.hostname || "localhost",
      tests: cases.length,
      failures: cases.filter((c) => c.failure).length,
      errors: 0,
      time: seconds(ms),
    }),
    "  <properties>",
    ...props.map(([name, value]) => `    ${xmlTag("property", { name, value }, true)}`),
    "  </properties>",
    ...cases.flatMap((c) => {
      const attributes = { name: c.name, classname: c.classname, time: seconds(c.ms) };
      if (!c.failure) return [`  ${xmlTag("testcase", attributes, true)}`];
      return [`  ${xmlTag("testcase", attributes)}`, `    ${xmlTag("failure", { type: c.failure.type, message: c.failure.message })}${xmlText(c.failure.text)}</failure>`, "  </testcase>"];
    }),
    "  <system-out></system-out>",
    "  <system-err></system-err>",
    "</testsuite>",
  ];
  return `${lines.join("\n")}\n`;
}
