// The engine is pure TypeScript: no DOM, no React, no Node, no worker APIs, so the
// same code runs in the browser worker and the CLI. (Also enforced by src/engine/tsconfig.json.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

const FORBIDDEN = [/^node:/, /^(fs|path|os|child_process|worker_threads)$/, /^react(-dom)?(\/|$)/, /^@xyflow\//, /^monaco-editor/, /^zustand/, /^\.\.\/(ui|cli|worker)\//, /\/(ui|cli|worker)\//];

describe('src/engine purity', () => {
  const root = __dirname;
  const files = sources(root);
  it('has sources', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => relative(root, f)))('%s imports nothing outside the pure engine', (rel) => {
    const text = readFileSync(join(root, rel), 'utf8');
    const imports = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    const bad = imports.filter((i) => FORBIDDEN.some((re) => re.test(i)));
    expect(bad).toEqual([]);
    expect(text).not.toMatch(/\b(window|document|globalThis)\.[a-zA-Z]|\blocalStorage\b|\bpostMessage\(|\bimportScripts\(|\bprocess\.(env|argv|exit|stdout)/);
  });
});
