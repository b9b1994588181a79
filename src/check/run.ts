import type { EmailConfig, ServerType } from "../model/config";
import { allMailboxes, isInbound, needsPassword, serverPort, tlsMode, usesClientCredentials, type LocatedMailbox } from "../model/mailbox";
import { CheckError, classify } from "./classify";
import { authoritySettings } from "./cloud";
import { mailboxScope } from "../model/scopes";
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
import { createHttpsPool, POOL_IDLE_MS } from "./http";
import { createRunAgents, proxyFromEnv, type RunAgents } from "./proxy";
import { greetsInPlaintext, speaksTls } from "./tls-mode";
import { hostPort } from "./protocols/graph";
import { AUTHORITY_FIELD, TokenBroker } from "./tokens";
import type { CheckReport, MailboxResult, RunCause } from "./types";

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
  // HTTPS through HTTPS_PROXY unless NO_PROXY says otherwise; its credentials are secrets like the others.
  const proxy = proxyFromEnv(options.env);
  for (const secret of proxy?.secrets ?? []) redactor.add(secret);
  const agents = createRunAgents(createHttpsPool(concurrency), proxy, concurrency, POOL_IDLE_MS);
  const broker = authority ? new TokenBroker({ authority, trust, timeoutMs, redactor, agents }) : undefined;
  const ctx: RunContext = { options, timeoutMs, timeoutSeconds, trust, redactor, broker, agents, directoryId, probes: new TlsModeProbes(timeoutMs), tokenEndpoint: authority && endpointOf(authority.authority) };

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
    agents.destroy();
  }

  const passed = results.filter((r) => r.verdict === "pass").length;
  return {
    ...(ctx.cause ? { cause: ctx.cause } : {}),
    ...(proxy ? { proxy: proxy.label } : {}),
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
  readonly agents: RunAgents;
  readonly directoryId?: string;
  readonly probes: TlsModeProbes;
  /** The run's cause, from the first mailbox that met it. */
  cause?: RunCause;
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
    tlsGiven: mailbox.server.tls !== undefined,
    ...(mailbox.password ? { passwordEnv: mailbox.password.env } : {}),
    ...(secretRef ? { clientSecretSource: secretRef } : options.terraformOutputs?.clientSecret ? { clientSecretSource: `the Terraform output ${TERRAFORM_OUTPUTS.clientSecret}` } : {}),
    ...(ctx.trust.caFile ? { caFile: ctx.trust.caFile } : {}),
    graphMailboxAccess: config.application.graphMailboxAccess,
    timeoutSeconds: ctx.timeoutSeconds,
    ...(isInbound(mailbox) ? { maxSizeMb: mailbox.maxSizeMb } : {}),
  };
  let failure: { code: string; extra: Partial<FixContext> & { readonly skipped?: boolean } } | undefined;
  let firstNetworkStep = -1;

  try {
    const credential = await obtainCredential(located, ctx, log);
    firstNetworkStep = log.steps.length;
    const target: ProbeTarget = {
      host,
      port,
      tls: tlsMode(mailbox),
      login: mailbox.mailbox,
      credential,
      trust: ctx.trust,
      tlsOptions: tlsOptions(ctx.trust, host),
      agents: ctx.agents,
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
    const watch = watchForImplicitTls(target, protocol, ctx, () => log.running && log.steps.length === firstNetworkStep);
    try {
      await PROBES[protocol](target);
    } finally {
      clearTimeout(watch);
    }
  } catch (error) {
    const reason = error instanceof StepFailed ? error.reason : error;
    const { code, extra } = classify(reason);
    failure = { code, extra };
    if (!(error instanceof StepFailed)) log.record("login", false, classify(reason).message); // outside any step: still a verdict
    // An implicit-TLS handshake that a plaintext greeting broke: the port wants STARTTLS.
    const atFirstStep = firstNetworkStep >= 0 && log.steps.length === firstNetworkStep + 1;
    if (atFirstStep && tlsMode(mailbox) === "implicit" && (code === "TLS_PROTOCOL" || code === "ECONNRESET") && (await ctx.probes.plaintext(host, port, protocol))) {
      failure = { code: "TLS_MODE_STARTTLS", extra: {} };
      log.amendLast(`${hostPort(host, port)} answered the TLS handshake with a plaintext ${protocol} greeting: the port expects STARTTLS, not implicit TLS`);
    }
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
  const fix = inertLine(redactor.redact(fixFor(failure.code, { ...fixContext, ...failure.extra }).fix), 1000);
  const { endpointField, skipped } = failure.extra;
  if (endpointField !== undefined && ctx.broker?.endpointFailure && !skipped) {
    ctx.cause ??= { code: failure.code, field: endpointField, detail: log.steps.find((st) => !st.ok)?.detail ?? failure.code, fix };
  }
  return { ...base, verdict: "fail", code: failure.code, fix, ...(skipped ? { byRunCause: true } : {}) };
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
    const scope = scopeOf(config, mailbox);
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
  const scope = scopeOf(config, mailbox);
  const token = await log.run(
    "token",
    () => broker.delegated(clientId!, mailbox.mailbox, password!, scope),
    (t) => `token for ${mailbox.mailbox}, scope ${scope} (${describeSource(t.source)})`,
    tokenStep(ctx),
  );
  return { kind: "token", accessToken: token.accessToken };
}

/**
 * STARTTLS assumed, and no greeting after a grace period (at most 1.5 s, a quarter of --timeout): one TLS handshake
 * (per host and port and run) tells whether the port expects implicit TLS. If it does, the waiting step ends at once
 * with that diagnosis instead of running into --timeout. IMAP, POP3 and SMTP only: HTTPS is always implicit.
 */
function watchForImplicitTls(target: ProbeTarget, protocol: ServerType, ctx: RunContext, stillWaiting: () => boolean): NodeJS.Timeout | undefined {
  if (target.tls !== "starttls" || !(protocol === "IMAP" || protocol === "POP3" || protocol === "SMTP")) return undefined;
  // Once a port is known to speak TLS (another mailbox on it), there is nothing to wait for.
  const graceMs = ctx.probes.knownImplicit(target.host, target.port) ? 0 : Math.min(1_500, ctx.timeoutMs / 4);
  return setTimeout(() => {
    if (!stillWaiting()) return;
    void ctx.probes.implicitTls(target.host, target.port, target.tlsOptions).then((tls) => {
      if (tls && stillWaiting()) {
        target.log.interrupt(
          new CheckError("TLS_MODE_IMPLICIT", `no ${protocol} greeting from ${hostPort(target.host, target.port)}${graceMs > 0 ? ` within ${graceMs / 1000} s` : ""}, and it answers a TLS handshake: the port expects implicit TLS, not STARTTLS`),
        );
      }
    });
  }, graceMs);
}

/** The TLS-mode probes of a run, each asked at most once per host and port. */
class TlsModeProbes {
  private readonly tls = new Map<string, Promise<boolean>>();
  private readonly implicit = new Set<string>();
  private readonly plain = new Map<string, Promise<boolean>>();

  constructor(private readonly timeoutMs: number) {}

  implicitTls(host: string, port: number, options: ProbeTarget["tlsOptions"]): Promise<boolean> {
    const key = hostPort(host, port);
    let answer = this.tls.get(key);
    if (!answer) {
      answer = speaksTls(host, port, options, Math.min(3_000, this.timeoutMs / 2));
      this.tls.set(key, answer);
      void answer.then((yes) => yes && this.implicit.add(key));
    }
    return answer;
  }

  /** True once a probe found this port speaking TLS. */
  knownImplicit(host: string, port: number): boolean {
    return this.implicit.has(hostPort(host, port));
  }

  plaintext(host: string, port: number, protocol: ServerType): Promise<boolean> {
    const key = `${protocol} ${hostPort(host, port)}`;
    let answer = this.plain.get(key);
    if (!answer) this.plain.set(key, (answer = greetsInPlaintext(host, port, protocol, Math.min(3_000, this.timeoutMs / 2))));
    return answer;
  }
}

/** The scope E-mail Server requests for this mailbox (its `scope` option as the manifest writes it): the one table. */
function scopeOf(config: EmailConfig, mailbox: LocatedMailbox["mailbox"]): string {
  return mailboxScope({ authority: config.tenant.authority, layout: config.application.permissionLayout, protocol: mailbox.server.type, host: mailbox.server.host }).scope;
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
  return {
    what: "the token endpoint",
    ...(ctx.tokenEndpoint ? { endpoint: { ...ctx.tokenEndpoint, field: AUTHORITY_FIELD } } : {}),
    onTimeoutError: (error: CheckError) => ctx.broker?.timedOut(error),
  };
}

function requireBroker(ctx: RunContext, log: StepLog): TokenBroker {
  if (!ctx.broker) log.fail("secret", new CheckError("MISSING_DIRECTORY_ID", "no directory ID: tenant.directoryId is not set and no --tf-outputs gives tenant_id"));
  return ctx.broker;
}

function describeSource(source: "requested" | "shared" | "msal-cache"): string {
  return source === "requested" ? "requested" : source === "shared" ? "shared with another mailbox of this login" : "from the MSAL cache";
}
