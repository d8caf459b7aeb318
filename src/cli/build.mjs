// Bundles the CLI (and the benchmarks) with esbuild into node_modules/.cache/routelab,
// because Node 20 cannot run TypeScript. Runs on `npm install` (prepare) and again
// from the launcher whenever a source file is newer than the bundle.
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const outDir = join(root, 'node_modules', '.cache', 'routelab');

const ENTRIES = {
  routelab: 'src/cli/node.ts',
  bench: 'src/bench/main.ts',
};

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|mjs)$/.test(name)) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/** True when the bundle for `entry` is missing or older than any engine/CLI source. */
export function isStale(entry) {
  const out = join(outDir, `${entry}.mjs`);
  if (!existsSync(out)) return true;
  const built = statSync(out).mtimeMs;
  return ['src/engine', 'src/cli', 'src/bench'].some((d) => existsSync(join(root, d)) && newestSource(join(root, d)) > built);
}

export async function bundle(entries = Object.keys(ENTRIES)) {
  await Promise.all(
    entries
      .filter((e) => existsSync(join(root, ENTRIES[e])))
      .map((e) =>
        build({
          entryPoints: [join(root, ENTRIES[e])],
          outfile: join(outDir, `${e}.mjs`),
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node20',
          sourcemap: 'inline',
          logLevel: 'warning',
          // The browser bench drives Chromium through Playwright from node_modules, never bundled.
          external: ['playwright', 'playwright-core', '@playwright/test'],
          // esbuild's ESM output needs require() for CommonJS dependencies.
          banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
        }),
      ),
  );
}

/**
 * The bundle the package carries (`npm pack` runs it as prepack): the CLI with its engine and
 * libraries in one file, so an installed package needs no dependency and no build step.
 */
export async function releaseBundle() {
  await build({
    entryPoints: [join(root, ENTRIES.routelab)],
    outfile: join(root, 'dist-cli', 'routelab.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'eof',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  if (args[0] === 'release') await releaseBundle();
  else await bundle(args.length ? args : undefined);
}
