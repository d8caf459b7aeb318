// YAML text -> plain values plus a parallel position tree, document by document.
//
// js-yaml's event parser gives source offsets for every scalar and collection;
// one walk over the events builds both the values (scalars typed with js-yaml's
// own core-schema tags) and the positions.
// When the stream has a syntax error we split it at `---` lines and parse each
// document alone, so one broken document does not discard the others.
import {
  parseEvents,
  constructFromEvents,
  EVENT_ID,
  getScalarValue,
  YAMLException,
  SCALAR_STYLE,
  NOT_RESOLVED,
  nullCoreTag,
  boolCoreTag,
  intCoreTag,
  floatCoreTag,
} from 'js-yaml';
import type { Event } from 'js-yaml';
import { LineIndex, PosNode, PosTable, POS_KEY, POS_MAP, POS_SCALAR, POS_SEQ, type SourceRef } from '../model/source.js';
import type { Diagnostic } from '../model/diagnostics.js';

export interface YamlDocument {
  /** 1-based index of the document inside its file */
  index: number;
  value: unknown;
  pos: PosNode | undefined;
  /** the document's own lines (from its first content line to its last) */
  range: SourceRef | undefined;
}

export interface YamlFile {
  file: string;
  text: string;
  lines: LineIndex;
  documents: YamlDocument[];
  diagnostics: Diagnostic[];
}

/**
 * Largest input accepted in one file (characters). Bigger pastes get a clear error. A dump
 * of 50,000 typical objects is 21 MB; reading it takes about 9 s and ~350 MB on a 2-core
 * machine (npm run bench, the paste row), so the limit leaves room above that, not more.
 */
export const MAX_SOURCE_CHARS = 32_000_000;
const MAX_ALIASES = 10_000;

export function parseYamlFile(file: string, text: string, lineOffset = 0, colOffset = 0): YamlFile {
  const lines = new LineIndex(file, text, lineOffset, colOffset);
  const result: YamlFile = { file, text, lines, documents: [], diagnostics: [] };
  if (text.length > MAX_SOURCE_CHARS) {
    result.diagnostics.push({
      severity: 'error',
      code: 'InputTooLarge',
      message: `${file} has ${text.length} characters; the limit is ${MAX_SOURCE_CHARS}`,
    });
    return result;
  }
  text = skipNoticeBoxes(text, lines, result.diagnostics);
  try {
    parseChunk(text, 0, text.length, 1, result);
  } catch {
    // Fall back to one document at a time, each with its own error.
    result.documents = [];
    result.diagnostics = [];
    let index = 1;
    for (const [start, end] of splitDocuments(text)) {
      try {
        index = parseChunk(text, start, end, index, result);
      } catch (err) {
        result.diagnostics.push(yamlErrorDiagnostic(err, lines, start, index));
        index++;
      }
    }
  }
  return result;
}

/**
 * ingress2gateway prints its notifications as boxes between the documents it emits
 * ("┌─ WARN ───", "│  message", "└─"), and users paste that output as it is. The box lines
 * become comments (same length, so every position stays right) and each box is kept as
 * an info diagnostic with its text.
 */
function skipNoticeBoxes(text: string, lines: LineIndex, diagnostics: Diagnostic[]): string {
  if (!/^[┌│└]/m.test(text)) return text;
  let box: { line: number; parts: string[] } | undefined;
  let line = 0;
  const out = text.split('\n').map((l) => {
    line++;
    if (!/^[┌│└]/.test(l)) return l;
    const body = l.slice(1).replace(/─+/g, ' ').trim();
    if (l.startsWith('┌')) box = { line, parts: [body] };
    else if (body) box?.parts.push(body);
    if (l.startsWith('└') && box) {
      const at = lines.fileLine(box.line);
      diagnostics.push({ severity: 'info', code: 'ToolNotice', message: `ingress2gateway notice kept as a comment: ${box.parts.join(' ')}`, source: { file: lines.file, startLine: at, startCol: 1, endLine: lines.fileLine(line), endCol: 2 } });
      box = undefined;
    }
    return `#${l.slice(1)}`;
  });
  return out.join('\n');
}

/** Parses text[start:end] and appends its documents; returns the next document index. */
function parseChunk(text: string, start: number, end: number, firstIndex: number, out: YamlFile): number {
  const chunk = start === 0 && end === text.length ? text : text.slice(start, end);
  const events = parseEvents(chunk, { filename: out.file, maxDepth: 200 });
  const built = buildDocuments(events, chunk, start, out.file);
  let index = firstIndex;
  for (const { value, pos } of built) {
    out.documents.push({
      index: index++,
      value,
      pos,
      range: pos ? out.lines.ref(pos.s, Math.max(pos.e, pos.s + 1)) : undefined,
    });
  }
  return index;
}

