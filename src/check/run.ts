import type { EmailConfig } from "../model/config";
import { allMailboxes, isInbound, needsPassword, serverPort, tlsMode, usesClientCredentials, type LocatedMailbox } from "../model/mailbox";
import { CheckError, classify } from "./classify";
import { authoritySettings, cloudFor, delegatedScope, graphScope } from "./cloud";
import { refuseUnsafe, type Credential } from "./credentials";
import { formatPath } from "../model/path";
import { inertLine } from "../text/terminal";
import { fixFor, type FixContext } from "./fixes";
import { probeEws } from "./protocols/ews";
import { probeGraph } from "./protocols/graph";
import { probeImap } from "./protocols/imap";
import { probePop3 } from "./protocols/pop3";
import { probeSmtp } from "./protocols/smtp";
import type { ProbeTarget } from "./protocols/target";
import { Redactor } from "./redact";
import { StepFailed, StepLog } from "./steps";
import type { TerraformOutputValues } from "../terraform/outputs";
import { TERRAFORM_OUTPUTS } from "../model/terraform-outputs";
import { tlsOptions, type Trust } from "./tls";
import { createHttpsPool } from "./http";
import type { Agent } from "node:https";
import { TokenBroker } from "./tokens";
import type { CheckReport, MailboxResult } from "./types";

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_TIMEOUT_SECONDS = 10;

export interface CheckOptions {
  /** A validated config (run `validate()` first: the check assumes its rules hold). */
  readonly config: EmailConfig;
  /** Where password and client-secret references are read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Mailbox Names to check (the outbound one is `smtp-client`).
   * @default - every mailbox, the test mailbox first
   */
  readonly mailboxes?: readonly string[];
  /** Values from `terraform output -json`: client ID, client secret, tenant ID. */
  readonly terraformOutputs?: TerraformOutputValues;
  /** @default 8 */
  readonly concurrency?: number;
  /** Per network step. @default 10 */
  readonly timeoutSeconds?: number;
  /** @default - the system store only */
  readonly trust?: Trust;
  /** Sends one test message from the outbound mailbox to this address. @default - nothing is sent */
  readonly sendTestTo?: string;
  /** Called as each mailbox finishes (in finishing order), e.g. for a progress line. */
  readonly onResult?: (result: MailboxResult, done: number, total: number) => void;
  /** Registers secrets the caller also holds, so they are redacted too. */
  readonly redactor?: Redactor;
}

/** Mailbox Names that are not in the config. */
export function unknownMailboxNames(config: EmailConfig, names: readonly string[]): string[] {
  const known = new Set(allMailboxes(config).map((l) => l.mailbox.name));
  return names.filter((n) => !known.has(n));
}

/** The mailboxes to check, in order: the test mailbox first, then file order (inbound, then outbound). */
export function planMailboxes(config: EmailConfig, names?: readonly string[]): LocatedMailbox[] {
  const wanted = names && names.length > 0 ? new Set(names) : undefined;
  const all = allMailboxes(config).filter((l) => !wanted || wanted.has(l.mailbox.name));
  return [...all.filter((l) => l.mailbox.testMailbox), ...all.filter((l) => !l.mailbox.testMailbox)];
}

/**
 * Checks that each selected mailbox connects: token, login, inbox, size limit, logout. Never throws for
 * a failing mailbox: each gets a verdict and a fix. The test mailbox runs first and alone (it also warms
 * authority discovery), the rest with bounded concurrency.
 */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const { config } = options;
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const timeoutMs = timeoutSeconds * 1000;
  const trust = options.trust ?? {};
  const redactor = options.redactor ?? new Redactor();
  redactor.add(options.terraformOutputs?.clientSecret);
  const directoryId = config.tenant.directoryId ?? options.terraformOutputs?.tenantId;
  const authority = directoryId ? authoritySettings(config.tenant.authority, directoryId) : undefined;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  // One keep-alive HTTPS pool for the run (token endpoint, Graph, EWS), closed when the run ends.
  const agent = createHttpsPool(concurrency);
  const broker = authority ? new TokenBroker({ authority, trust, timeoutMs, redactor, agent }) : undefined;
  const ctx: RunContext = { options, timeoutMs, timeoutSeconds, trust, redactor, broker, agent, directoryId, tokenEndpoint: authority && endpointOf(authority.authority) };

  const plan = planMailboxes(config, options.mailboxes);
  const results: MailboxResult[] = new Array(plan.length);
  let done = 0;
  const checkOne = async (i: number) => {
    results[i] = await checkMailbox(plan[i]!, ctx);
    options.onResult?.(results[i]!, ++done, plan.length);
  };
  const first = plan[0]?.mailbox.testMailbox ? 1 : 0;
  try {
    if (first) await checkOne(0);
    await pool(plan.length - first, concurrency, (i) => checkOne(i + first));
  } finally {
    agent.destroy();
  }

  const passed = results.filter((r) => r.verdict === "pass").length;
  return {
    mailboxes: results,
    summary: { total: results.length, passed, failed: results.length - passed, tokenRequests: broker?.tokenRequests ?? 0, ms: Math.round(performance.now() - started) },
  };
}

