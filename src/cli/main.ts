import { createCliContext } from './context.js';
import { runCli } from './program.js';

const ctx = createCliContext();
const code = await runCli(process.argv.slice(2), ctx);
// `serve` keeps running: only end the process for commands that finished.
if (code !== 0 || !process.argv.slice(2).includes('serve')) {
  process.exitCode = code;
}
