// Routing test files (shared/docs/routing-test-format.md): one YAML document with
// the manifests as pasted and the requests to trace, each with what it must produce.
// Reading is strict about shape, so a typo in an expectation fails loudly instead of
// passing silently.
import type { ManifestSource } from '../model/cluster.js';
import { findImplementation, IMPLEMENTATION_NAMES } from '../gateway/implementations/index.js';
import { CONTROLLER_NAMES, type ControllerName } from '../model/request.js';
import { posExact } from '../model/source.js';
import { asArray, asInt, asRecord, asString, isRecord } from '../parse/context.js';
import { parseYamlFile } from '../parse/yaml.js';
import { pushAll } from '../model/arrays.js';

export type TestMode = 'gateway' | 'ingress';

export interface BackendExpectation {
  namespace?: string;
  service?: string;
  port?: number;
  weight?: number;
}

/** Every key is optional; the keys given must hold. */
export interface Expectation {
  backend?: BackendExpectation;
  status?: number;
  redirect?: string;
  path?: string;
  host?: string;
  requestHeaders?: Record<string, string>;
  absentRequestHeaders?: string[];
  responseHeaders?: Record<string, string>;
  route?: { kind?: string; namespace?: string; name?: string };
  mirroredTo?: BackendExpectation[];
  backends?: BackendExpectation[];
}

export const EXPECTATION_KEYS = [
  'backend',
  'status',
  'redirect',
  'path',
  'host',
  'requestHeaders',
  'absentRequestHeaders',
  'responseHeaders',
  'route',
  'mirroredTo',
  'backends',
] as const;

export interface TestCase {
  name: string;
  /** 1-based line of the case in the test file */
  line: number;
  request: {
    method?: string;
    url: string;
    headers?: Record<string, string | string[]>;
    gateway?: string;
    listener?: string;
    /** extension: the Gateway API implementation profile (report folder name or alias) */
    implementation?: string;
    controller?: ControllerName;
  };
  expect: Expectation;
  /** shape problems found while reading this case; a case with problems fails */
  problems: string[];
}

export interface TestFile {
  file: string;
  name: string;
  source?: string;
  mode: TestMode | string;
  manifests: ManifestSource;
  cases: TestCase[];
  /** problems that make the whole file unusable */
  errors: string[];
}

export function parseTestFile(file: string, text: string): TestFile {
  const yaml = parseYamlFile(file, text);
  const out: TestFile = { file, name: file, mode: '', manifests: { file, text: '' }, cases: [], errors: [] };
  if (yaml.diagnostics.length > 0) {
    pushAll(out.errors, yaml.diagnostics.map((d) => `${d.source ? `line ${d.source.startLine}: ` : ''}${d.message}`));
    return out;
  }
  const docs = yaml.documents.filter((d) => d.value !== null && d.value !== undefined);
  if (docs.length !== 1 || !isRecord(docs[0].value)) {
    out.errors.push('a routing test file is one YAML mapping with name, mode, manifests and cases');
    return out;
  }
  const doc = docs[0];
  const root = doc.value as Record<string, unknown>;
  out.name = asString(root.name) ?? file;
  out.source = asString(root.source);
  out.mode = asString(root.mode) ?? '';
  if (out.mode !== 'gateway' && out.mode !== 'ingress') out.errors.push(`mode must be "gateway" or "ingress", not "${out.mode}"`);

  const manifests = asString(root.manifests);
  if (manifests === undefined) out.errors.push('manifests must be a YAML text block (manifests: |)');
  else {
    // Point manifest positions at the test file's own lines (a literal block is indented uniformly).
    const node = posExact(doc.pos, ['manifests']);
    let lineOffset = 0;
    let colOffset = 0;
    if (node && text.charAt(node.s - 1) === '\n') {
      lineOffset = yaml.lines.lineOf(node.s) - 1;
      colOffset = /^ */.exec(text.slice(node.s))![0].length;
    }
    out.manifests = { file, text: manifests, lineOffset, colOffset };
  }

  const seen = new Map<string, number>();
  asArray(root.cases).forEach((c, i) => {
    const node = posExact(doc.pos, ['cases', i]);
    const line = node ? yaml.lines.lineOf(node.s) : 0;
    const tc = readCase(c, i, line);
    const n = seen.get(tc.name) ?? 0;
    seen.set(tc.name, n + 1);
    if (n > 0) tc.name = `${tc.name} #${n + 1}`;
    out.cases.push(tc);
  });
  if (!Array.isArray(root.cases)) out.errors.push('cases must be a list');
  return out;
}