interface RunContext {
  readonly options: CheckOptions;
  readonly timeoutMs: number;
  readonly timeoutSeconds: number;
  readonly trust: Trust;
  readonly redactor: Redactor;
  readonly broker?: TokenBroker;
  readonly agent: Agent;
  readonly directoryId?: string;
  /** Host and port of the authority, for the fix of a failed token step. */
  readonly tokenEndpoint?: { readonly host: string; readonly port: number };
}

function endpointOf(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 443) };
}

/** A simple worker pool: `size` workers take the next index until none is left. */
async function pool(count: number, size: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(size, count) }, worker));
}

async function checkMailbox(located: LocatedMailbox, ctx: RunContext): Promise<MailboxResult> {
  const started = performance.now();
  const { mailbox } = located;
  const { options, redactor } = ctx;
  const config = options.config;
  const log = new StepLog(redactor, ctx.timeoutMs);
  const protocol = mailbox.server.type;
  const host = mailbox.server.host;
  const port = serverPort(mailbox);
  const secretRef = config.application.clientSecret?.env;
  const fixContext: FixContext = {
    name: mailbox.name,
    login: mailbox.mailbox,
    protocol,
    auth: mailbox.auth,
    host,
    port,
    tls: tlsMode(mailbox),
    ...(mailbox.password ? { passwordEnv: mailbox.password.env } : {}),
    ...(secretRef ? { clientSecretSource: secretRef } : options.terraformOutputs?.clientSecret ? { clientSecretSource: `the Terraform output ${TERRAFORM_OUTPUTS.clientSecret}` } : {}),
    ...(ctx.trust.caFile ? { caFile: ctx.trust.caFile } : {}),
    graphMailboxAccess: config.application.graphMailboxAccess,
    timeoutSeconds: ctx.timeoutSeconds,
    ...(isInbound(mailbox) ? { maxSizeMb: mailbox.maxSizeMb } : {}),
  };
  let failure: { code: string; extra: Partial<FixContext> } | undefined;

  try {
    const credential = await obtainCredential(located, ctx, log);
    const target: ProbeTarget = {
      host,
      port,
      tls: tlsMode(mailbox),
      login: mailbox.mailbox,
      credential,
      trust: ctx.trust,
      tlsOptions: tlsOptions(ctx.trust, host),
      agent: ctx.agent,
      timeoutMs: ctx.timeoutMs,
      log,
      sizeLimit: (bytes, source) => {
        const verdict = sizeVerdict(bytes, source, isInbound(mailbox) ? mailbox.maxSizeMb : undefined);
        if (!verdict) return;
        log.record("size", verdict.ok, verdict.detail);
        if (!verdict.ok) failure ??= { code: "SIZE_LIMIT", extra: { serverLimitMb: verdict.serverLimitMb } };
      },
      ...(!isInbound(mailbox) && options.sendTestTo !== undefined ? { sendTestTo: options.sendTestTo, fromAddress: mailbox.fromAddress } : {}),
      ...(isInbound(mailbox) && mailbox.server.path ? { path: mailbox.server.path } : {}),
    };
    await PROBES[protocol](target);
  } catch (error) {
    const reason = error instanceof StepFailed ? error.reason : error;
    const { code, extra } = classify(reason);
    failure = { code, extra };
    if (!(error instanceof StepFailed)) log.record("login", false, classify(reason).message); // outside any step: still a verdict
  }
  const base = {
    name: mailbox.name,
    mailbox: mailbox.mailbox,
    protocol,
    auth: mailbox.auth,
    testMailbox: mailbox.testMailbox,
    steps: log.steps,
    ms: Math.round(performance.now() - started),
  };
  if (!failure) return { ...base, verdict: "pass" };
  const { fix } = fixFor(failure.code, { ...fixContext, ...failure.extra });
  return { ...base, verdict: "fail", code: failure.code, fix: inertLine(redactor.redact(fix), 1000) };
}

/**
 * The size step: the limit a server announces (IMAP APPENDLIMIT, SMTP SIZE) against maxSizeMb. Undefined when the
 * server announces none. The outbound mailbox has no maxSizeMb: its limit is reported, never failed.
 */
