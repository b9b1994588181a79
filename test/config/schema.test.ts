// schemas/genesys-email.schema.json, as an editor uses it: current with the zod schema and the documented
// interfaces, accepting every config this repository shows (examples, README, docs), rejecting unknown keys.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";

const ROOT = join(__dirname, "..", "..");
// scripts/ is plain JavaScript run by the build; it reads dist/, which jest's global setup builds.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SCHEMA_PATH, render } = require("../../scripts/config-schema.js") as { SCHEMA_PATH: string; render(): string };
const schemaText = readFileSync(join(ROOT, SCHEMA_PATH), "utf8");

test(`${SCHEMA_PATH} is current (npm run build regenerates it; on a merge conflict, regenerate rather than merge)`, () => {
  expect(schemaText).toBe(render());
});

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTuples: false });
const validateConfig = ajv.compile(JSON.parse(schemaText));
const errorsOf = (config: unknown) => (validateConfig(config) ? [] : validateConfig.errors!.map((e) => `${e.instancePath} ${e.message}`));

/** Every ```yaml block of a Markdown file that is a whole config (it has `mailboxes:` at the top). */
function configBlocks(file: string): Array<[string, unknown]> {
  const text = readFileSync(join(ROOT, file), "utf8");
  const blocks = [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((block, i) => {
    const data = parse(block) as unknown;
    return data && typeof data === "object" && "mailboxes" in data ? [[`${file} block ${i + 1}`, data] as [string, unknown]] : [];
  });
}

const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml"));
const DOCS = ["README.md", ...readdirSync(join(ROOT, "docs")).map((f) => `docs/${f}`)].filter((f) => f.endsWith(".md"));

describe("the schema accepts every config the repository shows", () => {
  test.each(EXAMPLES)("examples/%s", (file) => {
    expect(errorsOf(parse(readFileSync(join(ROOT, "examples", file), "utf8")))).toEqual([]);
  });

  test.each(DOCS.flatMap(configBlocks))("%s", (_name, config) => {
    expect(errorsOf(config)).toEqual([]);
  });

  test("the README's config block is among them", () => {
    expect(configBlocks("README.md")).toHaveLength(1);
  });
});

test.each(EXAMPLES)("examples/%s names the schema for editors on its first line", (file) => {
  expect(readFileSync(join(ROOT, "examples", file), "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../schemas/genesys-email.schema.json");
});

describe("the schema rejects what validate rejects as unknown or mistyped", () => {
  const base = () => parse(readFileSync(join(ROOT, "examples", "environments.yaml"), "utf8")) as any;
  test.each([
    ["an unknown top-level key", (c: any) => (c.mailboxs = {}), "must NOT have additional properties"],
    ["an unknown mailbox key", (c: any) => (c.mailboxes.inbound[0].maxSize = 5), "must NOT have additional properties"],
    ["an unknown server type", (c: any) => (c.mailboxes.inbound[0].server.type = "IMAP4"), "must be equal to one of the allowed values"],
    ["a port as text", (c: any) => (c.mailboxes.inbound[0].server.port = "993"), "must be number"],
    ["an unknown key in an environment", (c: any) => (c.environments.prod.tenantt = {}), "must NOT have additional properties"],
    ["an unknown key in an environment's mailbox", (c: any) => (c.environments.dev.mailboxes.inbound.support.hots = "x"), "must NOT have additional properties"],
    ["an environment name that is not a stack name", (c: any) => (c.environments["prod eu"] = {}), "must match pattern"],
  ])("%s", (_name, mutate, message) => {
    const config = base();
    mutate(config);
    expect(errorsOf(config).join("\n")).toContain(message);
  });

  test("an environment may remove a field with null and list mailboxes by name", () => {
    const config = base();
    config.environments.dev.mailboxes.inbound = [{ name: "support", maxSizeMb: null }];
    expect(errorsOf(config)).toEqual([]);
  });
});

test("every field carries its documentation, for editors' hover", () => {
  const missing: string[] = [];
  const walk = (node: any, where: string) => {
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries<any>(node.properties ?? {})) {
      if (!v.description) missing.push(`${where}.${k}`);
      walk(v, `${where}.${k}`);
    }
    if (node.items) walk(node.items, `${where}[]`);
  };
  walk(JSON.parse(schemaText), "config");
  expect(missing).toEqual([]);
});
