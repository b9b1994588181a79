import type { CliIO } from "./io";

/** A command's module: loaded only when that command runs, so `validate` never loads CDKTF. */
export interface Command {
  readonly usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}
