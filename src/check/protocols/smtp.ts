import { randomUUID } from "node:crypto";
import type SMTPConnectionType from "nodemailer/lib/smtp-connection";
import { CheckError, transportCode } from "../classify";
import { refuseUnsafe, rejectedLogin, xoauth2 } from "../credentials";
import type { ProbeTarget } from "./target";

/**
 * SMTP (outbound) with nodemailer's SMTP connection: connect, STARTTLS or implicit TLS, EHLO,
 * authenticate (AUTH XOAUTH2 with the token, or the password), read the SIZE extension, and only with
 * --send-test-to send one message to that address. QUIT, and the socket is closed whatever happens.
 */
export async function probeSmtp(target: ProbeTarget): Promise<void> {
  const SMTPConnection = require("nodemailer/lib/smtp-connection") as typeof SMTPConnectionType;
  const { log, host, port, login, credential } = target;
  const what = `${host}:${port}`;
  const token = credential.kind === "token" ? credential.accessToken : undefined;
  refuseUnsafe({
    login,
    ...(credential.kind === "password" ? { password: credential.password } : {}),
    ...(target.fromAddress !== undefined ? { "From address": target.fromAddress } : {}),
    ...(target.sendTestTo !== undefined ? { "--send-test-to address": target.sendTestTo } : {}),
  });
  // nodemailer discards what the server sent after its 220 to STARTTLS (RFC 3207 section 6) and says so in a
  // warning with the byte count; such data was injected in plaintext, so the check refuses to go on.
  let injectedBytes = 0;
  const logger = {
    ...Object.fromEntries(["trace", "debug", "info", "error", "fatal"].map((level) => [level, () => undefined])),
    warn: (data: unknown) => {
      const discarded = (data as { discarded?: unknown } | undefined)?.discarded;
      if (typeof discarded === "number") injectedBytes += discarded;
    },
  };
  const connection = new SMTPConnection({
    host,
    port,
    secure: target.tls === "implicit",
    requireTLS: target.tls === "starttls",
    tls: target.tlsOptions,
    connectionTimeout: target.timeoutMs,
    greetingTimeout: target.timeoutMs,
    socketTimeout: target.timeoutMs,
    socketCloseTimeout: 0,
    logger: logger as never,
    debug: false,
    transactionLog: false,
    // Our own XOAUTH2 exchange: one attempt, and the server's refusal kept (nodemailer's built-in one retries).
    ...(token
      ? {
          customAuth: {
            XOAUTH2: async (ctx: { sendCommand(cmd: string): Promise<{ status: number; text: string; response: string }>; resolve(): unknown; reject(e: Error): unknown }) => {
              const reply = await ctx.sendCommand(`AUTH XOAUTH2 ${xoauth2(login, token)}`);
              if (reply.status === 235) return ctx.resolve();
              if (reply.status === 334) {
                const end = await ctx.sendCommand("");
                return ctx.reject(new Error(`${decodeOAuthError(reply.text)}`.trim() || end.response));
              }
              return ctx.reject(new Error("authentication refused"));
            },
          },
        }
      : {}),
  });
  let failure: ((e: Error) => void) | undefined;
  connection.on("error", (e: Error) => failure?.(e));
  const close = () => connection.close();
  const withErrors = <T>(run: (resolve: (v: T) => void, reject: (e: Error) => void) => void) =>
    new Promise<T>((resolve, reject) => {
      failure = reject;
      run(resolve, reject);
    });
  try {
    await log.run(
      "connect",
      async () => {
        await withErrors<void>((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve())));
        if (injectedBytes > 0) {
          throw new CheckError("STARTTLS_INJECTION", `the server sent ${injectedBytes} bytes after 220 to STARTTLS, before the TLS handshake: refused to log in (plaintext injection)`);
        }
      },
      () => `connected to ${what} (${target.tls === "implicit" ? "TLS" : "STARTTLS"})`,
      { what, onTimeout: close },
    );
    await log.run(
      "login",
      () =>
        withErrors<void>((resolve, reject) =>
          // `oauth2` must be present (truthy) for nodemailer to keep the XOAUTH2 method; our customAuth handler does the exchange.
          connection.login(token ? { method: "XOAUTH2", user: login, oauth2: {} as never } : { user: login, pass: credential.kind === "password" ? credential.password : "" }, (err) => {
            if (!err) return resolve();
            const e = err as Error & { code?: string; response?: string };
            reject(e.code === "EAUTH" ? rejectedLogin(credential, login, e.response ?? e.message) : e);
          }),
        ),
      () => `logged in as ${login} (${token ? "AUTH XOAUTH2" : "password"})`,
      { what, onTimeout: close },
    );
    const announced = (connection as unknown as { _maxAllowedSize?: number })._maxAllowedSize;
    target.sizeLimit(announced ? announced : undefined, "SIZE");
    const to = target.sendTestTo;
    if (to !== undefined) {
      const from = target.fromAddress ?? login;
      const id = randomUUID();
      await log.run(
        "send",
        () =>
          withErrors<void>((resolve, reject) =>
            connection.send({ from, to: [to] }, testMessage(from, to, id), (err) => {
              if (err) reject(transportCode(err) ? err : new CheckError("SEND_REJECTED", `the server refused the test message: ${(err as { response?: string }).response ?? err.message}`));
              else resolve();
            }),
          ),
        () => `one test message sent to ${to} (subject "genesys-email check ${id}")`,
        { what, onTimeout: close },
      );
    }
    await log.run("logout", () => withErrors<void>((resolve) => {
      connection.once("end", () => resolve());
      connection.quit();
    }), () => "QUIT", { what, onTimeout: close });
  } finally {
    close();
  }
}

/** The one test message: plain text, nothing but the check's own words. */
export function testMessage(from: string, to: string, id: string): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: genesys-email check ${id}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${id}@genesys-email-check>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "This message was sent by `genesys-email check --send-test-to` to prove the outbound mailbox can send.",
    "",
  ].join("\r\n");
}

/** A refused XOAUTH2 login answers 334 with base64 JSON ({"status":"401",...}); the text is safe to show. */
function decodeOAuthError(b64: string): string {
  try {
    const text = Buffer.from(b64.trim(), "base64").toString("utf8");
    return /^[\x20-\x7e]+$/.test(text) ? text : "";
  } catch {
    return "";
  }
}
