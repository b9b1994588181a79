// The package as a user installs it: `npm pack`, then the tarball in a fresh CDKTF app of the user's own, with
// `constructs` at another patch version of the peer range than the one this repository develops with. Slow (an npm
// install from the local cache, the registry for what the cache lacks), so it runs once, in this file.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readLoads, writeRecordLoadsHook } from "../support/record-loads";

const ROOT = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** Inside `constructs`' peer range (^10.4.2), but not the version in devDependencies. */
const APP_CONSTRUCTS = "10.4.2";

function run(command: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_")));
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...env, NO_UPDATE_NOTIFIER: "1", ...extraEnv }, timeout: 240_000 });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>): string {
  if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe("the packed package", () => {
  // A real path: require.cache holds real paths (a temporary folder may be behind a link, as /var is on macOS).
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ge-pack-")));
  const app = join(dir, "app");
  let files: string[] = [];
  let tarball = "";
  const hook = writeRecordLoadsHook(dir);

  /** The installed bin's synth of the app's config into `out`: its result, the files it loaded, the cdk.tf.json. */
  function binSynth(out: string) {
    const record = join(dir, `${out}.loads.json`);
    const r = run(process.execPath, ["--require", hook, join(app, "node_modules", pkg.name, "bin", "genesys-email"), "synth", "contact-center.yaml", "--out", out], app, { RECORD_LOADS_TO: record });
    return { r, loaded: readLoads(record).files };
  }
  const written = (out: string) => readFileSync(join(app, out, "stacks", "contact-center", "cdk.tf.json"), "utf8");

  beforeAll(() => {
    // --ignore-scripts: dist/ is built by jest's global setup; `prepare` would delete it under the other tests.
    const [packed] = JSON.parse(ok(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], ROOT))) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path);
    tarball = join(dir, packed!.filename);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("ships no tests, benchmarks or CI files, and everything the exports, types and bin point to", () => {
    expect(files.filter((f) => /^(test|bench|\.ci|scripts|src|constructs|cli)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.test\.|tsconfig|jest\.config|\.dependency-cruiser/.test(f))).toEqual([]);
    const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
    for (const target of targets) expect(files).toContain(target.replace(/^\.\//, ""));
    expect(files).toEqual(expect.arrayContaining(["bin/genesys-email", "LICENSE", "CHANGELOG.md", "README.md", "package.json", "dist/cli/index.js"]));
    // The command line bin/genesys-email runs (scripts/bundle.js), and the notices of the packages bundled into it.
    expect(files).toEqual(expect.arrayContaining(["dist/bundle/cli.js", "dist/bundle/cdktf.js", "dist/bundle/cdktf-versions.json", "dist/bundle/THIRD-PARTY-NOTICES.md"]));
  });

  test(`installs into a fresh CDKTF app with constructs ${APP_CONSTRUCTS} and synthesizes a stack with plain node`, () => {
    // GIVEN the user's own app: its package.json, the peers at the versions it chose, and a config
    run("mkdir", ["-p", app], dir);
    const peers = { cdktf: pkg.devDependencies.cdktf!, constructs: APP_CONSTRUCTS, "@cdktf/provider-azuread": pkg.devDependencies["@cdktf/provider-azuread"]!, "@cdktf/provider-time": pkg.devDependencies["@cdktf/provider-time"]! };
    for (const name of Object.keys(pkg.peerDependencies)) expect(peers).toHaveProperty([name]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "user-app", private: true, dependencies: { ...peers, [pkg.name]: `file:${tarball}` } }, null, 2));
    copyFileSync(join(ROOT, "examples", "contact-center.yaml"), join(app, "contact-center.yaml"));
    writeFileSync(
      join(app, "main.js"),
      [
        'const { App } = require("cdktf");',
        'const { GenesysEmailStack } = require("genesys-email-iac/constructs");',
        'const { loadConfigFile } = require("genesys-email-iac");',
        'const app = new App({ outdir: "cdktf.out" });',
        'new GenesysEmailStack(app, "contact-center", { config: loadConfigFile("contact-center.yaml").data });',
        "app.synth();",
      ].join("\n"),
    );
    ok(run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], app));

    // WHEN
    const synth = run(process.execPath, ["main.js"], app);

    // THEN one constructs in the tree (the app's), and the stack is synthesized
    expect(synth.stderr).toBe("");
    expect(synth.status).toBe(0);
    expect(existsSync(join(app, "node_modules", pkg.name, "node_modules", "constructs"))).toBe(false);
    expect(JSON.parse(readFileSync(join(app, "node_modules", "constructs", "package.json"), "utf8")).version).toBe(APP_CONSTRUCTS);
    const stack = JSON.parse(readFileSync(join(app, "cdktf.out", "stacks", "contact-center", "cdk.tf.json"), "utf8"));
    expect(Object.keys(stack.resource).sort()).toEqual(expect.arrayContaining(["azuread_application", "azuread_service_principal"]));
    expect(stack.terraform.backend).toEqual({ local: { path: "terraform.contact-center.tfstate" } });
    expect(existsSync(join(app, "cdktf.out", "stacks", "contact-center", "migration-request.json"))).toBe(true);
  }, 300_000);

  test("the installed bin validates a config", () => {
    const r = run(join(app, "node_modules", ".bin", "genesys-email"), ["validate", "contact-center.yaml"], app);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^contact-center\.yaml: 0 errors, /m);
    expect(r.status).toBe(0);
  });

  test(`the installed bin synthesizes with the app's constructs ${APP_CONSTRUCTS}, not its bundled copy of another version, and writes what the library wrote`, () => {
    // WHEN
    const { r, loaded } = binSynth("cli.out");
    // THEN
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(loaded).toContain(join(app, "node_modules", "constructs", "lib", "index.js"));
    expect(loaded.filter((f) => f.endsWith("cdktf.js"))).toEqual([]);
    expect(written("cli.out")).toBe(written("cdktf.out"));
  }, 120_000);

  test("with the peers at the bundled versions, the installed bin loads its bundled CDKTF copy and writes the same", () => {
    // GIVEN the app's constructs moved to the version the bundle was built with
    const bundle = join(app, "node_modules", pkg.name, "dist", "bundle");
    const { versions } = JSON.parse(readFileSync(join(bundle, "cdktf-versions.json"), "utf8")) as { versions: Record<string, string> };
    ok(run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", `constructs@${versions.constructs}`], app));
    // WHEN
    const { r, loaded } = binSynth("bundled.out");
    // THEN
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(loaded).toContain(join(bundle, "cdktf.js"));
    expect(loaded.filter((f) => f.startsWith(join(app, "node_modules", "constructs")) || f.startsWith(join(app, "node_modules", "cdktf")))).toEqual([]);
    expect(written("bundled.out")).toBe(written("cdktf.out"));
  }, 120_000);

  test("each export has types a TypeScript app resolves through the exports map", () => {
    writeFileSync(
      join(app, "check-types.ts"),
      [
        'import { App } from "cdktf";',
        'import { GenesysEmailStack, GenesysEmail } from "genesys-email-iac/constructs";',
        'import { validate, main, EXIT, type EmailConfigInput } from "genesys-email-iac";',
        "const config: EmailConfigInput = { mailboxes: { inbound: [] } } as unknown as EmailConfigInput;",
        "const stack = new GenesysEmailStack(new App(), \"x\", { config });",
        "const email: GenesysEmail = stack.email;",
        "export const used = [validate(config).errors.length, main, EXIT.ok, email];",
      ].join("\n"),
    );
    const tsc = require.resolve("typescript/bin/tsc");
    const r = run(process.execPath, [tsc, "--noEmit", "--strict", "--skipLibCheck", "--module", "node16", "--moduleResolution", "node16", "--types", "node", "--typeRoots", join(ROOT, "node_modules", "@types"), "check-types.ts"], app);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);
});
