import { decodeConfigText, readConfigFd } from "../src/config/read";
import { ConfigFileError } from "../src/config/file-error";
import { EXIT, ExitError } from "./errors";

/** How messages name standard input. */
export const STDIN = "standard input";

/** What a command may touch: streams and environment are passed in so commands are testable in-process. */
export interface CliIO {
  readonly stdout: { write(chunk: string): unknown; isTTY?: boolean };
  readonly stderr: { write(chunk: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * Reads standard input fully (for `-` arguments), through the bounded config reader: at most 16 MB, UTF-8 only
   * (an ExitError with exit code 2 otherwise).
   */
  readonly readStdin?: () => Promise<string>;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      try {
        return decodeConfigText(readConfigFd(0, STDIN), STDIN);
      } catch (error) {
        if (error instanceof ConfigFileError) throw new ExitError(EXIT.usage, error.describe());
        throw error;
      }
    },
  };
}
