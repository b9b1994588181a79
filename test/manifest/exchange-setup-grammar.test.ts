import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrationRequestFiles, renderExchangeSetupScript, type ExchangeSetupOptions } from "../../src/manifest";
import type { EmailConfigInput } from "../../src/model/config";
import { runCli } from "../cli/run-cli";
import { CHANGE_COMMAND, powershellGrammar, type PowerShellScript } from "../support/powershell-grammar";
import { CLIENT_ID, TENANT, ews, exampleConfig, graph, imap, smtp, validConfig } from "./helpers";

const SP = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const pop3 = (name: string, login: string) =>
  imap(name, login, { server: { host: "outlook.office365.com", type: "POP3" }, suppressions: [{ id: "GE113", reason: "a Genesys build with POP3 OAuth" }] });

/** Configs with every protocol mix, both GRAPH access modes, sovereign clouds and hostile values. */
const CONFIGS: Record<string, EmailConfigInput> = {
  "IMAP + SMTP": { tenant: { directoryId: TENANT }, mailboxes: { inbound: [imap("t", "t@contoso.com", { testMailbox: true })], outbound: smtp("agents@contoso.com") } },
  "EWS + POP3 on one login": { tenant: { directoryId: TENANT }, mailboxes: { inbound: [ews("t", "x@contoso.com", { testMailbox: true }), pop3("p", "x@contoso.com")] }, suppressions: [{ id: "GE116", reason: "one account for both on purpose" }] },
  "GRAPH only": { tenant: { directoryId: TENANT }, mailboxes: { inbound: [graph("g", "g@contoso.com", { testMailbox: true }), graph("h", "h@contoso.com")] } },
  "GRAPH, exchange-rbac": { tenant: { directoryId: TENANT }, application: { graphMailboxAccess: "exchange-rbac" }, mailboxes: { inbound: [imap("t", "t@contoso.com", { testMailbox: true }), graph("g", "g@contoso.com")] } },
  "US Government": {
    tenant: { directoryId: TENANT, authority: "https://login.microsoftonline.us" },
    mailboxes: { inbound: [imap("t", "t@contoso.us", { testMailbox: true, server: { host: "outlook.office365.us", type: "IMAP" } }), graph("g", "g@contoso.us")] },
  },
  "China": { tenant: { directoryId: TENANT, authority: "https://login.chinacloudapi.cn/" }, mailboxes: { inbound: [graph("g", "g@contoso.cn", { testMailbox: true })] } },
  "quotes, dollars and typographic quotes": {
    tenant: { directoryId: TENANT },
    application: { displayName: "O'Brien $(Remove-Mailbox ceo) \u2019x\u2019", graphMailboxGroup: "g'$(Set-Mailbox x)\u2018" },
    mailboxes: { inbound: [imap("q_test", "o'neil$ops@contoso.com", { testMailbox: true }), graph("g", "d'arcy$x@contoso.com")] },
  },
};
const OPTIONS: Record<string, ExchangeSetupOptions> = {
  "defaults": {},
  "rbac, IDs known": { style: "rbac", clientId: CLIENT_ID, servicePrincipalObjectId: SP },
  "rbac, IDs pending": { style: "rbac" },
};

function scripts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, input] of Object.entries(CONFIGS)) {
    const config = validConfig(input);
    // What synth writes beside cdk.tf.json:
    out.push([`${name}, as synthesized`, migrationRequestFiles(config).find((f) => f.name === "exchange-setup.ps1")!.content]);
    for (const [option, options] of Object.entries(OPTIONS)) {
      if (options.style === "rbac" && config.application.graphMailboxAccess !== "exchange-rbac" && name !== "GRAPH only") continue;
      out.push([`${name}, ${option}`, renderExchangeSetupScript(config, options)]);
    }
  }
  out.push(["a group name with a line break", renderExchangeSetupScript(exampleConfig(), { style: "rbac", groupName: "g'\nRemove-Mailbox ceo@contoso.com #" })]);
  return out;
}

