import { paint, useColor, type Paint } from "../src/text/terminal";
import { decodeConfigText, readConfigFd } from "../src/config/read";
import { ConfigFileError } from "../src/config/file-error";
import { EXIT, ExitError } from "./errors";

/** What a command may touch: streams and environment are passed in so commands are testable in-process. */
export interface CliIO {
  readonly stdout: { write(chunk: string): unknown; isTTY?: boolean };
  readonly stderr: { write(chunk: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * Reads standard input (for `-` arguments) through the bounded config reader (src/config/read.ts): stops once more
   * than `maxBytes` arrived, and refuses text that is not UTF-8 (UTF-16/32 named), with exit code 2.
   */
  readonly readStdin?: (maxBytes: number) => Promise<string>;
  /** `--no-color` was given: no colour on any stream, whatever the environment says. */
  readonly noColor?: boolean;
  /** The clock date-aware rules read (GE202); tests pin it. @default the current time */
  readonly now?: () => Date;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async (maxBytes) => {
      // "<stdin>": what load-and-validate's STDIN_LABEL calls it (not imported: it imports this module's types).
      try {
        return decodeConfigText(readConfigFd(0, "<stdin>", { maxBytes }), "<stdin>");
      } catch (error) {
        if (error instanceof ConfigFileError) throw new ExitError(EXIT.usage, error.describe());
        throw error;
      }
    },
  };
}

/** Colours for one of the IO's streams (see `useColor` for when they are on). */
export function paintFor(io: CliIO, stream: "stdout" | "stderr"): Paint {
  return paint(useColor(io[stream], io.env, io.noColor === true));
}
