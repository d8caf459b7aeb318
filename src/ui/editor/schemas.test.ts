// The editor schemas must accept every gallery example (no false warnings on the
// first thing users see) and flag the mistakes they exist for. A small validator for
// the draft-07 keywords the schemas use stands in for monaco-yaml's.
import { describe, expect, it } from 'vitest';
import { loadAll } from 'js-yaml';
import { parseTestFile } from '../../engine/index';
import { EXAMPLES } from '../examples/index';
import { KNOWN_KINDS, MANIFESTS_SCHEMA } from './schemas';

/** The gallery with its texts (all but the first are lazy chunks in the app). */
const GALLERY = await Promise.all(EXAMPLES.map(async (e) => ({ ...e, text: await e.load() })));

type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Errors of `v` against `s`, as "path: message". */
function validate(s: Schema, v: unknown, path = ''): string[] {
  const errs: string[] = [];
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const t = typeOf(v);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return [`${path}: expected ${types.join('|')}, got ${t}`];
  }
  if (s.const !== undefined && v !== s.const) errs.push(`${path}: expected ${String(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) errs.push(`${path}: ${JSON.stringify(v)} is not one of ${s.enum.join(', ')}`);
  if (typeof s.pattern === 'string' && typeof v === 'string' && !new RegExp(s.pattern).test(v)) errs.push(`${path}: does not match ${s.pattern}`);
  if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) errs.push(`${path}: below ${s.minimum}`);
  if (typeof s.maximum === 'number' && typeof v === 'number' && v > s.maximum) errs.push(`${path}: above ${s.maximum}`);
  if (typeOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in o)) errs.push(`${path}: missing ${r}`);
    for (const [k, val] of Object.entries(o)) {
      if (props[k]) errs.push(...validate(props[k], val, `${path}.${k}`));
      else if (s.additionalProperties === false) errs.push(`${path}: property ${k} is not allowed`);
      else if (typeof s.additionalProperties === 'object') errs.push(...validate(s.additionalProperties as Schema, val, `${path}.${k}`));
    }
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === 'number' && v.length < s.minItems) errs.push(`${path}: fewer than ${s.minItems} items`);
    if (s.items) v.forEach((x, i) => errs.push(...validate(s.items as Schema, x, `${path}[${i}]`)));
  }
  if (Array.isArray(s.anyOf) && !s.anyOf.some((x) => validate(x as Schema, v, path).length === 0)) errs.push(`${path}: matches no alternative`);
  for (const sub of (s.allOf as Schema[] | undefined) ?? []) {
    if (sub.if) {
      if (validate(sub.if as Schema, v, path).length === 0 && sub.then) errs.push(...validate(sub.then as Schema, v, path));
    } else errs.push(...validate(sub, v, path));
  }
  return errs;
}

const check = (yaml: string) => (loadAll(yaml) as unknown[]).filter((d) => d != null).flatMap((d) => validate(MANIFESTS_SCHEMA, d));

describe('editor schemas', () => {
  it.each(GALLERY.map((e) => [e.file, e] as const))('accept every object of %s', (_f, e) => {
    expect(check(parseTestFile(e.file, e.text).manifests.text)).toEqual([]);
  });

  it('know every kind the examples use', () => {
    const kinds = new Set(GALLERY.flatMap((e) => (loadAll(parseTestFile(e.file, e.text).manifests.text) as Array<{ kind?: string }>).map((d) => d?.kind)));
    for (const k of kinds) expect(KNOWN_KINDS).toContain(k);
  });

  it.each([
    ['a pathType typo', 'kind: Ingress\napiVersion: networking.k8s.io/v1\nmetadata: {name: a}\nspec:\n  rules:\n  - http:\n      paths:\n      - {path: /, pathType: prefix, backend: {service: {name: s, port: {number: 80}}}}', /pathType: "prefix" is not one of/],
    ['an unquoted boolean annotation', 'kind: Ingress\nmetadata:\n  name: a\n  annotations:\n    nginx.ingress.kubernetes.io/use-regex: true', /annotations.nginx.ingress.kubernetes.io\/use-regex: expected string/],
    ['a misspelled field in a path', 'kind: Ingress\nmetadata: {name: a}\nspec:\n  rules:\n  - http:\n      paths:\n      - {path: /, pathtype: Prefix, backend: {service: {name: s, port: {number: 80}}}}', /property pathtype is not allowed/],
    ['a host with a port', 'kind: Ingress\nmetadata: {name: a}\nspec:\n  rules:\n  - host: "a.example.com:80"', /host: does not match/],
    ['a listener without protocol', 'kind: Gateway\napiVersion: gateway.networking.k8s.io/v1\nmetadata: {name: g}\nspec:\n  gatewayClassName: c\n  listeners:\n  - {name: http, port: 80}', /missing protocol/],
    ['a bad redirect status', 'kind: HTTPRoute\napiVersion: gateway.networking.k8s.io/v1\nmetadata: {name: r}\nspec:\n  rules:\n  - filters:\n    - type: RequestRedirect\n      requestRedirect: {statusCode: 304}', /statusCode: 304 is not one of/],
    ['a Service port out of range', 'kind: Service\napiVersion: v1\nmetadata: {name: s}\nspec:\n  ports: [{port: 70000}]', /port: above 65535/],
  ])('flag %s', (_n, yaml, message) => {
    expect(check(yaml).join('\n')).toMatch(message);
  });

  it('leave kinds RouteLab does not read alone', () => {
    expect(check('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}\nweird: [1, 2]')).toEqual([]);
  });
});
