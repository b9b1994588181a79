"use strict";
// dist/bundle/: the command line as bin/genesys-email runs it. Node spends most of a short command's start-up
// finding, reading and compiling small files (about 100 for zod, 40 for yaml, 390 for CDKTF and the providers), not
// running them; a per-module V8 code cache does not change that, one file per part does (docs/performance.md).
// - cli.js: cli/, src/ and constructs/ with zod and yaml, built from the TypeScript sources, so zod's ES modules are
//   tree-shaken (the parts the code uses; one locale, not 60).
// - cdktf.js: cdktf, constructs and the provider modules the code imports, each under the name it is imported by,
//   and cdktf-versions.json, their versions. cli/bundled-cdktf.ts uses that copy only when the installed packages
//   (the peer dependencies) are those versions, and the installed ones otherwise.
// - THIRD-PARTY-NOTICES.md: every package inside either file, its version, license and license text.
// The other dependencies (the check's mail and token clients, csv-parse, diff, ...) stay installed packages, loaded
// by the commands that use them. dist/cli, dist/src and dist/constructs (tsc) remain the library's API.
//
//   node scripts/bundle.js        (npm run build and the tests' global setup run it after tsc)
const { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const esbuild = require("esbuild");

const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "dist/bundle");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

/** Bundled into cli.js: the two libraries every config command loads. */
const INSIDE_CLI = ["zod", "yaml"];
const PEERS = Object.keys(pkg.peerDependencies);
const EXTERNAL = Object.keys(pkg.dependencies).filter((name) => !INSIDE_CLI.includes(name));

const COMMON = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Whitespace and syntax are shortened (~30 ms less start-up than unminified). A source map beside each file
  // (without the sources) maps a stack trace back to files and lines under NODE_OPTIONS=--enable-source-maps; node
  // reads it only then.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "eof",
  metafile: true,
  // Input paths (and the module keys written into the bundle) relative to the repository, wherever this runs from.
  absWorkingDir: ROOT,
  logLevel: "warning",
};

