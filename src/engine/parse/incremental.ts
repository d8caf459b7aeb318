// Re-reading manifests after an edit without re-parsing the YAML that did not change.
// YAML parsing dominates loading (about 100 ms for 1,000 objects); an edit touches one
// document. The loader splits the text at document markers (as parseYamlFile's error
// recovery does), parses each document once, keyed by its text, and places cached
// parses at their current lines. The Cluster is rebuilt from all documents every time,
// so the result is the same as loadManifests() on the whole text (tested).
import type { Cluster } from '../model/cluster.js';
import type { LineIndex, SourceRef } from '../model/source.js';
import { loadManifests, type ReadingCache, type SourceReading } from './manifests.js';
import { MAX_SOURCE_CHARS, parseYamlFile, splitDocuments, type YamlFile } from './yaml.js';

export interface IncrementalLoader {
  /**
   * The Cluster for `text`, as loadManifests([{ file, text }]) would read it. It is current
   * until the next load: objects it shares with the next Cluster follow the next text's lines.
   */
  load(text: string): Cluster;
  /** documents parsed by the last load (the rest came from the cache) */
  readonly lastParsed: number;
  /** sources read into the model by the last load (the rest were reused as read before) */
  readonly lastRead: number;
}

function shiftRef<T extends SourceRef | undefined>(ref: T, lines: number): T {
  return ref && lines ? ({ ...ref, startLine: ref.startLine + lines, endLine: ref.endLine + lines } as T) : ref;
}

/** How many document numbers a chunk used (documents, and documents that failed to parse). */
function documentsUsed(y: YamlFile): number {
  let n = 0;
  for (const d of y.documents) n = Math.max(n, d.index);
  for (const d of y.diagnostics) n = Math.max(n, d.document ?? 0);
  return n;
}

function firstIndexOf(y: YamlFile): number {
  return y.documents[0]?.index ?? 0;
}

/**
 * A chunk parsed at line 1 as document 1, moved to `lineOffset` and renumbered from
 * `firstIndex`; `lines` places its ranges (an index kept with an earlier reading of it).
 */
function place(file: string, y: YamlFile, lines: LineIndex, lineOffset: number, firstIndex: number): Placed {
  const delta = firstIndex - 1;
  return {
    file,
    text: y.text,
    lines,
    documents: y.documents.map((d) => ({ ...d, index: d.index + delta, range: shiftRef(d.range, lineOffset) })),
    diagnostics: y.diagnostics.map((d) => ({
      ...d,
      source: shiftRef(d.source, lineOffset),
      document: d.document === undefined ? undefined : d.document + delta,
      // parseYamlFile names the document in its syntax messages
      message: delta ? d.message.replace(/^(YAML (?:syntax )?error in document )(\d+)/, (_m, p: string, n: string) => `${p}${Number(n) + delta}`) : d.message,
    })),
    parsed: y,
  };
}

/** A parse placed at its lines in this load, with the parse it came from. */
type Placed = YamlFile & { parsed: YamlFile };

/**
 * A source's reading, reusable while its text, document numbers and object order stay the
 * same. Lines added or removed above it move it: its ranges were made by `lines`, which
 * moves them all (LineIndex.movable), so the model keeps pointing at the right lines.
 */
interface Kept {
  lines: LineIndex;
  firstIndex: number;
  firstOrder: number;
  reading: SourceReading;
}

