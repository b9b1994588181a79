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
const packageOf = (request) => /^(@[^/]+\/[^/]+|[^/]+)/.exec(request)[1];

const COMMON = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Names are kept; whitespace and syntax are shortened (~30 ms less start-up than unminified). A source map beside
  // each file (without the sources) maps a stack trace back to files and lines under NODE_OPTIONS=--enable-source-maps;
  // node reads it only then.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "eof",
  metafile: true,
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

/** The packages (name → folder) a metafile's inputs come from. */
function packagesIn(metafile) {
  const found = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const parts = input.split(/[\\/]/);
    const at = parts.lastIndexOf("node_modules");
    if (at < 0) continue;
    const name = parts[at + 1].startsWith("@") ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
    found.set(name, join(ROOT, ...parts.slice(0, at + 1 + name.split("/").length)));
  }
  return found;
}

function notices(packages) {
  const lines = [
    "# Third-party notices",
    "",
    "dist/bundle/cli.js and dist/bundle/cdktf.js (scripts/bundle.js) contain these packages, unmodified apart from",
    "bundling. Each one's source is published on the npm registry under its name and version.",
    "",
  ];
  for (const [name, folder] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    const license = typeof meta.license === "string" ? meta.license : (meta.license?.type ?? "see its package");
    lines.push(`## ${name} ${meta.version}`, "", `License: ${license}`, "");
    const file = readdirSync(folder).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    if (file) {
      lines.push("````", readFileSync(join(folder, file), "utf8").trim(), "````", "");
    } else {
      // Some packages (cdktf, the providers) publish no license file; their repository has it.
      const repository = typeof meta.repository === "string" ? meta.repository : meta.repository?.url;
      lines.push(`The package holds no license file; the license text is in its source repository${repository ? `, ${repository}` : ""}, and at https://spdx.org/licenses/${license}.html.`, "");
    }
  }
  return `${lines.join("\n")}\n`;
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
  });
  // `require("zod")` or `import { z } from "zod"` would bring zod's CommonJS build (every locale) beside the ES one,
  // and with it a second zod whose settings (cli/zod-without-jit.ts) the schemas do not see.
  const zodCommonJs = Object.keys(cli.metafile.inputs).filter((f) => /node_modules[\\/]zod[\\/].*\.cjs$/.test(f));
  if (zodCommonJs.length > 0) {
    throw new Error(`cli.js would hold zod's CommonJS build (${zodCommonJs[0]}, ...): import zod as \`import * as z from "zod"\`, never with require("zod") or { z }.`);
  }

  const names = [...requests].sort();
  const versions = Object.fromEntries(
    [...new Set(names.map(packageOf))].sort().map((name) => [name, JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version]),
  );
  const entry = `module.exports = { modules: {\n${names.map((n) => `  ${JSON.stringify(n)}: () => require(${JSON.stringify(n)}),`).join("\n")}\n} };\n`;
  const cdktf = await esbuild.build({ ...COMMON, stdin: { contents: entry, resolveDir: ROOT, loader: "js", sourcefile: "cdktf-entry.js" }, outfile: join(OUT, "cdktf.js") });
  writeFileSync(join(OUT, "cdktf-versions.json"), `${JSON.stringify({ versions }, null, 2)}\n`);

  const packages = new Map([...packagesIn(cli.metafile), ...packagesIn(cdktf.metafile)]);
  for (const name of packages.keys()) {
    const top = packageOf(name);
    if (EXTERNAL.includes(top)) throw new Error(`${name} ended up in a bundle, but package.json keeps it an installed dependency.`);
  }
  writeFileSync(join(OUT, "THIRD-PARTY-NOTICES.md"), notices(packages));
}

main().catch((error) => {
  process.stderr.write(`scripts/bundle.js: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
