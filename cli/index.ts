import { main } from "./main";
import { processIO } from "./io";

/** Entry point of bin/genesys-email. */
export function run(): void {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`genesys-email: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
