// docs/configuration.md, the field reference generated from the config schema and its documented interfaces.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
// scripts/ is plain JavaScript run after the build; it reads dist/, which jest's global setup builds.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DOC_PATH, render } = require("../../scripts/docs-config.js") as { DOC_PATH: string; render(): string };
const doc = readFileSync(join(ROOT, DOC_PATH), "utf8");

test(`${DOC_PATH} is current (npm run docs:config regenerates it; on a merge conflict, regenerate rather than merge)`, () => {
  expect(doc).toBe(render());
});

test("it documents every field of the schema editors use, with the same text", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, "schemas/genesys-email.schema.json"), "utf8"));
  const missing: string[] = [];
  const walk = (node: any, where: string) => {
    if (!node || typeof node !== "object") return;
    for (const [name, child] of Object.entries<any>(node.properties ?? {})) {
      const text = String(child.description).replace(/ Default: .*$/, "");
      if (!doc.includes(`| \`${name}\` |`) || !doc.includes(text)) missing.push(`${where}.${name}`);
      if (name !== "environments") walk(child, `${where}.${name}`);
    }
    if (node.items) walk(node.items, `${where}[]`);
  };
  walk(schema, "config");
  expect(missing).toEqual([]);
});
