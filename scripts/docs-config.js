"use strict";
// docs/configuration.md: the field reference of a config file, generated from the same annotated schema as
// schemas/genesys-email.schema.json (scripts/config-schema.js: shape and literal defaults from the zod schema, each
// field's text and `@default` from its JSDoc in src/model/config.ts). The short narrative at the top is INTRO below.
//
//   node scripts/docs-config.js          writes the file (npm run docs:config builds dist/ first)
//   node scripts/docs-config.js --check  exits 1 when the committed file is not current
const { join } = require("node:path");
const { generate } = require("./config-schema.js");

const ROOT = join(__dirname, "..");
const DOC_PATH = "docs/configuration.md";

// Links are relative to docs/.
const INTRO = `# Configuration

Generated from [\`src/model/config.ts\`](../src/model/config.ts) by \`npm run docs:config\`; do not edit by hand.

One file (YAML or JSON) or one TypeScript object describes one contact center's email setup.
[\`examples/contact-center.yaml\`](../examples/contact-center.yaml) is a complete one. Editors that read
\`# yaml-language-server: $schema=…\` on the first line (VS Code with the YAML extension, and others) complete and check
fields as you type, from [\`schemas/genesys-email.schema.json\`](../schemas/genesys-email.schema.json), which holds the
same descriptions as this page. TypeScript users get \`EmailConfigInput\` (what you write, with these descriptions as
JSDoc) and \`EmailConfig\` (validated, defaults applied) from \`genesys-email-iac\`.

This page lists the shape: fields, types and defaults. Ranges, formats and rules across fields (a name's length, one
test mailbox, a GUID) are rules with their own ID, message and fix: see [RULES.md](../RULES.md); a field that is not
on this page is an error (GE001).

- **Secrets** are only ever references (\`{ env: NAME }\`): nothing reads them except \`check\`, at run time; a literal
  password in the file is an error (GE112) whose message does not repeat it.
- **Protocols**: Genesys E-mail Server reads POP3, IMAP and EWS; \`GRAPH\` needs E-mail Server 8.5.205.03 or later
  with client credentials and a client secret (E-mail Server (legacy) does not support the Graph API). OAuth 2.0 over
  POP3 is not supported by the vendor yet (GE113).
- **Environments** (\`environments:\`, dev, stage, prod…): see [gitops.md](gitops.md) for how each environment's
  overrides merge onto the rest of the file.
`;

/** GitHub's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces as `-`. */
function anchor(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

const isObject = (node) => node && node.type === "object" && node.properties;
/** An object's shape, descriptions and defaults aside: an object used by several fields is documented once. */
const shapeOf = (node) => JSON.stringify(node, (key, value) => (key === "description" || key === "default" ? undefined : value));
const TOP = "The file";

function render() {
  const { mdCode, mdTable } = require(join(ROOT, "dist/src/text/markdown.js"));
  const docs = { fields: new Map(), types: new Map() };
  const schema = generate(docs);
  const { environments, ...topLevel } = schema.properties;
  const root = { ...schema, properties: topLevel };

  // Every object, where it is used (`mailboxes.inbound[].server`); an object used in one place is named after it,
  // one used in several (a secret reference, a suppression) after its interface in src/model/config.ts.
  const uses = new Map(); // shape -> [paths]
  const walk = (node, path, visit) => {
    if (node.type === "array") return walk(node.items, `${path}[]`, visit);
    if (!isObject(node)) return;
    visit(node, path);
    for (const [name, child] of Object.entries(node.properties)) walk(child, path ? `${path}.${name}` : name, visit);
  };
  walk(root, "", (node, path) => uses.set(shapeOf(node), [...(uses.get(shapeOf(node)) ?? []), path]));
  const sections = new Map(); // heading -> { node, text }
  const headingOf = (node) => {
    if (node === root) return TOP;
    const paths = uses.get(shapeOf(node));
    return paths.length === 1 ? paths[0] : docs.types.get(node).name;
  };
  walk(root, "", (node, path) => {
    const heading = headingOf(node);
    if (sections.has(heading)) return;
    const paths = uses.get(shapeOf(node));
    const usedBy = paths.length > 1 ? ` Used by ${paths.map((p) => mdCode(p)).join(", ")}.` : "";
    sections.set(heading, { node, text: node === root ? "The top level of a config file." : `${docs.types.get(node).text}${usedBy}` });
  });

  const value = (v) => mdCode(typeof v === "string" ? v : JSON.stringify(v).replace(/,/g, ", "));
  function typeOf(node) {
    if (node.anyOf) return node.anyOf.map(typeOf).join(" or ");
    if (node.enum) return node.enum.length === 1 ? mdCode(String(node.enum[0])) : `one of ${node.enum.map((v) => mdCode(String(v))).join(", ")}`;
    if (node.type === "array") return `list of ${typeOf(node.items)}`;
    if (isObject(node)) return `[${headingOf(node)}](#${anchor(headingOf(node))})`;
    if (node.type === "object") return `mapping of text to ${node.additionalProperties?.type ? typeOf(node.additionalProperties) : "any value"}`;
    if (node.type === "string") return "text";
    return node.type ?? "any value";
  }

  // Objects used in one place in the order of the file, then those used in several.
  const order = [...sections].sort(([a], [b]) => Number(uses.get(shapeOf(sections.get(a).node)).length > 1) - Number(uses.get(shapeOf(sections.get(b).node)).length > 1));
  const lines = [INTRO];
  for (const [heading, { node, text }] of order) {
    const required = new Set(node.required ?? []);
    const rows = Object.entries(node.properties).map(([name, child]) => {
      const doc = docs.fields.get(child);
      if (!doc) throw new Error(`${heading}: ${name} has no JSDoc in src/model/config.ts`);
      let dflt;
      if (required.has(name)) dflt = "required";
      else if ("default" in child) dflt = value(child.default);
      else if (doc.dflt?.startsWith("-")) dflt = doc.dflt.replace(/^-\s*/, "");
      // A literal `@default` that the schema leaves to the code (the EWS path, applied when connecting).
      else if (doc.dflt) dflt = value(JSON.parse(doc.dflt));
      else throw new Error(`${heading}: ${name} is optional, but neither the schema nor its JSDoc gives a default`);
      return [mdCode(name), typeOf(child), dflt, doc.text];
    });
    if (node === root) rows.push([mdCode("environments"), "mapping of environment name to overrides", "none: the file is one stack", environments.description]);
    lines.push(`## ${heading}`, "", text, "", ...mdTable(["field", "type", "default", "description"], rows), "");
  }
  return lines.join("\n");
}

module.exports = { DOC_PATH, render, anchor };

if (require.main === module) {
  require("./generated-file.js").writeOrCheck(DOC_PATH, render(), "npm run docs:config");
}
