"use strict";
// The command line from dist/cli (tsc's output, one file per module, the installed zod, yaml, CDKTF and providers),
// as bin/genesys-email ran before it ran the bundle (dist/bundle, scripts/bundle.js). bench/run.js measures it beside
// the bundle, to show what bundling changes. Same code, same output.
//   node bench/lib/unbundled-cli.js <command> [args...]
require("../../dist/cli/index.js").run();
