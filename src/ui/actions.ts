// What the header buttons and the page's start-up do: open an example, import or
// export a scenario, copy the share link, keep the address bar and local storage
// in step with the work, and undo an action that replaced it.
import type { Example } from './examples/index';
import { FIRST_EXAMPLE } from './examples/first.generated';
import { parseScenarioText } from './engine';
import { scenarioFileName, serializeScenario } from './scenario/serialize';
import { decodeFragment, encodeForLink, linkOf, MAX_LINK_CHARS, packSnapshot, type AppSnapshot } from './scenario/share';
import { loadCurrent, loadPrevious, MAX_SAVED_CHARS, saveCurrent, saveCurrentPacked, savePrevious } from './scenario/persist';
import { flushEditor, useStore } from './store';
import type { RequestForm, ScenarioData } from '../worker/protocol';
import { DEFAULT_FORM } from '../worker/protocol';

/** Files larger than this are refused on import (the engine's own limit is 32,000,000 characters). */
export const MAX_IMPORT_BYTES = 32 * 1000 * 1000;

/** The request bar for a freshly opened scenario: its first saved request, if any. */
function firstForm(s: ScenarioData): { form: RequestForm; selected?: string } {
  const first = s.requests[0];
  return first ? { form: { ...first.form }, selected: first.id } : { form: { ...DEFAULT_FORM } };
}

/**
 * The request bar for a scenario that was being opened (read from a file or parsed in the
 * worker) while the user may have gone on working: its first saved request, unless the user
 * changed the request since the open began or is in the request bar now. Their latest edit
 * wins, and the box they are typing in does not change under the cursor.
 */
function formAfterOpen(startForm: RequestForm, s: ScenarioData): { form: RequestForm; selected?: string; kept?: true } {
  const st = useStore.getState();
  const active = typeof document !== 'undefined' ? document.activeElement : null;
  const inBar = !!active && typeof active.closest === 'function' && !!active.closest('form.request-bar');
  if (st.form !== startForm || inBar) return { form: st.form, kept: true };
  return firstForm(s);
}

const keptNote = (f: { kept?: true }) => (f.kept ? ' The request you were typing was kept.' : '');

/** Replaces the work with `snap`, keeping what was there for Undo. */
export function replaceWork(snap: AppSnapshot, message: string): void {
  const st = useStore.getState();
  if (st.ready) savePrevious(st.snapshot());
  st.applySnapshot(snap);
  useStore.getState().notify('info', message, { undo: st.ready });
}

let exampleOpens = 0;

/** Resolves true when the example was opened. */
export async function openExample(example: Example): Promise<boolean> {
  const startForm = useStore.getState().form;
  // The texts arrive in any order: the example chosen last is the one parsed (and the
  // worker drops an older parse that is still running).
  const open = ++exampleOpens;
  let text: string;
  try {
    text = await example.load();
  } catch {
    if (open === exampleOpens) useStore.getState().notify('error', `The example “${example.title}” could not be fetched; check the connection and try again.`);
    return false;
  }
  if (open !== exampleOpens) return false;
  const r = await parseScenarioText(example.file, text);
  if ('error' in r) {
    if (!r.superseded) useStore.getState().notify('error', `The example could not be opened: ${r.error}`);
    return false;
  }
  const { kept, ...form } = formAfterOpen(startForm, r.scenario);
  replaceWork({ scenario: r.scenario, ...form }, `Opened the example “${r.scenario.name}”.${keptNote({ kept })}`);
  return true;
}

export async function importFile(file: File): Promise<void> {
  const { notify, form: startForm } = useStore.getState();
  if (file.size > MAX_IMPORT_BYTES) {
    notify('error', `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; RouteLab opens files up to ${MAX_IMPORT_BYTES / 1e6} MB.`);
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    notify('error', `${file.name} could not be read.`);
    return;
  }
  const r = await parseScenarioText(file.name, text);
  if ('error' in r) {
    if (!r.superseded) notify('error', `${file.name} could not be imported: ${r.error}`);
    return;
  }
  const what = r.kind === 'test-file' ? `routing test file with ${r.scenario.requests.length} saved request(s)` : 'manifests';
  const warn = r.warnings.length ? ` Problems in the file: ${r.warnings.join('; ')}` : '';
  const { kept, ...form } = formAfterOpen(startForm, r.scenario);
  replaceWork({ scenario: r.scenario, ...form }, `Imported ${file.name} (${what}).${warn}${keptNote({ kept })}`);
}

