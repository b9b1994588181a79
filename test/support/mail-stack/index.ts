// Loopback mail test stack: real Dovecot (IMAP/POP3/LMTP, passwords + XOAUTH2 with locally validated JWTs) and
// Postfix (SMTP, SASL via Dovecot, delivery over LMTP), plus in-process fakes of Entra ID (token endpoint) and of the
// Graph/EWS inbox requests. Everything listens on 127.0.0.1 only, on free ports, from a fresh temp dir per start.
// See README.md next to this file. Install the Debian packages first: bash test/support/mail-stack/install.sh
import { spawn, type ChildProcess } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";
import * as nodemailer from "nodemailer";
import { generatePki, jwtKey, WRONG_CERT_NAME } from "./certs";
import {
  canConnect,
  checkInstalled,
  killDaemonSync,
  startDovecot,
  startPostfix,
  stopDaemon,
  tail,
  writeDaemonConfig,
  writeJwtKey,
  type Daemon,
  type DaemonConfig,
  type DaemonPorts,
} from "./daemons";
import { DEFAULT_APP_ROLES, EXCHANGE_RESOURCE, FakeEntra, GRAPH_RESOURCE, type FakeEntraClient, type PendingFakeEntra } from "./fake-entra";
import { FakeMicrosoftApi } from "./fake-microsoft-api";
import { listen } from "./http-util";

export { FakeEntra, AADSTS_CATALOG, EXCHANGE_RESOURCE, GRAPH_RESOURCE, EXCHANGE_AUDIENCES, GRAPH_AUDIENCES, objectIdFor } from "./fake-entra";
export type { EntraErrorSpec, FakeEntraClient, FakeEntraUser, GrantType, IssueTokenOptions, RuleMatch, TokenRequestRecord, TokenTweak, HttpRequestRecord } from "./fake-entra";
export { FakeMicrosoftApi, GRAPH_ERRORS } from "./fake-microsoft-api";
export type { ApiRequestRecord, EwsErrorSpec, FolderCounts, GraphErrorSpec } from "./fake-microsoft-api";
export { WRONG_CERT_NAME } from "./certs";

export const TEST_TENANT_ID = "6f1c7a2e-0000-4000-8000-000000000001";
export const TEST_CLIENT_ID = "3b0a8f5e-0000-4000-8000-000000000002";
export const TEST_CLIENT_SECRET = "test-client-secret";
export const TEST_DOMAIN = "example.test";

export interface MailStackUser {
  login: string;
  password: string;
}

export interface MailStackPorts {
  /** IMAP, STARTTLS available (loopback counts as secure for Dovecot: PLAIN works without TLS too) */
  imap: number;
  /** IMAP over implicit TLS (like outlook.office365.com:993) */
  imaps: number;
  pop3: number;
  /** POP3 over implicit TLS (like outlook.office365.com:995) */
  pop3s: number;
  /** plain SMTP (MX-like): no AUTH, accepts mail for the test domain */
  smtp: number;
  /** submission, STARTTLS required before AUTH (like smtp.office365.com:587) */
  submission: number;
  /** submissions, implicit TLS */
  smtps: number;
  /** FakeEntra HTTPS */
  entra: number;
  /** FakeMicrosoftApi HTTPS (Graph + EWS) */
  api: number;
}

/** Same services, but presenting a certificate (signed by the same CA) for wrong.example.test only. */
export interface MailStackWrongCertPorts {
  /** TLS proxy (in this process) in front of Dovecot's IMAP port */
  imaps: number;
  /** TLS proxy (in this process) in front of Dovecot's POP3 port */
  pop3s: number;
  /** Postfix submission, STARTTLS with the wrong certificate */
  submission: number;
  /** Postfix implicit TLS with the wrong certificate */
  smtps: number;
  entra: number;
  api: number;
}

