import type { SourceRef } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem with the input, never thrown: the engine collects diagnostics and
 * carries on with whatever it could read, so one bad document never discards
 * the good ones. `object` names the Kubernetes object ("Ingress shop/web") when
 * the problem belongs to one.
 */
export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  source?: SourceRef;
  object?: string;
  /** 1-based index of the YAML document inside its file */
  document?: number;
}

export type DiagnosticCode =
  | 'YamlSyntax'
  | 'ToolNotice'
  | 'NotAnObject'
  | 'MissingKind'
  | 'MissingName'
  | 'InvalidField'
  | 'UnknownKind'
  | 'DeprecatedApiVersion'
  | 'DuplicateObject'
  | 'UnsupportedValue'
  | 'InputTooLarge';

export function describeDiagnostic(d: Diagnostic): string {
  const where = d.source ? `${d.source.file}:${d.source.startLine}: ` : '';
  const doc = d.document !== undefined && !d.source ? `document ${d.document}: ` : '';
  const obj = d.object ? `${d.object}: ` : '';
  return `${where}${doc}${d.severity}: ${obj}${d.message}`;
}
