// A token endpoint that cannot be reached is the run's cause: blamed on tenant.authority, met once, and every other
// OAuth 2.0 mailbox ends at once with it (no request, no DNS lookup, no timeout per mailbox).
import * as net from "node:net";
import { renderText } from "../../src/check/report";
import { runCheck } from "../../src/check/run";
import { buildTrust } from "../../src/check/tls";
import { startMailStack, type MailStack } from "../support/mail-stack";
import { configFor, envFor, inbound } from "./helpers";

let stack: MailStack;
beforeAll(async () => {
  stack = await startMailStack();
}, 30_000);
afterAll(() => stack?.stop());

/** A loopback port that accepts TCP and closes each connection at once, counting them. */
async function closingServer(): Promise<{ port: number; accepted: () => number; close: () => Promise<void> }> {
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted++;
    s.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as net.AddressInfo).port, accepted: () => accepted, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test("one connection to the broken endpoint, one cause for the run, the other OAuth mailboxes end at once", async () => {
  // GIVEN a tenant.authority whose host closes every connection, 5 OAuth 2.0 mailboxes and one basic-auth mailbox
  const endpoint = await closingServer();
  try {
    const [alice, bob, carol] = stack.users.map((u) => u.login) as [string, string, string];
    const imaps = { host: stack.host, port: stack.ports.imaps, type: "IMAP" as const, tls: "implicit" as const };
    const config = configFor(
      stack,
      {
        inbound: [
          inbound("support_test", alice, imaps, { testMailbox: true }),
          inbound("support", bob, imaps),
          inbound("sales", carol, imaps),
          { name: "billing", mailbox: bob, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" } },
          inbound("legacy", carol, imaps, { auth: "basic" }),
        ],
        outbound: { mailbox: carol, fromAddress: carol, server: { host: stack.host, port: stack.ports.submission, type: "SMTP", tls: "starttls" }, password: { env: "CAROL_PASSWORD" } },
      },
      { tenant: { directoryId: stack.tenantId, authority: `https://127.0.0.1:${endpoint.port}/` } },
    );
    // WHEN
    const report = await runCheck({ config, env: envFor(stack), trust: buildTrust(stack.caFile), timeoutSeconds: 5, concurrency: 4 });
    // THEN the test mailbox met the failure, attributed to tenant.authority
    const fix = `127.0.0.1:${endpoint.port} closed the connection: check tenant.authority, and any firewall or proxy on the way`;
    expect(report.cause).toEqual({ code: "ECONNRESET", field: "tenant.authority", detail: expect.stringMatching(/^home realm discovery: /), fix });
    expect(report.mailboxes.map((m) => [m.name, m.verdict, m.code, m.byRunCause ?? false])).toEqual([
      ["support_test", "fail", "ECONNRESET", false],
      ["support", "fail", "ECONNRESET", true],
      ["sales", "fail", "ECONNRESET", true],
      ["billing", "fail", "ECONNRESET", true],
      ["legacy", "pass", undefined, false],
      ["smtp-client", "fail", "ECONNRESET", true],
    ]);
    for (const m of report.mailboxes.filter((x) => x.byRunCause)) {
      expect(m.steps).toEqual([{ step: "token", ok: false, ms: expect.any(Number), detail: `not requested: the token endpoint 127.0.0.1:${endpoint.port} could not be reached (the run's cause)` }]);
      expect(m.fix).toBe(fix);
    }
    // and the broken endpoint saw one connection (the first request), not one per mailbox
    expect(endpoint.accepted()).toBe(1);
    // The text report states the cause once, with its fix; the mailboxes that ended with it take one line each.
    const text = renderText(report);
    expect(text.split(fix).length - 1).toBe(2); // the cause, and the first mailbox's own failure
    // (the first request to the endpoint is the password flow's home realm discovery)
    expect(text).toContain(`RUN CAUSE ECONNRESET (tenant.authority): home realm discovery: `);
    expect(text).toContain(`FAIL support: token: not requested: the token endpoint 127.0.0.1:${endpoint.port} could not be reached (the run's cause)\nFAIL sales:`);
  } finally {
    await endpoint.close();
  }
});
