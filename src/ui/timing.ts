// How long the page waits after an edit before it re-traces: no time, only the end of the
// code that made the change (a microtask), so changes made together (the YAML and the
// request) go as one job. A newer edit supersedes an older run in the worker anyway, and
// keystrokes (key repeat included) come further apart than one trace of a 1,000-object
// config takes. The bench reads it too.
export const TRACE_DEBOUNCE_MS = 0;
