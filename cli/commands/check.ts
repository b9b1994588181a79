import { secretExpiryWarning } from "../../src/check/secret-expiry";
import { needsClientSecret } from "../../src/model/mailbox";
import { parseCommandArgs, oneOf, stringFlag, stringFlags } from "../args";
import { argumentError, EXIT, ExitError, usageError } from "../errors";
import { paintFor, type CliIO } from "../io";
import type { Command } from "../command";
import { loadAndValidate } from "../load-and-validate";
import { findingLines } from "../../src/rules/report";
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_SECONDS, runCheck, unknownMailboxNames } from "../../src/check/run";
import { progressLine, redactReport, renderJson, renderMarkdown, renderText } from "../../src/check/report";
import { buildTrust, CaFileError, type Trust } from "../../src/check/tls";
import { readTerraformOutputsSource } from "../terraform-outputs";
import { renderJunit, renderJunitInvalid } from "../../src/check/junit";
import { ProxyConfigError, proxyFromEnv } from "../../src/check/proxy";
import { EMAIL } from "../../src/model/email";
import { plural, quote } from "../../src/text/terminal";
import { hostname } from "node:os";
import { Redactor } from "../../src/check/redact";

const FORMATS = ["text", "json", "markdown", "junit"] as const;
const MAX_CONCURRENCY = 64;
const MAX_TIMEOUT_SECONDS = 300;

