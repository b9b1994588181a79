import * as net from "node:net";
import * as tls from "node:tls";
import { CheckError } from "../classify";
import { xoauth2, type Credential } from "../credentials";

/** A POP3 server reply line: `+OK …`, `-ERR …` or a SASL continuation `+ …`. */
export interface Pop3Reply {
  readonly ok: boolean;
  readonly continuation: boolean;
  readonly text: string;
}

export interface Pop3ConnectOptions {
  readonly host: string;
  readonly port: number;
  /** implicit: TLS from the first byte (995); starttls: plain, then STLS (RFC 2595). */
  readonly tls: "implicit" | "starttls";
  readonly tlsOptions: tls.ConnectionOptions;
}

const MAX_LINE = 64 * 1024;

/**
 * A minimal POP3 client (RFC 1939, STLS from RFC 2595, AUTH from RFC 5034) for the connectivity check:
 * one command at a time, single-line replies only. Credentials never appear in its errors.
 */
export class Pop3Client {
  private socket: net.Socket;
  private buffer = "";
  private waiting?: { resolve: (line: string) => void; reject: (e: Error) => void };
  private lines: string[] = [];
  private failure?: Error;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    this.attach(socket);
  }

  /**
   * Connects (and for starttls upgrades with STLS); resolves after the greeting, over TLS.
   * `setCloser` receives, as soon as a socket exists, the function that destroys it (for timeouts).
   */
  static async connect(options: Pop3ConnectOptions, setCloser: (close: () => void) => void = () => undefined): Promise<{ client: Pop3Client; greeting: string }> {
    const socket = await openSocket(options, setCloser);
    const client = new Pop3Client(socket);
    setCloser(() => client.close());
    const greeting = await client.read();
    if (!greeting.startsWith("+OK")) throw new CheckError("UNKNOWN", `unexpected POP3 greeting: ${greeting.slice(0, 200)}`);
    if (options.tls === "starttls") {
      const reply = await client.command("STLS");
      if (!reply.ok) throw new CheckError("NO_STARTTLS", `STLS refused: ${reply.text}`);
      await client.upgrade(options);
    }
    return { client, greeting };
  }

  /** USER/PASS, or AUTH XOAUTH2 with the token. Returns the server's reply; `ok` false when refused. */
  async login(user: string, credential: Credential): Promise<Pop3Reply> {
    if (credential.kind === "password") {
      const u = await this.command(`USER ${user}`);
      if (!u.ok) return u;
      return this.command(`PASS ${credential.password}`);
    }
    const start = await this.command("AUTH XOAUTH2");
    if (!start.continuation) return start;
    const reply = await this.command(xoauth2(user, credential.accessToken));
    // A refused XOAUTH2 login answers with a continuation carrying a JSON error; an empty line ends the exchange.
    if (reply.continuation) {
      const end = await this.command("");
      return { ...end, text: end.text || Buffer.from(reply.text, "base64").toString("utf8") };
    }
    return reply;
  }

  /** STAT: message count and total size in octets. */
  async stat(): Promise<{ count: number; octets: number }> {
    const reply = await this.command("STAT");
    const m = /^(\d+)\s+(\d+)/.exec(reply.text);
    if (!reply.ok || !m) throw new CheckError(reply.ok ? "UNKNOWN" : "MAILBOX_UNAVAILABLE", `STAT failed: ${reply.text}`);
    return { count: Number(m[1]), octets: Number(m[2]) };
  }

  async quit(): Promise<void> {
    await this.command("QUIT");
    this.close();
  }

  async command(line: string): Promise<Pop3Reply> {
    // A CR, LF or NUL inside a value would end the command early and start another one (command injection).
    if (/[\r\n\0]/.test(line)) throw new CheckError("UNSAFE_VALUE", "a value sent to the POP3 server holds a line break or NUL character: refused");
    this.socket.write(`${line}\r\n`);
    const reply = await this.read();
    return { ok: reply.startsWith("+OK"), continuation: reply === "+" || reply.startsWith("+ "), text: reply.replace(/^(\+OK|-ERR|\+)\s?/, "") };
  }

  close(): void {
    this.socket.destroy();
  }

  private read(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /**
   * STLS: a server says `+OK` and then stays silent until the client's TLS handshake. Anything it sent after
   * the `+OK` (read into `lines`/`buffer`, or still queued on the socket) was injected in plaintext, e.g. by a
   * man in the middle answering our next commands in advance (as in CVE-2011-0411): the upgrade is refused.
   */
  private async upgrade(options: Pop3ConnectOptions): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners("data");
    plain.removeAllListeners("error");
    plain.removeAllListeners("close");
    const injected = this.lines.length > 0 || this.buffer.length > 0 || plain.readableLength > 0;
    this.lines = [];
    this.buffer = "";
    if (injected) {
      plain.destroy();
      throw new CheckError("STARTTLS_INJECTION", "the server sent data after +OK to STLS, before the TLS handshake: upgrade refused (plaintext injection)");
    }
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ ...options.tlsOptions, socket: plain }, () => resolve(s));
      s.once("error", reject);
    });
    this.socket = secure;
    this.attach(secure);
  }

  private attach(socket: net.Socket): void {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      let i: number;
      while ((i = this.buffer.indexOf("\n")) >= 0) {
        this.lines.push(this.buffer.slice(0, i).replace(/\r$/, ""));
        this.buffer = this.buffer.slice(i + 1);
      }
      if (this.buffer.length > MAX_LINE) this.fail(new CheckError("UNKNOWN", "POP3 server sent a line longer than 64 KB"));
      this.deliver();
    });
    socket.on("error", (e) => this.fail(e));
    socket.on("close", () => this.fail(Object.assign(new Error("connection closed by the server"), { code: "ECONNRESET" })));
  }

  private deliver(): void {
    if (this.waiting && this.lines.length > 0) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve(this.lines.shift()!);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.reject(this.failure);
    }
  }
}

function openSocket(options: Pop3ConnectOptions, setCloser: (close: () => void) => void): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket: net.Socket =
      options.tls === "implicit"
        ? tls.connect({ ...options.tlsOptions, host: options.host, port: options.port }, () => resolve(socket))
        : net.connect({ host: options.host, port: options.port }, () => resolve(socket));
    setCloser(() => socket.destroy());
    socket.once("error", reject);
  });
}
