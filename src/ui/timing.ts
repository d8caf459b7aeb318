// How long the page waits after an edit before it re-traces. Short, because a newer
// edit supersedes an older run in the worker anyway: the pause only coalesces
// keystrokes that arrive together (a paste, key repeat). The bench reads it too.
export const TRACE_DEBOUNCE_MS = 25;
