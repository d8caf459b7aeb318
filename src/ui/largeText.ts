// How the page treats a very large text in the editor (a pasted cluster dump), and what
// it says when the engine refuses one. Plain functions, so they are tested without
// Monaco or a browser.

/**
 * Above this many characters (or lines) the editor stops feeding monaco-yaml and turns
 * off the features whose cost grows with the text (highlighting, folding, sticky scroll,
 * bracket pairs, links, word completion). Measured with `npm run bench -- browser`
 * (ROUTELAB_BENCH_PASTE_OBJECTS): monaco-yaml's worker held 103 MB after a 2 MB paste,
 * 240 MB after 4 MB and 1.2 GB after 21 MB, and re-validates the whole text after every
 * edit; hand-written manifests are tens of kilobytes and a 1,000-object dump is 0.4 MB,
 * so 2 MB (about 5,000 typical objects) keeps every editor feature for them.
 */
export const LARGE_TEXT_CHARS = 2_000_000;
/** Typical YAML has about 18 characters per line: 100,000 lines is about the same 2 MB. */
export const LARGE_TEXT_LINES = 100_000;
/**
 * A large text becomes a normal one again only below three quarters of the thresholds, so
 * editing around the threshold does not switch the editor back and forth (each switch
 * re-highlights the text and sends it to monaco-yaml's worker).
 */
export const NORMAL_AGAIN_RATIO = 0.75;

/**
 * How long the editor waits after an edit of a large text before it copies the text to the
 * store (a copy of 20 MB per keystroke would take the page's time); the trace of a large
 * text takes a second or more anyway.
 */
export const LARGE_EDIT_DEBOUNCE_MS = 300;

/**
 * Above this many characters the editor's suggestions wait for a pause in typing. Each
 * suggestion request has monaco-yaml's worker read the whole text again: about 300 ms of
 * a core per keystroke on a 1,000-object (0.4 MB) scenario, taken from the trace of that
 * keystroke on a 2-core machine. 100 KB is about 250 typical objects; hand-written
 * manifests stay well below it and keep Monaco's immediate suggestions.
 */
export const PAUSED_SUGGEST_CHARS = 100_000;
/** Monaco's own delay before it asks for suggestions, and the one above PAUSED_SUGGEST_CHARS. */
export const SUGGEST_DELAY_MS = 10;
export const PAUSED_SUGGEST_DELAY_MS = 300;

/** How long the editor waits after a keystroke before it asks for suggestions. */
export function suggestDelay(chars: number): number {
  return chars > PAUSED_SUGGEST_CHARS ? PAUSED_SUGGEST_DELAY_MS : SUGGEST_DELAY_MS;
}

/** Is a text of this size large (as reached from a normal one)? */
export function isLargeText(chars: number, lines = 0): boolean {
  return chars > LARGE_TEXT_CHARS || lines > LARGE_TEXT_LINES;
}

/** Whether the editor treats the text as large after an edit, given whether it did before. */
export function largeTextMode(wasLarge: boolean, chars: number, lines: number): boolean {
  if (!wasLarge) return isLargeText(chars, lines);
  return chars > LARGE_TEXT_CHARS * NORMAL_AGAIN_RATIO || lines > LARGE_TEXT_LINES * NORMAL_AGAIN_RATIO;
}

/** "2 MB": a size for people. */
export function sizeText(chars: number): string {
  const mb = chars / 1_000_000;
  return mb >= 10 ? `${mb.toFixed(0)} MB` : mb >= 1 ? `${mb.toFixed(1).replace(/\.0$/, '')} MB` : `${Math.max(1, Math.round(chars / 1000))} KB`;
}

/** The note the editor shows while it treats its text as large. */
export function largeTextNote(): string {
  return `Large text (over ${sizeText(LARGE_TEXT_CHARS)}): the editor's YAML schema checks, completion, hover, highlighting and folding are off, so the page stays responsive. RouteLab still reads and traces all of it; they come back when the text is smaller.`;
}

