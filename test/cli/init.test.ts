import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { runCli } from "./run-cli";
import { starterConfig } from "../../cli/init/starter";

const dir = mkdtempSync(join(tmpdir(), "ge-init-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a user does with the starter: put a real value where each placeholder is (here: its inside, which shows the form). */
const fillIn = (text: string) => text.replace(/<([^<>\n]+)>/g, "$1");

describe("genesys-email init", () => {
  it.each([
    ["the default (imap, smtp)", []],
    ["imap, graph, smtp with dev, stage, prod", ["--protocols", "imap,graph,smtp", "--environments", "dev,stage,prod"]],
    ["every protocol", ["--protocols", "imap,pop3,ews,graph,smtp"]],
    ["graph only", ["--protocols", "graph"]],
    ["smtp only (the outbound mailbox is the test mailbox)", ["--protocols", "smtp"]],
    ["pop3 only (basic auth: no test mailbox needed)", ["--protocols", "POP3", "--environments", "prod"]],
    ["ews and smtp, one environment", ["--protocols", "ews, smtp", "--environments", "qa"]],
  ])("%s: validates with 0 findings once its placeholders are filled in, and not before", async (_name, flags) => {
    // GIVEN
    const r = await runCli(["init", ...flags]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const starter = r.stdout;
    // run from the project root, whose schemas/ folder the package ships: editors find it from the first line
    expect(starter).toMatch(/^# yaml-language-server: \$schema=\.\/schemas\/genesys-email\.schema\.json\n# Genesys E-mail Server mailboxes/);
    // WHEN / THEN: as written, every placeholder is an error (GE143), and nothing else
    const before = await runCli(["validate", "-", "--format", "json"], { stdin: starter });
    const findings = JSON.parse(before.stdout).findings as Array<{ ruleId: string }>;
    expect(before.code).toBe(1);
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(["GE143"]));
    // ... and filled in, it validates clean
    const after = await runCli(["validate", "-"], { stdin: fillIn(starter) });
    expect(after).toEqual({ code: 0, stdout: expect.stringMatching(/^<stdin>: 0 errors, 0 warnings/), stderr: "" });
  });

  it("asks for what was asked: one mailbox per protocol, the environments in order, the first OAuth 2.0 mailbox the test one", async () => {
    const r = await runCli(["init", "--protocols", "smtp,pop3,graph,imap", "--environments", "dev,stage,prod"]);
    const data = parse(fillIn(r.stdout));
    expect(data.mailboxes.inbound.map((m: { server: { type: string }; testMailbox?: boolean }) => [m.server.type, m.testMailbox ?? false])).toEqual([
      ["IMAP", true],
      ["GRAPH", false],
      ["POP3", false],
    ]);
    expect(data.mailboxes.outbound.server.type).toBe("SMTP");
    expect(Object.keys(data.environments)).toEqual(["dev", "stage", "prod"]);
  });

  it("--out writes the file whole, says what to do next, and leaves nothing else", async () => {
    const work = mkdtempSync(join(dir, "out-"));
    const r = await runCli(["init", "--out", "email.yaml"], { cwd: work });
    expect(r).toEqual({ code: 0, stdout: "", stderr: "email.yaml: written. Replace every <placeholder>, then run: genesys-email validate email.yaml\n" });
    expect(readdirSync(work)).toEqual(["email.yaml"]);
    // the same text as on stdout from the same folder (the schema path is relative to the file)
    expect(readFileSync(join(work, "email.yaml"), "utf8")).toBe((await runCli(["init"], { cwd: work })).stdout);
  });

  it("refuses to overwrite a file: exit 2, the file untouched, no temporary file left", async () => {
    const work = mkdtempSync(join(dir, "keep-"));
    writeFileSync(join(work, "email.yaml"), "mine\n");
    const r = await runCli(["init", "--out", "email.yaml"], { cwd: work });
    expect(r).toEqual({ code: 2, stdout: "", stderr: "genesys-email: email.yaml already exists; nothing was written (init never overwrites a file: remove it, or choose another --out).\n" });
    expect(readFileSync(join(work, "email.yaml"), "utf8")).toBe("mine\n");
    expect(readdirSync(work)).toEqual(["email.yaml"]);
  });

  it.each([
    ["an unknown protocol, with a suggestion", ["--protocols", "imap,grpah"], /^genesys-email: --protocols: unknown protocol `grpah`; use imap, pop3, ews, graph, smtp\. Did you mean graph\?\n\nUsage: genesys-email init /],
    ["an environment that cannot be a stack name", ["--environments", "dev,pro d"], /^genesys-email: --environments: `pro d` cannot be an environment/],
    ["an environment twice", ["--environments", "dev,dev"], /^genesys-email: --environments names an environment twice\./],
    ["a folder that does not exist", ["--out", "nowhere/email.yaml"], /^genesys-email: nowhere\/email\.yaml could not be written \(the folder nowhere does not exist\); nothing was written\.\n$/],
    ["a file argument", ["email.yaml"], /^genesys-email: init takes no file argument; write to a file with --out `email\.yaml`\./],
  ])("%s: exit 2", async (_name, flags, message) => {
    const r = await runCli(["init", ...flags], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("names the JSON schema on the first line when there is one, for editors (yaml-language-server)", () => {
    const text = starterConfig({ protocols: ["imap"], environments: [], schema: "./node_modules/genesys-email-iac/schemas/genesys-email.schema.json" });
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./node_modules/genesys-email-iac/schemas/genesys-email.schema.json");
  });
});