export const command: Command = {
  usage: [
    "Usage: genesys-email check <file|-> [--env NAME] [--mailbox NAME]... [--tf-outputs FILE|-]",
    "                          [--format text|json|markdown|junit] [--concurrency N] [--timeout SECONDS]",
    "                          [--ca-file FILE] [--send-test-to ADDRESS]",
    "",
    "Validates the file, then for each mailbox (the test mailbox first): requests a token from",
    "tenant.authority (password flow for IMAP/POP3/SMTP/EWS, client credentials for GRAPH), logs in,",
    "reads the inbox, compares the server's size limit with maxSizeMb, and logs out.",
    "  --mailbox NAME       check only this mailbox (repeatable; the outbound one is smtp-client)",
    "  --tf-outputs FILE|-  terraform output -json of the stack (a file, or - for standard input): client_id, tenant_id, client_secret",
    `  --concurrency N      mailboxes checked at once (default ${DEFAULT_CONCURRENCY})`,
    `  --timeout SECONDS    limit for each network step (default ${DEFAULT_TIMEOUT_SECONDS})`,
    "  --ca-file FILE       also trust the CA certificates in this PEM file (verification is always on)",
    "  --send-test-to ADDR  send one test message from the outbound mailbox to ADDR (nothing is sent otherwise)",
    "Exit codes: 0 every mailbox passed, 1 a mailbox failed or the file has errors, 2 usage or file problems.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        env: { type: "string" },
        mailbox: { type: "string", multiple: true },
        "tf-outputs": { type: "string" },
        format: { type: "string" },
        concurrency: { type: "string" },
        timeout: { type: "string" },
        "ca-file": { type: "string" },
        "send-test-to": { type: "string" },
      },
      "check",
    );
    const format = oneOf(stringFlag(values, "format"), FORMATS, "--format", "text");
    if (positionals.length !== 1) throw argumentError("check takes exactly one config file (or - for standard input).");
    const file = positionals[0]!;
    const concurrency = integerFlag(stringFlag(values, "concurrency"), "--concurrency", 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY);
    const timeoutSeconds = numberFlag(stringFlag(values, "timeout"), "--timeout", MAX_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS);
    const sendTestTo = stringFlag(values, "send-test-to");
    if (sendTestTo !== undefined && !EMAIL.test(sendTestTo)) throw usageError(`--send-test-to must be one email address; ${quote(sendTestTo)} given.`);
    const trust = readTrust(stringFlag(values, "ca-file"), io);
    const redactor = new Redactor();
    const outputsSource = stringFlag(values, "tf-outputs");
    // check signs in as the app: it reads the sensitive client_secret, and registers it for redaction at once.
    const terraformOutputs = outputsSource !== undefined ? await readTerraformOutputsSource(outputsSource, io, { clientSecret: "read" }, "check", "--tf-outputs ") : undefined;
    redactor.add(terraformOutputs?.clientSecret);

    const { result } = await loadAndValidate(file, io, stringFlag(values, "env"));
    if (result.errors.length > 0 || !result.config) {
      const lines = findingLines(result.findings, format === "text" ? paintFor(io, "stdout") : undefined);
      if (format === "json") io.stdout.write(`${JSON.stringify({ file, valid: false, findings: result.findings }, null, 2)}\n`);
      else if (format === "junit") io.stdout.write(renderJunitInvalid(file, lines, { hostname: hostname() }));
      else io.stdout.write(`${[...lines, `${file}: ${plural(result.errors.length, "error")}; fix them (genesys-email validate ${file}) before the check can run.`].join("\n")}\n`);
      return EXIT.failed;
    }
    const config = result.config;
    const selected = stringFlags(values, "mailbox");
    const unknown = unknownMailboxNames(config, selected);
    if (unknown.length > 0) {
      const names = [...config.mailboxes.inbound.map((m) => m.name), ...(config.mailboxes.outbound ? [config.mailboxes.outbound.name] : [])];
      throw usageError(`no mailbox named ${unknown.map((n) => `"${n}"`).join(", ")} in ${file}; its mailboxes: ${names.join(", ") || "(none)"}.`);
    }
    if (sendTestTo !== undefined && !config.mailboxes.outbound) throw usageError(`--send-test-to needs an outbound mailbox, and ${file} has none.`);
    if (sendTestTo !== undefined && selected.length > 0 && !selected.includes(config.mailboxes.outbound!.name)) {
      throw usageError(`--send-test-to sends from the outbound mailbox: add --mailbox ${config.mailboxes.outbound!.name}.`);
    }
    if (format === "text") for (const line of findingLines(result.warnings, paintFor(io, "stderr"))) io.stderr.write(`${line}\n`);
    const expiry = terraformOutputs?.clientSecretEndDate !== undefined && needsClientSecret(config) ? secretExpiryWarning(terraformOutputs.clientSecretEndDate, io.now?.() ?? new Date()) : undefined;
    if (expiry !== undefined) io.stderr.write(`genesys-email: warning: ${expiry}\n`);

    try {
      proxyFromEnv(io.env);
    } catch (error) {
      if (error instanceof ProxyConfigError) throw new ExitError(EXIT.usage, error.message);
      throw error;
    }
    const started = new Date();
    const report = await runCheck({
      config,
      env: io.env,
      mailboxes: selected,
      ...(terraformOutputs ? { terraformOutputs } : {}),
      concurrency,
      timeoutSeconds,
      trust,
      ...(sendTestTo !== undefined ? { sendTestTo } : {}),
      redactor,
      ...(io.stderr.isTTY && format === "text" ? { onResult: (m, done, total) => io.stderr.write(redactor.redact(progressLine(m, done, total))) } : {}),
    });
    const safe = redactReport(report, redactor);
    // JSON and JUnit XML are rendered from redacted fields only; the text formats are also redacted whole, as a last guard.
    if (format === "json") io.stdout.write(renderJson(safe, file));
    else if (format === "junit") io.stdout.write(renderJunit(safe, { file, hostname: hostname(), timestamp: started }));
    else io.stdout.write(redactor.redact(format === "markdown" ? renderMarkdown(safe, file) : renderText(safe)));
    return report.summary.failed > 0 ? EXIT.failed : EXIT.ok;
  },
};

function integerFlag(value: string | undefined, flag: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw usageError(`${flag} must be a whole number from ${min} to ${max}; "${value}" given.`);
  return n;
}

function numberFlag(value: string | undefined, flag: string, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > max) throw usageError(`${flag} must be a number of seconds above 0 and at most ${max}; "${value}" given.`);
  return n;
}

function readTrust(caFile: string | undefined, io: CliIO): Trust {
  try {
    return buildTrust(caFile, io.env);
  } catch (error) {
    if (error instanceof CaFileError) throw new ExitError(EXIT.usage, error.message);
    throw error;
  }
}
