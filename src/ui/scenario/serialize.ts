// Scenario -> routing test file (shared/docs/routing-test-format.md), readable YAML:
// the manifests as a `manifests: |` block exactly as typed, cases in block style,
// small maps in flow style. The output reads back through the engine's parseTestFile
// (and the worker's import) to the same scenario.
import type { EntryMode, SavedRequest, ScenarioData } from '../../worker/protocol';

const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n|\.nan|\.inf|-\.inf|\+\.inf)$/i;
const NUMBER_LIKE = /^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^0[xob][0-9a-f_]+$/i;
const PLAIN = /^[A-Za-z0-9_/.$(][A-Za-z0-9 _/.:@%+=$()*?^|\\-]*$/;

/** A string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlString(s: string): string {
  const plain =
    s.length > 0 &&
    PLAIN.test(s) &&
    !RESERVED.test(s) &&
    !NUMBER_LIKE.test(s) &&
    !s.endsWith(' ') &&
    !s.endsWith(':') &&
    !s.includes(': ') &&
    !s.includes(' #');
  // JSON strings are valid YAML double-quoted scalars.
  return plain ? s : JSON.stringify(s);
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return JSON.stringify(v);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLeaf = (v: unknown) => !isPlainObject(v) && !Array.isArray(v);
const defined = (o: Record<string, unknown>) => Object.entries(o).filter(([, v]) => v !== undefined);

/** `{a: 1, b: x}` for maps of scalars that fit on a line; undefined otherwise. */
function flowMap(o: Record<string, unknown>): string | undefined {
  const entries = defined(o);
  if (!entries.every(([, v]) => isLeaf(v))) return undefined;
  const text = `{${entries.map(([k, v]) => `${yamlString(k)}: ${scalar(v)}`).join(', ')}}`;
  return text.length <= 100 ? text : undefined;
}

/** Block-style YAML for a JSON-like value at `indent` spaces, as the lines after a `key:`. */
function emitValue(v: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    if (v.length === 0) return [];
    return v.flatMap((item) => {
      if (isPlainObject(item)) {
        const flow = flowMap(item);
        if (flow) return [`${pad}- ${flow}`];
        const inner = emitMap(item, indent + 2);
        return inner.length ? [`${pad}- ${inner[0].trimStart()}`, ...inner.slice(1)] : [`${pad}- {}`];
      }
      return [`${pad}- ${scalar(item)}`];
    });
  }
  if (isPlainObject(v)) return emitMap(v, indent);
  return [`${pad}${scalar(v)}`];
}

function emitMap(o: Record<string, unknown>, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const [k, v] of defined(o)) {
    const key = `${pad}${yamlString(k)}:`;
    if (isLeaf(v)) out.push(`${key} ${scalar(v)}`);
    else if (Array.isArray(v) && v.length === 0) out.push(`${key} []`);
    else if (Array.isArray(v) && v.every(isLeaf) && v.length <= 8) out.push(`${key} [${v.map(scalar).join(', ')}]`);
    else if (isPlainObject(v)) {
      const flow = flowMap(v);
      if (flow) out.push(`${key} ${flow}`);
      else out.push(key, ...emitValue(v, indent + 2));
    } else out.push(key, ...emitValue(v, indent));
  }
  return out;
}

/**
 * A text as a literal block under a key at `indent`. The chomping indicator keeps
 * the trailing newlines exactly; an indentation indicator is added when the text
 * starts with spaces. Texts a literal block cannot hold (carriage returns, other
 * control characters) fall back to a double-quoted string.
 */