/** Line breaks in text[from, to). */
function breaksIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function createIncrementalLoader(file: string): IncrementalLoader {
  // The last load's documents, in order: each one's text, parse and line breaks. A document
  // is looked up at its own position first (an edit leaves the others where they were), then
  // among those of the same length: no document's text is hashed, and most are not compared.
  let prevTexts: string[] = [];
  let prevParses: YamlFile[] = [];
  let prevBreaks: number[] = [];
  let lastParsed = 0;
  let lastRead = 0;
  // Keyed by the parse of a document's text (the same object while the text is unchanged).
  let kept = new WeakMap<YamlFile, Kept>();
  /** the parse behind a placed YamlFile of the current load (a field: a WeakMap entry per document cost more) */
  const parsedOf = (placed: YamlFile): YamlFile | undefined => (placed as Partial<Placed>).parsed;
  const readings: ReadingCache = {
    get(src, firstOrder, placed) {
      const y = parsedOf(placed);
      const k = y && kept.get(y);
      if (!k || placed.lines !== k.lines || k.firstIndex !== firstIndexOf(placed) || k.firstOrder !== firstOrder) {
        lastRead++;
        // Read again: into an index of its own, so the kept one stops collecting ranges.
        if (k && placed.lines === k.lines) placed.lines = k.lines.movable(src.lineOffset ?? 0);
        return undefined;
      }
      return k.reading;
    },
    set(_src, firstOrder, placed, reading) {
      const y = parsedOf(placed);
      if (y) kept.set(y, { lines: placed.lines, firstIndex: firstIndexOf(placed), firstOrder, reading });
    },
  };
  return {
    get lastParsed() {
      return lastParsed;
    },
    get lastRead() {
      return lastRead;
    },
    load(text: string): Cluster {
      // Oversized input: loadManifests reports it.
      if (text.length > MAX_SOURCE_CHARS) {
        prevTexts = [];
        prevParses = [];
        prevBreaks = [];
        return loadManifests([{ file, text }]);
      }
      const ranges = splitDocuments(text);
      const texts: string[] = [];
      const parses: YamlFile[] = [];
      const breaks: number[] = [];
      const sources: Array<{ file: string; text: string; lineOffset: number }> = [];
      let byLength: Map<number, number[]> | undefined;
      /** texts parsed in this load (usually the one edited document), for a copy of one further on */
      const fresh = new Map<string, YamlFile>();
      let parsed = 0;
      // Each document's first line: the line breaks before it.
      let line = 0;
      let at = 0;
      for (let i = 0; i < ranges.length; i++) {
        const [s, e] = ranges[i];
        line += breaksIn(text, at, s);
        const chunk = text.slice(s, e);
        let found = -1;
        if (prevTexts[i] === chunk) found = i;
        else {
          if (!byLength) {
            byLength = new Map();
            for (let j = 0; j < prevTexts.length; j++) {
              const list = byLength.get(prevTexts[j].length);
              if (list) list.push(j);
              else byLength.set(prevTexts[j].length, [j]);
            }
          }
          for (const j of byLength.get(chunk.length) ?? []) {
            if (prevTexts[j] === chunk) {
              found = j;
              break;
            }
          }
        }
        let y = found >= 0 ? prevParses[found] : fresh.get(chunk);
        if (!y) {
          y = parseYamlFile(file, chunk);
          fresh.set(chunk, y);
          parsed++;
        }
        const n = found >= 0 ? prevBreaks[found] : breaksIn(chunk, 0, chunk.length);
        texts.push(chunk);
        parses.push(y);
        breaks.push(n);
        sources.push({ file, text: chunk, lineOffset: line });
        line += n;
        at = e;
      }
      let index = 1;
      let next = 0;
      const used = new Set<YamlFile>();
      const parseDiagnostics = new Set<unknown>();
      const parse = (_f: string, _chunk: string, lineOffset = 0): YamlFile => {
        // loadManifests parses the sources once each, in order.
        const y = parses[next++];
        // The same text twice in one load: the second copy is read on its own.
        const again = used.has(y);
        used.add(y);
        // A kept reading's ranges move to where its text now is (a no-op when it did not move).
        const k = again ? undefined : kept.get(y);
        if (k) k.lines.moveTo(lineOffset);
        const placed = place(file, y, k ? k.lines : y.lines.movable(lineOffset), lineOffset, index);
        for (const d of placed.diagnostics) parseDiagnostics.add(d);
        index += documentsUsed(y);
        return placed;
      };
      lastRead = 0;
      const cluster = loadManifests(sources, { parse, readings });
      cluster.files = [file];
      // One source parses before anything is read: its YAML problems come first, as in a full load.
      if (parseDiagnostics.size) {
        cluster.diagnostics = [...cluster.diagnostics.filter((d) => parseDiagnostics.has(d)), ...cluster.diagnostics.filter((d) => !parseDiagnostics.has(d))];
      }
      // Readings of documents no longer in the text go with their parses.
      const keptNext = new WeakMap<YamlFile, Kept>();
      for (const y of parses) {
        const k = kept.get(y);
        if (k) keptNext.set(y, k);
      }
      kept = keptNext;
      prevTexts = texts;
      prevParses = parses;
      prevBreaks = breaks;
      lastParsed = parsed;
      return cluster;
    },
  };
}