function yamlErrorDiagnostic(err: unknown, lines: LineIndex, chunkStart: number, index: number): Diagnostic {
  const base = lines.fileLine(lines.position(chunkStart).line);
  if (err instanceof YAMLException) {
    const line = err.mark ? base + err.mark.line : base;
    const col = err.mark ? err.mark.column + 1 : 1;
    return {
      severity: 'error',
      code: 'YamlSyntax',
      message: `YAML syntax error in document ${index}: ${err.reason}`,
      source: { file: lines.file, startLine: line, startCol: col, endLine: line, endCol: col + 1 },
      document: index,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    severity: 'error',
    code: 'YamlSyntax',
    message: `YAML error in document ${index}: ${message}`,
    source: { file: lines.file, startLine: base, startCol: 1, endLine: base, endCol: 2 },
    document: index,
  };
}

/** Offsets [start, end) of each document, split at `---` and `...` marker lines. */
export function splitDocuments(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const marker = /^(---|\.\.\.)(?=\s|$)/gm;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = marker.exec(text))) {
    if (m.index > start || (m.index === start && m[1] === '...')) {
      if (text.slice(start, m.index).trim() !== '') out.push([start, m.index]);
    }
    // A `---` line starts the next document (and may carry content on the same line).
    start = m[1] === '---' ? m.index : m.index + m[0].length;
    if (m[1] === '---') marker.lastIndex = m.index + 3;
  }
  if (text.slice(start).trim() !== '') out.push([start, text.length]);
  return out;
}

interface Frame {
  /** the frame's node in the position table */
  node: number;
  value: Record<string, unknown> | unknown[];
  isMap: boolean;
  pendingKey: string | undefined;
  pendingKeyOffset: number;
  /** where a sequence's value is held: its key in the parent mapping, its index in the parent sequence, or -1 (the root) */
  slot: string | number;
}

// YAML 1.2 core schema resolution of plain scalars, with js-yaml's own tag
// definitions so values match what js-yaml's loader would produce.
const IMPLICIT_TAGS = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag];
function resolvePlain(text: string): unknown {
  const first = text.charAt(0);
  for (const tag of IMPLICIT_TAGS) {
    if (tag.implicitFirstChars && !tag.implicitFirstChars.includes(first)) continue;
    const v = tag.resolve(text, false, tag.tagName);
    if (v !== NOT_RESOLVED) return v;
  }
  return text;
}

class NeedsFullConstructor extends Error {}

/** Values a document holds once its aliases are expanded. */
const MAX_EXPANDED_NODES = 1_000_000;

/** Counts nodes as if aliases were copied, visiting each shared node once (memo). */
function expandedSize(v: unknown, memo: Map<object, number>): number {
  if (v === null || typeof v !== 'object') return 1;
  const known = memo.get(v);
  if (known !== undefined) return known;
  memo.set(v, 1); // a cycle counts once
  let n = 1;
  for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
    n += expandedSize(child, memo);
    if (n > 1e15) break;
  }
  memo.set(v, n);
  return n;
}

/**
 * One pass over the events builds each document's value and its position tree.
 * Documents with tags, anchors, aliases or complex keys are rare in manifests;
 * for those we let js-yaml's constructor build the values (positions still come from here).
 */
function buildDocuments(events: Event[], src: string, base: number, filename: string): Array<{ value: unknown; pos: PosNode | undefined }> {
  try {
    return walk(events, src, base, true);
  } catch (err) {
    if (!(err instanceof NeedsFullConstructor)) throw err;
    const values = constructFromEvents(events, { source: src, filename, maxAliases: MAX_ALIASES });
    // An alias shares its node; whatever copies the value (a conversion writing YAML, a
    // JSON view) expands it. Aliases of aliases grow that geometrically: refuse a
    // document whose expanded size is past any real manifest (a "billion laughs").
    values.forEach((v, i) => {
      const size = expandedSize(v, new Map());
      if (size > MAX_EXPANDED_NODES) throw new YAMLException(`document ${i + 1}: its aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} values (${size > 1e12 ? 'over a trillion' : size.toLocaleString('en')}); RouteLab refuses it as an alias bomb`);
    });
    const positions = walk(events, src, base, false);
    return values.map((value, i) => ({ value, pos: positions[i]?.pos }));
  }
}

/**
 * A sequence's items were pushed one by one, so its array holds room for 17 or more: most
 * manifest lists have one to three items, and a 10,000-route config kept ~16 MB of such
 * slack in its raw values. The finished sequence is replaced by an exact copy in its slot.
 */
function exactSequence(frame: Frame, parent: Frame | undefined): void {
  const items = frame.value as unknown[];
  if (items.length === 0 || items.length > 64 || !parent) return;
  const exact = items.slice();
  if (parent.isMap) {
    if (frame.slot === '__proto__') Object.defineProperty(parent.value, '__proto__', { value: exact, enumerable: true, writable: true, configurable: true });
    else (parent.value as Record<string, unknown>)[frame.slot as string] = exact;
  }
  else (parent.value as unknown[])[frame.slot as number] = exact;
}

