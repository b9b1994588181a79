import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../cli/run-cli";

const dir = mkdtempSync(join(tmpdir(), "ge-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const comments = (text: string) => text.split("\n").flatMap((l) => (/#.*$/.exec(l) ?? []).map((c) => c.trim()));

const BASE = `# Contact center with EWS mailboxes.
tenant:
  directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455   # tenant
mailboxes:
  inbound:
    - name: support_test                 # test mailbox
      mailbox: support-test@contoso.com
      server: { host: outlook.office365.com, port: 993, type: IMAP }
      password: { env: SUPPORT_TEST_PASSWORD }
      testMailbox: true
    # claims reads over EWS today
    - name: claims
      mailbox: claims@contoso.com
      server:
        host: outlook.office365.com   # Exchange Online
        port: 443
        type: EWS                     # retiring
        path: /EWS/Exchange.asmx
      password: { env: CLAIMS_PASSWORD }   # the mailbox's own password
      maxSizeMb: 10
    - name: legacy
      mailbox: legacy@contoso.com
      server: { host: outlook.office365.com, type: EWS, path: /EWS/Exchange.asmx }
      password:
        env: LEGACY_PASSWORD
    - name: onprem
      mailbox: onprem@contoso.com
      server: { host: mail.contoso.com, type: EWS }
      auth: basic
      password: { env: ONPREM_PASSWORD }
  outbound:
    mailbox: agents@contoso.com
    fromAddress: agents@contoso.com
    server: { host: smtp.office365.com, port: 587, type: SMTP }
    password: { env: OUTBOUND_MAILBOX_PASSWORD }
`;

const MIGRATED = BASE.replace(
  `        host: outlook.office365.com   # Exchange Online
        port: 443
        type: EWS                     # retiring
        path: /EWS/Exchange.asmx
      password: { env: CLAIMS_PASSWORD }   # the mailbox's own password
`,
  `        host: graph.microsoft.com   # Exchange Online
        port: 443
        type: GRAPH                     # retiring
      # the mailbox's own password
`,
).replace(
  `      server: { host: outlook.office365.com, type: EWS, path: /EWS/Exchange.asmx }
      password:
        env: LEGACY_PASSWORD
`,
  `      server: { host: graph.microsoft.com, type: GRAPH }
`,
);

describe("genesys-email migrate ews-to-graph", () => {
  it("prints the unified diff and the Customer Care text, and leaves the file alone without --write", async () => {
    const f = file("dry.yaml", BASE);
    const r = await runCli(["migrate", "ews-to-graph", f]);
    expect(r.code).toBe(0);
    expect(readFileSync(f, "utf8")).toBe(BASE);
    expect(r.stdout).toContain(`--- ${f}\n+++ ${f}\n@@ -12,17 +12,14 @@\n`);
    expect(r.stdout).toContain("-        type: EWS                     # retiring\n-        path: /EWS/Exchange.asmx\n");
    expect(r.stdout).toContain(
      [
        "Request to Genesys Customer Care: change the mailbox type from EWS to GRAPH (Microsoft Graph API, client credentials)",
        "",
        "- claims (claims@contoso.com): type EWS -> GRAPH, host outlook.office365.com -> graph.microsoft.com, port 443.",
        "- legacy (legacy@contoso.com): type EWS -> GRAPH, host outlook.office365.com -> graph.microsoft.com, port 443.",
        "",
        "The app registration signs in for these mailboxes with its client secret, not the mailbox password.",
        "The app now needs: Microsoft Graph Mail.ReadWrite (application) with admin consent; Microsoft Graph Mail.Send (application) with admin consent; a client secret (sent separately, never in the case text). The Terraform stack grants them on the next apply.",
        "",
      ].join("\n"),
    );
    expect(r.stderr).toContain("claims: removed server.path (EWS only); password (GRAPH signs in with the app's client secret).\n");
  });

  it("--write changes only the EWS mailboxes on Exchange Online, keeps every comment and the file mode, and the result validates", async () => {
    const f = file("write.yaml", BASE);
    chmodSync(f, 0o640);
    const r = await runCli(["migrate", "ews-to-graph", f, "--write"]);
    expect(r.code).toBe(0);
    const after = readFileSync(f, "utf8");
    expect(after).toBe(MIGRATED);
    expect(comments(after)).toEqual(comments(BASE));
    expect(statSync(f).mode & 0o777).toBe(0o640);
    const v = await runCli(["validate", f]);
    expect(v).toMatchObject({ code: 0 });
    expect(v.stdout).not.toContain("GE202");
  });

  it("--mailbox picks mailboxes; an unknown or non-EWS name is a usage error", async () => {
    const f = file("pick.yaml", BASE);
    const r = await runCli(["migrate", "ews-to-graph", f, "--mailbox", "legacy", "--write"]);
    expect(r.code).toBe(0);
    expect(readFileSync(f, "utf8")).toContain("    - name: claims\n      mailbox: claims@contoso.com\n      server:\n        host: outlook.office365.com   # Exchange Online");
    expect(readFileSync(f, "utf8")).toContain("server: { host: graph.microsoft.com, type: GRAPH }");
    const bad = await runCli(["migrate", "ews-to-graph", f, "--mailbox", "onprem"]);
    expect(bad).toEqual({ code: 2, stdout: "", stderr: `genesys-email: ${f}: \`onprem\` is not an EWS mailbox on Exchange Online; these are: claims.\n` });
  });

  it("a file without EWS mailboxes on Exchange Online is left alone", async () => {
    const r = await runCli(["migrate", "ews-to-graph", "examples/contact-center.yaml"]);
    expect(r).toEqual({ code: 0, stdout: "examples/contact-center.yaml: no EWS mailbox on Exchange Online; nothing to migrate.\n", stderr: "" });
  });

  it("edits EWS mailboxes inside environments' overrides, in both inbound forms", async () => {
    const text = readFileSync("examples/environments.yaml", "utf8")
      .replace(
        "        billing:\n          mailbox: billing@contoso.com\n          server: { host: graph.microsoft.com, port: 443, type: GRAPH }\n",
        "        billing:   # still on EWS in prod\n          mailbox: billing@contoso.com\n          server: { host: outlook.office365.com, port: 443, type: EWS }\n          password: { env: BILLING_PASSWORD }\n",
      )
      .replace(
        "        support: { designerApplication: Support Email (stage) }\n",
        "        support: { designerApplication: Support Email (stage) }\n        - name: claims\n",
      );
    const withList = text.replace(
      "    mailboxes:\n      inbound:\n        support: { designerApplication: Support Email (stage) }\n        - name: claims\n",
      "    mailboxes:\n      inbound:\n        - name: support\n          designerApplication: Support Email (stage)\n        - name: claims   # EWS in stage only\n          mailbox: claims@contoso.com\n          server: { host: outlook.office365.com, type: EWS }\n          password: { env: CLAIMS_PASSWORD }\n",
    );
    const f = file("envs.yaml", withList);
    const r = await runCli(["migrate", "ews-to-graph", f, "--write"]);
    expect(r.code).toBe(0);
    const after = readFileSync(f, "utf8");
    expect(after).toBe(
      withList
        .replace("          server: { host: outlook.office365.com, port: 443, type: EWS }\n          password: { env: BILLING_PASSWORD }\n", "          server: { host: graph.microsoft.com, port: 443, type: GRAPH }\n")
        .replace("          server: { host: outlook.office365.com, type: EWS }\n          password: { env: CLAIMS_PASSWORD }\n", "          server: { host: graph.microsoft.com, type: GRAPH }\n"),
    );
    expect(comments(after)).toEqual(comments(withList));
    expect(r.stdout).toContain("- billing (billing@contoso.com) in prod: type EWS -> GRAPH");
    expect(r.stdout).toContain("- claims (claims@contoso.com) in stage: type EWS -> GRAPH");
    expect((await runCli(["validate", f])).code).toBe(0);
  });

  it("refuses to change a value shared with an environment where the mailbox is not on Exchange Online", async () => {
    const text = `tenant: { directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455 }
mailboxes:
  inbound:
    - name: claims
      mailbox: claims@contoso.com
      server: { host: outlook.office365.com, type: EWS }
      password: { env: CLAIMS_PASSWORD }
      testMailbox: true
environments:
  dev:
    mailboxes:
      inbound:
        claims: { server: { host: exchange.dev.contoso.com } }
  prod: {}
`;
    const f = file("shared.yaml", text);
    const r = await runCli(["migrate", "ews-to-graph", f, "--write"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `genesys-email: ${f}: mailboxes.inbound[0].server.type is shared with environment dev, where mailbox \`claims\` is not on Exchange Online; move it by hand (set server in each environment's override).\n`,
    );
    expect(readFileSync(f, "utf8")).toBe(text);
  });

  it("usage errors", async () => {
    expect((await runCli(["migrate"])).stderr).toMatch(/^genesys-email: migrate needs a migration: ews-to-graph\./);
    expect((await runCli(["migrate", "graph-to-ews", "x.yaml"])).code).toBe(2);
    expect((await runCli(["migrate", "ews-to-graph", join(dir, "none.yaml")])).stderr).toBe(`genesys-email: ${join(dir, "none.yaml")}: no such file\n`);
  });
});