export interface StartMailStackOptions {
  /** Add user001@example.test … userNNN@example.test (password "userNNN-password"), e.g. 200 for a benchmark. */
  extraUsers?: number;
  /** More named mailbox users. */
  users?: MailStackUser[];
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Also advertise OAUTHBEARER (default: PLAIN LOGIN XOAUTH2 only, like Exchange Online; imapflow prefers OAUTHBEARER). */
  oauthbearer?: boolean;
  /** Dovecot auth/oauth2 debug logging, console logging of the fakes' requests. Also env MAIL_STACK_DEBUG=1. */
  debug?: boolean;
  /** Keep the temp dir after stop() (logs!). Also env MAIL_STACK_KEEP=1. */
  keepDir?: boolean;
  /** Max. time to wait for the daemons' ports (default 10 s). */
  startTimeoutMs?: number;
}

export interface MailStack {
  /** The stack's temp dir (configs, certs, logs/, mail/). Removed by stop(). */
  dir: string;
  /** PEM file of the throwaway CA that signed every server certificate of this stack. */
  caFile: string;
  caPem: string;
  host: "127.0.0.1";
  ports: MailStackPorts;
  wrongCertPorts: MailStackWrongCertPorts;
  /** The only name in the wrong certificate: "wrong.example.test". */
  wrongCertName: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Mailbox users: alice, bob, carol @example.test (+ extras). */
  users: MailStackUser[];
  /** Exists in Entra (gets tokens) but has no mailbox (Dovecot/Postfix don't know it; Graph: MailboxNotEnabledForRESTAPI). */
  noMailboxUser: MailStackUser;
  domain: string;
  /** https://127.0.0.1:<entra>/  (authority base WITHOUT tenant id) */
  authority: string;
  /** https://127.0.0.1:<entra>/<tenantId> */
  authorityUrl: string;
  /** msal-node knownAuthorities: ["127.0.0.1:<entra>"] */
  knownAuthorities: string[];
  /** https://127.0.0.1:<api>/v1.0 */
  graphBaseUrl: string;
  /** https://127.0.0.1:<api>/EWS/Exchange.asmx */
  ewsUrl: string;
  entra: FakeEntra;
  api: FakeMicrosoftApi;
  /** msal-node authorityMetadata JSON string for authorityUrl. */
  authorityMetadata(): string;
  /** msal-node cloudDiscoveryMetadata JSON string (alternative to knownAuthorities). */
  cloudDiscoveryMetadata(): string;
  /** Password of a user (throws for unknown). */
  passwordOf(login: string): string;
  /** Deliver a message through the plain SMTP port (no auth); resolves with the Message-ID once it is in the Maildir. */
  deliver(msg: { to: string; from?: string; subject?: string; text?: string }): Promise<string>;
  /** Messages in a user's INBOX (from the Maildir). */
  inboxCount(login: string): number;
  /** entra.reset() + api.reset() */
  reset(): void;
  /** Tails of the Dovecot/Postfix logs (for failure messages). */
  logs(lines?: number): Promise<string>;
  /** Milliseconds startMailStack took. */
  startMs: number;
  /** Stops the daemons and the in-process servers, removes dir. Idempotent, never throws. */
  stop(): Promise<void>;
}

// -------------------------------------------------------------------------------------------- cleanup registry

interface Live {
  dir: string;
  keepDir: boolean;
  daemons: Daemon[];
}
const live = new Set<Live>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when stop() was not called (synchronous: 'exit' handlers cannot await).
  process.on("exit", () => {
    for (const l of live) {
      for (const d of l.daemons) killDaemonSync(d);
      if (!l.keepDir) {
        try {
          fs.rmSync(l.dir, { recursive: true, force: true });
        } catch {
          /* ignore */
        }
      }
    }
  });
}

/** A detached shell that kills the daemons' process groups and removes the dir if this process dies without stop()
 *  (e.g. a jest worker killed with SIGKILL): it notices because its stdin pipe from us closes. */
