import { readFileSync } from "node:fs";
import { renderRulesMarkdown } from "../../src/rules/docs";
import { RULES } from "../../src/rules";

describe("RULES.md", () => {
  it("is current with the rule registry (run npm run docs:rules)", () => {
    expect(readFileSync("RULES.md", "utf8")).toBe(renderRulesMarkdown());
  });

  it("lists every rule once", () => {
    const rows = renderRulesMarkdown().split("\n").filter((l) => /^\| GE\d{3} /.test(l));
    expect(rows.map((r) => r.split(" | ")[0]!.slice(2))).toEqual(RULES.map((r) => r.id));
  });
});
