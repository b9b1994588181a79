import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../cli/run-cli";

const dir = mkdtempSync(join(tmpdir(), "ge-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}
const diff = (...args: string[]) => runCli(["diff", ...args], { cwd: dir, env: { SUPPORT_PASSWORD: "CANARY-diff-secret", SALES_PASSWORD: "CANARY-diff-secret" } });

const BASE = `tenant: { directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455 }
mailboxes:
  inbound:
    - name: support
      mailbox: support@contoso.com
      server: { host: outlook.office365.com, port: 993, type: IMAP }
      maxSizeMb: 5
      password: { env: SUPPORT_PASSWORD }
      testMailbox: true
    - name: sales
      mailbox: sales@contoso.com
      server: { host: outlook.office365.com, port: 993, type: IMAP }
      password: { env: SALES_PASSWORD }
      designerApplication: Sales Email
fromAddresses:
  folder: Email Addresses
  addresses:
    - { name: support@contoso.com, displayName: Contoso Support }
`;

describe("genesys-email diff OLD NEW", () => {
  it("no changes: exit 0", async () => {
    const r = await diff(file("same-a.yaml", BASE), file("same-b.yaml", BASE));
    expect(r).toEqual({ code: 0, stdout: "## genesys-email diff\n\n### `same-a.yaml` → `same-b.yaml`\n\nNo changes.\n", stderr: "" });
  });

  it("a changed field, an added mailbox and a From address: the Markdown comment, exit 0", async () => {
    // GIVEN
    const after = BASE.replace("maxSizeMb: 5", "maxSizeMb: 10").replace(
      "fromAddresses:",
      "    - name: vip\n      mailbox: vip@contoso.com\n      server: { host: outlook.office365.com, port: 993, type: IMAP }\n      password: { env: VIP_PASSWORD }\nfromAddresses:",
    ) + "    - { name: vip@contoso.com, displayName: Contoso VIP }\n";
    // WHEN
    const r = await diff(file("c-old.yaml", BASE), file("c-new.yaml", after));
    // THEN
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "## genesys-email diff",
        "",
        "### `c-old.yaml` → `c-new.yaml`",
        "",
        "#### Mailboxes",
        "",
        "- **Added** inbound `vip`: `IMAP outlook.office365.com:993`, login `vip@contoso.com`, oauth2",
        "- **Changed** inbound `support`",
        "  - `maxSizeMb`: `5` → `10`",
        "",
        "#### From addresses",
        "",
        "- **Added** `vip@contoso.com` (`Contoso VIP`)",
        "",
        "#### Migration request (Genesys Customer Care)",
        "",
        "- Entering the request: `vip`",
        "- Values of `support`: `maxSizeMb`: `5` → `10`",
        "",
        "**The migration request changes:** send the updated request to Genesys Customer Care before these mailboxes are migrated.",
        "",
      ].join("\n"),
    );
  });

  it("switching a GRAPH setup to graphMailboxAccess: exchange-rbac: the revoked consent and the order of steps in the high-risk block", async () => {
    const withGraph = BASE.replace("fromAddresses:", "    - name: billing\n      mailbox: billing@contoso.com\n      server: { host: graph.microsoft.com, type: GRAPH }\nfromAddresses:");
    const after = withGraph.replace(/^tenant:/m, "application:\n  graphMailboxAccess: exchange-rbac\ntenant:");
    expect(after).not.toBe(withGraph);
    const r = await diff(file("m-old.yaml", withGraph), file("m-new.yaml", after));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        "> [!WARNING]",
        "> **High risk: Entra permissions, consent and credentials**",
        "> - Application permission `Mail.ReadWrite` (Microsoft Graph) is removed and its admin consent revoked.",
        "> - Application permission `Mail.Send` (Microsoft Graph) is removed and its admin consent revoked.",
        "> - GRAPH mailbox access moves from tenant-wide Entra admin consent to Exchange Online RBAC for Applications: run the new exchange-setup.ps1 and check `Test-ServicePrincipalAuthorization` before `terraform apply` removes the Entra grant, or Genesys cannot reach the GRAPH mailboxes in between; then remove the old application access policy.",
        "> - Exchange Online role `Application Mail.ReadWrite` (RBAC for Applications) is needed for the GRAPH mailboxes: exchange-setup.ps1 assigns it, scoped to them; Terraform does not.",
        "> - Exchange Online role `Application Mail.Send` (RBAC for Applications) is needed for the GRAPH mailboxes: exchange-setup.ps1 assigns it, scoped to them; Terraform does not.",
        "",
      ].join("\n"),
    );
    expect(r.stdout).toContain("- `application.graphMailboxAccess`: `tenant-consent` → `exchange-rbac`");
  });

  it("adding a GRAPH mailbox: application permissions and the client secret called out as high risk, exit 0", async () => {
    const after = BASE.replace("fromAddresses:", "    - name: billing\n      mailbox: billing@contoso.com\n      server: { host: graph.microsoft.com, type: GRAPH }\nfromAddresses:");
    const r = await diff(file("g-old.yaml", BASE), file("g-new.yaml", after));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        "> [!WARNING]",
        "> **High risk: Entra permissions, consent and credentials**",
        "> - Application permission `Mail.ReadWrite` (Microsoft Graph) is added, with admin consent (app role assignment): app-only access to every mailbox in the tenant unless an application access policy limits it (exchange-setup.ps1).",
        "> - Application permission `Mail.Send` (Microsoft Graph) is added, with admin consent (app role assignment): app-only access to every mailbox in the tenant unless an application access policy limits it (exchange-setup.ps1).",
        "> - A client secret is created for the app (GRAPH's client credentials): a credential to rotate, kept in Terraform state.",
        "",
        "#### Mailboxes",
        "",
        "- **Added** inbound `billing`: `GRAPH graph.microsoft.com:443`, login `billing@contoso.com`, oauth2",
        "",
        "#### Entra permissions",
        "",
        "- **Added** `Mail.ReadWrite`: Microsoft Graph, application (app-only), `e2a3a72e-5f79-4c64-b1b1-878b674786c9`",
        "- **Added** `Mail.Send`: Microsoft Graph, application (app-only), `b633e1c5-b582-4048-a93e-9f11b44c7e96`",
        "",
      ].join("\n"),
    );
  });

  it("renaming an inbound mailbox is forbidden: called out, exit 3", async () => {
    const r = await diff(file("r-old.yaml", BASE), file("r-new.yaml", BASE.replace("name: sales", "name: sales_team")));
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      "> [!CAUTION]\n> **Forbidden or destructive changes** (Genesys does not allow these as written; `diff` exits with code 3)\n" +
        "> - **Rename of inbound mailbox** `sales` → `sales_team`: Mailbox Name is create-only, so Genesys deletes `sales` and creates `sales_team`. Fix: keep the name; to really rename, add the new mailbox first, move the Designer application to it, and remove the old one in a later change.\n" +
        "> - **Removal of an assigned mailbox** `sales` (Designer application `Sales Email`): an assigned mailbox is enabled and cannot be deleted until it is disabled. Fix: unassign it first (remove designerApplication) and apply that; remove the mailbox in a later change.\n",
    );
    expect(r.stdout).toContain("- **Renamed** inbound `sales` → `sales_team` (delete + create; same login `sales@contoso.com` on `outlook.office365.com`)\n");
  });

  it("removing a mailbox assigned to a Designer application is forbidden: exit 3", async () => {
    const removed = BASE.replace(/    - name: sales\n(      .*\n){4}/, "");
    const r = await diff(file("a-old.yaml", BASE), file("a-new.yaml", removed), "--format", "json");
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.forbidden).toBe(true);
    expect(out.comparisons[0].forbidden.map((f: { kind: string; mailbox: string }) => `${f.kind} ${f.mailbox}`)).toEqual(["assigned-mailbox-removed sales"]);
    expect(out.comparisons[0].mailboxes.removed).toEqual([
      { direction: "inbound", name: "sales", login: "sales@contoso.com", server: "IMAP outlook.office365.com:993", auth: "oauth2", testMailbox: false, designerApplication: "Sales Email" },
    ]);
  });

  it("a side that fails validation: its findings, exit 1", async () => {
    const r = await diff(file("v-old.yaml", BASE), file("v-new.yaml", BASE.replace("maxSizeMb: 5", "maxSizeMb: 50")));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "## genesys-email diff\n\nCannot compare: a config has errors (run `genesys-email validate` for all findings).\n\n```text\n" +
        "ERROR GE105 mailboxes.inbound[0].maxSizeMb Max size must be a whole number of MB from 5 to 20; 50 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))\n" +
        `  at ${join(dir, "v-new.yaml")}:7:18\n` +
        "```\n",
    );
  });

  it.each([
    ["no file", [], "diff takes OLD NEW (two config files), FILE --env A --env B, or --base REF FILE."],
    ["one file without two --env", ["x.yaml"], "diff with one file compares two of its environments: diff FILE --env OLD --env NEW (or diff --base REF FILE)."],
    ["three files", ["a", "b", "c"], "diff takes OLD NEW (two config files), FILE --env A --env B, or --base REF FILE."],
  ])("usage error (%s): exit 2", async (_name, args, message) => {
    if (args[0] === "x.yaml") file("x.yaml", BASE);
    const r = await diff(...args);
    // The message, then the command's usage.
    expect(r).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(/^genesys-email: .*\n\nUsage: genesys-email diff OLD NEW /) });
    expect(r.stderr.startsWith(`genesys-email: ${message}\n`)).toBe(true);
  });

  it("a missing file: exit 2", async () => {
    const r = await diff("nope.yaml", file("exists.yaml", BASE));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`genesys-email: ${join(dir, "nope.yaml")}: no such file\n`);
  });

  it("never prints a secret's value, only the name of its variable", async () => {
    const r = await diff(file("s-old.yaml", BASE), file("s-new.yaml", BASE.replace("env: SALES_PASSWORD", "env: SALES_NEW_PASSWORD")));
    expect(r.stdout).toContain("  - `password.env`: `SALES_PASSWORD` → `SALES_NEW_PASSWORD`\n");
    expect(r.stdout).not.toContain("CANARY");
  });

  it("a value cannot break out of its code span", async () => {
    const r = await diff(file("m-old.yaml", BASE), file("m-new.yaml", BASE.replace("Sales Email", '"Sales `x` <b>|"')));
    expect(r.stdout).toContain("  - `designerApplication`: `Sales Email` → ``Sales `x` <b>|``\n");
  });

  it("is deterministic: the same inputs give the same bytes", async () => {
    const a = file("d-old.yaml", BASE);
    const b = file("d-new.yaml", BASE.replace("maxSizeMb: 5", "maxSizeMb: 6"));
    const [first, second] = [await diff(a, b, "--format", "json"), await diff(a, b, "--format", "json")];
    expect(second.stdout).toBe(first.stdout);
  });
});

