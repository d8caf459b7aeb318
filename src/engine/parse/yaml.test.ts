import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlFile, splitDocuments } from './yaml';
import { posExact } from '../model/source';

describe('parseYamlFile', () => {
  it('types scalars as js-yaml does and keeps quoted text as strings', () => {
    const f = parseYamlFile('t.yaml', 'a: 1\nb: "1"\nc: true\nd: ~\ne: 1.5\nf: 0x10\ng: yes\nh:\n');
    expect(f.documents[0].value).toEqual(loadAll('a: 1\nb: "1"\nc: true\nd: ~\ne: 1.5\nf: 0x10\ng: yes\nh:\n')[0]);
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
