// The layers, bottom to top (ARCHITECTURE.md): src/model and src/text <- src/rules, src/permissions <- src/config,
// src/terraform <- src/manifest, src/check, src/diff, src/adopt <- constructs/ <- cli/. A folder imports only folders below it.
// `npm run lint` checks every import, type-only imports included.
const SRC = "^src/";
// Anywhere in the resolved path: a symlinked node_modules (npm link, a workspace, pnpm's .pnpm store) resolves to a
// path that does not start with node_modules/.
const CDKTF = "(^|/)node_modules/(cdktf|constructs|@cdktf)/";

/** `from` may import nothing under src/ except its own folder and `allowed`. */
function only(from, allowed) {
  const ok = [from, ...allowed].join("|");
  return {
    name: `layer-${from}`,
    comment: `src/${from} may import only src/{${[from, ...allowed].join(",")}} (the layer order in ARCHITECTURE.md).`,
    severity: "error",
    from: { path: `^src/${from}/` },
    to: { path: `^src/(?!(${ok})/)` },
  };
}

module.exports = {
  forbidden: [
    {
      name: "core-without-cdktf",
      comment: "src/ is the core: it outlives CDKTF, so it never imports cdktf, constructs or a provider (use constructs/).",
      severity: "error",
      from: { path: SRC },
      to: { path: CDKTF },
    },
    {
      name: "core-below-constructs-and-cli",
      comment: "src/ is below constructs/ and cli/: move the code down, or the caller up.",
      severity: "error",
      from: { path: SRC },
      to: { path: "^(constructs|cli)/" },
    },
    {
      name: "constructs-below-cli",
      comment: "constructs/ is below the CLI: file-system work and commands belong in cli/.",
      severity: "error",
      from: { path: "^constructs/" },
      to: { path: "^cli/" },
    },
    only("model", []),
    only("text", []),
    only("rules", ["model", "text"]),
    only("permissions", ["model", "text"]),
    only("config", ["model", "text", "rules"]),
    only("terraform", ["model", "text"]),
    only("manifest", ["model", "text", "permissions", "terraform"]),
    only("check", ["model", "text", "permissions", "terraform"]),
    only("diff", ["model", "text", "rules", "permissions", "config"]),
    only("adopt", ["model", "text", "rules", "permissions", "config"]),
    {
      name: "no-circular",
      comment: "Import cycles hide the layer order.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing fails at run time.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    // Resolve package subpaths through their `exports` maps (csv-parse/sync), as Node's require does.
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["require", "node", "default"] },
    exclude: { path: "^dist/" },
  },
};