describe("genesys-email diff with environments", () => {
  const ENVS = `${BASE}environments:
  stage:
    mailboxes:
      inbound:
        sales: { maxSizeMb: 8 }
  prod:
    mailboxes:
      inbound:
        sales: null
`;

  it("FILE --env A --env B previews a promotion (A is the old side)", async () => {
    const f = file("envs.yaml", ENVS);
    const r = await diff(f, "--env", "stage", "--env", "prod");
    expect(r.code).toBe(3);
    expect(r.stdout.split("\n").slice(0, 3)).toEqual(["## genesys-email diff", "", "### `stage` → `prod` (`envs.yaml`)"]);
    expect(r.stdout).toContain("- **Removed** inbound `sales`: `IMAP outlook.office365.com:993`, login `sales@contoso.com`, oauth2, Designer application `Sales Email`\n");
  });

  it("OLD NEW compares every environment by name; an environment only one side declares is added or removed", async () => {
    const before = file("e-old.yaml", `${BASE}environments:\n  dev: {}\n  qa: {}\n`);
    const after = file("e-new.yaml", `${BASE}environments:\n  dev: { mailboxes: { inbound: { support: { maxSizeMb: 7 } } } }\n  prod: {}\n`);
    const r = await diff(before, after, "--format", "json");
    const out = JSON.parse(r.stdout);
    expect(out.comparisons.map((c: { old: object; new: object }) => [c.old, c.new])).toEqual([
      [{ file: "e-old.yaml", environment: "dev" }, { file: "e-new.yaml", environment: "dev" }],
      [{ file: "e-old.yaml", environment: "qa" }, { file: "e-new.yaml", environment: "qa", absent: true }],
      [{ file: "e-old.yaml", environment: "prod", absent: true }, { file: "e-new.yaml", environment: "prod" }],
    ]);
    // qa removed as a whole: its assigned mailbox `sales` goes with it.
    expect(out.comparisons[1].forbidden.map((f: { mailbox: string }) => f.mailbox)).toEqual(["sales"]);
    expect(r.code).toBe(3);
    const md = await diff(before, after);
    expect(md.stdout.split("\n").slice(0, 6)).toEqual([
      "## genesys-email diff",
      "",
      "- `dev`: changes",
      "- `qa`: **forbidden change**",
      "- `prod`: changes, **high risk**",
      "",
    ]);
    expect(md.stdout).toContain("### Environment `qa` (environment removed): `e-old.yaml` → `e-new.yaml`");
  });

  it("OLD NEW --env NAME compares one environment", async () => {
    const r = await diff(file("o-old.yaml", ENVS), file("o-new.yaml", ENVS.replace("sales: { maxSizeMb: 8 }", "sales: { maxSizeMb: 9 }")), "--env", "stage");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("### Environment `stage`: `o-old.yaml` → `o-new.yaml`");
    expect(r.stdout).toContain("  - `maxSizeMb`: `8` → `9`\n");
  });

  it("an unknown --env is a usage error listing the environments", async () => {
    const r = await diff(file("u.yaml", ENVS), "--env", "stage", "--env", "qa");
    expect(r).toEqual({ code: 2, stdout: "", stderr: 'genesys-email: u.yaml has no environment "qa"; it declares: stage, prod.\nRun genesys-email diff --help for usage.\n' });
  });
});
