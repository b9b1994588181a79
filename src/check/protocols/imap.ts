import type { ImapFlow } from "imapflow";
import { CheckError, transportCode } from "../classify";
import { refuseUnsafe, rejectedLogin } from "../credentials";
import type { ProbeTarget } from "./target";
import { plural } from "../../text/terminal";

/**
 * IMAP: log in (implicit TLS or STARTTLS; XOAUTH2/OAUTHBEARER with the token, or the password), open INBOX
 * read-only, count its messages, read APPENDLIMIT, log out. The connection is closed whatever happens.
 */
export async function probeImap(target: ProbeTarget): Promise<void> {
  const { ImapFlow: Client } = require("imapflow") as typeof import("imapflow");
  const { log, host, port, login, credential } = target;
  const what = `${host}:${port}`;
  refuseUnsafe({ login, ...(credential.kind === "password" ? { password: credential.password } : {}) });
  const client: ImapFlow = new Client({
    host,
    port,
    secure: target.tls === "implicit",
    ...(target.tls === "starttls" ? { doSTARTTLS: true } : {}),
    auth: credential.kind === "token" ? { user: login, accessToken: credential.accessToken } : { user: login, pass: credential.password },
    tls: target.tlsOptions,
    logger: false,
    emitLogs: false,
    disableAutoIdle: true,
    disableCompression: true,
    // No ENABLE (CONDSTORE, UTF8=ACCEPT, IMAP4rev2): the probe needs none, and each command is a round trip.
    disableAutoEnable: true,
    connectionTimeout: target.timeoutMs,
    greetingTimeout: target.timeoutMs,
    socketTimeout: target.timeoutMs,
  });
  client.on("error", () => undefined); // reported through the pending command instead
  const close = () => client.close();
  try {
    await log.run(
      "login",
      async () => {
        try {
          await client.connect();
        } catch (error) {
          const e = error as { authenticationFailed?: boolean; responseText?: string; serverResponseCode?: string };
          if (e.authenticationFailed) throw rejectedLogin(credential, login, [e.serverResponseCode, e.responseText].filter(Boolean).join(" "));
          throw error;
        }
        return client.authenticated;
      },
      () => `logged in as ${login} (${target.tls === "implicit" ? "TLS" : "STARTTLS"}, ${credential.kind === "token" ? "OAuth 2.0" : "password"})`,
      { what, onTimeout: close },
    );
    await log.run(
      "inbox",
      async () => {
        try {
          return await client.mailboxOpen("INBOX", { readOnly: true });
        } catch (error) {
          if (transportCode(error)) throw error;
          throw new CheckError("MAILBOX_UNAVAILABLE", `INBOX could not be opened: ${(error as Error).message}`);
        }
      },
      (box) => `INBOX opened read-only: ${plural(box.exists, "message")}`,
      { what, onTimeout: close },
    );
    const limit = client.capabilities.get("APPENDLIMIT");
    target.sizeLimit(typeof limit === "number" ? limit : undefined, "APPENDLIMIT");
    await log.run("logout", () => client.logout(), () => "logged out", { what, onTimeout: close });
  } finally {
    close();
  }
}
