import { main } from "./main";
import { processIO } from "./io";

/** Entry point of bin/genesys-email (and of the cdktf.json app, with its own arguments). */
export function run(argv: string[] = process.argv.slice(2)): void {
  main(argv, processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`genesys-email: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
