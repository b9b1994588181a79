// Issue 14, must show: a federated login fails before any password is sent (home realm discovery pre-flight, one
// request per domain), with the fix; the local token endpoint never sees a token request for it.
import { runCheck } from "../../src/check/run";
import { buildTrust } from "../../src/check/tls";
import { startMailStack, type MailStack } from "../support/mail-stack";
import { configFor, envFor, inbound } from "./helpers";

let stack: MailStack;
beforeAll(async () => {
  stack = await startMailStack();
}, 30_000);
afterAll(() => stack?.stop());
afterEach(() => stack.reset());

const realmRequests = () => stack.entra.httpRequests.filter((r) => r.path.startsWith("/common/userrealm/")).map((r) => r.path);

test("a federated domain: the mailboxes fail before any token request; a managed domain in the same run passes", async () => {
  // GIVEN two mailboxes on a federated domain and one on the tenant's managed domain
  stack.entra.addUser("fed1@federated.test", "fed1-password");
  stack.entra.addUser("fed2@federated.test", "fed2-password");
  stack.entra.federatedDomains.set("federated.test", { authUrl: "https://sts.federated.test/adfs/ls/", protocol: "WSTrust" });
  const alice = stack.users[0]!.login;
  const imaps = { host: stack.host, port: stack.ports.imaps, type: "IMAP" as const, tls: "implicit" as const };
  const config = configFor(stack, { inbound: [inbound("support_test", alice, imaps, { testMailbox: true }), inbound("fed1", "fed1@federated.test", imaps), inbound("fed2", "fed2@federated.test", imaps)] });
  // WHEN
  const report = await runCheck({ config, env: { ...envFor(stack), FED1_PASSWORD: "fed1-password", FED2_PASSWORD: "fed2-password" }, trust: buildTrust(stack.caFile), timeoutSeconds: 5 });
  // THEN
  expect(report.mailboxes.map((m) => [m.name, m.verdict, m.code])).toEqual([
    ["support_test", "pass", undefined],
    ["fed1", "fail", "FEDERATED_DOMAIN"],
    ["fed2", "fail", "FEDERATED_DOMAIN"],
  ]);
  const fed = report.mailboxes[1]!;
  expect(fed.steps).toEqual([{ step: "token", ok: false, ms: expect.any(Number), detail: "home realm discovery: federated.test is federated (sign-in at sts.federated.test, WSTrust); the password flow cannot sign in there, so no password was sent" }]);
  expect(fed.fix).toBe(
    "federated.test signs in at its own identity provider (AD FS, Okta...): either sync password hashes to Entra (Entra Connect password hash sync) and let this app validate passwords in the cloud with a home realm discovery policy (AllowCloudPasswordValidation), or move the mailbox to GRAPH (client credentials, no mailbox password)",
  );
  // no password of the federated logins reached the token endpoint
  expect(stack.entra.count({ username: "fed1@federated.test" })).toBe(0);
  expect(stack.entra.count({ username: "fed2@federated.test" })).toBe(0);
  expect(stack.entra.count({ username: alice, ok: true })).toBe(1);
  // one discovery request per domain, not per mailbox
  expect(realmRequests()).toEqual(["/common/userrealm/alice%40example.test", expect.stringMatching(/^\/common\/userrealm\/fed[12]%40federated\.test$/)]);
});
