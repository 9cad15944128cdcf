'use strict';
// Preloaded by the benchmark (`node -r ./bench/max-rss.js …`): reports the process's peak RSS and
// CPU time on exit (CPU time barely depends on what else the machine runs; wall time does).
process.on('exit', () => {
  const usage = process.resourceUsage();
  require('fs').writeSync(2, `\n@usage max-rss-kib=${usage.maxRSS} cpu-ms=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
});
