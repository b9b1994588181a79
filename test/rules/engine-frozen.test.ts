// A deeply frozen config may be validated once and the result reused (synth validates each environment twice):
// whatever the engine reuses, each call reports its own positions and environment, and a config that can still
// change is judged as it is now.
import { freezeConfig, validate } from "../../src/rules/engine";
import { inboundMailbox, validConfig } from "./fixtures";

describe("validating a frozen config", () => {
  it("re-attaches positions and the environment per call", () => {
    // GIVEN
    const config = freezeConfig({ ...validConfig(), mailboxes: { ...validConfig().mailboxes, inbound: [...validConfig().mailboxes.inbound, inboundMailbox("big", { maxSizeMb: 30 })] } });
    // WHEN
    const plain = validate(config);
    const located = validate(config, { environment: "prod", locate: () => ({ file: "c.yaml", line: 3, column: 5 }) });
    const again = validate(config);
    // THEN
    expect(plain.findings.map((f) => [f.ruleId, f.path, f.location, f.environment])).toEqual([["GE105", "mailboxes.inbound[1].maxSizeMb", undefined, undefined]]);
    expect(located.findings.map((f) => [f.ruleId, f.path, f.location, f.environment])).toEqual([["GE105", "mailboxes.inbound[1].maxSizeMb", { file: "c.yaml", line: 3, column: 5 }, "prod"]]);
    expect(again.findings).toEqual(plain.findings);
  });

  it("judges a config that is not deeply frozen as it is at each call (it may have changed)", () => {
    // GIVEN
    const config = validConfig();
    Object.freeze(config); // the top only: its mailboxes can still change
    // WHEN
    const before = validate(config);
    (config.mailboxes.inbound[0] as { maxSizeMb?: number }).maxSizeMb = 30;
    const after = validate(config);
    // THEN
    expect(before.errors).toEqual([]);
    expect(after.errors.map((f) => f.ruleId)).toEqual(["GE105"]);
  });
});
