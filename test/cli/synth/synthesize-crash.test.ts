import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { synthesize } from "../../../cli/synth/synthesize";
import { config, imap } from "../../constructs/helpers";

/** Nothing half-written: a crash in the middle of synthesis leaves the previous output as it was. */
describe("synthesize when synthesis crashes midway", () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "genesys-crash-"));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(work, { recursive: true, force: true });
  });

  test("after writing part of a stack, the crash surfaces and the previous output is byte-identical", async () => {
    // GIVEN a previous synth, and Terraform state beside it
    const out = join(work, "out");
    await synthesize({ outDir: out, stacks: [{ name: "cc", config: config([imap("support")]) }] });
    const file = join(out, "stacks", "cc", "cdk.tf.json");
    writeFileSync(join(out, "stacks", "cc", "terraform.cc.tfstate"), '{"version":4}');
    const before = readFileSync(file);
    const listing = readdirSync(out, { recursive: true }).sort();

    // WHEN synthesis writes a truncated file and then dies (disk full, a bug, a kill)
    jest.spyOn(App.prototype, "synth").mockImplementation(function (this: App) {
      const dir = join(this.outdir, "stacks", "cc");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "cdk.tf.json"), '{"resource": {');
      throw new Error("ENOSPC: no space left on device");
    });
    await expect(synthesize({ outDir: out, stacks: [{ name: "cc", config: config([imap("support"), imap("sales")]) }] })).rejects.toThrow("ENOSPC");

    // THEN the old output is untouched, state included, and no temporary folder is left behind
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readFileSync(join(out, "stacks", "cc", "terraform.cc.tfstate"), "utf8")).toBe('{"version":4}');
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(listing);
    expect(readdirSync(work)).toEqual(["out"]);
    expect(statSync(file).size).toBe(before.length);
  });
});
