// A deeply frozen config is checked once (synth validates each environment twice); anything
// else is checked on every call.
import { freezeConfig, validate } from "../../src/rules/engine";
import { emailConfigSchema } from "../../src/model/config";
import { inboundMailbox, validConfig } from "./fixtures";

function countingParses(): { count: () => number } {
  const spy = jest.spyOn(emailConfigSchema, "safeParse");
  return { count: () => spy.mock.calls.length };
}

afterEach(() => jest.restoreAllMocks());

describe("validating a frozen config", () => {
  it("runs the rules once and re-attaches positions and the environment per call", () => {
    // GIVEN
    const config = freezeConfig({ ...validConfig(), mailboxes: { ...validConfig().mailboxes, inbound: [...validConfig().mailboxes.inbound, inboundMailbox("big", { maxSizeMb: 30 })] } });
    const parses = countingParses();
    // WHEN
    const plain = validate(config);
    const located = validate(config, { environment: "prod", locate: () => ({ file: "c.yaml", line: 3, column: 5 }) });
    // THEN
    expect(parses.count()).toBe(1);
    expect(plain.findings.map((f) => [f.ruleId, f.path, f.location, f.environment])).toEqual([["GE105", "mailboxes.inbound[1].maxSizeMb", undefined, undefined]]);
    expect(located.findings.map((f) => [f.ruleId, f.path, f.location, f.environment])).toEqual([["GE105", "mailboxes.inbound[1].maxSizeMb", { file: "c.yaml", line: 3, column: 5 }, "prod"]]);
    expect(located.config).toBe(plain.config);
  });

  it("checks a config that is not deeply frozen on every call (it may have changed)", () => {
    // GIVEN
    const config = validConfig();
    Object.freeze(config); // the top only: its mailboxes can still change
    const parses = countingParses();
    // WHEN
    const before = validate(config);
    (config.mailboxes.inbound[0] as { maxSizeMb?: number }).maxSizeMb = 30;
    const after = validate(config);
    // THEN
    expect(parses.count()).toBe(2);
    expect(before.errors).toEqual([]);
    expect(after.errors.map((f) => f.ruleId)).toEqual(["GE105"]);
  });
});
