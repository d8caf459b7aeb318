// YAML text -> plain values plus a parallel position tree, document by document.
//
// js-yaml's event parser gives source offsets for every scalar and collection;
// we build the values with js-yaml's own constructor (so scalar typing is exactly
// js-yaml's core schema) and walk the same events once more to record positions.
// When the stream has a syntax error we split it at `---` lines and parse each
// document alone, so one broken document does not discard the others.
import { parseEvents, constructFromEvents, EVENT_ID, getScalarValue, YAMLException } from 'js-yaml';
import type { Event } from 'js-yaml';
import { LineIndex, type PosNode, type SourceRef } from '../model/source.js';
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

/** Largest input accepted in one file (characters). Bigger pastes get a clear error. */
export const MAX_SOURCE_CHARS = 20_000_000;
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

/** Parses text[start:end] and appends its documents; returns the next document index. */
function parseChunk(text: string, start: number, end: number, firstIndex: number, out: YamlFile): number {
  const chunk = start === 0 && end === text.length ? text : text.slice(start, end);
  const events = parseEvents(chunk, { filename: out.file, maxDepth: 200 });
  const values = constructFromEvents(events, { source: chunk, filename: out.file, maxAliases: MAX_ALIASES });
  const positions = buildPositions(events, chunk, start);
  let index = firstIndex;
  for (let i = 0; i < values.length; i++) {
    const pos = positions[i];
    out.documents.push({
      index: index++,
      value: values[i],
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
  node: PosNode;
  isMap: boolean;
  pendingKey: string | undefined;
  pendingKeyOffset: number;
}

/** One position tree per document, offsets shifted by `base`. */
function buildPositions(events: Event[], src: string, base: number): Array<PosNode | undefined> {
  const docs: Array<PosNode | undefined> = [];
  const stack: Frame[] = [];
  let docRoot: PosNode | undefined;
  let lastEnd = 0;

  const attach = (node: PosNode) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      docRoot = node;
      return;
    }
    if (parent.isMap) {
      if (parent.pendingKey === undefined) return; // keys are recorded by the caller
      node.k = parent.pendingKeyOffset;
      (parent.node.c as Record<string, PosNode>)[parent.pendingKey] = node;
      parent.pendingKey = undefined;
    } else {
      (parent.node.c as PosNode[]).push(node);
    }
  };
  const isKeySlot = () => {
    const parent = stack[stack.length - 1];
    return !!parent && parent.isMap && parent.pendingKey === undefined;
  };
  const extend = (end: number) => {
    if (end > lastEnd) lastEnd = end;
    for (const f of stack) if (end > f.node.e) f.node.e = end;
  };

  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        docRoot = undefined;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const isMap = ev.type === EVENT_ID.MAPPING;
        const s = base + (ev.start >= 0 ? ev.start : lastEnd);
        const node: PosNode = { s, e: s, c: isMap ? {} : [] };
        if (isKeySlot()) {
          // complex key: record it under a placeholder so the value still attaches
          const parent = stack[stack.length - 1];
          parent.pendingKey = `?${s}`;
          parent.pendingKeyOffset = s;
        } else {
          attach(node);
        }
        stack.push({ node, isMap, pendingKey: undefined, pendingKeyOffset: 0 });
        extend(s + 1);
        break;
      }
      case EVENT_ID.SCALAR: {
        const has = ev.valueStart >= 0;
        const s = base + (has ? ev.valueStart : lastEnd);
        const e = base + (has ? ev.valueEnd : lastEnd);
        if (isKeySlot()) {
          const parent = stack[stack.length - 1];
          parent.pendingKey = getScalarValue(src, ev);
          parent.pendingKeyOffset = s;
        } else {
          attach({ s, e });
        }
        if (has) extend(e);
        break;
      }
      case EVENT_ID.ALIAS: {
        const s = base + ev.anchorStart - 1;
        const e = base + ev.anchorEnd;
        if (isKeySlot()) {
          const parent = stack[stack.length - 1];
          parent.pendingKey = `*${src.slice(ev.anchorStart, ev.anchorEnd)}`;
          parent.pendingKeyOffset = s;
        } else {
          attach({ s, e });
        }
        extend(e);
        break;
      }
      case EVENT_ID.POP: {
        if (stack.length > 0) stack.pop();
        else docs.push(docRoot);
        break;
      }
    }
  }
  return docs;
}
