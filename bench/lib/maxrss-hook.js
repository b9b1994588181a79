"use strict";
// --require hook for machines without GNU time: writes the process's peak RSS (KB) and CPU seconds at exit.
const file = process.env.GENESYS_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    require("node:fs").writeFileSync(file, `${maxRSS} ${userCPUTime / 1e6} ${systemCPUTime / 1e6}\n`);
  });
}
