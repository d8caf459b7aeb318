#!/usr/bin/env node
// The `routelab` command (package.json "bin"). Runs the esbuild bundle of src/cli,
// rebuilding it first when the sources changed (so a clone works right after npm ci).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { bundle, isStale, outDir } from './build.mjs';

if (isStale('routelab')) await bundle(['routelab']);
await import(pathToFileURL(join(outDir, 'routelab.mjs')).href);
