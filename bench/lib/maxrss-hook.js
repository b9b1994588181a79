"use strict";
// --require hook for machines without GNU time: writes the process's peak RSS (KB) at exit.
const file = process.env.GENESYS_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    require("node:fs").writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