/**
 * A large paste goes into the editor in pieces, one piece per task, so the page keeps
 * answering while it goes in. Monaco's own paste of 20 MB was one task of 1.0-1.5 s on this
 * 2-core machine: counting line breaks, writing the undo record and the change listeners
 * grow with the text pasted. A piece's size follows the time the last one took, aiming at
 * PASTE_PIECE_MS, within these bounds: never below 64 KB, so one slow moment (a garbage
 * collection) does not turn the rest of a paste into thousands of pieces. This relies on
 * the editor's as-is view for a large text (MonacoEditor's viewLinesAsIs): with Monaco's
 * usual view every piece also cost a copy of per-line arrays, about 40 ms at a million
 * lines, and the bench's paste had 9-16 tasks over 50 ms.
 */
export const PASTE_PIECE_MS = 20;
export const PASTE_PIECE_CHARS = { first: 128 * 1024, min: 64 * 1024, max: 2 * 1024 * 1024 };

/** The size of the next piece, given the size of the last one and the time it took. */
export function nextPieceSize(size: number, ms: number): number {
  const scaled = ms > 0 ? Math.round((size * PASTE_PIECE_MS) / ms) : PASTE_PIECE_CHARS.max;
  // At most twice the last size: one fast piece (a timer's coarse clock) does not make the next one huge.
  return Math.max(PASTE_PIECE_CHARS.min, Math.min(PASTE_PIECE_CHARS.max, 2 * size, scaled));
}

/**
 * Where the piece of `text` that starts at `start` ends: just after the first line break at
 * or beyond `start + size`, or at the end of the text. A piece never splits a line, so a
 * CR LF pair or a surrogate pair is never cut in two.
 */
export function pieceEnd(text: string, start: number, size: number): number {
  if (text.length - start <= size) return text.length;
  const nl = text.indexOf('\n', start + size - 1);
  return nl < 0 ? text.length : nl + 1;
}

/** What Monaco's paste command takes: the text, and what Monaco's own copy put beside it. */
export interface PasteArgs {
  text: string;
  pasteOnNewLine: boolean;
  multicursorText: string[] | null;
  mode: string | null;
}

/**
 * The arguments Monaco's paste handler would pass for this clipboard content (monaco-editor
 * 0.54, NativeEditContext and TextAreaInput): `metadata` is the `vscode-editor-data` entry a
 * copy from a Monaco editor leaves, a line copied from an empty selection pastes on its own
 * line, and a multi-cursor copy pastes one part per cursor.
 */
export function pasteArgs(text: string, metadata: string, emptySelectionClipboard: boolean): PasteArgs {
  type Meta = { version?: unknown; isFromEmptySelection?: unknown; multicursorText?: unknown; mode?: unknown };
  let meta: Meta | undefined;
  if (metadata) {
    try {
      const parsed = JSON.parse(metadata) as unknown;
      if (parsed && typeof parsed === 'object' && (parsed as Meta).version === 1) meta = parsed as Meta;
    } catch {
      meta = undefined;
    }
  }
  if (!meta) return { text, pasteOnNewLine: false, multicursorText: null, mode: null };
  const parts = meta.multicursorText;
  const multicursorText = Array.isArray(parts) && parts.every((t) => typeof t === 'string') ? (parts as string[]) : null;
  return {
    text,
    pasteOnNewLine: emptySelectionClipboard && !!meta.isFromEmptySelection,
    multicursorText,
    mode: typeof meta.mode === 'string' ? meta.mode : null,
  };
}

/** The engine's diagnostic for a text over its size limit (code InputTooLarge). */
export interface TooLargeDiagnostic {
  code?: string;
  message: string;
}

/**
 * A sentence for the page when the engine refused the text as too large, or undefined.
 * The engine's message reads "<file> has N characters; the limit is M".
 */
export function tooLargeMessage(diagnostics: readonly TooLargeDiagnostic[] | undefined): string | undefined {
  const d = diagnostics?.find((x) => x.code === 'InputTooLarge');
  if (!d) return undefined;
  const m = /has (\d+) characters; the limit is (\d+)/.exec(d.message);
  const n = (s: string) => Number(s).toLocaleString('en');
  const what = m ? `the editor holds ${n(m[1])} characters and RouteLab reads at most ${n(m[2])}` : d.message;
  return `Too large to read: ${what}, so nothing was read and the trace below is of an empty cluster. Remove the objects you do not need to trace (RouteLab reads Ingress, Gateway API, Service and workload objects), or split the file, and RouteLab traces it again.`;
}
