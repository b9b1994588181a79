import fc from "fast-check";
import { validate } from "../../src/rules/engine";
import { formatPath } from "../../src/model/path";
import { inboundMailbox, validConfig } from "./fixtures";

// Shape errors no longer hold the value rules back: every rule whose fields are well-formed runs in the same round.
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.ruleId} ${f.path}`);
type Input = ReturnType<typeof validConfig> & Record<string, unknown>;
const config = (change: (c: Input) => void): Input => {
  const c = validConfig() as Input;
  change(c);
  return c;
};
// The file format is untyped: mutations write deliberately wrong values.
const inbound0 = (c: Input) => c.mailboxes.inbound[0] as Record<string, unknown>;

describe("one round of findings", () => {
  it("an unknown key does not hold back a 41-character name, a Max size of 25 and a bad GUID", () => {
    const result = validate(
      config((c) => {
        c.tenant!.directoryId = "not-a-guid";
        inbound0(c).name = "a".repeat(41);
        inbound0(c).maxSizeMb = 25;
        inbound0(c).designerApp = "Support";
      }),
    );
    expect(result.config).toBeUndefined();
    // In the order of the input (tenant first; designerApp, added last, last).
    expect(brief(result)).toEqual([
      "GE114 tenant.directoryId",
      "GE102 mailboxes.inbound[0].name",
      "GE105 mailboxes.inbound[0].maxSizeMb",
      "GE001 mailboxes.inbound[0].designerApp",
    ]);
    expect(result.findings[3]!.fix).toMatch(/^did you mean designerApplication\? /);
    expect(result.skippedRules).toBeUndefined();
  });

  it("a rule is skipped only when a field it reads is malformed", () => {
    // GIVEN: Max size as text (a shape error), and a name too long (a rule finding on the same mailbox)
    const result = validate(
      config((c) => {
        inbound0(c).maxSizeMb = "25";
        inbound0(c).name = "a".repeat(41);
      }),
    );
    // THEN: GE102 runs; GE105 (Max size range) waits for a number, and says so
    expect(brief(result)).toEqual(["GE102 mailboxes.inbound[0].name", "GE001 mailboxes.inbound[0].maxSizeMb"]);
    expect(result.skippedRules).toEqual(["GE105"]);
  });

  it("a malformed mailbox holds back the rules that read every mailbox, not the others", () => {
    const result = validate(
      config((c) => {
        (c.mailboxes.inbound as unknown[]).push("not a mailbox");
        c.application!.clientId = "my-app";
      }),
    );
    expect(brief(result)).toEqual(["GE125 application.clientId", "GE001 mailboxes.inbound[1]"]);
    expect(result.skippedRules).toContain("GE102");
    expect(result.skippedRules).not.toContain("GE125");
  });

  it("an unknown field makes no known field malformed: the rules see the config as written", () => {
    const result = validate(
      config((c) => {
        inbound0(c).passwrd = inbound0(c).password;
        delete inbound0(c).password;
      }),
    );
    // The typo, and what it leaves out: both true, both point at the same fix.
    expect(brief(result)).toEqual(["GE001 mailboxes.inbound[0].passwrd", "GE111 mailboxes.inbound[0].password"]);
    expect(result.findings[0]!.fix).toMatch(/^did you mean password\? /);
    expect(result.skippedRules).toBeUndefined();
  });

  it("suppressions still apply; a suppression of a rule that could not run is not called unused", () => {
    const result = validate(
      config((c) => {
        c.mailboxes.inbound.push(inboundMailbox("ews", { server: { host: "outlook.office365.com", type: "EWS" } }));
        c.suppressions = [
          { id: "GE202", reason: "Moving to GRAPH in Q1; tracked in CHG-1234" },
          { id: "GE105", reason: "waiting for the vendor to raise the limit" },
        ];
        inbound0(c).maxSizeMb = true;
      }),
    );
    expect(brief(result)).toEqual(["GE001 mailboxes.inbound[0].maxSizeMb"]);
    expect(result.suppressed.map((s) => s.ruleId)).toEqual(["GE202"]);
  });

  it("a malformed suppression is reported once (GE001), not also as an unknown rule", () => {
    const result = validate(config((c) => (c.suppressions = [{ id: 202, reason: "a reason long enough" }] as never)));
    expect(brief(result)).toEqual(["GE001 suppressions[0].id"]);
  });

  it("a config that is not a mapping runs no rule and says so", () => {
    const result = validate(["a list"]);
    expect(brief(result)).toEqual(["GE001 (root)"]);
    expect(result.skippedRules).toContain("GE102");
  });

  it("enum values get a suggestion", () => {
    const result = validate(config((c) => (inbound0(c).server = { host: "outlook.office365.com", type: "imap" })));
    expect(result.findings.map((f) => [f.ruleId, f.fix])).toEqual([["GE106", expect.stringMatching(/^did you mean IMAP\? Otherwise set server\.type to one of /)]]);
    const audience = validate(config((c) => (c.application!.audience = "single-tenat" as never)));
    expect(audience.findings.map((f) => f.fix)).toEqual(["did you mean single-tenant? Use one of multi-tenant, single-tenant"]);
  });

  it("property: a field of the wrong type never changes what the other rules find", () => {
    // GIVEN a config with findings of its own, and every field in it that holds a plain value
    const base = () =>
      config((c) => {
        c.mailboxes.inbound.push(inboundMailbox("a b", { maxSizeMb: 30, server: { host: "outlook.office365.com", type: "EWS" } }), inboundMailbox("a b"));
        c.tenant!.directoryId = "nope";
      });
    const expected = brief(validate(base()));
    const leaves: Array<{ path: Array<string | number>; value: unknown }> = [];
    const walk = (v: unknown, path: Array<string | number>) => {
      if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
      else leaves.push({ path, value: v });
    };
    walk(base(), []);
    const wrong = fc.constantFrom<unknown>(7, "text", true, null, [], {}, [1], { x: 1 }, Number.NaN, Infinity);
    fc.assert(
      fc.property(fc.constantFrom(...leaves), wrong, ({ path, value: original }, value) => {
        // Only a value of another type (or a number no field takes): one field malformed, all else as it was.
        fc.pre(typeof value !== typeof original || (typeof value === "number" && !Number.isFinite(value)));
        const input = base() as Record<string | number, unknown>;
        const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, input);
        parent[path[path.length - 1]!] = value;
        // WHEN
        const result = validate(input);
        // THEN: the field's own finding, and exactly the valid config's findings of every rule that did not read it
        const skipped = new Set(result.skippedRules ?? []);
        const changed = formatPath(path);
        const others = brief(result).filter((f) => !f.endsWith(` ${changed}`));
        expect(others).toEqual(expected.filter((f) => !f.endsWith(` ${changed}`) && !skipped.has(f.split(" ")[0]!)));
        expect(result.findings.some((f) => f.path === changed)).toBe(true);
        for (const f of result.findings) expect(f.message).not.toMatch(/could not run/);
      }),
      { numRuns: 400, seed: 1725 },
    );
  });
});

describe("number messages say which number and why", () => {
  it.each([
    ["above the range", 25, "GE105", "Max size must be a whole number of MB from 5 to 20; 25 is above 20."],
    ["below the range", 4, "GE105", "Max size must be a whole number of MB from 5 to 20; 4 is below 5."],
    ["not whole", 5.5, "GE105", "Max size must be a whole number of MB from 5 to 20; 5.5 is not a whole number."],
    ["below and not whole", 0.5, "GE105", "Max size must be a whole number of MB from 5 to 20; 0.5 is below 5 and not a whole number."],
    ["1e400 (YAML reads it as infinity)", Infinity, "GE001", "maxSizeMb must be a number; infinity (YAML's .inf, or a number too large to hold, such as 1e400) given."],
    ["minus infinity", -Infinity, "GE001", "maxSizeMb must be a number; minus infinity (YAML's .inf, or a number too large to hold, such as 1e400) given."],
    ["NaN", Number.NaN, "GE001", "maxSizeMb must be a number; NaN (not a number; YAML's .nan) given."],
  ])("%s", (_name, value, rule, message) => {
    const result = validate(config((c) => (inbound0(c).maxSizeMb = value)));
    expect(result.findings.map((f) => [f.ruleId, f.message])).toEqual([[rule, message]]);
  });

  it("ports and secret lifetimes too", () => {
    const result = validate(
      config((c) => {
        (inbound0(c).server as Record<string, unknown>).port = 0;
        c.application!.clientSecretLifetimeDays = 731.5;
      }),
    );
    expect(result.findings.map((f) => f.message)).toEqual([
      "Client secret lifetime must be a whole number of days from 1 to 730; 731.5 is above 730 and not a whole number.",
      "Port must be a whole number from 1 to 65535; 0 is below 1.",
    ]);
  });
});

describe("GE123 never repeats what was typed where a variable name belongs", () => {
  it.each([
    ["a pasted secret", "p@ss w0rd!", "it contains characters other than letters, digits and _"],
    ["a leading digit", "1PASSWORD", "it starts with a digit"],
    ["empty", "", "it is empty"],
  ])("%s", (_name, env, why) => {
    const result = validate(config((c) => (inbound0(c).password = { env })));
    expect(result.findings.map((f) => [f.ruleId, f.path, f.message])).toEqual([
      ["GE123", "mailboxes.inbound[0].password.env", `env must name an environment variable, and ${why}; the value is not shown, in case it is the secret itself.`],
    ]);
    if (env !== "") expect(JSON.stringify(result.findings)).not.toContain(env);
  });

  it("GE116 names a shared password variable only when it is a variable name", () => {
    const secret = "hunter2-pasted!";
    const result = validate(
      config((c) => {
        inbound0(c).password = { env: secret };
        c.mailboxes.outbound!.password = { env: secret };
      }),
    );
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(["GE116", "GE123", "GE123"]);
    expect(JSON.stringify(result.findings)).not.toContain(secret);
  });
});
