import { writeFileSync } from 'node:fs';
import process from 'node:process';

// Loaded with `node --import` into a process the benchmark starts (e.g. `ladder import`): on exit it
// writes the process's peak resident set size (kB) to BENCH_RSS_FILE, so the figure is the child's own.
const file = process.env.BENCH_RSS_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
