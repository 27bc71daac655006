// Preloaded with `node -r ./bench/peak.js ...`: on exit, appends this
// process's peak resident memory (KB) to the file in BENCH_PEAK_FILE.
const fs = require('fs');
process.on('exit', () => {
  if (process.env.BENCH_PEAK_FILE) fs.appendFileSync(process.env.BENCH_PEAK_FILE, `${process.resourceUsage().maxRSS}\n`);
});
