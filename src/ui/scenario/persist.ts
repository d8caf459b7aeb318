// The work in progress survives a reload: the current snapshot is kept in the
// browser's local storage, and the one before a replacing action (an example, an
// import, a link) is kept too, so that action can be undone.
import { checkSnapshot, type AppSnapshot } from './share';

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

function write(key: string, s: AppSnapshot, store = storage()): SaveResult {
  if (!store) return { ok: false, message: 'this browser does not allow RouteLab to save your work (local storage is off)' };
  if (s.scenario.manifests.length > MAX_SAVED_CHARS) return { ok: false, message: 'the scenario is too large to keep in this browser; export it to keep a copy' };
  try {
    store.setItem(key, JSON.stringify(s));
    return { ok: true };
  } catch {
    return { ok: false, message: 'the scenario is too large to keep in this browser; export it to keep a copy' };
  }
}

function read(key: string, store = storage()): AppSnapshot | undefined {
  if (!store) return undefined;
  try {
    const text = store.getItem(key);
    return text ? checkSnapshot(JSON.parse(text)) : undefined;
  } catch {
    return undefined; // unreadable: ignore rather than break the page
  }
}

export const saveCurrent = (s: AppSnapshot, store?: Storage) => write(CURRENT, s, store);
export const loadCurrent = (store?: Storage) => read(CURRENT, store);
export const savePrevious = (s: AppSnapshot, store?: Storage) => write(PREVIOUS, s, store);
export const loadPrevious = (store?: Storage) => read(PREVIOUS, store);
