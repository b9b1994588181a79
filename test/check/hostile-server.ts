// A scripted mail server over implicit TLS on loopback: it answers each line the client sends with the next reply of
// a script, where a reply may quote the client's line back (as servers that echo a bad command or a SASL blob do).
// For the property tests over check's output: the replies are random, and hostile.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";
import { generatePki } from "../support/mail-stack/certs";

/** `{echo}` in a reply is replaced by the client's last line, `{echoLast}` by its last word (a SASL blob), `{echo64}` by its base64. */
export type Script = { readonly greeting: string; readonly replies: readonly string[] };

export interface HostileServer {
  readonly port: number;
  readonly caFile: string;
  /** The script the next connections follow. */
  script: Script;
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-server-"));
  const pki = await generatePki(dir);
  const sockets = new Set<tls.TLSSocket>();
  const state: { script: Script } = { script: { greeting: "+OK ready", replies: [] } };
  const server = tls.createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem }, (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
    const { greeting, replies } = state.script;
    let next = 0;
    s.write(`${greeting}\r\n`, "utf8");
    let buffer = "";
    s.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let i: number;
      while ((i = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, i).replace(/\r$/, "");
        buffer = buffer.slice(i + 1);
        const reply = replies[next++];
        if (reply === undefined) {
          s.end();
          return;
        }
        const echoed = reply
          .replace("{echo}", line)
          .replace("{echoLast}", line.slice(line.lastIndexOf(" ") + 1))
          .replace("{echo64}", Buffer.from(line, "utf8").toString("base64"));
        s.write(`${echoed}\r\n`, "utf8");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const hostile: HostileServer = {
    port: (server.address() as { port: number }).port,
    caFile: pki.caFile,
    get script() {
      return state.script;
    },
    set script(script: Script) {
      state.script = script;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
  return hostile;
}