/** A routing test file pasted into the editor becomes the scenario it describes. */
export async function openPastedTestFile(): Promise<void> {
  flushEditor();
  const st = useStore.getState();
  const startForm = st.form;
  const r = await parseScenarioText('pasted.yaml', st.yaml);
  if ('error' in r) {
    if (!r.superseded) st.notify('error', `The pasted test file could not be opened: ${r.error}`);
    return;
  }
  if (r.kind !== 'test-file') {
    st.notify('warning', 'The editor does not hold a routing test file (one YAML mapping with a manifests text block).');
    return;
  }
  const warn = r.warnings.length ? ` Problems in the file: ${r.warnings.join('; ')}` : '';
  const { kept, ...form } = formAfterOpen(startForm, r.scenario);
  replaceWork({ scenario: r.scenario, ...form }, `Opened the pasted test file “${r.scenario.name}” with ${r.scenario.requests.length} saved request(s).${warn}${keptNote({ kept })}`);
}

/** Does the text look like a routing test file rather than manifests? */
export function looksLikeTestFile(text: string): boolean {
  // A top-level `kind:` first: manifests have one on their first lines, so a pasted cluster
  // dump is told apart without scanning all of its 20 MB for a `manifests:` key.
  return !/^kind[ \t]*:/m.test(text) && /^manifests[ \t]*:[ \t]*[|>]/m.test(text) && /^(cases|mode)[ \t]*:/m.test(text);
}

/** The mode a test file states for a scenario whose entry is chosen by DNS. */
function modeForAuto(): 'ingress' | 'gateway' {
  const ep = useStore.getState().trace.value?.load.entryPoints;
  return ep && ep.gateways.length > 0 && !ep.hasIngresses ? 'gateway' : 'ingress';
}

export function exportText(): { name: string; text: string } {
  const snap = useStore.getState().snapshot();
  return { name: scenarioFileName(snap.scenario.name), text: serializeScenario(snap.scenario, { modeForAuto: modeForAuto() }) };
}

