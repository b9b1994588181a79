// `check` asks the token endpoint for exactly the scope the Genesys E-mail Server options (written by `manifest`) tell
// E-mail Server to ask for, mailbox by mailbox, in both permission layouts: one table (src/model/scopes.ts) for both.
import { runCheck } from "../../src/check/run";
import { buildTrust } from "../../src/check/tls";
import { buildMigrationRequest, renderGenesysOptions } from "../../src/manifest";
import type { PermissionLayout } from "../../src/model/config";
import { startMailStack, type MailStack } from "../support/mail-stack";
import { configFor, envFor, inbound } from "./helpers";

let stack: MailStack;
beforeAll(async () => {
  stack = await startMailStack();
}, 30_000);
afterAll(() => stack?.stop());
afterEach(() => stack.reset());

/** `scope = …` of each section of the options, by the section's login (`mailbox = …` or `user = …`). */
function optionScopes(options: string): Record<string, string> {
  const scopes: Record<string, string> = {};
  for (const section of options.split(/\n(?=\[)/)) {
    const login = /^(?:mailbox|user) = (.+)$/m.exec(section)?.[1];
    const scope = /^scope = (.+)$/m.exec(section)?.[1];
    // carol has a GRAPH mailbox and the outbound one: the GRAPH section is keyed apart.
    if (login && scope) scopes[/^type = GRAPH$/m.test(section) ? `${login}#GRAPH` : login] = scope;
  }
  return scopes;
}

test.each<PermissionLayout>(["exchange-online", "microsoft-graph"])("permissionLayout %s: the token requests carry the options' scopes", async (layout) => {
  // GIVEN IMAP (alice, test mailbox), EWS (bob), GRAPH (carol) and SMTP (carol) mailboxes
  const [alice, bob, carol] = stack.users.map((u) => u.login) as [string, string, string];
  const config = configFor(
    stack,
    {
      inbound: [
        inbound("support_test", alice, { host: stack.host, port: stack.ports.imaps, type: "IMAP", tls: "implicit" }, { testMailbox: true }),
        inbound("ews", bob, { host: stack.host, port: stack.ports.api, type: "EWS" }),
        { name: "graph", mailbox: carol, server: { host: stack.host, port: stack.ports.api, type: "GRAPH" } },
      ],
      outbound: { mailbox: carol, fromAddress: carol, server: { host: stack.host, port: stack.ports.submission, type: "SMTP", tls: "starttls" }, password: { env: "CAROL_PASSWORD" } },
    },
    { application: { clientId: stack.clientId, clientSecret: { env: "GRAPH_CLIENT_SECRET" }, permissionLayout: layout } },
  );
  // The stack's authority stands in for the global cloud (check uses global resources for a non-Microsoft authority).
  const global = { ...config, tenant: { ...config.tenant, authority: "https://login.microsoftonline.com/" } };
  const expected = optionScopes(renderGenesysOptions(buildMigrationRequest(global, { clientId: stack.clientId, tenantId: stack.tenantId })));
  // WHEN
  const report = await runCheck({ config, env: envFor(stack), trust: buildTrust(stack.caFile), timeoutSeconds: 5 });
  // THEN every mailbox passed, and each token request asked for its mailbox's scope from the options
  expect(report.mailboxes.map((m) => [m.name, m.verdict])).toEqual([
    ["support_test", "pass"],
    ["ews", "pass"],
    ["graph", "pass"],
    ["smtp-client", "pass"],
  ]);
  // (MSAL adds the OpenID Connect scopes to a password-flow request, as any MSAL-based client does.)
  const asked = stack.entra.requests.map((r) => [r.grantType, r.username ?? "(app)", r.scope?.replace(/ openid profile offline_access$/, "")]);
  expect(asked).toEqual(
    expect.arrayContaining([
      ["password", alice, expected[alice]],
      ["password", bob, expected[bob]],
      ["client_credentials", "(app)", expected[carol + "#GRAPH"]],
      ["password", carol, expected[carol]],
    ]),
  );
  expect(asked).toHaveLength(4);
  // and the table's values themselves
  expect(expected).toEqual(
    layout === "exchange-online"
      ? { [alice]: "https://outlook.office.com/.default", [bob]: "https://outlook.office.com/.default", [`${carol}#GRAPH`]: "https://graph.microsoft.com/.default", [carol]: "https://outlook.office.com/.default" }
      : {
          [alice]: "https://outlook.office.com/IMAP.AccessAsUser.All",
          [bob]: "https://outlook.office.com/EWS.AccessAsUser.All",
          [`${carol}#GRAPH`]: "https://graph.microsoft.com/.default",
          [carol]: "https://outlook.office.com/SMTP.Send",
        },
  );
});