function readCase(v: unknown, index: number, line: number): TestCase {
  const problems: string[] = [];
  const c = asRecord(v);
  const name = asString(c.name) ?? `case ${index + 1}`;
  const r = asRecord(c.request);
  const url = asString(r.url) ?? '';
  if (!url) problems.push('request.url is missing');
  const controller = asString(r.controller);
  if (controller !== undefined && !CONTROLLER_NAMES.includes(controller as ControllerName)) {
    problems.push(`request.controller "${controller}" is not one of ${CONTROLLER_NAMES.join(', ')}`);
  }
  // Extension (README, "Routing test files"): request.implementation names a Gateway API implementation profile.
  const implementation = asString(r.implementation);
  if (implementation !== undefined && !findImplementation(implementation)) {
    problems.push(`request.implementation "${implementation}" is not one of ${IMPLEMENTATION_NAMES.join(', ')}`);
  }
  const headers: Record<string, string | string[]> = {};
  for (const [k, val] of Object.entries(asRecord(r.headers))) {
    headers[k] = Array.isArray(val) ? val.map((x) => String(x)) : String(val ?? '');
  }
  const e = asRecord(c.expect);
  for (const key of Object.keys(e)) {
    if (!(EXPECTATION_KEYS as readonly string[]).includes(key)) problems.push(`unknown expectation "${key}"`);
  }
  const expect: Expectation = {};
  if (e.backend !== undefined) expect.backend = readBackendExpectation(e.backend);
  if (e.status !== undefined) {
    const s = asInt(e.status);
    if (s === undefined) problems.push('expect.status must be a number');
    else expect.status = s;
  }
  if (e.redirect !== undefined) expect.redirect = asString(e.redirect);
  if (e.path !== undefined) expect.path = asString(e.path);
  if (e.host !== undefined) expect.host = asString(e.host);
  if (e.requestHeaders !== undefined) expect.requestHeaders = stringMap(e.requestHeaders);
  if (e.responseHeaders !== undefined) expect.responseHeaders = stringMap(e.responseHeaders);
  if (e.absentRequestHeaders !== undefined) expect.absentRequestHeaders = asArray(e.absentRequestHeaders).map((x) => String(x));
  if (e.route !== undefined) {
    const rr = asRecord(e.route);
    expect.route = { kind: asString(rr.kind), namespace: asString(rr.namespace), name: asString(rr.name) };
  }
  if (e.mirroredTo !== undefined) expect.mirroredTo = asArray(e.mirroredTo).map(readBackendExpectation);
  if (e.backends !== undefined) expect.backends = asArray(e.backends).map(readBackendExpectation);
  if (Object.keys(e).length === 0) problems.push('expect is empty: a case must check something');
  return {
    name,
    line,
    request: {
      method: asString(r.method),
      url,
      headers: Object.keys(headers).length ? headers : undefined,
      gateway: asString(r.gateway),
      listener: asString(r.listener),
      controller: controller as ControllerName | undefined,
      implementation,
    },
    expect,
    problems,
  };
}

function readBackendExpectation(v: unknown): BackendExpectation {
  const b = asRecord(v);
  return { namespace: asString(b.namespace), service: asString(b.service), port: asInt(b.port), weight: asInt(b.weight) };
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(asRecord(v))) out[k] = Array.isArray(val) ? val.join(',') : String(val ?? '');
  return out;
}
