import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlFile, splitDocuments } from './yaml';
import { posAt, posExact } from '../model/source';

describe('parseYamlFile', () => {
  it('types scalars as js-yaml does and keeps quoted text as strings', () => {
    const f = parseYamlFile('t.yaml', 'a: 1\nb: "1"\nc: true\nd: ~\ne: 1.5\nf: 0x10\ng: yes\nh:\n');
    expect(f.documents[0].value).toEqual(loadAll('a: 1\nb: "1"\nc: true\nd: ~\ne: 1.5\nf: 0x10\ng: yes\nh:\n')[0]);
  });

  it('builds sequences in every place (mapping values, items of sequences, flow, __proto__, long lists) as js-yaml does', () => {
    const long = Array.from({ length: 80 }, (_, i) => `  - ${i}`).join('\n');
    const text = `a: [1, [2, [3]], []]\nb:\n- - x\n  - [y]\n- {c: [z]}\n- []\n__proto__: [p]\nlong:\n${long}\n---\n- root\n- [item]\n`;
    const f = parseYamlFile('t.yaml', text);
    expect(f.diagnostics).toEqual([]);
    expect(f.documents.map((d) => d.value)).toEqual(loadAll(text));
    const first = f.documents[0].value as Record<string, unknown>;
    // the __proto__ key stays an own property, not the object's prototype
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(first, '__proto__')?.value).toEqual(['p']);
    expect(Object.keys(first)).toEqual(['a', 'b', '__proto__', 'long']);
    expect(posExact(f.documents[0].pos, ['b', 0, 1, 0])).toBeDefined();
  });

  it('falls back to the full constructor for anchors, aliases and tags', () => {
    const text = 'base: &b {x: 1}\ncopy: *b\ntagged: !!str 42\n';
    expect(parseYamlFile('t.yaml', text).documents[0].value).toEqual(loadAll(text)[0]);
  });

  it('records positions of nested keys and sequence items', () => {
    const text = 'spec:\n  rules:\n  - host: a\n  - host: b\n';
    const f = parseYamlFile('t.yaml', text);
    const second = posExact(f.documents[0].pos, ['spec', 'rules', 1]);
    expect(f.lines.position(second!.s).line).toBe(4);
  });

  it('finds items of long sequences and keys of large mappings (through their lookup index) as of short ones', () => {
    const items = Array.from({ length: 40 }, (_, i) => `- name: s${i}\n  port: ${i}\n`).join('');
    const keys = Array.from({ length: 30 }, (_, i) => `  k${i}: v${i}\n`).join('');
    const text = `items:\n${items}labels:\n${keys}`;
    const f = parseYamlFile('t.yaml', text);
    const root = f.documents[0].pos;
    for (const i of [0, 1, 12, 13, 39]) {
      const item = posExact(root, ['items', i, 'port'])!;
      expect(text.slice(item.s, item.e)).toBe(String(i));
      expect(text.slice(item.k!, item.k! + 4)).toBe('port');
    }
    expect(posExact(root, ['items', 40])).toBeUndefined();
    expect(posExact(root, ['items', 'name'])).toBeUndefined();
    expect(text.slice(posExact(root, ['labels', 'k29'])!.s, posExact(root, ['labels', 'k29'])!.e)).toBe('v29');
    expect(posExact(root, ['labels', 'k30'])).toBeUndefined();
    expect(posExact(root, ['labels', 3])).toBeUndefined();
    // posAt stops at the deepest node that exists.
    expect(text.slice(posAt(root, ['items', 5, 'missing'])!.s).startsWith('name: s5')).toBe(true);
  });

  it('places the values of anchors and aliases, and a mapping from its key', () => {
    const text = 'a: &x {p: 1}\nb: *x\nc:\n  d: 2\n';
    const f = parseYamlFile('t.yaml', text);
    const root = f.documents[0].pos!;
    expect(text.slice(posExact(root, ['b'])!.s, posExact(root, ['b'])!.e)).toBe('*x');
    expect(text.slice(posExact(root, ['a', 'p'])!.s, posExact(root, ['a', 'p'])!.e)).toBe('1');
    expect(f.lines.position(posExact(root, ['c', 'd'])!.s).line).toBe(4);
    expect(posExact(root, ['c'])!.k).toBe(text.indexOf('c:'));
    expect(root.k).toBeUndefined();
    expect([root.s, root.e]).toEqual([0, text.length - 1]);
  });

  it('rejects duplicate keys with the line of the second key', () => {
    const f = parseYamlFile('t.yaml', 'a: 1\nb: 2\na: 3\n');
    expect(f.diagnostics[0]).toMatchObject({ code: 'YamlSyntax', source: { startLine: 3 } });
  });

  it('splits at document markers, keeping content after ---', () => {
    const text = 'a: 1\n---\nb: 2\n--- {c: 3}\n...\n';
    expect(splitDocuments(text).map(([s, e]) => text.slice(s, e).trim())).toEqual(['a: 1', '---\nb: 2', '--- {c: 3}']);
  });
});

const REAL_WORLD = join(__dirname, '..', '..', '..', '..', 'shared', 'real-world');
describe.runIf(existsSync(REAL_WORLD))('values match js-yaml on real-world files', () => {
  const files = existsSync(REAL_WORLD) ? readdirSync(REAL_WORLD).filter((f) => f.endsWith('.yaml')) : [];
  it.each(files)('%s', (f) => {
    const text = readFileSync(join(REAL_WORLD, f), 'utf8');
    const ours = parseYamlFile(f, text).documents.map((d) => d.value);
    expect(ours).toEqual(loadAll(text));
  });
});

describe('ingress2gateway output pasted as printed', () => {
  it('its notice boxes become comments and info diagnostics; the documents around them load, at their own lines', () => {
    const text = ['┌─ WARN  ──────', '│  nginx.org/path-regex: not supported', '│  source: NGINX', '└─', 'apiVersion: v1', 'kind: Service', 'metadata: {name: a}', '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: b}'].join('\n');
    const f = parseYamlFile('out.yaml', text);
    expect(f.documents.map((d) => (d.value as { metadata: { name: string } }).metadata.name)).toEqual(['a', 'b']);
    expect(f.documents[0].range?.startLine).toBe(5);
    expect(f.diagnostics).toEqual([expect.objectContaining({ severity: 'info', code: 'ToolNotice', message: 'ingress2gateway notice kept as a comment: WARN nginx.org/path-regex: not supported source: NGINX', source: expect.objectContaining({ startLine: 1, endLine: 4 }) })]);
    expect(f.text).toBe(text);
  });
});
