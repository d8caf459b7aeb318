// Helpers for reading one object: typed field access that never throws, with
// source ranges for any sub-path and diagnostics that name the object and line.
import { posAt, type LineIndex, type PosNode, type SourceRef } from '../model/source.js';
import type { Diagnostic, DiagnosticCode, Severity } from '../model/diagnostics.js';
import type { K8sObject, ObjectMeta } from '../model/resources.js';

export type Path = ReadonlyArray<string | number>;

export class ReadContext {
  constructor(
    readonly lines: LineIndex,
    readonly pos: PosNode | undefined,
    readonly label: string,
    readonly document: number,
    private readonly sink: Diagnostic[],
  ) {}

  /** Range of the value at `path` (from its key, so highlighting shows `key: value`). */
  ref(path: Path = []): SourceRef {
    const node = posAt(this.pos, path);
    if (!node) return { file: this.lines.file, startLine: 1, startCol: 1, endLine: 1, endCol: 1 };
    const start = path.length > 0 && node.k !== undefined ? node.k : node.s;
    return this.lines.ref(start, Math.max(node.e, start + 1));
  }

  report(severity: Severity, code: DiagnosticCode, path: Path, message: string): void {
    this.sink.push({ severity, code, message, source: this.ref(path), object: this.label, document: this.document });
  }
  error(path: Path, message: string, code: DiagnosticCode = 'InvalidField'): void {
    this.report('error', code, path, message);
  }
  warn(path: Path, message: string, code: DiagnosticCode = 'InvalidField'): void {
    this.report('warning', code, path, message);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asRecord(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * A list built by push (or filter) as an exact copy: V8 leaves room for 17 items in such an
 * array, and the model keeps these lists for as long as the config is open.
 */
export function exact<T>(list: T[]): T[] {
  return list.length === 0 || list.length > 64 ? list : list.slice();
}

/** Strings, and scalars YAML typed as numbers/booleans (Kubernetes reads them as text). */
export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Integers written as numbers or as numeric strings. */
export function asInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Map of strings (labels, annotations, selectors); non-string values are stringified. */
export function asStringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    const s = asString(val);
    if (s !== undefined) out[k] = s;
    else if (val === null) out[k] = '';
  }
  return out;
}

/** An IntOrString field (targetPort, port references). */
export function asIntOrString(v: unknown): number | string | undefined {
  const n = asInt(v);
  if (n !== undefined) return n;
  return asString(v);
}

export function readMeta(raw: Record<string, unknown>, defaultNamespace: string): ObjectMeta {
  const m = asRecord(raw.metadata);
  const ts = m.creationTimestamp;
  return {
    name: asString(m.name) ?? '',
    namespace: asString(m.namespace) || defaultNamespace,
    labels: asStringMap(m.labels),
    annotations: asStringMap(m.annotations),
    creationTimestamp: ts instanceof Date ? ts.toISOString() : asString(ts),
    uid: asString(m.uid),
  };
}

/**
 * `{ ...base, ...fields }` for an object being read, built from a literal. In Node 20's V8
 * (the CLI's), optimized code gives every object made by a spread followed by more
 * properties a hidden class of its own: 7.3 us per object against 1.1 for a literal (a loop
 * of 300,000 here), and every later read of such objects is megamorphic (a 3,000-route
 * config carried 28,800 hidden classes, 7 MB). Chromium 150's V8 does not do this. So the
 * readers build routes, rules, backendRefs and filters from literals, and objects with this.
 */
export function objectWith<T extends object>(base: K8sObject, fields: T): Omit<K8sObject, keyof T> & T {
  const o = { key: base.key, kind: base.kind, apiVersion: base.apiVersion, meta: base.meta, source: base.source, pos: base.pos, lines: base.lines, file: base.file, document: base.document, order: base.order, raw: base.raw };
  return Object.assign(o, fields);
}