let parse: (text: string) => PowerShellScript;
beforeAll(async () => {
  parse = await powershellGrammar();
});

/** The rules every exchange-setup.ps1 must keep, checked on its parse tree. */
function expectSafeScript(text: string): void {
  const script = parse(text);
  // Parses with the real grammar: no ERROR and no missing node.
  expect(script.errors).toEqual([]);
  // [CmdletBinding(SupportsShouldProcess)]: -WhatIf and -Confirm work.
  expect(script.cmdletBinding).toEqual(["SupportsShouldProcess"]);
  // Every parameter is checked by a top-level `if (...) { throw }` ...
  for (const p of script.parameters) expect(script.checks.some((c) => c.variables.includes(p.toLowerCase()))).toBe(true);
  // ... and every check comes before the first command that changes anything (also inside $(...)).
  const changes = script.commands.filter((c) => CHANGE_COMMAND.test(c.name));
  const lastCheck = Math.max(...script.checks.map((c) => c.end));
  for (const c of changes) expect({ command: c.name, afterChecks: c.start > lastCheck }).toEqual({ command: c.name, afterChecks: true });
  // Every change runs only where $PSCmdlet.ShouldProcess says so (-WhatIf makes none); Set-StrictMode changes the session only.
  for (const c of changes.filter((x) => x.name !== "Set-StrictMode")) expect({ command: c.name, underShouldProcess: c.underShouldProcess }).toEqual({ command: c.name, underShouldProcess: true });
  expect(text).toMatch(/^[\x20-\x7e\n]*$/);
}

describe("every exchange-setup.ps1 parses as PowerShell, supports -WhatIf, and checks its parameters before any change", () => {
  test.each(scripts())("%s", (_name, text) => {
    expectSafeScript(text);
  });

  test("commands written in config values stay text: no Remove-/Set-/Add-Mailbox command exists", () => {
    for (const [name, text] of scripts().filter(([n]) => /quotes|line break/.test(n))) {
      const commands = parse(text).commands.map((c) => c.name);
      expect({ name, injected: commands.filter((c) => /Mailbox$|MailboxPermission$/.test(c) && c !== "Get-Mailbox" && c !== "Get-CASMailbox" && c !== "Set-CASMailbox") }).toEqual({ name, injected: [] });
    }
  });

  test("the scripts genesys-email synth writes for the examples", async () => {
    const out = mkdtempSync(join(tmpdir(), "ge-ps-"));
    try {
      for (const file of ["examples/contact-center.yaml", "examples/environments.yaml"]) {
        const result = await runCli(["synth", file, "--out", out]);
        expect(result.code).toBe(0);
      }
      const stacks = readdirSync(join(out, "stacks"));
      expect(stacks.sort()).toEqual(["contact-center", "dev", "prod", "stage"]);
      for (const stack of stacks) expectSafeScript(readFileSync(join(out, "stacks", stack, "exchange-setup.ps1"), "utf8"));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("the grammar check fails where it must (so the tests above can fail)", () => {
  test("a syntax error is an ERROR node", () => {
    expect(parse("if ($x { Set-Thing }").errors.length).toBeGreaterThan(0);
  });

  test("a change before the parameter checks, or outside ShouldProcess, is seen", () => {
    const script = parse(
      ["[CmdletBinding(SupportsShouldProcess)]", "param([string] $AppId = 'x')", "$y = \"$(Set-Thing -Now)\"", "if ($AppId -notmatch 'a') { throw 'no' }", "New-Thing"].join("\n"),
    );
    const changes = script.commands.filter((c) => CHANGE_COMMAND.test(c.name));
    expect(changes.map((c) => [c.name, c.start > script.checks[0]!.end, c.underShouldProcess])).toEqual([
      ["Set-Thing", false, false],
      ["New-Thing", true, false],
    ]);
  });
});
