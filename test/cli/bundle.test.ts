// bin/genesys-email runs the bundled command line (dist/bundle, scripts/bundle.js), with CDKTF from the bundled copy
// when that copy is the installed versions. Whichever way CDKTF is loaded, synth writes the same files as the
// library's code (dist/cli, tsc's output, on the installed packages). Real processes, on the examples.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "../..");
const BUNDLE = join(ROOT, "dist/bundle");

const HOOK = `process.on("exit", () => require("node:fs").writeFileSync(process.env.RECORD_FILES_TO, JSON.stringify(Object.keys(require.cache))));`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ge-bundle-"));
  writeFileSync(join(dir, "record-files.js"), HOOK);
  // The library's code as a command line: dist/cli/index.js, which loads the installed packages.
  writeFileSync(join(dir, "unbundled.js"), `require(${JSON.stringify(join(ROOT, "dist/cli/index.js"))}).run();\n`);
  // A bundle whose CDKTF copy is another cdktf version than the installed one.
  const other = join(dir, "other-version");
  mkdirSync(join(other, "bundle"), { recursive: true });
  for (const f of ["cli.js", "cdktf.js"]) copyFileSync(join(BUNDLE, f), join(other, "bundle", f));
  const versions = JSON.parse(readFileSync(join(BUNDLE, "cdktf-versions.json"), "utf8")) as { versions: Record<string, string> };
  writeFileSync(join(other, "bundle", "cdktf-versions.json"), JSON.stringify({ versions: { ...versions.versions, cdktf: "0.0.1" } }));
  copyFileSync(join(ROOT, "package.json"), join(other, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(other, "node_modules"), "dir");
  writeFileSync(join(other, "bin.js"), `require("./bundle/cli.js").run();\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
function synth(entry: string, config: string): Promise<{ code: number; stderr: string; out: string; files: string[] }> {
  const out = join(dir, `out-${++runs}`);
  const record = join(dir, `files-${runs}.json`);
  return new Promise((resolve) => {
    execFile(process.execPath, ["--require", join(dir, "record-files.js"), entry, "synth", config, "--out", out], { cwd: ROOT, env: { ...process.env, RECORD_FILES_TO: record } }, (error, _stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code, stderr, out, files: JSON.parse(readFileSync(record, "utf8")) as string[] });
    });
  });
}

/** Every file under a folder, by relative path, with its content. */
function tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[relative(root, p)] = readFileSync(p, "utf8");
    }
  };
  walk(root);
  return files;
}

const installedCdktf = (files: string[]) => files.some((f) => f === join(ROOT, "node_modules/cdktf/lib/index.js"));
const bundledCdktf = (files: string[]) => files.some((f) => f.endsWith(join("bundle", "cdktf.js")));

describe.each(["examples/environments.yaml", "examples/contact-center.yaml"])("synth %s", (config) => {
  let reference: Record<string, string>;
  beforeAll(async () => {
    const r = await synth(join(dir, "unbundled.js"), config);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(installedCdktf(r.files)).toBe(true);
    reference = tree(r.out);
  });

  test("bin/genesys-email loads the bundled CDKTF copy (the installed versions) and writes the same files as the library's code", async () => {
    // WHEN
    const r = await synth(join(ROOT, "bin/genesys-email"), config);
    // THEN
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(bundledCdktf(r.files)).toBe(true);
    expect(installedCdktf(r.files)).toBe(false);
    expect(tree(r.out)).toEqual(reference);
    expect(Object.keys(reference)).toEqual(expect.arrayContaining([expect.stringMatching(/cdk\.tf\.json$/)]));
  });

  test("with a bundled copy of another cdktf version, the installed packages are loaded, and the files are the same", async () => {
    // WHEN
    const r = await synth(join(dir, "other-version", "bin.js"), config);
    // THEN
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(bundledCdktf(r.files)).toBe(false);
    expect(installedCdktf(r.files)).toBe(true);
    expect(tree(r.out)).toEqual(reference);
  });
});

test("THIRD-PARTY-NOTICES.md names every bundled package with its version and license, and no installed dependency", () => {
  const notices = readFileSync(join(BUNDLE, "THIRD-PARTY-NOTICES.md"), "utf8");
  const installed = (name: string) => (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  for (const name of ["zod", "yaml", "cdktf", "constructs", "@cdktf/provider-azuread", "@cdktf/provider-time"]) {
    expect(notices).toContain(`## ${name} ${installed(name)}\n\nLicense: `);
  }
  expect(notices).toMatch(/## cdktf [\d.]+\n\nLicense: MPL-2\.0\n\nThe package holds no license file; the license text is in its source repository, \S*github\.com\/hashicorp\/terraform-cdk\S*, and at https:\/\/spdx\.org\/licenses\/MPL-2\.0\.html\./);
  expect(notices).toMatch(/## zod [\d.]+\n\nLicense: MIT\n\n````\nMIT License/);
  for (const name of ["imapflow", "nodemailer", "@azure/msal-node", "csv-parse"]) expect(notices).not.toContain(`## ${name} `);
});
