import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

// `npm run test:unit` is for contributors without root: no Debian install (no pretest) and no suite that starts the mail stack.
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
const list = (config?: string) =>
  spawnSync(process.execPath, [require.resolve("jest/bin/jest"), ...(config ? ["-c", config] : []), "--listTests"], { encoding: "utf8" })
    .stdout.split("\n")
    .filter(Boolean)
    .sort();

describe("npm run test:unit", () => {
  it("installs nothing: no pretest of its own, and it does not go through npm test", () => {
    expect(pkg.scripts["pretest:unit"]).toBeUndefined();
    expect(pkg.scripts["test:unit"]).not.toMatch(/npm (run )?test\b(?!:)|install\.sh/);
    expect(pkg.scripts.pretest).toBe("bash test/support/mail-stack/install.sh"); // still there for npm test
  });

  it("runs every suite but those that start the mail stack", () => {
    const all = list();
    const unit = list("jest.unit.config.js");
    const mailStack = all.filter((file) => /\bstartMailStack\(/.test(readFileSync(file, "utf8")));
    expect(mailStack.length).toBeGreaterThan(0);
    expect(unit).toEqual(all.filter((file) => !mailStack.includes(file)));
  });
});
