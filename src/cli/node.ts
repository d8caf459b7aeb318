// Node entry of the CLI bundle: wires main() to the process.
import { readFileSync } from 'node:fs';
import { main } from './main.js';

// A reader that stops early (`| head`) closes the pipe: that is not an error of routelab's.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

function run(): void {
  let code: number;
  try {
    code = main(process.argv.slice(2), {
      out: (s) => process.stdout.write(`${s}\n`),
      err: (s) => process.stderr.write(`${s}\n`),
      color: !!process.stdout.isTTY && !process.env.NO_COLOR,
      readStdin: () => readFileSync(0, 'utf8'),
      // One line that rewrites itself, on a terminal only; '' clears it.
      progress: process.stderr.isTTY ? (s) => process.stderr.write(s ? `\r\x1b[K${s}` : '\r\x1b[K') : undefined,
    });
  } catch (err) {
    // An engine bug, not bad input: still one line, plus where to report it.
    process.stderr.write(`routelab: internal error: ${err instanceof Error ? err.message : String(err)} (set ROUTELAB_DEBUG=1 for details)\n`);
    if (process.env.ROUTELAB_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    code = 3;
  }
  process.exitCode = code;
}

run();
