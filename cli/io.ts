/** What a command may touch: streams and environment are passed in so commands are testable in-process. */
export interface CliIO {
  readonly stdout: { write(chunk: string): unknown; isTTY?: boolean };
  readonly stderr: { write(chunk: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Reads standard input fully (for `-` arguments). */
  readonly readStdin?: () => Promise<string>;
  /** The clock date-aware rules read (GE202); tests pin it. @default the current time */
  readonly now?: () => Date;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}
