// What the documentation names must exist: linked files and headings, commands and their flags, rule IDs, npm
// scripts, and repository paths. Checked mechanically, so a rename in the code shows here rather than to a user.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { helpText } from "../../cli/main";
import { parse } from "yaml";
import { RULES } from "../../src/rules";
import { validate } from "../../src/rules/engine";

const ROOT = join(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { anchor } = require("../../scripts/docs-config.js") as { anchor(heading: string): string };

const DOCS = [
  "README.md",
  "CONTRIBUTING.md",
  "ARCHITECTURE.md",
  "SECURITY.md",
  "CHANGELOG.md",
  "RULES.md",
  ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`),
  "bench/RESULTS.md",
  "test/support/mail-stack/README.md",
].filter((f) => existsSync(join(ROOT, f)));

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const FENCE = /^```[^\n]*\n([\s\S]*?)^```/gm;
/** The prose of a Markdown file: fenced code blocks removed. */
const prose = (text: string) => text.replace(FENCE, "");
/** Every piece of code a file shows: each line of a fenced block, and each inline code span of the prose. */
function codeOf(text: string): string[] {
  const blocks = [...text.matchAll(FENCE)].flatMap((m) => m[1]!.split("\n"));
  const spans = [...prose(text).matchAll(/(`+)([^`][\s\S]*?)\1/g)].map((m) => m[2]!.trim());
  return [...blocks, ...spans];
}
const headings = (text: string) => new Set([...prose(text).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!.replace(/`/g, ""))));

describe.each(DOCS)("%s", (file) => {
  const text = read(file);

  test("every relative link points at an existing file (and heading)", () => {
    const broken: string[] = [];
    for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!)) continue;
      const [path, fragment] = target!.split("#") as [string, string | undefined];
      const resolved = path === "" ? join(ROOT, file) : join(ROOT, dirname(file), decodeURIComponent(path));
      if (!existsSync(resolved)) broken.push(`${target}: no ${relative(ROOT, resolved)}`);
      else if (fragment && resolved.endsWith(".md") && !headings(readFileSync(resolved, "utf8")).has(fragment)) broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });

  test("every genesys-email command it shows exists, with the flags it shows", () => {
    const commands = new Set([...helpText().matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!));
    const problems: string[] = [];
    for (const line of codeOf(text)) {
      for (const m of line.matchAll(/(?:^|[\s(/])genesys-email ([a-z][a-z-]*)([^|#;>&]*)/g)) {
        const [, name, rest] = m as unknown as [string, string, string];
        if (!commands.has(name)) {
          problems.push(`${line}: no command ${name}`);
          continue;
        }
        const usage = (require(`../../cli/commands/${name}`) as { command: { usage: string } }).command.usage;
        for (const [flag] of rest.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)) {
          if (!new RegExp(`${flag}(?![\\w-])`).test(usage) && !["--no-color", "--help"].includes(flag)) problems.push(`${line}: ${name} has no ${flag}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("every name it imports from the package is exported", () => {
    const missing: string[] = [];
    for (const [, names, sub] of text.matchAll(/import \{([^}]*)\} from "genesys-email-iac(\/constructs)?"/g)) {
      const exported = require(sub ? "../../constructs" : "../../cli/api") as Record<string, unknown>;
      for (const name of names!.split(",").map((n) => n.trim()).filter(Boolean)) if (!(name in exported)) missing.push(`genesys-email-iac${sub ?? ""}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  test("every rule ID it names exists", () => {
    const known = new Set(RULES.map((r) => r.id));
    const unknown = [...new Set([...text.matchAll(/\bGE\d{3}\b/g)].map((m) => m[0]))].filter((id) => !known.has(id));
    expect(unknown).toEqual([]);
  });

  test("every npm script it names exists", () => {
    const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
    const unknown = [...text.matchAll(/\bnpm run (?:-s )?([\w:-]+)/g)].map((m) => m[1]!).filter((s) => !(s in scripts));
    expect(unknown).toEqual([]);
  });

  // CHANGELOG.md names paths as they were.
  (file === "CHANGELOG.md" ? test.skip : test)("every repository path it shows as code exists", () => {
    const top = /^(?:src|cli|constructs|test|bench|scripts|schemas|examples|docs|bin)\/[\w./-]*$/;
    const missing = codeOf(text)
      .flatMap((code) => code.split(/[\s:()'"=,]+/))
      .filter((word) => top.test(word) && !existsSync(join(ROOT, word.replace(/[.,]$/, ""))));
    expect([...new Set(missing)]).toEqual([]);
  });
});

describe("README.md", () => {
  const text = read("README.md");

  test("fits a screen: at most 200 lines, the two commands first", () => {
    expect(text.split("\n").length).toBeLessThanOrEqual(200);
    const firstBlock = [...text.matchAll(FENCE)][0]![1]!;
    expect(firstBlock).toMatch(/^npm ci && npm run synth\b/m);
    expect(firstBlock).toMatch(/^npm test\b/m);
  });

  test("its config validates without a finding", () => {
    const block = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(block).toHaveLength(1);
    const { findings } = validate(parse(block[0]!));
    expect(findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual([]);
  });
});
