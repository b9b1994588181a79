// A tiny IMAP server over TLS that announces APPENDLIMIT (Dovecot in the stack announces none): enough of IMAP4rev1
// for the check's IMAP probe (LOGIN, EXAMINE INBOX, LOGOUT), answering OK to anything else.
import * as fs from "node:fs";
import * as path from "node:path";
import * as tls from "node:tls";

export interface AppendLimitServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves with the stack's certificate (from `<stack dir>/certs`), announcing `APPENDLIMIT=<bytes>`. */
export async function startAppendLimitServer(stackDir: string, appendLimit: number): Promise<AppendLimitServer> {
  const caps = `IMAP4rev1 LITERAL+ APPENDLIMIT=${appendLimit}`;
  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer({ cert: fs.readFileSync(path.join(stackDir, "certs", "server.crt")), key: fs.readFileSync(path.join(stackDir, "certs", "server.key")) }, (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
    s.write(`* OK [CAPABILITY ${caps}] ready\r\n`);
    let buffer = "";
    s.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      let i: number;
      while ((i = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const [tag, command = ""] = line.split(" ");
        const cmd = command.toUpperCase();
        if (cmd === "CAPABILITY") s.write(`* CAPABILITY ${caps}\r\n${tag} OK done\r\n`);
        else if (cmd === "LOGIN") s.write(`${tag} OK [CAPABILITY ${caps}] logged in\r\n`);
        else if (cmd === "EXAMINE" || cmd === "SELECT") s.write(`* 2 EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen)\r\n* OK [UIDVALIDITY 1] ok\r\n* OK [UIDNEXT 3] ok\r\n${tag} OK [READ-ONLY] done\r\n`);
        else if (cmd === "LOGOUT") s.end(`* BYE bye\r\n${tag} OK done\r\n`);
        else s.write(`${tag} OK done\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
