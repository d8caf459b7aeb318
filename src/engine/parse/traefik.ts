// Reader for Traefik's Middleware kind (model/traefik.ts). Field names and defaults
// follow the Traefik CRD reference (reference/routing-configuration/http/middlewares/*):
// a Middleware holds exactly one middleware type under spec.
import { TRAEFIK_GROUPS, type MiddlewareConfig, type TraefikMiddleware } from '../model/traefik.js';
import type { K8sObject } from '../model/resources.js';
import { asArray, asRecord, asString, isRecord, type ReadContext, objectWith } from './context.js';
import type { ClusterBuilder, KindReader } from './manifests.js';

/** Types whose effect on routing RouteLab does not model, but which are valid Traefik middlewares. */
const OTHER_TYPES = new Set([
  'forwardAuth', 'ipAllowList', 'ipWhiteList', 'rateLimit', 'inFlightReq', 'retry', 'compress', 'buffering',
  'circuitBreaker', 'errors', 'contentType', 'grpcWeb', 'passTLSClientCert', 'plugin',
]);

const strings = (v: unknown): string[] => asArray(v).map((x) => asString(x)).filter((x): x is string => x !== undefined);
const asBool = (v: unknown): boolean => v === true || v === 'true';

function headerPairs(v: unknown): Array<[string, string]> {
  if (!isRecord(v)) return [];
  return Object.entries(v).map(([k, x]) => [k, x === null || x === undefined ? '' : String(x)]);
}

type Fields = Record<string, unknown>;

/** The middleware types RouteLab simulates, each read from its fields under spec.<type>. */
const MODELLED: Record<string, (v: Fields, ctx: ReadContext) => MiddlewareConfig> = {
  stripPrefix: (v) => ({ type: 'stripPrefix', prefixes: strings(v.prefixes) }),
  stripPrefixRegex: (v) => ({ type: 'stripPrefixRegex', regex: strings(v.regex) }),
  addPrefix: (v) => ({ type: 'addPrefix', prefix: asString(v.prefix) ?? '' }),
  replacePath: (v) => ({ type: 'replacePath', path: asString(v.path) ?? '' }),
  replacePathRegex: (v) => ({ type: 'replacePathRegex', regex: asString(v.regex) ?? '', replacement: asString(v.replacement) ?? '' }),
  redirectScheme: (v) => ({ type: 'redirectScheme', scheme: asString(v.scheme) ?? '', port: v.port === undefined || v.port === null ? '' : String(v.port), permanent: asBool(v.permanent) }),
  redirectRegex: (v) => ({ type: 'redirectRegex', regex: asString(v.regex) ?? '', replacement: asString(v.replacement) ?? '', permanent: asBool(v.permanent) }),
  headers: (v) => ({
    type: 'headers',
    request: headerPairs(v.customRequestHeaders),
    response: headerPairs(v.customResponseHeaders),
    other: Object.keys(v).filter((k) => k !== 'customRequestHeaders' && k !== 'customResponseHeaders'),
  }),
  basicAuth: (v) => ({ type: 'basicAuth', secret: asString(v.secret) ?? '' }),
  digestAuth: (v) => ({ type: 'digestAuth', secret: asString(v.secret) ?? '' }),
  chain: (v, ctx) => ({
    type: 'chain',
    middlewares: asArray(v.middlewares).map((m, i) => {
      const r = asRecord(m);
      const name = asString(r.name) ?? '';
      if (!name) ctx.warn(['spec', 'chain', 'middlewares', i], `chain middlewares[${i}] has no name`);
      return { name, namespace: asString(r.namespace) };
    }),
  }),
};

function readConfig(type: string, value: unknown, ctx: ReadContext): MiddlewareConfig {
  const read = MODELLED[type];
  return read ? read(asRecord(value), ctx) : { type: 'other', name: type };
}

const KNOWN = new Set([...Object.keys(MODELLED), ...OTHER_TYPES]);

export function readMiddleware(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  const types = Object.keys(spec).filter((k) => KNOWN.has(k));
  const unknown = Object.keys(spec).filter((k) => !KNOWN.has(k));
  if (unknown.length) ctx.warn(['spec', unknown[0]], `spec.${unknown.join(', spec.')} is not a Traefik HTTP middleware type RouteLab knows; it is ignored`);
  if (types.length === 0) ctx.error(['spec'], 'the Middleware names no middleware type under spec (stripPrefix, addPrefix, redirectScheme, headers ...); Traefik cannot build it');
  else if (types.length > 1) ctx.error(['spec', types[1]], `a Middleware holds one middleware type, this one has ${types.join(' and ')}; Traefik rejects it`);
  const type = types.length === 1 ? types[0] : undefined;
  const mw: TraefikMiddleware = objectWith(base, {
    kind: 'Middleware',
    config: type ? readConfig(type, spec[type], ctx) : undefined,
    configSource: ctx.ref(type ? ['spec', type] : ['spec']),
  });
  b.cluster.traefikMiddlewares.push(mw);
}

export const TRAEFIK_READERS: Record<string, KindReader> = Object.fromEntries(TRAEFIK_GROUPS.map((g) => [`${g}/Middleware`, readMiddleware]));
