// Preloaded (`node -r`) into a synth process by the file-handling tests: the `at`-th change to the file
// system under GENESYS_TEST_FAULT_ROOT fails with an errno, or sends the process a signal there
// (SIGKILL stops it on the spot; SIGINT/SIGTERM arrive as from a terminal or a CI runner).
// Used only by tests; the CLI has no hook for it.
"use strict";
const fs = require("node:fs");

const spec = process.env.GENESYS_TEST_FAULT ? JSON.parse(process.env.GENESYS_TEST_FAULT) : undefined;
const root = process.env.GENESYS_TEST_FAULT_ROOT;
const CHANGES = ["renameSync", "linkSync", "copyFileSync", "writeFileSync", "mkdirSync", "mkdtempSync", "rmSync", "rmdirSync", "unlinkSync"];

if (spec && root) {
  let count = 0;
  for (const name of CHANGES) {
    const original = fs[name];
    fs[name] = function (...args) {
      const under = args.slice(0, 2).some((a) => (typeof a === "string" || a instanceof URL || Buffer.isBuffer(a)) && String(a).startsWith(root));
      if (under && ++count === spec.at) {
        if (spec.signal) process.kill(process.pid, spec.signal);
        else {
          const error = new Error(`${spec.code}: injected fault, ${name.replace(/Sync$/, "")} '${args[0]}'`);
          Object.assign(error, { code: spec.code, errno: -1, syscall: name.replace(/Sync$/, ""), path: String(args[0]) });
          throw error;
        }
      }
      return original.apply(this, args);
    };
  }
}