function startWatchdog(dir: string, keepDir: boolean): ChildProcess | undefined {
  const script = `pgs=""
while read -r cmd arg; do
  case "$cmd" in
    pg) pgs="$pgs $arg" ;;
    done) exit 0 ;;
  esac
done
for p in $pgs; do kill -TERM "-$p" 2>/dev/null; done
sleep 2
for p in $pgs; do kill -KILL "-$p" 2>/dev/null; done
[ "$2" = keep ] || rm -rf -- "$1"`;
  try {
    const wd = spawn("sh", ["-c", script, "mail-stack-watchdog", dir, keepDir ? "keep" : "rm"], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
    wd.on("error", () => undefined);
    wd.stdin?.on("error", () => undefined);
    wd.unref();
    (wd.stdin as unknown as net.Socket | null)?.unref?.();
    return wd;
  } catch {
    return undefined;
  }
}

// -------------------------------------------------------------------------------------------- helpers

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Free ports: bind all on port 0 at once (so they are distinct), then release. The caller retries on a clash. */
async function reservePorts(n: number): Promise<number[]> {
  const servers = Array.from({ length: n }, () => net.createServer());
  try {
    return await Promise.all(servers.map((s) => listen(s)));
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}

/** TLS terminator with the wrong certificate in front of a plaintext Dovecot port. */
async function startWrongCertProxy(certPem: string, keyPem: string, target: () => number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ cert: certPem, key: keyPem }, (clear) => {
    const up = net.connect({ host: "127.0.0.1", port: target() });
    sockets.add(clear);
    sockets.add(up);
    const done = () => {
      clear.destroy();
      up.destroy();
      sockets.delete(clear);
      sockets.delete(up);
    };
    clear.on("error", done).on("close", done);
    up.on("error", done).on("close", done);
    clear.pipe(up).pipe(clear);
  });
  server.on("tlsClientError", () => undefined);
  const port = await listen(server);
  return {
    port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function daemonLogs(dir: string, lines: number): Promise<string> {
  const parts = await Promise.all(
    ["dovecot.log", "dovecot.stderr", "postfix.log", "postfix.stderr"].map(async (f) => {
      const t = await tail(path.join(dir, "logs", f), lines);
      return t.trim() ? `--- ${f}\n${t}` : "";
    }),
  );
  return parts.filter(Boolean).join("\n");
}

function buildUsers(opts: StartMailStackOptions, domain: string): MailStackUser[] {
  const users: MailStackUser[] = ["alice", "bob", "carol"].map((n) => ({ login: `${n}@${domain}`, password: `${n}-password` }));
  const extra = opts.extraUsers ?? 0;
  const width = Math.max(3, String(extra).length);
  for (let i = 1; i <= extra; i++) {
    const n = `user${String(i).padStart(width, "0")}`;
    users.push({ login: `${n}@${domain}`, password: `${n}-password` });
  }
  for (const u of opts.users ?? []) users.push({ login: u.login.toLowerCase(), password: u.password });
  for (const u of users) {
    if (!/^[a-z0-9._+-]+@[a-z0-9.-]+$/.test(u.login) || /[:\s]/.test(u.password)) throw new Error(`mail-stack: unsupported user ${u.login} (no ':' or spaces in passwords)`);
  }
  return users;
}

// -------------------------------------------------------------------------------------------- start

export async function startMailStack(opts: StartMailStackOptions = {}): Promise<MailStack> {
  const t0 = performance.now();
  const mark = (what: string) => {
    if (process.env["MAIL_STACK_TIMING"]) console.log(`[mail-stack] ${what} +${Math.round(performance.now() - t0)} ms`);
  };
  checkInstalled();
  installExitHook();
  const debug = opts.debug ?? !!process.env["MAIL_STACK_DEBUG"];
  const keepDir = opts.keepDir ?? !!process.env["MAIL_STACK_KEEP"];
  const tenantId = opts.tenantId ?? TEST_TENANT_ID;
  const clientId = opts.clientId ?? TEST_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? TEST_CLIENT_SECRET;
  const domain = TEST_DOMAIN;
  const users = buildUsers(opts, domain);
  const noMailboxUser: MailStackUser = { login: `nomail@${domain}`, password: "nomail-password" };
  const tag = `mailstack-${crypto.randomBytes(3).toString("hex")}`;

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "mailstack-"));
  await fsp.chmod(dir, 0o711); // dovecot / mail / postfix users must traverse it
  const l: Live = { dir, keepDir, daemons: [] };
  live.add(l);
  const watchdog = startWatchdog(dir, keepDir);

  let pendingEntra: PendingFakeEntra | undefined;
  let entra: FakeEntra | undefined;
  let api: FakeMicrosoftApi | undefined;
  const proxies: Array<{ close(): Promise<void> }> = [];
  let stopping: Promise<void> | undefined;

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const quietly = async (f: () => Promise<void>) => {
        try {
          await f();
        } catch {
          /* keep stopping */
        }
      };
      await Promise.all([
        ...l.daemons.map((d) => quietly(() => stopDaemon(d))),
        quietly(async () => (entra ? entra.close() : pendingEntra?.close())),
        quietly(async () => api?.close()),
        ...proxies.map((p) => quietly(() => p.close())),
      ]);
      if (!keepDir) await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      live.delete(l);
      if (watchdog?.stdin && !watchdog.stdin.destroyed) watchdog.stdin.end("done\n");
    })();
    return stopping;
  };

  try {
    const keyPromise = jwtKey(); // RSA keygen on the thread pool, overlapping everything below
    keyPromise.catch(() => undefined);
    mark("dir");
    const pki = await generatePki(path.join(dir, "certs"));
    mark("pki");
    const tlsMaterial = { certPem: pki.serverCertPem, keyPem: pki.serverKeyPem, wrongCertPem: pki.wrongCertPem, wrongKeyPem: pki.wrongKeyPem };
    const client: FakeEntraClient = {
      clientId,
      clientSecret,
      displayName: "genesys-email-iac test app",
      allowPublicClientFlows: true,
      appRoles: structuredClone(DEFAULT_APP_ROLES),
      delegatedScopes: {
        [EXCHANGE_RESOURCE]: ["IMAP.AccessAsUser.All", "POP.AccessAsUser.All", "SMTP.Send", "EWS.AccessAsUser.All"],
        [GRAPH_RESOURCE]: ["Mail.ReadWrite", "User.Read"],
      },
    };
    const mailboxes = new Set(users.map((u) => u.login));
    const maildirOf = (login: string) => {
      const [local, dom] = login.toLowerCase().split("@");
      return path.join(dir, "mail", dom ?? "", local ?? "", "Maildir");
    };
    const ports: Partial<DaemonPorts> = {};
    const pending = await FakeEntra.listen({ tls: tlsMaterial, caPem: pki.caPem, tenantId, clients: [client], users: [...users, noMailboxUser], verbose: debug });
    pendingEntra = pending;
    const imapProxy = await startWrongCertProxy(pki.wrongCertPem, pki.wrongKeyPem, () => ports.imap ?? 1);
    proxies.push(imapProxy);
    const pop3Proxy = await startWrongCertProxy(pki.wrongCertPem, pki.wrongKeyPem, () => ports.pop3 ?? 1);
    proxies.push(pop3Proxy);
    mark("listening");

    // Dovecot + Postfix on freshly picked free ports; on a clash (someone grabbed a port meanwhile) pick again.
    const timeoutMs = opts.startTimeoutMs ?? 10_000;
    for (let attempt = 1; ; attempt++) {
      const [imap, imaps, pop3, pop3s, smtp, submission, smtps, submissionWrongCert, smtpsWrongCert] = await reservePorts(9);
      Object.assign(ports, { imap, imaps, pop3, pop3s, smtp, submission, smtps, submissionWrongCert, smtpsWrongCert });
      const cfg: DaemonConfig = { dir, tag, ports: ports as DaemonPorts, issuer: pending.issuer, clientId, users, domains: [domain], oauthbearer: !!opts.oauthbearer, debug };
      await writeDaemonConfig(cfg);
      mark("config");
      const dovecot = startDovecot(cfg);
      const postfix = startPostfix(cfg);
      l.daemons = [dovecot, postfix];
      watchdog?.stdin?.write(`pg ${dovecot.pid}\npg ${postfix.pid}\n`);

      const sockets = [path.join(dir, "spool", "private", "auth"), path.join(dir, "spool", "private", "dovecot-lmtp")];
      const deadline = Date.now() + timeoutMs;
      let waiting = Object.values(ports as DaemonPorts);
      let failed = "";
      for (;;) {
        const dead = l.daemons.find((d) => d.exited);
        if (dead) {
          failed = `${dead.name} exited during start (${dead.exitInfo ?? "?"})`;
          break;
        }
        const ok = await Promise.all(waiting.map((p) => canConnect(p)));
        waiting = waiting.filter((_, i) => !ok[i]);
        if (waiting.length === 0 && sockets.every((s) => fs.existsSync(s))) break;
        if (Date.now() > deadline) {
          failed = `timed out after ${timeoutMs} ms waiting for ${waiting.length ? `ports ${waiting.join(", ")}` : "Dovecot's auth/lmtp sockets"}`;
          break;
        }
        await sleep(10);
      }
      mark(`daemons ${failed}`);
      if (!failed) break;
      const logs = await daemonLogs(dir, 15);
      await Promise.all(l.daemons.map((d) => stopDaemon(d)));
      l.daemons = [];
      // a daemon that exits at once almost always lost a port race (bind: Address already in use): pick new ports
      if (!/exited during start/.test(failed) || attempt >= 4) throw new Error(`mail-stack: could not start Dovecot/Postfix (attempt ${attempt}): ${failed}\n${logs}`);
    }

    const key = await keyPromise;
    await writeJwtKey(dir, clientId, pending.kid, crypto.createPublicKey(key).export({ type: "spki", format: "pem" }).toString());
    entra = pending.finish(key);
    const e = entra;
    api = await FakeMicrosoftApi.start({ tls: tlsMaterial, entra: e, hasMailbox: (x) => mailboxes.has(x.toLowerCase()), maildirOf, verbose: debug });
    const a = api;
    mark("ready");
    const p = ports as DaemonPorts;
    const stack: MailStack = {
      dir,
      caFile: pki.caFile,
      caPem: pki.caPem,
      host: "127.0.0.1",
      ports: { imap: p.imap, imaps: p.imaps, pop3: p.pop3, pop3s: p.pop3s, smtp: p.smtp, submission: p.submission, smtps: p.smtps, entra: e.port, api: a.port },
      wrongCertPorts: { imaps: imapProxy.port, pop3s: pop3Proxy.port, submission: p.submissionWrongCert, smtps: p.smtpsWrongCert, entra: e.wrongCertPort, api: a.wrongCertPort },
      wrongCertName: WRONG_CERT_NAME,
      tenantId,
      clientId,
      clientSecret,
      users,
      noMailboxUser,
      domain,
      authority: e.authority,
      authorityUrl: e.authorityUrl,
      knownAuthorities: [`127.0.0.1:${e.port}`],
      graphBaseUrl: a.graphBaseUrl,
      ewsUrl: a.ewsUrl,
      entra: e,
      api: a,
      authorityMetadata: () => e.authorityMetadata(),
      cloudDiscoveryMetadata: () => e.cloudDiscoveryMetadata(),
      passwordOf: (login) => {
        const u = [...users, noMailboxUser].find((x) => x.login === login.toLowerCase());
        if (!u) throw new Error(`mail-stack: unknown user ${login}`);
        return u.password;
      },
      deliver: async (msg) => {
        const before = a.inboxCounts(msg.to).total;
        const t = nodemailer.createTransport({ host: "127.0.0.1", port: p.smtp, secure: false, ignoreTLS: true, connectionTimeout: 5000 });
        try {
          const info = (await t.sendMail({
            from: msg.from ?? `sender@${domain}`,
            to: msg.to,
            subject: msg.subject ?? "mail-stack test message",
            text: msg.text ?? "hello from the mail-stack",
            messageId: `<${crypto.randomUUID()}@${domain}>`,
          })) as { messageId: string };
          const until = Date.now() + 5000;
          while (a.inboxCounts(msg.to).total <= before) {
            if (Date.now() > until) throw new Error(`mail-stack: message to ${msg.to} not delivered within 5 s`);
            await sleep(10);
          }
          return info.messageId;
        } finally {
          t.close();
        }
      },
      inboxCount: (login) => a.inboxCounts(login).total,
      reset: () => {
        e.reset();
        a.reset();
      },
      logs: (lines = 40) => daemonLogs(dir, lines),
      startMs: 0,
      stop,
    };
    stack.startMs = Math.round(performance.now() - t0);
    return stack;
  } catch (err) {
    await stop();
    throw err;
  }
}