export function literalBlock(key: string, text: string, indent = 0): string[] {
  const pad = ' '.repeat(indent);
  // eslint-disable-next-line no-control-regex
  const unsafe = /[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029\ufeff]/;
  if (text.trim() === '' || unsafe.test(text)) return [`${pad}${key}: ${JSON.stringify(text)}`];
  const trailing = /\n*$/.exec(text)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = text.slice(0, text.length - trailing);
  const lines = body.split('\n');
  // YAML guesses the indentation from the first line with content; say it when that guess would be wrong.
  const first = lines.findIndex((l) => l.trim() !== '');
  const needsIndicator = /^ /.test(lines[first]) || lines.slice(0, first).some((l) => l.length > 0);
  const inner = ' '.repeat(indent + 2);
  const header = `${pad}${key}: |${needsIndicator ? '2' : ''}${chomp}`;
  const out = [header, ...lines.map((l) => (l === '' ? '' : `${inner}${l}`))];
  for (let i = 1; i < trailing; i++) out.push('');
  return out;
}

/** `Name: value` lines -> a header map (repeated names become lists). Lines that are not `Name: value` are returned apart. */
export function headerMap(text: string): { headers: Record<string, string | string[]>; skipped: string[] } {
  const headers: Record<string, string | string[]> = {};
  const skipped: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':', line.startsWith(':') ? 1 : 0);
    if (colon <= 0) {
      skipped.push(line);
      continue;
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const prev = headers[name];
    headers[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return { headers, skipped };
}

function caseLines(r: SavedRequest, mode: Exclude<EntryMode, 'auto'>): string[] {
  const out = [`- name: ${yamlString(r.name)}`, '  request:'];
  const f = r.form;
  if (f.method && f.method.toUpperCase() !== 'GET') out.push(`    method: ${yamlString(f.method.toUpperCase())}`);
  out.push(`    url: ${yamlString(f.url)}`);
  const { headers, skipped } = headerMap(f.headers);
  for (const s of skipped) out.push(`    # header line that is not "Name: value", left out: ${s.replace(/\n/g, ' ')}`);
  if (Object.keys(headers).length) out.push('    headers:', ...emitMap(headers, 6));
  if (mode === 'ingress' && f.controller && f.controller !== 'spec') out.push(`    controller: ${f.controller}`);
  if (mode === 'gateway' && f.gateway) {
    out.push(`    gateway: ${yamlString(f.gateway)}`);
    if (f.listener) out.push(`    listener: ${yamlString(f.listener)}`);
  }
  if (mode === 'gateway' && f.implementation) out.push(`    implementation: ${yamlString(f.implementation)}`);
  const expect = r.expect ? JSON.parse(JSON.stringify(r.expect)) as Record<string, unknown> : {};
  if (Object.keys(expect).length) out.push('  expect:', ...emitMap(expect, 4));
  else out.push('  # no expectations yet: `routelab check` asks for at least one under `expect:`');
  return out;
}

export interface SerializeOptions {
  /** the mode written for a scenario whose entry is `auto` (test files say ingress or gateway) */
  modeForAuto: Exclude<EntryMode, 'auto'>;
}

export function serializeScenario(s: ScenarioData, opts: SerializeOptions): string {
  const mode = s.mode === 'auto' ? opts.modeForAuto : s.mode;
  const out: string[] = [`name: ${yamlString(s.name || 'Untitled scenario')}`];
  if (s.description) out.push(...(s.description.includes('\n') ? literalBlock('description', s.description) : [`description: ${yamlString(s.description)}`]));
  if (s.source) out.push(`source: ${yamlString(s.source)}`);
  out.push(`mode: ${mode}`);
  // A loop, not a spread: a 20 MB dump has a million lines, and push(...lines) passes each
  // as an argument on the stack (a RangeError past about 120,000).
  for (const line of literalBlock('manifests', s.manifests)) out.push(line);
  if (s.requests.length === 0) out.push('cases: []');
  else {
    out.push('cases:');
    for (const r of s.requests) for (const line of caseLines(r, mode)) out.push(line);
  }
  return `${out.join('\n')}\n`;
}

/** A file name for the download: the scenario name in kebab case. */
export function scenarioFileName(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${base || 'scenario'}.routelab.yaml`;
}
