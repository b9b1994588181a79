import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

// The aws-cdk convention for every public props interface: each field documented, each optional field's
// JSDoc ending in `@default - what happens when it is omitted` (or the default value).
const FILES = [
  "src/model/config.ts",
  ...readdirSync("constructs")
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join("constructs", f)),
];
/** Interfaces of things a user passes in (props, config input, options); members of results need no `@default`. */
const INPUT = /(Props|Input|Options|Source)$/;

interface Field {
  readonly where: string;
  readonly input: boolean;
  readonly optional: boolean;
  readonly doc: string;
}

function exportedInterfaceFields(file: string): Field[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const fields: Field[] = [];
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member)) continue;
      const doc = ts
        .getJSDocCommentsAndTags(member)
        .map((d) => d.getText(source))
        .join("\n");
      fields.push({ where: `${file} ${statement.name.text}.${member.name.getText(source)}`, input: INPUT.test(statement.name.text), optional: member.questionToken !== undefined, doc });
    }
  }
  return fields;
}

const fields = FILES.flatMap(exportedInterfaceFields);

test("the public interfaces are found", () => {
  const names = fields.map((f) => f.where.split(" ")[1]!.split(".")[0]);
  for (const expected of ["EmailConfigInput", "InboundMailboxInput", "GenesysEmailProps", "ExchangeOAuthApplicationProps", "MailboxRecordsProps", "MigrationRequestFilesProps"]) {
    expect(names).toContain(expected);
  }
});

test("every field of an exported interface has JSDoc", () => {
  expect(fields.filter((f) => !f.doc.startsWith("/**")).map((f) => f.where)).toEqual([]);
});

test("every optional field's JSDoc names its default", () => {
  expect(fields.filter((f) => f.input && f.optional && !/@default /.test(f.doc)).map((f) => f.where)).toEqual([]);
});