export function sizeVerdict(bytes: number | undefined, source: string, maxSizeMb: number | undefined): { ok: boolean; detail: string; serverLimitMb: number } | undefined {
  if (bytes === undefined || bytes <= 0) return undefined;
  const mb = bytes / (1024 * 1024);
  const shown = `server accepts messages up to ${Math.round(mb * 10) / 10} MB (${source})`;
  if (maxSizeMb === undefined) return { ok: true, detail: shown, serverLimitMb: mb };
  return { ok: bytes >= maxSizeMb * 1024 * 1024, detail: `${shown}; maxSizeMb is ${maxSizeMb}`, serverLimitMb: mb };
}

const PROBES: Readonly<Record<string, (t: ProbeTarget) => Promise<void>>> = {
  IMAP: probeImap,
  POP3: probePop3,
  SMTP: probeSmtp,
  GRAPH: probeGraph,
  EWS: probeEws,
};

/** The password, or a token from the authority: one `secret` step on a missing reference, one `token` step for OAuth 2.0. */
async function obtainCredential(located: LocatedMailbox, ctx: RunContext, log: StepLog): Promise<Credential> {
  const { mailbox } = located;
  const { options, redactor } = ctx;
  const config = options.config;
  const clientId = config.application.clientId ?? options.terraformOutputs?.clientId;
  const at = formatPath(located.path);
  refuseUnsafeValues(log, {
    [`login (${at}.mailbox)`]: mailbox.mailbox,
    ...(!isInbound(mailbox) ? { [`From address (${at}.fromAddress)`]: mailbox.fromAddress } : {}),
    ...(!isInbound(mailbox) && options.sendTestTo !== undefined ? { "--send-test-to address": options.sendTestTo } : {}),
  });

  if (usesClientCredentials(mailbox)) {
    if (!clientId) log.fail("secret", new CheckError("MISSING_CLIENT_ID", "no client ID: application.clientId is not set and no --tf-outputs gives client_id"));
    const ref = config.application.clientSecret?.env;
    const secret = (ref ? options.env[ref] : undefined) || options.terraformOutputs?.clientSecret;
    if (!secret) {
      log.fail("secret", new CheckError("MISSING_CLIENT_SECRET", ref ? `environment variable ${ref} is not set, and no --tf-outputs gives client_secret` : "no client secret: application.clientSecret is not set and no --tf-outputs gives client_secret"));
    }
    redactor.add(secret);
    const broker = requireBroker(ctx, log);
    const scope = graphScope(cloudFor(config.tenant.authority), mailbox.server.host);
    const token = await log.run("token", () => broker.app(clientId!, secret!, scope), (t) => `app token for ${scope} (${describeSource(t.source)})`, tokenStep(ctx));
    return { kind: "token", accessToken: token.accessToken };
  }

  let password: string | undefined;
  if (needsPassword(mailbox)) {
    const ref = mailbox.password?.env;
    password = ref ? options.env[ref] : undefined;
    if (!password) log.fail("secret", new CheckError("MISSING_PASSWORD", ref ? `environment variable ${ref} is not set` : "no password reference in the config"));
    redactor.add(password);
    refuseUnsafeValues(log, { [`password in ${ref}`]: password });
  }
  if (mailbox.auth === "basic") return { kind: "password", password: password! };

  if (!clientId) log.fail("secret", new CheckError("MISSING_CLIENT_ID", "no client ID: application.clientId is not set and no --tf-outputs gives client_id"));
  const broker = requireBroker(ctx, log);
  const scope = delegatedScope(cloudFor(config.tenant.authority), mailbox.server.type as "IMAP" | "POP3" | "SMTP" | "EWS");
  const token = await log.run(
    "token",
    () => broker.delegated(clientId!, mailbox.mailbox, password!, scope),
    (t) => `token for ${mailbox.mailbox}, scope ${scope} (${describeSource(t.source)})`,
    tokenStep(ctx),
  );
  return { kind: "token", accessToken: token.accessToken };
}

/** CR, LF or NUL in a value sent on the wire: the mailbox fails at the `secret` step, before any connection. */
function refuseUnsafeValues(log: StepLog, values: Readonly<Record<string, string>>): void {
  try {
    refuseUnsafe(values);
  } catch (error) {
    log.fail("secret", error as CheckError);
  }
}

function tokenStep(ctx: RunContext) {
  return { what: "the token endpoint", ...(ctx.tokenEndpoint ? { endpoint: ctx.tokenEndpoint } : {}) };
}

function requireBroker(ctx: RunContext, log: StepLog): TokenBroker {
  if (!ctx.broker) log.fail("secret", new CheckError("MISSING_DIRECTORY_ID", "no directory ID: tenant.directoryId is not set and no --tf-outputs gives tenant_id"));
  return ctx.broker;
}

function describeSource(source: "requested" | "shared" | "msal-cache"): string {
  return source === "requested" ? "requested" : source === "shared" ? "shared with another mailbox of this login" : "from the MSAL cache";
}