/** Routes every import of a peer package to cli/bundled-cdktf.ts, and records each request. */
function peersPlugin(requests) {
  const chooser = join(ROOT, "cli/bundled-cdktf.ts");
  const filter = new RegExp(`^(${PEERS.map((p) => p.replace(/[/.]/g, "\\$&")).join("|")})(/.*)?$`);
  return {
    name: "peers",
    setup(build) {
      build.onResolve({ filter }, (args) => {
        requests.add(args.path);
        return { path: args.path, namespace: "peer" };
      });
      build.onLoad({ filter: /.*/, namespace: "peer" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(chooser)}).cdktfModule(${JSON.stringify(args.path)});`,
        resolveDir: ROOT,
        loader: "js",
      }));
    },
  };
}

/** The input files that put code into a bundle (the metafile also lists files read and then tree-shaken away). */
function bundledInputs(metafile) {
  return Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file));
}

/**
 * The package folders a bundle's code comes from, relative to the repository (`node_modules/cdktf`,
 * `node_modules/cdktf/node_modules/archiver`, ...): one entry per folder, so two versions of a package are two entries.
 */
function packageFolders(metafile) {
  const found = new Set();
  for (const input of bundledInputs(metafile)) {
    const parts = input.split(/[\\/]/);
    const at = parts.lastIndexOf("node_modules");
    if (at < 0) continue;
    found.add(parts.slice(0, at + (parts[at + 1].startsWith("@") ? 3 : 2)).join("/"));
  }
  return [...found];
}

const packageJson = (folder) => JSON.parse(readFileSync(join(ROOT, folder, "package.json"), "utf8"));
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function notices(folders) {
  const lines = [
    "# Third-party notices",
    "",
    "dist/bundle/cli.js and dist/bundle/cdktf.js (scripts/bundle.js) contain these packages, unmodified apart from",
    "bundling. Each one's source is published on the npm registry under its name and version.",
    "",
  ];
  const entries = folders.map((folder) => ({ folder, meta: packageJson(folder) }));
  const seen = new Set();
  for (const { folder, meta } of entries.sort((a, b) => byText(`${a.meta.name} ${a.meta.version}`, `${b.meta.name} ${b.meta.version}`))) {
    if (seen.has(`${meta.name} ${meta.version}`)) continue;
    seen.add(`${meta.name} ${meta.version}`);
    const license = typeof meta.license === "string" ? meta.license : (meta.license?.type ?? "not stated in its package.json");
    lines.push(`## ${meta.name} ${meta.version}`, "", `License: ${license}`, "");
    const file = readdirSync(join(ROOT, folder)).find((f) => /^(licen[cs]e|copying)([-.][\w.-]+)?$/i.test(f));
    if (file) {
      lines.push("````", readFileSync(join(ROOT, folder, file), "utf8").trim(), "````", "");
    } else {
      // Some packages (cdktf, the providers) publish no license file; their repository has it.
      const repository = typeof meta.repository === "string" ? meta.repository : meta.repository?.url;
      const spdx = /^[A-Za-z0-9.+-]+$/.test(license) ? ` The license: https://spdx.org/licenses/${license}.html.` : "";
      lines.push(`The package holds no license file; its source repository has the text${repository ? ` (${repository})` : ""}.${spdx}`, "");
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * cdktf.js goes without keepNames, so a class of cdktf that refers to itself is named `_TerraformStack` there, not
 * `TerraformStack` (docs/performance.md says where that shows). Refuses any other change to the name of something
 * cdktf.js exports, compared with the installed module: a clash esbuild resolved by renaming (`Token2`).
 */
function exportedNamesKept(cdktfFile, requests) {
  const renamed = [];
  const { modules } = require(cdktfFile);
  for (const request of requests) {
    const bundled = modules[request]();
    for (const [key, value] of Object.entries(require(request))) {
      const name = bundled[key]?.name;
      if (typeof value === "function" && name !== value.name && name !== `_${value.name}`) renamed.push(`${request} ${key} (${value.name} is ${name})`);
    }
  }
  if (renamed.length > 0) throw new Error(`cdktf.js renames what it exports: ${renamed.join(", ")}.`);
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  const requests = new Set();
  const cli = await esbuild.build({
    ...COMMON,
    entryPoints: [join(ROOT, "cli/index.ts")],
    outfile: join(OUT, "cli.js"),
    tsconfig: join(ROOT, "tsconfig.build.json"),
    external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
    plugins: [peersPlugin(requests)],
    // esbuild renames a class that refers to itself (`class GenesysEmail` becomes `GenesysEmail = class _GenesysEmail`)
    // or clashes with another top-level name; keepNames gives each its own `name` back, which messages show. It costs
    // a call per function created: ~4% of synth at 1,000 mailboxes here, ~20% in cdktf.js, which goes without it
    // (exportedNamesKept).
    keepNames: true,
  });
  // What start-up pays for: `require("zod")` brings zod's CommonJS build (all 60 locales) beside its ES modules, and
  // `import { z } from "zod"` the whole namespace, locales included (~800 KB either way, against ~220 KB).
  const wholeZod = bundledInputs(cli.metafile).find((f) => /node_modules\/zod\/(.*\.cjs$|v4\/locales\/(?!(en|index)\.js$))/.test(f));
  if (wholeZod) throw new Error(`cli.js would hold all of zod (${wholeZod}): import zod as \`import * as z from "zod"\`, never with require("zod") or \`import { z }\`.`);
  // Only zod and yaml go inside cli.js; anything else imported from a package must be a declared dependency, loaded
  // installed (a devDependency inlined here would work from bin/genesys-email and fail from dist/cli).
  const strays = packageFolders(cli.metafile).filter((f) => !INSIDE_CLI.some((name) => f === `node_modules/${name}`));
  if (strays.length > 0) throw new Error(`cli.js would hold ${strays.join(", ")}: only ${INSIDE_CLI.join(" and ")} are bundled; declare it in package.json dependencies (it then stays installed) or drop the import.`);

  const names = [...requests].sort(byText);
  const entry = `module.exports = { modules: {\n${names.map((n) => `  ${JSON.stringify(n)}: () => require(${JSON.stringify(n)}),`).join("\n")}\n} };\n`;
  const cdktf = await esbuild.build({ ...COMMON, stdin: { contents: entry, resolveDir: ROOT, loader: "js", sourcefile: "cdktf-entry.js" }, outfile: join(OUT, "cdktf.js") });
  // cdktf.js holds the peers, each from one folder, and what their own folders hold (cdktf's bundled dependencies).
  const cdktfFolders = packageFolders(cdktf.metafile);
  const peerFolders = cdktfFolders.filter((f) => PEERS.some((name) => f === `node_modules/${name}`));
  const outside = cdktfFolders.filter((f) => !peerFolders.some((p) => f === p || f.startsWith(`${p}/node_modules/`)));
  if (outside.length > 0) throw new Error(`cdktf.js would hold ${outside.join(", ")}, which is not a peer dependency nor inside one.`);
  const versions = Object.fromEntries(peerFolders.map(packageJson).map((meta) => [meta.name, meta.version]).sort(([a], [b]) => byText(a, b)));
  writeFileSync(join(OUT, "cdktf-versions.json"), `${JSON.stringify({ versions }, null, 2)}\n`);

  writeFileSync(join(OUT, "THIRD-PARTY-NOTICES.md"), notices([...packageFolders(cli.metafile), ...cdktfFolders]));
  exportedNamesKept(join(OUT, "cdktf.js"), names);
}

main().catch((error) => {
  process.stderr.write(`scripts/bundle.js: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