function walk(events: Event[], src: string, base: number, buildValues: boolean): Array<{ value: unknown; pos: PosNode | undefined }> {
  const docs: Array<{ value: unknown; pos: PosNode | undefined }> = [];
  const table = new PosTable(events.length);
  const stack: Frame[] = [];
  let docRoot = -1;
  let docValue: unknown = null;
  let lastEnd = 0;

  /** Adds a node where the parser is: the document root, a mapping value or a sequence item. */
  const attach = (type: number, s: number, e: number, value: unknown): number => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      docRoot = table.add(type, s, e, -1, undefined);
      docValue = value;
      return docRoot;
    }
    if (parent.isMap) {
      const key = parent.pendingKey as string;
      const node = table.add(type, s, e, parent.pendingKeyOffset, key);
      if (buildValues) {
        const obj = parent.value as Record<string, unknown>;
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          YAMLException.throwAt(src, parent.pendingKeyOffset - base, `duplicated mapping key "${key}"`);
        }
        if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        else obj[key] = value;
      }
      parent.pendingKey = undefined;
      return node;
    }
    if (buildValues) (parent.value as unknown[]).push(value);
    return table.add(type, s, e, -1, undefined);
  };
  const isKeySlot = () => {
    const parent = stack[stack.length - 1];
    return !!parent && parent.isMap && parent.pendingKey === undefined;
  };
  const extend = (end: number) => {
    if (end > lastEnd) lastEnd = end;
    const ends = table.e;
    for (let i = stack.length - 1; i >= 0; i--) {
      const n = stack[i].node;
      if (end > ends[n]) ends[n] = end;
      else break;
    }
  };

  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        docRoot = -1;
        docValue = null;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (buildValues && (ev.tagStart >= 0 || ev.anchorStart >= 0)) throw new NeedsFullConstructor();
        const isMap = ev.type === EVENT_ID.MAPPING;
        // lastEnd is already an offset into the whole text (it includes base).
        const s = ev.start >= 0 ? base + ev.start : Math.max(base, lastEnd);
        const value: Record<string, unknown> | unknown[] = isMap ? {} : [];
        const up = stack[stack.length - 1];
        const slot: string | number = !up ? -1 : up.isMap ? (up.pendingKey ?? -1) : (up.value as unknown[]).length;
        let node: number;
        if (isKeySlot()) {
          // A collection as a mapping key: kept for its extent, never reached by a path.
          if (buildValues) throw new NeedsFullConstructor();
          const parent = stack[stack.length - 1];
          parent.pendingKey = `?${s}`;
          parent.pendingKeyOffset = s;
          node = table.add(POS_KEY, s, s, -1, undefined);
        } else {
          node = attach(isMap ? POS_MAP : POS_SEQ, s, s, value);
        }
        stack.push({ node, value, isMap, pendingKey: undefined, pendingKeyOffset: 0, slot: isMap ? -1 : slot });
        extend(s + 1);
        break;
      }
      case EVENT_ID.SCALAR: {
        if (buildValues && (ev.tagStart >= 0 || ev.anchorStart >= 0)) throw new NeedsFullConstructor();
        const has = ev.valueStart >= 0;
        const s = has ? base + ev.valueStart : Math.max(base, lastEnd);
        const e = has ? base + ev.valueEnd : Math.max(base, lastEnd);
        if (isKeySlot()) {
          const parent = stack[stack.length - 1];
          const key = getScalarValue(src, ev);
          if (buildValues && key === '<<' && ev.style === SCALAR_STYLE.PLAIN) throw new NeedsFullConstructor();
          parent.pendingKey = key;
          parent.pendingKeyOffset = s;
        } else {
          let value: unknown = null;
          if (buildValues) {
            const text = getScalarValue(src, ev);
            value = ev.style === SCALAR_STYLE.PLAIN ? resolvePlain(text) : text;
          }
          attach(POS_SCALAR, s, e, value);
        }
        if (has) extend(e);
        break;
      }
      case EVENT_ID.ALIAS: {
        if (buildValues) throw new NeedsFullConstructor();
        const s = base + ev.anchorStart - 1;
        const e = base + ev.anchorEnd;
        if (isKeySlot()) {
          const parent = stack[stack.length - 1];
          parent.pendingKey = `*${src.slice(ev.anchorStart, ev.anchorEnd)}`;
          parent.pendingKeyOffset = s;
        } else {
          attach(POS_SCALAR, s, e, null);
        }
        extend(e);
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (frame) {
          table.close(frame.node);
          if (buildValues && !frame.isMap) exactSequence(frame, stack[stack.length - 1]);
        }
        else docs.push({ value: docValue, pos: docRoot >= 0 ? new PosNode(table, docRoot) : undefined });
        break;
      }
    }
  }
  table.trim();
  return docs;
}
