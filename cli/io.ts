import { paint, useColor, type Paint } from "../src/text/terminal";

/** What a command may touch: streams and environment are passed in so commands are testable in-process. */
export interface CliIO {
  readonly stdout: { write(chunk: string): unknown; isTTY?: boolean };
  readonly stderr: { write(chunk: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Reads standard input (for `-` arguments), stopping once more than `maxBytes` arrived. */
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
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        if (size > maxBytes) break;
      }
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

/** Colours for one of the IO's streams (see `useColor` for when they are on). */
export function paintFor(io: CliIO, stream: "stdout" | "stderr"): Paint {
  return paint(useColor(io[stream], io.env, io.noColor === true));
}
