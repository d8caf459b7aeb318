// Reader for Envoy Gateway's HTTPRouteFilter (model/envoy.ts).
import { ENVOY_GATEWAY_GROUP, type EnvoyHttpRouteFilter } from '../model/envoy.js';
import type { K8sObject } from '../model/resources.js';
import { asRecord, asString, type ReadContext } from './context.js';
import type { ClusterBuilder, KindReader } from './manifests.js';

function readHttpRouteFilter(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  const other = Object.keys(spec).filter((k) => k !== 'urlRewrite').map((k) => `spec.${k}`);
  const rewrite = asRecord(spec.urlRewrite);
  const path = asRecord(rewrite.path);
  for (const k of Object.keys(rewrite)) if (k !== 'path') other.push(`spec.urlRewrite.${k}`);
  let regexRewrite: EnvoyHttpRouteFilter['regexRewrite'];
  if (spec.urlRewrite !== undefined && rewrite.path !== undefined) {
    const type = asString(path.type);
    if (type === 'ReplaceRegexMatch') {
      const m = asRecord(path.replaceRegexMatch);
      const pattern = asString(m.pattern);
      if (!pattern) ctx.error(['spec', 'urlRewrite', 'path', 'replaceRegexMatch', 'pattern'], 'ReplaceRegexMatch needs a pattern; Envoy Gateway rejects the filter');
      else regexRewrite = { pattern, substitution: asString(m.substitution) ?? '', source: ctx.ref(['spec', 'urlRewrite', 'path', 'replaceRegexMatch']) };
    } else other.push(`spec.urlRewrite.path (${type ?? 'no type'})`);
  }
  const f: EnvoyHttpRouteFilter = { ...base, kind: 'HTTPRouteFilter', regexRewrite, other };
  b.cluster.envoyFilters.push(f);
}

export const ENVOY_READERS: Record<string, KindReader> = { [`${ENVOY_GATEWAY_GROUP}/HTTPRouteFilter`]: readHttpRouteFilter };
