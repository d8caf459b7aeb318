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

export const POS_SCALAR = 0;
export const POS_MAP = 1;
export const POS_SEQ = 2;
/** a collection used as a mapping key: kept for its extent, never reached by a path */
export const POS_KEY = 3;

/** A lookup index is built for collections with more children than this (a kubectl `List`). */
const INDEX_FROM = 12;

/**
 * The positions of one parsed text, one entry per YAML node in document order: offsets
 * `s`/`e` (0-based, end exclusive), `k` (the offset of the mapping key that introduced it,
 * or -1), `end` (the index after its last descendant, so siblings are `end` apart), its
 * type and its key. Typed arrays rather than an object per node: a 12,000-object dump has
 * about 800,000 nodes, and a tree of objects for them took 83 MB and much of the
 * collector's time while it was read.
 */
export class PosTable {
  s: Int32Array;
  e: Int32Array;
  k: Int32Array;
  end: Int32Array;
  type: Uint8Array;
  readonly keys: Array<string | undefined> = [];
  n = 0;
  /** child lookups of large collections, built on first use */
  private indexes: Map<number, Int32Array | Map<string, number>> | undefined;

  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.s = new Int32Array(c);
    this.e = new Int32Array(c);
    this.k = new Int32Array(c);
    this.end = new Int32Array(c);
    this.type = new Uint8Array(c);
  }

  /** Appends a node (its `end` is set when its last child is in: see close()). */
  add(type: number, s: number, e: number, k: number, key: string | undefined): number {
    const i = this.n;
    if (i === this.s.length) this.grow();
    this.s[i] = s;
    this.e[i] = e;
    this.k[i] = k;
    this.end[i] = i + 1;
    this.type[i] = type;
    this.keys.push(key);
    this.n = i + 1;
    return i;
  }

  close(i: number): void {
    this.end[i] = this.n;
  }

  /** Drops the spare room once the text is read. */
  trim(): void {
    const n = this.n;
    if (n === this.s.length) return;
    this.s = this.s.slice(0, n);
    this.e = this.e.slice(0, n);
    this.k = this.k.slice(0, n);
    this.end = this.end.slice(0, n);
    this.type = this.type.slice(0, n);
  }

  /** The child of collection `i` at a key (mappings; a repeated key: the last) or an index (sequences); -1 when none. */
  child(i: number, step: string | number): number {
    const t = this.type[i];
    if (t === POS_SEQ) {
      if (typeof step !== 'number') return -1;
      const kids = this.lookup(i) as Int32Array | undefined;
      if (kids) return step >= 0 && step < kids.length ? kids[step] : -1;
      let j = i + 1;
      for (let n = 0; j < this.end[i]; n++, j = this.end[j]) if (n === step) return j;
      return -1;
    }
    if (t !== POS_MAP) return -1;
    const key = String(step);
    const byKey = this.lookup(i) as Map<string, number> | undefined;
    if (byKey) return byKey.get(key) ?? -1;
    let found = -1;
    for (let j = i + 1; j < this.end[i]; j = this.end[j]) if (this.keys[j] === key && this.type[j] !== POS_KEY) found = j;
    return found;
  }

  private lookup(i: number): Int32Array | Map<string, number> | undefined {
    const known = this.indexes?.get(i);
    if (known) return known;
    let count = 0;
    for (let j = i + 1; j < this.end[i]; j = this.end[j]) count++;
    if (count <= INDEX_FROM) return undefined;
    let built: Int32Array | Map<string, number>;
    if (this.type[i] === POS_SEQ) {
      built = new Int32Array(count);
      for (let j = i + 1, n = 0; j < this.end[i]; j = this.end[j]) built[n++] = j;
    } else {
      built = new Map();
      for (let j = i + 1; j < this.end[i]; j = this.end[j]) {
        const key = this.keys[j];
        if (key !== undefined && this.type[j] !== POS_KEY) built.set(key, j);
      }
    }
    (this.indexes ??= new Map()).set(i, built);
    return built;
  }

  private grow(): void {
    const c = this.s.length * 2;
    const up = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.s = up(this.s, (n) => new Int32Array(n));
    this.e = up(this.e, (n) => new Int32Array(n));
    this.k = up(this.k, (n) => new Int32Array(n));
    this.end = up(this.end, (n) => new Int32Array(n));
    this.type = up(this.type, (n) => new Uint8Array(n));
  }
}

/**
 * Where a parsed YAML node is, kept separate from its value so values stay plain JSON:
 * `s`/`e` are 0-based offsets (end exclusive) into the source text, `k` the offset of the
 * mapping key that introduced it. A view of one entry of a PosTable.
 */
export class PosNode {
  constructor(
    readonly table: PosTable,
    readonly index: number,
  ) {}
  get s(): number {
    return this.table.s[this.index];
  }
  get e(): number {
    return this.table.e[this.index];
  }
  /** offset of the mapping key that introduced this node, when it is a mapping value */
  get k(): number | undefined {
    const k = this.table.k[this.index];
    return k < 0 ? undefined : k;
  }
  get isMap(): boolean {
    return this.table.type[this.index] === POS_MAP;
  }
  get isSeq(): boolean {
    return this.table.type[this.index] === POS_SEQ;
  }
  /** The child at a mapping key or sequence index, if there is one. */
  child(step: string | number): PosNode | undefined {
    const j = this.table.child(this.index, step);
    return j < 0 ? undefined : new PosNode(this.table, j);
  }
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
  if (!root) return undefined;
  const t = root.table;
  let i = root.index;
  for (const step of path) {
    const next = t.child(i, step);
    if (next < 0) break;
    i = next;
  }
  return i === root.index ? root : new PosNode(t, i);
}

/** Like posAt, but only returns a node when the whole path exists. */
export function posExact(root: PosNode | undefined, path: ReadonlyArray<string | number>): PosNode | undefined {
  if (!root) return undefined;
  const t = root.table;
  let i = root.index;
  for (const step of path) {
    i = t.child(i, step);
    if (i < 0) return undefined;
  }
  return i === root.index ? root : new PosNode(t, i);
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
