// What the page loads before any lazy chunk: the static import graph from main.tsx.
// Routing runs in the workers (their own bundles, `?worker` imports), so the page's first
// JavaScript must not contain the engine's parser and controllers, re2js, js-yaml, React
// Flow or Monaco; those arrive in workers or lazy chunks (issue 12, initial JS budget).
// A value imported from the engine barrel would pull them all in: import from leaf modules.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '..');

/** Specifiers a module imports at load time (not `import type`, not `import()`). */
function staticImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    if (m[2]) continue; // `import type { ... }`: erased
    if (m[1] === 'export' && !m[3]) continue;
    out.push(m[4]);
  }
  return out;
}

function resolveFile(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p) && !p.endsWith('/'));
}

function initialGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!/\.tsx?$/.test(file)) return;
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.includes('?worker')) continue; // a separate bundle, run in its own thread
      if (!spec.startsWith('.')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
        continue;
      }
      const target = resolveFile(file, spec.replace(/\?.*$/, ''));
      if (target) visit(target);
    }
  };
  visit(entry);
  return { files: new Set([...files].map((f) => relative(SRC, f))), packages };
}

describe("the page's initial JavaScript", () => {
  const { files, packages } = initialGraph(join(SRC, 'ui/main.tsx'));

  it('is the app shell: App, the trace panel, the diagram frame, the first example', () => {
    expect(files).toContain('ui/App.tsx');
    expect(files).toContain('ui/components/TracePanel.tsx');
    expect(files).toContain('ui/components/Diagram.tsx');
    expect(files).toContain('ui/examples/01-prefix-vs-exact.yaml');
  });

  it('holds no part of the engine beyond the constants the UI renders with', () => {
    const engine = [...files].filter((f) => f.startsWith('engine/'));
    expect(engine.filter((f) => !/^engine\/(model\/request|trace\/types|gateway\/implementations\/[\w.-]+)\.ts$/.test(f))).toEqual([]);
    expect(engine).not.toContain('engine/gateway/implementations/regex.ts');
  });

  it.each(['re2js', 'js-yaml', '@xyflow/react', 'monaco-editor', 'monaco-yaml'])('does not load %s', (pkg) => {
    expect(packages).not.toContain(pkg);
  });

  it('leaves the React Flow canvas, the analysis views and the other examples to lazy chunks', () => {
    expect(files).not.toContain('ui/components/DiagramFlow.tsx');
    expect(files).not.toContain('ui/components/CompareView.tsx');
    expect(files).not.toContain('ui/components/ConvertView.tsx');
    expect(files).not.toContain('ui/examples/02-hosts-and-wildcards.yaml');
  });
});
