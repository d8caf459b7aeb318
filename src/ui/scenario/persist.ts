// The work in progress survives a reload: the current snapshot is kept in the
// browser's local storage, and the one before a replacing action (an example, an
// import, a link) is kept too, so that action can be undone.
//
// After a pause in typing the page stores the work packed as a share link holds it
// (packSnapshot: compressed off the main thread, ~13 KB for a 1,000-object scenario).
// Writing the 400 KB JSON instead held the page for 26-72 ms in localStorage.setItem, at
// every pause. JSON is still written where the work must be kept at once (the page
// closing, a replacing action), and both forms are read.
import { checkSnapshot, decodeFragment, MAX_FRAGMENT_CHARS, type AppSnapshot } from './share';

const CURRENT = 'routelab.v1.current';
const PREVIOUS = 'routelab.v1.previous';

export type SaveResult = { ok: true } | { ok: false; message: string };

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // access denied (privacy settings)
  }
}

/** Browsers keep about 5 MB per site; larger work is not attempted (it would only fail, slowly). */
export const MAX_SAVED_CHARS = 4_000_000;

const NO_STORAGE = 'this browser does not allow RouteLab to save your work (local storage is off)';
const TOO_LARGE = 'the scenario is too large to keep in this browser; export it to keep a copy';

/** Stores the snapshot as JSON, or as `packed` (packSnapshot's text) when given. */
function write(key: string, s: AppSnapshot, store = storage(), packed?: string): SaveResult {
  if (!store) return { ok: false, message: NO_STORAGE };
  if (s.scenario.manifests.length > MAX_SAVED_CHARS) return { ok: false, message: TOO_LARGE };
  try {
    store.setItem(key, packed ?? JSON.stringify(s));
    return { ok: true };
  } catch {
    return { ok: false, message: TOO_LARGE };
  }
}

function read(key: string, store = storage()): AppSnapshot | undefined {
  if (!store) return undefined;
  try {
    const text = store.getItem(key);
    if (!text) return undefined;
    if (text.startsWith('{')) return checkSnapshot(JSON.parse(text));
    const r = decodeFragment(text);
    return r.ok ? r.snapshot : undefined;
  } catch {
    return undefined; // unreadable: ignore rather than break the page
  }
}

/**
 * Stores the current work as packSnapshot packed it. A packed text longer than a link may
 * be read back (decodeFragment's limit) is stored as JSON instead.
 */
export function saveCurrentPacked(s: AppSnapshot, packed: string, store?: Storage): SaveResult {
  return write(CURRENT, s, store, packed.length > MAX_FRAGMENT_CHARS ? undefined : packed);
}

export const saveCurrent = (s: AppSnapshot, store?: Storage) => write(CURRENT, s, store);
export const loadCurrent = (store?: Storage) => read(CURRENT, store);
export const savePrevious = (s: AppSnapshot, store?: Storage) => write(PREVIOUS, s, store);
export const loadPrevious = (store?: Storage) => read(PREVIOUS, store);
