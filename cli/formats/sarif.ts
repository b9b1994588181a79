import { RULES } from "../../src/rules/index";
import type { Finding } from "../../src/rules/finding";
import { workspacePath } from "./github";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifOptions {
  /** Paths in `artifactLocation.uri` are relative to this folder (the repository root in CI). */
  readonly cwd: string;
  readonly toolVersion: string;
  /** The tool's home page; omitted when unknown. */
  readonly informationUri?: string;
  /** The config file, for a finding without a position. */
  readonly file: string;
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function uriReference(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/**
 * SARIF 2.1.0 for code scanning: the driver declares every rule (so a fixed finding can
 * close its alert), each result points at its rule by ID and index, and at the value's
 * line and column. One result per finding and environment (as in the JSON format), the
 * environment named in its message and in `properties.environment`.
 */
export function sarifLog(findings: readonly Finding[], options: SarifOptions): unknown {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.name,
    shortDescription: { text: r.description },
    fullDescription: { text: `${r.description} Source: ${r.source}` },
    help: { text: `Fix: ${r.fix}\nSource: ${r.source}` },
    defaultConfiguration: { level: r.severity === "error" ? "error" : "warning" },
    properties: { suppressible: r.suppressible },
  }));
  const results = findings.map((f) => {
    const where = f.location ?? { file: options.file, line: 1, column: 1 };
    return {
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId)! } : {}),
      level: f.severity === "error" ? "error" : "warning",
      message: { text: `${f.environment ? `[${f.environment}] ` : ""}${f.path}: ${f.message} (fix: ${f.fix})` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriReference(workspacePath(where.file, options.cwd)) },
            region: { startLine: where.line, startColumn: where.column },
          },
          logicalLocations: [{ fullyQualifiedName: f.path, kind: "member" }],
        },
      ],
      ...(f.environment ? { properties: { environment: f.environment } } : {}),
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "genesys-email",
            version: options.toolVersion,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}
