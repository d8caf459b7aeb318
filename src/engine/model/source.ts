// Source positions. Every object the engine reads keeps where it came from, so
// the UI can highlight the exact lines behind a decision and errors can name a line.

/** 1-based line and column range inside one source file; end is inclusive of the last character. */
export interface SourceRange {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

/** A range inside a named source (a CLI file name, or "editor" in the web app). */
export interface SourceRef extends SourceRange {
  file: string;
}

/**
 * Position tree parallel to a parsed YAML value: `s`/`e` are 0-based offsets
 * (end exclusive) into the source text; `c` holds children by mapping key or
 * sequence index. Kept separate from the value so values stay plain JSON.
 */
export interface PosNode {
  s: number;
  e: number;
  /** offset of the mapping key that introduced this node, when it is a mapping value */
  k?: number;
  c?: Record<string, PosNode> | PosNode[];
}

/** Converts offsets to 1-based line/column for one source text. */
export class LineIndex {
  private readonly starts: number[];
  /**
   * `lineOffset`/`colOffset` place a text embedded in another file (the `manifests`
   * block of a routing test file) at its real lines, so messages point into that file.
   */
  constructor(
    readonly file: string,
    /** the text, or the line table of an index of the same text (see at()) */
    text: string | { readonly starts: number[] },
    private lineOffset = 0,
    private readonly colOffset = 0,
  ) {
    if (typeof text !== 'string') {
      this.starts = text.starts;
      return;
    }
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  /** The same text placed at another line of its file: shares the line table, scans nothing. */
  at(lineOffset: number, colOffset = this.colOffset): LineIndex {
    return new LineIndex(this.file, { starts: this.starts }, lineOffset, colOffset);
  }

  /** every range this index made, once tracked (see movable()) */
  private made: SourceRef[] | undefined;

  /**
   * An index whose ranges can follow their text when lines are added or removed above it:
   * it keeps each range it makes, and moveTo() shifts them all. The incremental loader
   * reads a document once and keeps its model while an edit elsewhere moves it down.
   */
  movable(lineOffset: number): LineIndex {
    const moved = this.at(lineOffset, 0);
    moved.made = [];
    return moved;
  }

  /** The text now starts after `lineOffset` lines: every range made so far moves with it. */
  moveTo(lineOffset: number): void {
    if (!this.made) throw new Error('moveTo() needs an index made by movable()');
    const d = lineOffset - this.lineOffset;
    if (d === 0) return;
    for (const r of this.made) {
      r.startLine += d;
      r.endLine += d;
    }
    this.lineOffset = lineOffset;
  }

  /** 1-based line of a 0-based offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  position(offset: number): { line: number; col: number } {
    const line = this.lineOf(offset);
    return { line, col: offset - this.starts[line - 1] + 1 };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  ref(start: number, end: number): SourceRef {
    const a = this.position(start);
    const b = this.position(Math.max(start, end - 1));
    const lo = this.lineOffset;
    const co = this.colOffset;
    const ref = { file: this.file, startLine: a.line + lo, startCol: a.col + co, endLine: b.line + lo, endCol: b.col + 1 + co };
    this.made?.push(ref);
    return ref;
  }

  /** A 1-based line of the text as a line of the enclosing file. */
  fileLine(line: number): number {
    return line + this.lineOffset;
  }
}

/** Walks a position tree by a path of keys and indexes; returns the deepest node found. */
export function posAt(root: PosNode | undefined, path: ReadonlyArray<string | number>): PosNode | undefined {
  let node = root;
  for (const step of path) {
    if (!node?.c) return node;
    const next: PosNode | undefined = Array.isArray(node.c)
      ? typeof step === 'number' ? node.c[step] : undefined
      : (node.c as Record<string, PosNode>)[String(step)];
    if (!next) return node;
    node = next;
  }
  return node;
}

/** Like posAt, but only returns a node when the whole path exists. */
export function posExact(root: PosNode | undefined, path: ReadonlyArray<string | number>): PosNode | undefined {
  let node = root;
  for (const step of path) {
    if (!node?.c) return undefined;
    node = Array.isArray(node.c)
      ? typeof step === 'number' ? node.c[step] : undefined
      : (node.c as Record<string, PosNode>)[String(step)];
  }
  return node;
}

export function formatRef(ref: SourceRef | undefined): string {
  if (!ref) return '';
  return `${ref.file}:${ref.startLine}`;
}

/**
 * Source range of the field at `path` inside an object (e.g. an annotation:
 * ['metadata', 'annotations', 'nginx.ingress.kubernetes.io/rewrite-target']), starting at
 * its key. Falls back to the deepest existing parent, then to `fallback`.
 */
export function refAt(
  obj: { pos: PosNode | undefined; lines: LineIndex | undefined; source: SourceRef },
  path: ReadonlyArray<string | number>,
): SourceRef {
  if (!obj.lines) return obj.source;
  const node = posAt(obj.pos, path);
  if (!node) return obj.source;
  const start = node.k !== undefined ? node.k : node.s;
  return obj.lines.ref(start, Math.max(node.e, start + 1));
}
