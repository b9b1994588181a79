// bin/genesys-email runs the bundled command line (dist/bundle, scripts/bundle.js), with CDKTF from the bundled copy
// when that copy is the installed versions. Whichever way CDKTF is loaded, synth writes the same files as the
// library's code (dist/cli, tsc's output, on the installed packages). Real processes, on the examples.
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

// Real paths: require.cache holds them (a temporary folder may be behind a link, as /var is on macOS).
const ROOT = realpathSync(join(__dirname, "../.."));
const BUNDLE = join(ROOT, "dist/bundle");

const HOOK = `process.on("exit", () => require("node:fs").writeFileSync(process.env.RECORD_FILES_TO, JSON.stringify(Object.keys(require.cache))));`;

let dir: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "ge-bundle-")));
  writeFileSync(join(dir, "record-files.js"), HOOK);
  // The library's code as a command line: dist/cli/index.js, which loads the installed packages.
  writeFileSync(join(dir, "unbundled.js"), `require(${JSON.stringify(join(ROOT, "dist/cli/index.js"))}).run();\n`);
  // A bundle whose CDKTF copy is another cdktf version than the installed one.
  const versions = JSON.parse(readFileSync(join(BUNDLE, "cdktf-versions.json"), "utf8")) as { versions: Record<string, string> };
  copyBundle("other-version", { ...versions.versions, cdktf: "0.0.1" });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "other-version", "node_modules"), "junction");
  // A bundle with no packages installed beside it.
  copyBundle("no-peers", versions.versions);
});

/** dist/bundle copied to dir/<name>/bundle with the given versions file, a package.json and a bin.js that runs it. */
function copyBundle(name: string, versions: Record<string, string>): void {
  const root = join(dir, name);
  mkdirSync(join(root, "bundle"), { recursive: true });
  for (const f of ["cli.js", "cdktf.js"]) copyFileSync(join(BUNDLE, f), join(root, "bundle", f));
  writeFileSync(join(root, "bundle", "cdktf-versions.json"), JSON.stringify({ versions }));
  copyFileSync(join(ROOT, "package.json"), join(root, "package.json"));
  writeFileSync(join(root, "bin.js"), `require("./bundle/cli.js").run();\n`);
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
function synth(entry: string, config: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string; out: string; files: string[] }> {
  const out = join(dir, `out-${++runs}`);
  const record = join(dir, `files-${runs}.json`);
  return new Promise((resolve) => {
    execFile(process.execPath, ["--require", join(dir, "record-files.js"), entry, "synth", config, "--out", out], { cwd: ROOT, env: { ...process.env, ...env, RECORD_FILES_TO: record } }, (error, _stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      const files = existsSync(record) ? (JSON.parse(readFileSync(record, "utf8")) as string[]) : [];
      resolve({ code, stderr, out, files });
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

  test.each([
    ["GENESYS_EMAIL_BUNDLED_CDKTF=0 (patched packages, say)", () => join(ROOT, "bin/genesys-email"), { GENESYS_EMAIL_BUNDLED_CDKTF: "0" }],
    ["a bundled copy of another cdktf version", () => join(dir, "other-version", "bin.js"), {}],
  ])("with %s, the installed packages are loaded, and the files are the same", async (_case, entry, env) => {
    // WHEN
    const r = await synth(entry(), config, env);
    // THEN
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(bundledCdktf(r.files)).toBe(false);
    expect(installedCdktf(r.files)).toBe(true);
    expect(tree(r.out)).toEqual(reference);
  });
});

test("without the peer dependencies installed, synth names them and how to install them, exit 2, nothing written", async () => {
  // WHEN
  const r = await synth(join(dir, "no-peers", "bin.js"), join(ROOT, "examples/contact-center.yaml"));
  // THEN
  const peers = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { peerDependencies: Record<string, string> }).peerDependencies;
  const install = Object.entries(peers).map(([name, range]) => `${name}@${range}`).join(" ");
  expect(r.stderr).toMatch(new RegExp(`^genesys-email: synth needs (cdktf|constructs), a peer dependency of genesys-email-iac, and it is not installed here: install the peer dependencies beside genesys-email-iac \\(npm install ${install.replace(/[.^$@/()]/g, "\\$&")}\\)\\.\n$`));
  expect(r.code).toBe(2);
  expect(existsSync(join(r.out, "stacks"))).toBe(false);
});

test("THIRD-PARTY-NOTICES.md names every package whose code is in a bundle (per the source maps), with its license", () => {
  const notices = readFileSync(join(BUNDLE, "THIRD-PARTY-NOTICES.md"), "utf8");
  // GIVEN every package folder a bundle's source map names
  const folders = new Set<string>();
  for (const map of ["cli.js.map", "cdktf.js.map"]) {
    for (const source of (JSON.parse(readFileSync(join(BUNDLE, map), "utf8")) as { sources: string[] }).sources) {
      const parts = source.split("/");
      const at = parts.lastIndexOf("node_modules");
      if (at >= 0) folders.add(join(BUNDLE, ...parts.slice(0, at + (parts[at + 1]!.startsWith("@") ? 3 : 2))));
    }
  }
  const packages = [...folders].map((f) => JSON.parse(readFileSync(join(f, "package.json"), "utf8")) as { name: string; version: string });
  expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(["zod", "yaml", "cdktf", "constructs", "@cdktf/provider-azuread", "@cdktf/provider-time"]));
  // THEN each has its entry, and the installed dependencies none
  for (const { name, version } of packages) expect(notices).toContain(`\n## ${name} ${version}\n\nLicense: `);
  expect(notices).toMatch(/\n## cdktf [\d.]+\n\nLicense: MPL-2\.0\n\nThe package holds no license file; its source repository has the text \(\S*github\.com\/hashicorp\/terraform-cdk\S*\)\. The license: https:\/\/spdx\.org\/licenses\/MPL-2\.0\.html\.\n/);
  expect(notices).toMatch(/\n## zod [\d.]+\n\nLicense: MIT\n\n````\nMIT License/);
  for (const name of ["imapflow", "nodemailer", "@azure/msal-node", "csv-parse", "diff", "fastest-levenshtein", "https-proxy-agent"]) expect(notices).not.toContain(`\n## ${name} `);
});
