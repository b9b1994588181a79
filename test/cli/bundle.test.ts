// bin/genesys-email runs the bundled command line (dist/bundle, scripts/bundle.js), with CDKTF from the bundled copy
// when that copy is the installed versions. Whichever way CDKTF is loaded, synth writes the same files as the
// library's code (dist/cli, tsc's output, on the installed packages). Real processes, on the examples.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileTree as tree } from "../support/file-tree";
import { runRecordingLoads, writeRecordLoadsHook } from "../support/record-loads";

// Real paths: require.cache holds them (a temporary folder may be behind a link, as /var is on macOS).
const ROOT = realpathSync(join(__dirname, "../.."));
const BUNDLE = join(ROOT, "dist/bundle");

let dir: string;
let hook: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "ge-bundle-")));
  hook = writeRecordLoadsHook(dir);
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
async function synth(entry: string, config: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string; out: string; files: string[] }> {
  const out = join(dir, `out-${++runs}`);
  const { code, stderr, files } = await runRecordingLoads(hook, join(dir, `files-${runs}.json`), entry, ["synth", config, "--out", out], { cwd: ROOT, env });
  return { code, stderr, out, files };
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
