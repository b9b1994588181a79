import * as z from "zod";
import { migrationRequestSchema } from "./model";

/** Where the committed schema lives, relative to the repository root. */
export const MIGRATION_REQUEST_SCHEMA_PATH = "schemas/migration-request.schema.json";

/** The JSON Schema (draft 2020-12) of migration-request.json, generated from the zod schema. */
export function migrationRequestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(migrationRequestSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}

/** The bytes of schemas/migration-request.schema.json. */
export function renderMigrationRequestJsonSchema(): string {
  return `${JSON.stringify(migrationRequestJsonSchema(), null, 2)}\n`;
}
