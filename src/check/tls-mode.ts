import * as net from "node:net";
import * as tls from "node:tls";
import type { ServerType } from "../model/config";
import { transportCode } from "./classify";

/**
 * Telling implicit TLS from STARTTLS when `server.tls` does not match the port. Each probe opens one connection,
 * sends nothing of the mailbox's (no login, no command) and closes it.
 *
 * - A STARTTLS client waits for a greeting an implicit-TLS server never sends (it waits for a ClientHello): the
 *   check would wait for the whole `--timeout`. `speaksTls` tries one TLS handshake instead.
 * - An implicit-TLS client sends a ClientHello to a plaintext server, which answers with its greeting: the
 *   handshake fails at once with a protocol error. `greetsInPlaintext` reads the first line and compares it with
 *   the protocol's greeting.
 */

/**
 * True when host:port completes (or gets as far as the certificate of) a TLS handshake within `timeoutMs`.
 * Verification stays on: an untrusted, mismatched or expired certificate also proves the port speaks TLS.
 */
export function speaksTls(host: string, port: number, tlsOptions: tls.ConnectionOptions, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ ...tlsOptions, host, port });
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once("secureConnect", () => done(true));
    socket.once("error", (error) => done(/^TLS_(UNTRUSTED|HOSTNAME|EXPIRED)$/.test(transportCode(error) ?? "")));
  });
}

/** The first line a server of each protocol sends on connect (RFC 9051 7.1, RFC 1939 4, RFC 5321 4.2). */
const GREETING: Readonly<Record<"IMAP" | "POP3" | "SMTP", RegExp>> = {
  IMAP: /^\* (OK|PREAUTH|BYE)\b/i,
  POP3: /^\+OK\b/,
  SMTP: /^220[ -]/,
};

/** True when host:port sends this protocol's plaintext greeting within `timeoutMs`. */
export function greetsInPlaintext(host: string, port: number, protocol: ServerType, timeoutMs: number): Promise<boolean> {
  const greeting = GREETING[protocol as keyof typeof GREETING];
  if (!greeting) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = "";
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
      const end = received.indexOf("\n");
      if (end >= 0 || received.length > 512) done(greeting.test(received.slice(0, end >= 0 ? end : undefined)));
    });
    socket.once("error", () => done(false));
    socket.once("close", () => done(false));
  });
}