export function exportScenario(): void {
  const { name, text } = exportText();
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function linkFor(fragment: string): string {
  return `${location.origin}${location.pathname}${location.search}#${fragment}`;
}

export async function copyShareLink(): Promise<void> {
  const st = useStore.getState();
  const encoded = encodeForLink(st.snapshot());
  if (!encoded.ok) {
    st.notify('error', `This scenario is too large for a share link (about ${Math.round(encoded.chars / 1000)} KB compressed; links stop at ${MAX_LINK_CHARS / 1000} KB). Use Export scenario to share it as a file.`);
    return;
  }
  const link = linkFor(encoded.fragment);
  try {
    await navigator.clipboard.writeText(link);
    st.notify('success', 'Share link copied. It holds the whole scenario: the YAML, the requests and your choices.');
  } catch {
    st.notify('info', 'Copy this share link (the clipboard is not available here):', { link });
  }
}

export function undoReplace(): void {
  const prev = loadPrevious();
  const st = useStore.getState();
  if (!prev) {
    st.notify('warning', 'There is nothing to restore.');
    return;
  }
  savePrevious(st.snapshot());
  st.applySnapshot(prev);
  useStore.getState().notify('info', `Restored “${prev.scenario.name}”.`, { undo: true });
}

// ---- the address bar and local storage follow the work ----

let lastFragment = '';
let lastSaveProblem = '';
let deferred = false;

/**
 * The newest save, or change to save: a save whose link is still being compressed when the
 * work changes again writes neither its (older) link nor "saved"; the next save does.
 */
let persistSeq = 0;
/** the newest save that reached this browser's storage */
let storedSeq = 0;

function persistNow(): void {
  const st = useStore.getState();
  if (!st.ready) return;
  // Saving a large scenario takes main-thread time: not while a trace is on its way.
  if (st.trace.status === 'running' && !deferred) {
    deferred = true;
    setTimeout(() => {
      deferred = false;
      persistNow();
    }, 150);
    return;
  }
  const snap = st.snapshot();
  const seq = ++persistSeq;
  // Packed once, off the main thread, for both the link and this browser's storage
  // (persist.ts): a few KB to write, where the JSON of a large scenario held the page.
  const size = snap.scenario.manifests.length;
  void (size <= MAX_SAVED_CHARS ? packSnapshot(snap) : Promise.resolve(undefined)).then((packed) => {
    if (seq !== persistSeq) return; // the work changed meanwhile: the next save writes it
    const saved = packed === undefined ? saveCurrent(snap) : saveCurrentPacked(snap, packed);
    if (saved.ok) storedSeq = seq;
    const now = useStore.getState();
    if (!saved.ok && saved.message !== lastSaveProblem) now.notify('warning', `Your work could not be saved in this browser: ${saved.message}.`);
    lastSaveProblem = saved.ok ? '' : saved.message;
    // Not packed: past MAX_SAVED_CHARS, and so past what a link holds too.
    const encoded = linkOf(snap, packed ?? '');
    if (encoded.ok) {
      const { fragment } = encoded;
      if (fragment !== lastFragment) history.replaceState(history.state, '', `#${fragment}`);
      lastFragment = fragment;
      if (now.link.status !== 'ok' || now.link.chars !== fragment.length) useStore.setState({ link: { status: 'ok', chars: fragment.length } });
    } else {
      // Too large for a link: clear the fragment so a reload restores from local storage, not an old link.
      if (location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
      lastFragment = '';
      if (now.link.status !== 'too-large' || now.link.chars !== encoded.chars) useStore.setState({ link: { status: 'too-large', chars: encoded.chars } });
    }
    useStore.setState({ saveState: saved.ok ? 'saved' : 'failed' });
  });
}

/** Keeps the address bar and local storage in step; opens links pasted into the address bar. */
export function startSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (!s.ready) return;
    if (s.yamlVersion !== prev.yamlVersion || s.form !== prev.form || s.requests !== prev.requests || s.scenario !== prev.scenario || s.selectedRequest !== prev.selectedRequest || !prev.ready) {
      clearTimeout(timer);
      persistSeq++;
      timer = setTimeout(persistNow, 250);
      if (s.saveState !== 'saving') useStore.setState({ saveState: 'saving' });
    }
  });
  const onHash = () => {
    const f = location.hash.slice(1);
    if (!f || f === lastFragment) return;
    const r = decodeFragment(f);
    if (r.ok) {
      lastFragment = f;
      replaceWork(r.snapshot, `Opened the shared scenario “${r.snapshot.scenario.name}”.`);
    } else useStore.getState().notify('error', `This link could not be opened: ${r.message}.`);
  };
  // The page is going: whatever is not in storage yet goes in now, as JSON (packing it
  // would finish after the page is gone).
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const st = useStore.getState();
    if (st.ready && storedSeq !== persistSeq && saveCurrent(st.snapshot()).ok) storedSeq = persistSeq;
  };
  window.addEventListener('hashchange', onHash);
  window.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener('pagehide', flush);
    clearTimeout(timer);
  };
}

/** The first scenario: the link in the address bar, else the saved work, else the first example. */
export function boot(): void {
  const st = useStore.getState();
  const fragment = location.hash.slice(1);
  let problem = '';
  if (fragment) {
    const r = decodeFragment(fragment);
    if (r.ok) {
      lastFragment = fragment;
      // A link replaces the work this browser kept: keep that work for Undo.
      const saved = loadCurrent();
      const replaced = !!saved && JSON.stringify(saved) !== JSON.stringify(r.snapshot);
      if (replaced) savePrevious(saved);
      st.applySnapshot(r.snapshot);
      if (replaced) useStore.getState().notify('info', `Opened the shared scenario “${r.snapshot.scenario.name}”. Your previous work in this browser is one Undo away.`, { undo: true });
      return;
    }
    problem = `This link could not be opened: ${r.message}.`;
  }
  const saved = loadCurrent();
  if (saved) {
    st.applySnapshot(saved);
    if (problem) st.notify('error', `${problem} Your last work in this browser is shown instead.`);
    return;
  }
  // The first example, read at build time (first.generated.ts; its test keeps it equal to
  // what the worker reads from the file): applied at once, before the first render, so the
  // first trace is asked for while the page renders, not after a round trip to the worker.
  st.applySnapshot({ scenario: FIRST_EXAMPLE.scenario, ...firstForm(FIRST_EXAMPLE.scenario) });
  if (problem) useStore.getState().notify('error', `${problem} The first example is shown instead.`);
}
