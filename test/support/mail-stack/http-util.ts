// Small helpers shared by the in-process HTTPS fakes.
import type * as http from "node:http";
import * as https from "node:https";
import type * as net from "node:net";

export interface HttpsPair {
  /** Serves the stack's good certificate (IP:127.0.0.1, DNS:localhost). */
  main: https.Server;
  /** Same handler, but a certificate (same CA) for a name that does not match 127.0.0.1/localhost. */
  wrongCert: https.Server;
  port: number;
  wrongCertPort: number;
  /** TLS connections `main` accepted since start (or the last `resetConnectionCount()`). */
  connectionsAccepted(): number;
  resetConnectionCount(): void;
  /** Connections to either server still open. */
  openConnections(): number;
  close(): Promise<void>;
}

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
  wrongCertPem: string;
  wrongKeyPem: string;
}

/** Starts two HTTPS servers on 127.0.0.1 (ephemeral ports; no clash possible) running the same handler. */
export async function listenHttpsPair(tls: TlsMaterial, handler: http.RequestListener): Promise<HttpsPair> {
  const main = https.createServer({ cert: tls.certPem, key: tls.keyPem }, handler);
  const wrongCert = https.createServer({ cert: tls.wrongCertPem, key: tls.wrongKeyPem }, handler);
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  main.on("secureConnection", () => accepted++);
  for (const s of [main, wrongCert]) {
    s.keepAliveTimeout = 2_000;
    s.on("connection", (sock: net.Socket) => {
      sockets.add(sock);
      sock.on("close", () => sockets.delete(sock));
    });
    // A TLS handshake refused by the client (e.g. wrong-certificate tests) is expected: don't crash, don't log.
    s.on("tlsClientError", () => undefined);
  }
  const [port, wrongCertPort] = await Promise.all([listen(main), listen(wrongCert)]);
  return {
    main,
    wrongCert,
    port,
    wrongCertPort,
    connectionsAccepted: () => accepted,
    resetConnectionCount: () => {
      accepted = 0;
    },
    openConnections: () => sockets.size,
    close: async () => {
      await Promise.all(
        [main, wrongCert].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      for (const sock of sockets) sock.destroy();
    },
  };
}

export function listen(server: net.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once("error", onError);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", onError);
      const addr = server.address();
      if (addr && typeof addr === "object") resolve(addr.port);
      else reject(new Error("server has no TCP address"));
    });
  });
}

export function readBody(req: http.IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      body += c;
      if (body.length > limit) {
        reject(new Error("request body too large"));
        req.destroy();
      }
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const s = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store, no-cache",
    "content-length": String(Buffer.byteLength(s)),
    ...headers,
  });
  res.end(s);
}

/** "2024-05-07 12:34:56Z", the format Entra uses in error bodies. */
export function entraTimestamp(d = new Date()): string {
  return d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

export function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
