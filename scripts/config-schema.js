"use strict";
// schemas/genesys-email.schema.json: the JSON Schema of a config file, for editors (yaml-language-server: completion,
// hover docs, inline errors). Generated, never edited:
// - the shape and the defaults from the zod schema (zod 4's z.toJSONSchema, input side: what a user writes);
// - each field's description from the JSDoc of its documented interface in src/model/config.ts (EmailConfigInput and
//   the interfaces it uses, which the compiler proves identical to the schema's input), `@default` included, so
//   TypeScript and YAML users read the same text;
// - `environments:` (src/config/environments.ts): per environment a deep-partial override of the base where `null`
//   removes a field, `backend` replaced whole, `mailboxes.inbound` a list merged by name or a mapping keyed by name.
//
//   node scripts/config-schema.js          writes the file (npm run build does)
//   node scripts/config-schema.js --check  exits 1 when the committed file is not current
const { join } = require("node:path");

const ROOT = join(__dirname, "..");
const SCHEMA_PATH = "schemas/genesys-email.schema.json";

function docsOf(checker, symbol) {
  const text = require("typescript").displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s*\n\s*/g, " ").trim();
  const dflt = symbol.getJsDocTags(checker).find((t) => t.name === "default");
  const dfltText = dflt ? require("typescript").displayPartsToString(dflt.text).replace(/\s*\n\s*/g, " ").trim() : undefined;
  return { text, dflt: dfltText };
}

/**
 * Walks the JSON Schema and the TypeScript type side by side, copying each property's JSDoc into `description`.
 * `docs` (when given) receives the JSDoc apart, for docs/configuration.md: `fields` maps each property's node to its
 * text and `@default`, `types` each object's node to its interface's name and text.
 */
function annotate(ts, checker, node, type, where, docs) {
  if (!node || typeof node !== "object" || !type) return;
  const fields = docs?.fields;
  if (docs && node.properties && type.getSymbol()) docs.types.set(node, { name: type.getSymbol().name, text: docsOf(checker, type.getSymbol()).text });
  for (const key of ["anyOf", "oneOf", "allOf"]) for (const branch of node[key] ?? []) annotate(ts, checker, branch, type, where, docs);
  if (node.type === "array" && node.items) {
    const element = type.getNumberIndexType();
    annotate(ts, checker, node.items, element && checker.getNonNullableType(element), `${where}[]`, docs);
  }
  if (node.additionalProperties && typeof node.additionalProperties === "object") {
    const value = type.getStringIndexType();
    annotate(ts, checker, node.additionalProperties, value && checker.getNonNullableType(value), `${where}.*`, docs);
  }
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const symbol = type.getProperty(name);
    if (!symbol) throw new Error(`${where}.${name}: in the zod schema but not in its documented interface (src/model/config.ts)`);
    const { text, dflt } = docsOf(checker, symbol);
    if (!text) throw new Error(`${where}.${name}: the documented interface has no JSDoc for it`);
    // `@default - prose` explains an omission; a literal default is already `default` in the schema.
    const prose = dflt && dflt.startsWith("-") ? ` Default: ${dflt.replace(/^-\s*/, "")}.` : "";
    child.description = `${text}${prose}`.replace(/\.\.$/, ".");
    fields?.set(child, { text, dflt });
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    annotate(ts, checker, child, checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(symbol, declaration)), `${where}.${name}`, docs);
  }
}

const NULL = { type: "null" };
const clone = (x) => JSON.parse(JSON.stringify(x));

/** An override of `node`: every field optional, no defaults, and `null` (remove the field) allowed. */
function partial(node) {
  const out = clone(node);
  delete out.default;
  delete out.required;
  if (out.properties) for (const [k, v] of Object.entries(out.properties)) out.properties[k] = nullable(partial(v));
  return out;
}

function nullable(node) {
  const { description, ...rest } = node;
  return { ...(description ? { description } : {}), anyOf: [rest, NULL] };
}

function environmentsSchema(base, namePattern) {
  const props = base.properties;
  const override = { type: "object", additionalProperties: false, properties: {} };
  for (const [key, value] of Object.entries(props)) {
    if (key === "backend") override.properties.backend = { ...nullable(clone(value)), description: "Replaces the base's backend as a whole." };
    else if (key !== "mailboxes") override.properties[key] = nullable(partial(value));
  }
  const mailboxes = props.mailboxes;
  const inbound = mailboxes.properties.inbound;
  const inboundItem = partial(inbound.items);
  override.properties.mailboxes = nullable({
    type: "object",
    additionalProperties: false,
    properties: {
      inbound: {
        description: "Changes to the inbound mailboxes, merged by Mailbox Name: a list whose entries carry `name` (change one mailbox, or add one), or a mapping keyed by name, where `null` removes a mailbox.",
        anyOf: [{ type: "array", items: { ...inboundItem, required: ["name"] } }, { type: "object", additionalProperties: nullable(inboundItem) }, NULL],
      },
      outbound: nullable(partial(mailboxes.properties.outbound)),
    },
  });
  return {
    description:
      "Environments (dev, stage, prod...), each its own Terraform stack: the rest of the file is the shared base, and each environment lists only what differs. Mappings merge key by key, other values replace, `null` removes a field. See docs/gitops.md.",
    type: "object",
    propertyNames: { pattern: namePattern },
    additionalProperties: { anyOf: [override, NULL] },
  };
}

/**
 * The schema. `docs`, when given (`{ fields: new Map(), types: new Map() }`), receives the JSDoc of each property and
 * object apart from the schema (see annotate); scripts/docs-config.js renders docs/configuration.md from both.
 */
function generate(docs) {
  const ts = require("typescript");
  const { z } = require("zod");
  const { emailConfigSchema } = require(join(ROOT, "dist/src/model/config.js"));
  const { ENVIRONMENT_NAME } = require(join(ROOT, "dist/src/model/stack-name.js"));
  const schema = z.toJSONSchema(emailConfigSchema, { target: "draft-2020-12", io: "input" });

  const file = join(ROOT, "src/model/config.ts");
  const program = ts.createProgram([file], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const root = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === "EmailConfigInput");
  if (!root) throw new Error("src/model/config.ts: interface EmailConfigInput not found");
  annotate(ts, checker, schema, checker.getTypeAtLocation(root.name), "config", docs);

  const rootDoc = docsOf(checker, checker.getSymbolAtLocation(root.name)).text;
  schema.properties.environments = environmentsSchema(schema, ENVIRONMENT_NAME.source);
  return {
    $schema: schema.$schema,
    title: "genesys-email-iac config",
    description: `${rootDoc} Generated from src/model/config.ts by scripts/config-schema.js; field reference: docs/configuration.md.`,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}

function render() {
  return `${JSON.stringify(generate(), null, 2)}\n`;
}

module.exports = { SCHEMA_PATH, generate, render };

if (require.main === module) {
  require("./generated-file.js").writeOrCheck(SCHEMA_PATH, render(), "npm run build (or node scripts/config-schema.js)");
}
