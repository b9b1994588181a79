import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigFileError, loadConfigFile, parseConfigText } from "../../src/config/load";
import { errorOf as thrown } from "../support/error-of";

const errorOf = (fn: () => unknown) => thrown(fn, ConfigFileError);

describe("loading a config file", () => {
  const dir = mkdtempSync(join(tmpdir(), "ge-load-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports a missing file in one line", () => {
    expect(errorOf(() => loadConfigFile(join(dir, "nope.yaml"))).describe()).toBe(`${join(dir, "nope.yaml")}: no such file`);
  });

  it("reports a directory", () => {
    mkdirSync(join(dir, "d"));
    expect(errorOf(() => loadConfigFile(join(dir, "d"))).describe()).toBe(`${join(dir, "d")}: is a directory, not a file`);
  });

  it("reports a YAML syntax error with line and column", () => {
    const e = errorOf(() => parseConfigText("mailboxes:\n  inbound: [\n  - a\n", "x.yaml"));
    expect(e.line).toBe(3);
    expect(e.describe()).toMatch(/^x\.yaml:3:\d+: YAML syntax error: /);
    expect(e.describe()).not.toContain("\n");
  });

  it("rejects duplicate keys at their position", () => {
    expect(errorOf(() => parseConfigText("mailboxes: {}\nmailboxes: {}\n", "x.yaml")).describe()).toBe("x.yaml:2:1: YAML syntax error: Map keys must be unique");
  });

  it("refuses to expand a billion-laughs alias bomb", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghij"[i]}: &${"abcdefghij"[i]} [${Array(10).fill(`*${"abcdefghij"[i - 1]}`).join(", ")}]`);
    const e = errorOf(() => parseConfigText(`${levels.join("\n")}\nmailboxes: {}\n`, "bomb.yaml"));
    expect(e.describe()).toMatch(/^bomb\.yaml: YAML could not be expanded: Excessive alias count/);
  });

  it("reports an empty file", () => {
    expect(errorOf(() => parseConfigText("# nothing\n", "e.yaml")).describe()).toBe("e.yaml:1:1: the file is empty; expected a mapping with mailboxes:");
  });

  it("reads JSON too, and locates values by field path", () => {
    const file = join(dir, "c.json");
    writeFileSync(file, '{\n  "mailboxes": {\n    "inbound": [\n      { "name": "a", "maxSizeMb": 30 }\n    ]\n  }\n}\n');
    const loaded = loadConfigFile(file);
    expect(loaded.locate(["mailboxes", "inbound", 0, "maxSizeMb"])).toEqual({ file, line: 4, column: 35 });
    // An absent field points at its nearest existing parent.
    expect(loaded.locate(["mailboxes", "inbound", 0, "server", "host"])).toEqual({ file, line: 4, column: 7 });
  });
});
