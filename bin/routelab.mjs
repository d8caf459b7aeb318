#!/usr/bin/env node
// The `routelab` command (also `kubectl-routelab`, so it runs as `kubectl routelab`).
// In a clone it runs the esbuild bundle of src/cli, rebuilding it first when the sources
// changed (so a clone works right after npm ci). Installed from the package, which carries
// no sources, it runs the bundle built when the package was packed (dist-cli/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = join(root, 'src', 'cli', 'build.mjs');
if (existsSync(build)) {
  const { bundle, isStale, outDir } = await import(pathToFileURL(build).href);
  if (isStale('routelab')) await bundle(['routelab']);
  await import(pathToFileURL(join(outDir, 'routelab.mjs')).href);
} else {
  await import(pathToFileURL(join(root, 'dist-cli', 'routelab.mjs')).href);
}
