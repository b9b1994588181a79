import { main } from "../../cli/main";
import type { CliIO } from "../../cli/io";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The day CLI tests run on unless one says otherwise: date-aware rules (GE202) must not depend on the wall clock. */
export const TEST_NOW = new Date("2026-12-01T09:00:00Z");

/** Runs the CLI in-process with captured streams (no child process, no real stdin, a fixed clock). */
export async function runCli(argv: string[], options: { env?: Record<string, string>; stdin?: string; cwd?: string; now?: Date } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    readStdin: async () => options.stdin ?? "",
    now: () => options.now ?? TEST_NOW,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
