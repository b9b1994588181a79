import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RULES } from "../../src/rules";
import { escapeData, escapeProperty, githubAnnotations } from "../../cli/formats/github";
import { runCli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "ge-formats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "config"));
function file(name: string, text: string): string {
  writeFileSync(join(dir, "config", name), text);
  return join("config", name);
}

// Line 7 is maxSizeMb; the prod override's maxSizeMb is on line 15.
const TEXT = `tenant: { directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455 }
mailboxes:
  inbound:
    - name: support
      mailbox: support@contoso.com
      server: { host: outlook.office365.com, port: 443, type: EWS }
      maxSizeMb: 25
      password: { env: SUPPORT_MAILBOX_PASSWORD }
      testMailbox: true
environments:
  dev: {}
  prod:
    mailboxes:
      inbound:
        support: { maxSizeMb: 30 }
`;

describe("validate with environments (text)", () => {
  it("validates every environment, naming each in its findings", async () => {
    const f = join(dir, file("text.yaml", TEXT));
    const r = await runCli(["validate", f], { cwd: dir });
    expect(r.code).toBe(1);
    // By position; the warning both environments share (from the base) is printed once, naming both.
    expect(r.stdout.split("\n")).toEqual([
      expect.stringMatching(/^WARN GE202 mailboxes\.inbound\[0\]\.server\.type EWS against Exchange Online/),
      `  at ${f}:6:63 (environments dev, prod)`,
      "ERROR GE105 mailboxes.inbound[0].maxSizeMb Max size must be a whole number of MB from 5 to 20; 25 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))",
      `  at ${f}:7:18 (environment dev)`,
      "ERROR GE105 mailboxes.inbound[0].maxSizeMb Max size must be a whole number of MB from 5 to 20; 30 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))",
      `  at ${f}:15:31 (environment prod)`,
      `${f}: 2 errors, 1 warning (environments dev, prod)`,
      "",
    ]);
  });

  it("--env picks one environment", async () => {
    const r = await runCli(["validate", file("one.yaml", TEXT), "--env", "prod", "--format", "json"], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(out.environments).toEqual(["prod"]);
    expect(out.findings.map((x: { ruleId: string; environment: string }) => `${x.environment} ${x.ruleId}`)).toEqual(["prod GE202", "prod GE105"]);
  });

  it("an unknown --env is a usage error listing the environments (exit 2)", async () => {
    const r = await runCli(["validate", file("unknown.yaml", TEXT), "--env", "qa"], { cwd: dir });
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: `genesys-email: ${join(dir, "config/unknown.yaml")} has no environment "qa"; it declares: dev, prod.\nRun genesys-email validate --help for usage.\n`,
    });
  });

  it("--env on a file without environments is a usage error", async () => {
    const r = await runCli(["validate", "examples/contact-center.yaml", "--env", "prod"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("genesys-email: examples/contact-center.yaml declares no environments, so --env prod does not apply.\nRun genesys-email validate --help for usage.\n");
  });

  it("the example environments file validates clean", async () => {
    const r = await runCli(["validate", "examples/environments.yaml"]);
    expect(r).toEqual({ code: 0, stdout: "examples/environments.yaml: 0 errors, 0 warnings (environments dev, stage, prod)\n", stderr: "" });
  });
});

describe("validate --format github", () => {
  it("prints one workflow command per finding, a shared finding once with its environments", async () => {
    const f = file("gh.yaml", TEXT);
    const r = await runCli(["validate", f, "--format", "github"], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "::warning file=config/gh.yaml,line=6,col=63,title=GE202 (dev%2C prod)::mailboxes.inbound[0].server.type: EWS against Exchange Online is blocked by default since 2026-10-01 and shut down on 2027-04-01: 121 days remain. (fix: move the mailbox to GRAPH: genesys-email migrate ews-to-graph <file> (server.type: GRAPH, host graph.microsoft.com))",
      "::error file=config/gh.yaml,line=7,col=18,title=GE105 (dev)::mailboxes.inbound[0].maxSizeMb: Max size must be a whole number of MB from 5 to 20; 25 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))",
      "::error file=config/gh.yaml,line=15,col=31,title=GE105 (prod)::mailboxes.inbound[0].maxSizeMb: Max size must be a whole number of MB from 5 to 20; 30 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))",
    ]);
    expect(lines.slice(3)).toEqual([`${join(dir, f)}: 2 errors, 1 warning (environments dev, prod)`, ""]);
  });

  it("a file without environments gets the bare rule ID as title", async () => {
    const f = file("plain.yaml", TEXT.slice(0, TEXT.indexOf("environments:")).replace("port: 443, type: EWS", "port: 993, type: IMAP"));
    const r = await runCli(["validate", f, "--format", "github"], { cwd: dir });
    expect(r.stdout).toBe(
      "::error file=config/plain.yaml,line=7,col=18,title=GE105::mailboxes.inbound[0].maxSizeMb: Max size must be a whole number of MB from 5 to 20; 25 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))\n" +
        `${join(dir, f)}: 1 error, 0 warnings\n`,
    );
  });

  it("escapes as GitHub's toolkit does: %, CR, LF in data; also : and , in properties", () => {
    expect(escapeData("50% done\r\nnext: a, b")).toBe("50%25 done%0D%0Anext: a, b");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    const [line] = githubAnnotations(
      [{ ruleId: "GE001", severity: "warning", path: "x", message: "two\nlines 100%", fix: "a, b", location: { file: join(dir, "we,ird:name.yaml"), line: 2, column: 3 }, environment: "p" }],
      dir,
    );
    expect(line).toBe("::warning file=we%2Cird%3Aname.yaml,line=2,col=3,title=GE001 (p)::x: two%0Alines 100%25 (fix: a, b)");
  });

  it("a finding without a position has no file property", () => {
    expect(githubAnnotations([{ ruleId: "GE001", severity: "error", path: "(root)", message: "m", fix: "f" }], dir)).toEqual(["::error title=GE001::(root): m (fix: f)"]);
  });
});

describe("validate --format sarif", () => {
  interface Sarif {
    $schema: string;
    version: string;
    runs: Array<{
      tool: { driver: { name: string; version: string; informationUri?: string; rules: Array<Record<string, any>> } };
      results: Array<Record<string, any>>;
    }>;
  }

  async function sarif(name: string, text: string, extra: string[] = []): Promise<{ code: number; log: Sarif; f: string }> {
    const f = file(name, text);
    const r = await runCli(["validate", f, "--format", "sarif", ...extra], { cwd: dir });
    return { code: r.code, log: JSON.parse(r.stdout) as Sarif, f };
  }

  it("is a SARIF 2.1.0 log: one run, the driver declares every rule with help and default level", async () => {
    const { code, log } = await sarif("structure.yaml", TEXT);
    expect(code).toBe(1);
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe("genesys-email");
    expect(driver.version).toBe(require("../../package.json").version);
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const ge105 = driver.rules.find((r) => r.id === "GE105")!;
    expect(ge105).toEqual({
      id: "GE105",
      name: "max-size-range",
      shortDescription: { text: "An inbound mailbox's Max size is a whole number of MB from 5 to 20." },
      fullDescription: { text: "An inbound mailbox's Max size is a whole number of MB from 5 to 20. Source: Genesys Agent Setup, inbound mailbox form: Max size, minimum = 5, maximum = 20, default 5" },
      help: { text: "Fix: set maxSizeMb to a whole number from 5 to 20 (default 5)\nSource: Genesys Agent Setup, inbound mailbox form: Max size, minimum = 5, maximum = 20, default 5" },
      defaultConfiguration: { level: "error" },
      properties: { suppressible: expect.any(Boolean) },
    });
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text).toMatch(/^Fix: .+\nSource: .+/s);
      expect(["error", "warning"]).toContain(rule.defaultConfiguration.level);
    }
  });

  it("results point at their rule by ID and index, with a relative URI, line and column; one result per environment", async () => {
    const { log, f } = await sarif("results.yaml", TEXT);
    const { rules } = log.runs[0]!.tool.driver;
    const results = log.runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region, r.properties])).toEqual([
      ["GE202", "warning", { startLine: 6, startColumn: 63 }, { environment: "dev" }],
      ["GE202", "warning", { startLine: 6, startColumn: 63 }, { environment: "prod" }],
      ["GE105", "error", { startLine: 7, startColumn: 18 }, { environment: "dev" }],
      ["GE105", "error", { startLine: 15, startColumn: 31 }, { environment: "prod" }],
    ]);
    for (const r of results) {
      expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations[0].physicalLocation.artifactLocation).toEqual({ uri: f });
      expect(r.message.text).toMatch(/^\[(dev|prod)\] mailboxes\.inbound\[0\]\.\S+: .+ \(fix: .+\)$/);
    }
    expect(results[2]!.message.text).toBe("[dev] mailboxes.inbound[0].maxSizeMb: Max size must be a whole number of MB from 5 to 20; 25 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))");
  });

  it("a clean file is a full run with no results (so code scanning can close fixed alerts)", async () => {
    const r = await runCli(["validate", "examples/environments.yaml", "--format", "sarif"]);
    const log = JSON.parse(r.stdout) as Sarif;
    expect(r.code).toBe(0);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(RULES.length);
  });

  it("percent-encodes the artifact URI", async () => {
    const { log } = await sarif("with space.yaml", TEXT, ["--env", "dev"]);
    expect(log.runs[0]!.results[0]!.locations[0].physicalLocation.artifactLocation.uri).toBe("config/with%20space.yaml");
  });
});
