import { oauthMailboxes, usesClientCredentials } from "../model/mailbox";
import type { Rule } from "./rule";
import { plural, quote } from "../text/terminal";

export const graphTestMailboxSharedSecret: Rule = {
  id: "GE210",
  name: "graph-test-mailbox-shared-secret",
  severity: "warning",
  description: "A GRAPH test mailbox signs in with the application's client secret, which every GRAPH mailbox shares: it has no credential of its own.",
  fix: "mark a password-flow mailbox (IMAP, EWS, SMTP) as the test mailbox, or suppress this with the reason you test the app itself",
  source: "Genesys Agent Setup, Migrating existing mailboxes: \"This test mailbox must also have its own credential.\"",
  suppressible: true,
  check: (config) => {
    const all = oauthMailboxes(config);
    const graph = all.filter((l) => usesClientCredentials(l.mailbox));
    return graph
      .filter((l) => l.mailbox.testMailbox)
      .map((test) => {
        const others = graph.length - 1;
        return {
          path: [...test.path, "testMailbox"],
          message: `The test mailbox ${quote(test.mailbox.name)} is a GRAPH mailbox: it signs in with the application's client secret, ${others > 0 ? `shared with ${plural(others, "other GRAPH mailbox", "other GRAPH mailboxes")}` : "which every later GRAPH mailbox shares"}.`,
        };
      });
  },
};
