import * as z from "zod";

/**
 * zod compiles a parser for each object schema (`new Function`) the first time it parses one, which pays off over
 * many parses; a command validates each environment once. Without that step, validating the 25-mailbox bench config
 * takes about 15 ms less CPU, and the 1,000-mailbox one no more (bench/). The setting is zod's, for the whole
 * process: it is made here, in the command line's process, never by the library. Every command that validates
 * calls this before its first parse.
 *
 * A module of its own, loaded on first use, so that a command loads zod only once it has read its file. It imports
 * zod as the rest of the code does (`import * as`), never `require("zod")`: in the bundled command line
 * (scripts/bundle.js, which refuses it) that would add zod's CommonJS build, every locale included, to what a
 * command loads.
 */
export function zodWithoutJit(): void {
  z.config({ jitless: true });
}
