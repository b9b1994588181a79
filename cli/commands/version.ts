import { parseCommandArgs, oneOf, stringFlag } from "../args";
import { argumentError, EXIT } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { installedPackage, packageInfo } from "../package-info";

const FORMATS = ["text", "json"] as const;

interface Versions {
  readonly "genesys-email": string;
  readonly cdktf: string | null;
  readonly "@cdktf/provider-azuread": string | null;
  /** The Terraform provider the bindings were generated from (`cdktf.provider` in their package.json). */
  readonly "hashicorp/azuread": string | null;
  readonly node: string;
}

export function versions(): Versions {
  // package.json files only: cdktf itself is never loaded (it costs ~150 ms).
  const cdktf = installedPackage("cdktf");
  const provider = installedPackage("@cdktf/provider-azuread");
  return {
    "genesys-email": packageInfo().version,
    cdktf: cdktf?.version ?? null,
    "@cdktf/provider-azuread": provider?.version ?? null,
    "hashicorp/azuread": provider?.cdktf?.provider?.version ?? null,
    node: process.version,
  };
}

export const command: Command = {
  usage: [
    "Usage: genesys-email version [--format text|json]",
    "       genesys-email --version",
    "",
    "Prints the versions of genesys-email, the CDKTF library and the azuread provider bindings it",
    "synthesizes with (and the Terraform provider version those were generated from), and Node.js.",
    "Exit codes: 0 printed, 2 usage problems.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: "string" } }, "version");
    if (positionals.length > 0) throw argumentError("version takes no arguments.");
    const format = oneOf(stringFlag(values, "format"), FORMATS, "--format", "text");
    const v = versions();
    if (format === "json") {
      io.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
      return EXIT.ok;
    }
    const missing = "not installed";
    io.stdout.write(
      [
        `genesys-email ${v["genesys-email"]}`,
        `cdktf ${v.cdktf ?? missing}`,
        `@cdktf/provider-azuread ${v["@cdktf/provider-azuread"] ?? missing}${v["hashicorp/azuread"] ? ` (hashicorp/azuread ${v["hashicorp/azuread"]})` : ""}`,
        `node ${v.node}`,
        "",
      ].join("\n"),
    );
    return EXIT.ok;
  },
};
