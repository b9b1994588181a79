// Start-up cost: validate, diff and manifest never load CDKTF or the azuread provider (issue 7);
// only synth does. Each command runs as a real process (bin/genesys-email on dist/bundle, built by the
// global setup) with a --require hook that records every package the process asks for and every file it loads.
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRecordingLoads, writeRecordLoadsHook } from "../support/record-loads";

// Real paths, as require.cache holds them.
const ROOT = realpathSync(join(__dirname, "../.."));
const BIN = join(ROOT, "bin/genesys-email");
const CDKTF = ["cdktf", "@cdktf/provider-azuread", "constructs"];
/** A file of CDKTF, constructs or a provider: installed, or the bundled copy (scripts/bundle.js). */
const CDKTF_FILE = /node_modules[\\/](cdktf|constructs|@cdktf)[\\/]|dist[\\/]bundle[\\/]cdktf\.js$/;

let dir: string;
let hook: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "ge-startup-")));
  hook = writeRecordLoadsHook(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** The packages a `genesys-email <args>` process asked for, the files it loaded, whether zod ran, and its exit code. */
function packagesLoadedBy(args: string[]) {
  return runRecordingLoads(hook, join(dir, `loads-${++runs}.json`), BIN, args, { cwd: ROOT });
}

describe("start-up: which packages each command loads", () => {
  it.each([
    ["validate", ["validate", "examples/contact-center.yaml"]],
    ["validate (environments)", ["validate", "examples/environments.yaml"]],
    ["diff", ["diff", "examples/environments.yaml", "--env", "dev", "--env", "prod"]],
    ["manifest", ["manifest", "examples/contact-center.yaml"]],
  ])("%s never loads CDKTF or the provider", async (_name, args) => {
    // WHEN
    const { code, packages, files, zod, stderr } = await packagesLoadedBy(args);
    // THEN
    expect(stderr).not.toContain("internal error");
    expect(code).toBeLessThan(2);
    expect(zod).toBe(true);
    expect(packages.filter((p) => CDKTF.includes(p))).toEqual([]);
    expect(files.filter((f) => CDKTF_FILE.test(f))).toEqual([]);
  });

  it("--help loads no library and no file but the command line's own, and runs none of zod", async () => {
    const { code, packages, files, zod } = await packagesLoadedBy(["--help"]);
    expect(code).toBe(0);
    expect(packages).toEqual([]);
    expect(zod).toBe(false);
    expect(files.filter((f) => f !== hook).sort()).toEqual([join(ROOT, "bin/genesys-email"), join(ROOT, "dist/bundle/cli.js")]);
  });

  it("validate of a file that cannot be read fails before zod runs", async () => {
    const { code, zod, stderr } = await packagesLoadedBy(["validate", join(dir, "no-such-file.yaml")]);
    expect(code).toBe(2);
    expect(stderr).toContain("no-such-file.yaml");
    expect(zod).toBe(false);
  });

  it("synth loads them (so the hook does see CDKTF): the bundled copy, which is the installed versions", async () => {
    const { code, files } = await packagesLoadedBy(["synth", "examples/contact-center.yaml", "--out", join(dir, "out")]);
    expect(code).toBe(0);
    expect(files.filter((f) => CDKTF_FILE.test(f))).toEqual([join(ROOT, "dist/bundle/cdktf.js")]);
  });
});
