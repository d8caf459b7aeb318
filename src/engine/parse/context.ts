// Helpers for reading one object: typed field access that never throws, with
// source ranges for any sub-path and diagnostics that name the object and line.
import { posAt, type LineIndex, type PosNode, type SourceRef } from '../model/source.js';
import type { Diagnostic, DiagnosticCode, Severity } from '../model/diagnostics.js';
import type { ObjectMeta } from '../model/resources.js';

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
