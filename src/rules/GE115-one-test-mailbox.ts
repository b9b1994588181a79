import { formatPath } from "../model/path";
import { allMailboxes, oauthMailboxes } from "../model/mailbox";
import type { Rule } from "./rule";
import { plural } from "../text/terminal";

export const oneTestMailbox: Rule = {
  id: "GE115",
  name: "one-test-mailbox",
  severity: "error",
  description: "Where any mailbox uses OAuth 2.0, exactly one mailbox is marked testMailbox: true.",
  fix: "mark exactly one OAuth 2.0 mailbox with testMailbox: true (Genesys migrates it first)",
  source: "Genesys Agent Setup, Migrating existing mailboxes: \"Genesys recommends that you create a mailbox for testing purposes\"; the request says for each mailbox whether it is the test mailbox",
  suppressible: true,
  check: (config) => {
    const oauth = oauthMailboxes(config);
    const marked = allMailboxes(config).filter((l) => l.mailbox.testMailbox);
    if (oauth.length === 0 && marked.length === 0) return [];
    if (marked.length === 0) {
      return [{ path: ["mailboxes"], message: `No mailbox is marked as the test mailbox; exactly one is needed because ${plural(oauth.length, "mailbox uses", "mailboxes use")} OAuth 2.0.` }];
    }
    if (marked.length > 1) {
      return marked.slice(1).map((l) => ({
        path: [...l.path, "testMailbox"],
        message: `Only one test mailbox is allowed; ${formatPath(marked[0]!.path)} is already marked.`,
      }));
    }
    const test = marked[0]!;
    if (test.mailbox.auth !== "oauth2") {
      return [{ path: [...test.path, "testMailbox"], message: "The test mailbox must use OAuth 2.0: it is the one migrated and checked first." }];
    }
    return [];
  },
};
