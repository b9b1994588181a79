import { validate } from "../../src/rules/engine";
import { inboundMailbox, validConfig } from "./fixtures";

const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.ruleId} ${f.path} ${f.message}`);

describe("schema problems (GE001 and the rules that own schema fields)", () => {
  it.each([
    {
      name: "unknown top-level key, with a spelling suggestion",
      input: { ...validConfig(), tenat: {} },
      expected: ["GE001 tenat Unknown field `tenat`."],
      fix: "did you mean tenant? Allowed here: contactCenter, tenant, application, mailboxes, fromAddresses, backend, suppressions",
    },
    {
      name: "wrong type",
      input: (() => {
        const c = validConfig() as any;
        c.mailboxes.inbound[0].maxSizeMb = "5";
        return c;
      })(),
      expected: ["GE001 mailboxes.inbound[0].maxSizeMb maxSizeMb must be a number; text given."],
      fix: "write maxSizeMb as a number",
    },
    {
      name: "missing required field",
      input: (() => {
        const c = validConfig() as any;
        delete c.mailboxes.inbound[0].mailbox;
        return c;
      })(),
      expected: ["GE001 mailboxes.inbound[0].mailbox Required field mailbox is missing."],
      fix: "add mailbox (text)",
    },
    {
      name: "not a mapping at all",
      input: ["a list"],
      expected: ["GE001 (root) config must be a mapping of fields; a list given."],
      fix: "write config as a mapping of fields",
    },
  ])("$name", ({ input, expected, fix }) => {
    const result = validate(input);
    expect(result.config).toBeUndefined();
    expect(brief(result)).toEqual(expected);
    expect(result.findings[0]!.fix).toBe(fix);
  });

  it("never echoes a value typed into a secret field, whatever its shape", () => {
    const canary = "CANARY-7f3a9d";
    for (const password of [canary, 12345, [canary], { value: canary }, { env: canary, extra: canary }]) {
      const c = validConfig() as any;
      c.mailboxes.inbound[0].password = password;
      c.application.clientSecret = password;
      const result = validate(c);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(result)).not.toContain(canary);
      expect(JSON.stringify(result)).not.toContain("12345");
    }
  });
});

describe("suppressions", () => {
  const ewsConfig = () => {
    const c = validConfig();
    c.mailboxes.inbound.push(inboundMailbox("ews", { server: { host: "outlook.office365.com", type: "EWS" } }));
    return c;
  };

  it("a suppressed warning is not reported, and is listed with its reason", () => {
    const c = ewsConfig();
    c.suppressions = [{ id: "GE202", reason: "Moving to GRAPH in Q1; tracked in CHG-1234" }];
    const result = validate(c);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((s) => [s.ruleId, s.path, s.reason])).toEqual([
      ["GE202", "mailboxes.inbound[1].server.type", "Moving to GRAPH in Q1; tracked in CHG-1234"],
    ]);
  });

  it("a mailbox's suppression applies to that mailbox only", () => {
    const c = ewsConfig();
    c.mailboxes.inbound.push(inboundMailbox("ews2", { server: { host: "outlook.office365.com", type: "EWS" } }));
    c.mailboxes.inbound[1]!.suppressions = [{ id: "GE202", reason: "decommissioned next month" }];
    expect(brief(validate(c, { now: new Date("2026-12-01T00:00:00Z") }))).toEqual([
      "GE202 mailboxes.inbound[2].server.type EWS against Exchange Online is blocked by default since 2026-10-01 and shut down on 2027-04-01: 121 days remain.",
    ]);
  });

  it("an error can be suppressed only with a reason of at least 10 characters", () => {
    const c = validConfig();
    c.mailboxes.inbound[0]!.testMailbox = false;
    c.suppressions = [{ id: "GE115", reason: "later" }];
    expect(brief(validate(c))).toEqual([
      "GE115 mailboxes No mailbox is marked as the test mailbox; exactly one is needed because 2 mailboxes use OAuth 2.0.",
      "GE002 suppressions[0].reason Suppression of GE115 needs a reason of at least 10 characters.",
    ].sort((a, b) => a.split(" ")[1]!.localeCompare(b.split(" ")[1]!)));
    c.suppressions = [{ id: "GE115", reason: "all mailboxes stay on basic auth until 2027" }];
    expect(validate(c).errors).toEqual([]);
  });

  it("rejects unknown rules and rules that cannot be suppressed", () => {
    const c = validConfig();
    c.suppressions = [
      { id: "GE999", reason: "a long enough reason" },
      { id: "GE112", reason: "a long enough reason" },
    ];
    expect(brief(validate(c))).toEqual([
      "GE002 suppressions[0].id Suppression names unknown rule `GE999`.",
      "GE002 suppressions[1].id Rule GE112 (literal-secret) cannot be suppressed: it guards the output's correctness or a secret.",
    ]);
  });

  it("warns about a suppression that matched nothing", () => {
    const c = validConfig();
    c.suppressions = [{ id: "GE202", reason: "we will move to GRAPH next quarter" }];
    const result = validate(c);
    expect(brief(result)).toEqual(["GE003 suppressions[0].id Suppression of GE202 matched no finding."]);
    expect(result.errors).toEqual([]);
  });
});

describe("every finding", () => {
  it("comes in document order with all fields, and locate() positions are attached", () => {
    const c = validConfig();
    c.mailboxes.inbound.push(inboundMailbox("b", { maxSizeMb: 50 }), inboundMailbox("a b", { mailbox: "ab@contoso.com", password: { env: "AB" } }));
    // One line per mailbox (inbound[i] on line 10 * i), one per field below it.
    const result = validate(c, { locate: (path) => ({ file: "x.yaml", line: 10 * Number(path[2] ?? 0) + path.length, column: 1 }), environment: "dev" });
    expect(result.findings.map((f) => f.path)).toEqual(["mailboxes.inbound[1].maxSizeMb", "mailboxes.inbound[2].name"]);
    expect(result.findings[0]).toEqual({
      ruleId: "GE105",
      severity: "error",
      path: "mailboxes.inbound[1].maxSizeMb",
      message: "Max size must be a whole number of MB from 5 to 20; 50 is above 20.",
      fix: "set maxSizeMb to a whole number from 5 to 20 (default 5)",
      location: { file: "x.yaml", line: 14, column: 1 },
      environment: "dev",
    });
  });

  it("defaults are applied: maxSizeMb 5, auth oauth2, smtp-client, the global authority", () => {
    const c = validConfig() as any;
    delete c.mailboxes.inbound[0].maxSizeMb;
    delete c.mailboxes.inbound[0].auth;
    delete c.tenant.authority;
    const { config } = validate(c);
    expect(config!.mailboxes.inbound[0]!.maxSizeMb).toBe(5);
    expect(config!.mailboxes.inbound[0]!.auth).toBe("oauth2");
    expect(config!.mailboxes.outbound!.name).toBe("smtp-client");
    expect(config!.tenant.authority).toBe("https://login.microsoftonline.com/");
  });
});
