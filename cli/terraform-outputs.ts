import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { readTerraformOutputs, type TerraformOutputsPolicy, type TerraformOutputValues } from "../src/terraform/outputs";
import { EXIT, ExitError, usageError } from "./errors";
import type { CliIO } from "./io";
import { readStdinText } from "./load-and-validate";
import { unreadableReason } from "../src/text/file-errors";

const MAX_OUTPUTS_BYTES = 16 * 1024 * 1024;

/**
 * `--tf-outputs FILE|-` for every command: reads the file (or standard input), then the one outputs reader with the
 * command's policy. Every problem is a usage error (exit 2) that names the source, never its content.
 * `prefix` goes before the source's name in messages (check says `--tf-outputs FILE: …`).
 */
export async function readTerraformOutputsSource(source: string, io: CliIO, policy: TerraformOutputsPolicy, command: string, prefix = ""): Promise<TerraformOutputValues> {
  const name = `${prefix}${source === "-" ? "standard input" : source}`;
  let text: string;
  if (source === "-") {
    if (!io.readStdin) throw usageError(`${command}: --tf-outputs - needs standard input, which is not available here.`);
    text = await readStdinText(io, "--tf-outputs", MAX_OUTPUTS_BYTES);
  } else {
    try {
      const buffer = readFileSync(resolve(io.cwd, source));
      if (buffer.length > MAX_OUTPUTS_BYTES) throw new ExitError(EXIT.usage, `${name}: the Terraform outputs file is larger than 16 MB.`);
      text = buffer.toString("utf8");
    } catch (error) {
      if (error instanceof ExitError) throw error;
      throw new ExitError(EXIT.usage, `${name}: ${unreadableReason(error)}; expected the output of \`terraform output -json\`.`);
    }
  }
  const result = readTerraformOutputs(text, policy);
  if (!result.ok) throw new ExitError(EXIT.usage, `${name} ${result.problem}`);
  return result.values;
}
