// `npm run lint` (dependency-cruiser with .dependency-cruiser.js) as it runs on the repository, and on a small copy of
// the layout with one forbidden import, so a rule that silently stopped matching would show here. The copy's
// node_modules is a symlink, as in a workspace or with pnpm: the rules must hold there too.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const LINT_ARGS = (JSON.parse(require("node:fs").readFileSync(join(ROOT, "package.json"), "utf8")).scripts.lint as string).split(/\s+/).slice(1);
const DEPCRUISE = join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

function lint(cwd: string) {
  return spawnSync(process.execPath, [DEPCRUISE, ...LINT_ARGS], { cwd, encoding: "utf8", timeout: 120_000 });
}

describe("npm run lint", () => {
  test("passes on the repository", () => {
    const r = lint(ROOT);
    expect(r.stdout).toMatch(/no dependency violations found/);
    expect(r.status).toBe(0);
  }, 120_000);

  describe("fails on a forbidden import, naming the rule", () => {
    const dir = mkdtempSync(join(tmpdir(), "ge-lint-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    function tree(name: string, files: Record<string, string>): string {
      const root = join(dir, name);
      mkdirSync(root);
      copyFileSync(join(ROOT, ".dependency-cruiser.js"), join(root, ".dependency-cruiser.js"));
      copyFileSync(join(ROOT, "tsconfig.json"), join(root, "tsconfig.json"));
      symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
      const all = { "src/model/ok.ts": "export const ok = 1;\n", "constructs/index.ts": "export const c = 1;\n", "cli/index.ts": "export const i = 1;\n", ...files };
      for (const [file, text] of Object.entries(all)) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        writeFileSync(join(root, file), text);
      }
      return root;
    }

    test.each([
      ["src/model imports cdktf", { "src/model/x.ts": 'import { App } from "cdktf";\nexport const app = App;\n' }, "core-without-cdktf"],
      ["src/model imports constructs (type only)", { "src/model/x.ts": 'import type { Construct } from "constructs";\nexport type C = Construct;\n' }, "core-without-cdktf"],
      ["src/rules imports constructs/", { "src/rules/x.ts": 'import { c } from "../../constructs";\nexport const y = c;\n' }, "core-below-constructs-and-cli"],
      ["src/model imports src/rules", { "src/rules/r.ts": "export const r = 1;\n", "src/model/x.ts": 'import { r } from "../rules/r";\nexport const y = r;\n' }, "layer-model"],
      ["constructs/ imports cli/", { "constructs/index.ts": 'import { i } from "../cli";\nexport const c = i;\n' }, "constructs-below-cli"],
    ])("%s", (name, files, rule) => {
      const r = lint(tree(name.replace(/\W+/g, "-"), files));
      expect(r.stdout).toContain(rule);
      expect(r.status).not.toBe(0);
    }, 120_000);
  });
});
