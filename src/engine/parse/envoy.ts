// Reader for Envoy Gateway's HTTPRouteFilter (model/envoy.ts).
import { ENVOY_GATEWAY_GROUP, type EnvoyHttpRouteFilter, type EnvoySecurityPolicy } from '../model/envoy.js';
import type { K8sObject } from '../model/resources.js';
import { asArray, asRecord, asString, type ReadContext, objectWith } from './context.js';
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
  const f: EnvoyHttpRouteFilter = objectWith(base, { kind: 'HTTPRouteFilter', regexRewrite, other });
  b.cluster.envoyFilters.push(f);
}

function readSecurityPolicy(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  const refs = [...asArray(spec.targetRefs), ...(spec.targetRef ? [spec.targetRef] : [])].map((r) => asRecord(r));
  const targets = refs.map((r) => ({ group: asString(r.group) ?? '', kind: asString(r.kind) ?? '', name: asString(r.name) ?? '', sectionName: asString(r.sectionName) }));
  if (targets.length === 0 && spec.targetSelectors === undefined) ctx.warn(['spec'], 'the SecurityPolicy has no targetRefs: it applies to nothing');
  const other = Object.keys(spec).filter((k) => !['targetRefs', 'targetRef', 'basicAuth'].includes(k)).map((k) => `spec.${k}`);
  let basicAuth: EnvoySecurityPolicy['basicAuth'];
  if (spec.basicAuth !== undefined) {
    const secret = asString(asRecord(asRecord(spec.basicAuth).users).name);
    if (!secret) ctx.error(['spec', 'basicAuth'], 'basicAuth needs users.name, the Secret holding the .htpasswd file');
    else basicAuth = { secret, source: ctx.ref(['spec', 'basicAuth']) };
  }
  b.cluster.envoyPolicies.push(objectWith(base, { kind: 'SecurityPolicy', targets, basicAuth, other }));
}

export const ENVOY_READERS: Record<string, KindReader> = {
  [`${ENVOY_GATEWAY_GROUP}/HTTPRouteFilter`]: readHttpRouteFilter,
  [`${ENVOY_GATEWAY_GROUP}/SecurityPolicy`]: readSecurityPolicy,
};
