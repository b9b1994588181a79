import { rejectedLogin } from "../credentials";
import { Pop3Client } from "./pop3-client";
import type { ProbeTarget } from "./target";
import { plural } from "../../text/terminal";

/** POP3: connect (implicit TLS or STLS), USER/PASS or AUTH XOAUTH2, STAT, QUIT. POP3 announces no size limit. */
export async function probePop3(target: ProbeTarget): Promise<void> {
  const { log, host, port, login, credential } = target;
  const what = `${host}:${port}`;
  let close: () => void = () => undefined;
  const setCloser = (fn: () => void) => {
    close = fn;
  };
  try {
    const { client } = await log.run(
      "connect",
      () => Pop3Client.connect({ host, port, tls: target.tls, tlsOptions: target.tlsOptions }, setCloser),
      () => `connected to ${what} (${target.tls === "implicit" ? "TLS" : "STLS"})`,
      { what, onTimeout: () => close() },
    );
    await log.run(
      "login",
      async () => {
        const reply = await client.login(login, credential);
        if (!reply.ok) throw rejectedLogin(credential, login, reply.text);
      },
      () => `logged in as ${login} (${credential.kind === "token" ? "AUTH XOAUTH2" : "USER/PASS"})`,
      { what, onTimeout: () => close() },
    );
    await log.run("stat", () => client.stat(), (s) => `STAT: ${plural(s.count, "message")}, ${s.octets} octets`, { what, onTimeout: () => close() });
    await log.run("logout", () => client.quit(), () => "QUIT", { what, onTimeout: () => close() });
  } finally {
    close();
  }
}
