// Start-up cost: validate, diff and manifest never load CDKTF or the azuread provider (issue 7);
// only synth does. Each command runs as a real process (bin/genesys-email on dist/bundle, built by the
// global setup) with a --require hook that records every package the process asks for and every file it loads.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Real paths, as require.cache holds them.
const ROOT = realpathSync(join(__dirname, "../.."));
const BIN = join(ROOT, "bin/genesys-email");
const CDKTF = ["cdktf", "@cdktf/provider-azuread", "constructs"];
/** A file of CDKTF, constructs or a provider: installed, or the bundled copy (scripts/bundle.js). */
const CDKTF_FILE = /node_modules[\\/](cdktf|constructs|@cdktf)[\\/]|dist[\\/]bundle[\\/]cdktf\.js$/;

const HOOK = `
const Module = require("node:module");
const packages = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  const m = /^(@[^/]+\\/[^/]+|[^./][^/]*)/.exec(request);
  if (m && !request.startsWith("node:")) packages.add(m[1]);
  return load.call(this, request, ...rest);
};
// zod keeps its settings on globalThis (zod/v4/core/core.js): set once zod's code has run, bundled or not.
process.on("exit", () => require("node:fs").writeFileSync(process.env.RECORD_LOADS_TO, JSON.stringify({ packages: [...packages].sort(), files: Object.keys(require.cache), zod: globalThis.__zod_globalConfig !== undefined })));
`;

let dir: string;
let hook: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "ge-startup-")));
  hook = join(dir, "record-loads.js");
  writeFileSync(hook, HOOK);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** The packages a `genesys-email <args>` process asked for, the files it loaded, and its exit code. */
function packagesLoadedBy(args: string[]): Promise<{ code: number; packages: string[]; files: string[]; zod: boolean; stderr: string }> {
  const record = join(dir, `loads-${++runs}.json`);
  return new Promise((resolve) => {
    execFile(process.execPath, ["--require", hook, BIN, ...args], { cwd: ROOT, env: { ...process.env, RECORD_LOADS_TO: record } }, (error, _stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code, ...(JSON.parse(readFileSync(record, "utf8")) as { packages: string[]; files: string[]; zod: boolean }), stderr });
    });
  });
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
