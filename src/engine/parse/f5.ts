// Readers for F5 NGINX Ingress Controller's VirtualServer and VirtualServerRoute
// (model/f5.ts). They read the fields as written and keep going on bad values: the
// controller's own validation (pkg/apis/configuration/validation/virtualserver.go) decides
// whether the object is Valid, Warning or Invalid, and that is modelled where it routes
// (ingress/controllers/f5-nginx/virtualserver.ts), so the status is part of the trace.
import { F5_NGINX_GROUP, type VirtualServer, type VirtualServerRoute, type VsAction, type VsMatch, type VsRoute, type VsSplit, type VsUpstream } from '../model/f5.js';
import type { K8sObject } from '../model/resources.js';
import { asArray, asInt, asRecord, asString, isRecord, type Path, type ReadContext, objectWith } from './context.js';
import type { ClusterBuilder, KindReader } from './manifests.js';

const ACTION_KINDS = ['pass', 'proxy', 'redirect', 'return'] as const;

function readAction(v: unknown, path: Path, ctx: ReadContext): VsAction | undefined {
  if (!isRecord(v)) return undefined;
  const source = ctx.ref(path);
  const set = ACTION_KINDS.filter((k) => v[k] !== undefined);
  if (set.length !== 1) return { kind: 'invalid', fields: set, source };
  switch (set[0]) {
    case 'pass':
      return { kind: 'pass', upstream: asString(v.pass) ?? '', source };
    case 'proxy': {
      const p = asRecord(v.proxy);
      return { kind: 'proxy', upstream: asString(p.upstream) ?? '', rewritePath: asString(p.rewritePath), source };
    }
    case 'redirect': {
      const r = asRecord(v.redirect);
      return { kind: 'redirect', url: asString(r.url) ?? '', code: asInt(r.code), source };
    }
    case 'return': {
      const r = asRecord(v.return);
      return { kind: 'return', code: asInt(r.code), type: asString(r.type), body: asString(r.body), source };
    }
  }
}

function readSplits(v: unknown, path: Path, ctx: ReadContext): VsSplit[] | undefined {
  if (v === undefined) return undefined;
  return asArray(v).map((s, i) => {
    const r = asRecord(s);
    return { weight: asInt(r.weight) ?? 0, action: readAction(r.action, [...path, i, 'action'], ctx), source: ctx.ref([...path, i]) };
  });
}

function readRoutes(v: unknown, key: 'routes' | 'subroutes', ctx: ReadContext): VsRoute[] {
  return asArray(v).map((x, i) => {
    const r = asRecord(x);
    const at: Path = ['spec', key, i];
    const matches: VsMatch[] = asArray(r.matches).map((m, j) => {
      const mr = asRecord(m);
      return {
        conditions: asArray(mr.conditions).map((c, k) => {
          const cr = asRecord(c);
          return {
            header: asString(cr.header),
            cookie: asString(cr.cookie),
            argument: asString(cr.argument),
            variable: asString(cr.variable),
            value: asString(cr.value) ?? '',
            source: ctx.ref([...at, 'matches', j, 'conditions', k]),
          };
        }),
        action: readAction(mr.action, [...at, 'matches', j, 'action'], ctx),
        splits: readSplits(mr.splits, [...at, 'matches', j, 'splits'], ctx),
        source: ctx.ref([...at, 'matches', j]),
      };
    });
    const known = new Set(['path', 'action', 'splits', 'matches', 'route']);
    return {
      path: asString(r.path) ?? '',
      action: readAction(r.action, [...at, 'action'], ctx),
      splits: readSplits(r.splits, [...at, 'splits'], ctx),
      matches,
      route: asString(r.route),
      other: Object.keys(r).filter((k) => !known.has(k)),
      index: i,
      source: ctx.ref(at),
    };
  });
}

function readUpstreams(v: unknown, ctx: ReadContext): VsUpstream[] {
  return asArray(v).map((u, i) => {
    const r = asRecord(u);
    return { name: asString(r.name) ?? '', service: asString(r.service) ?? '', port: asInt(r.port), source: ctx.ref(['spec', 'upstreams', i]) };
  });
}

function readVirtualServer(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  let tls: VirtualServer['tls'];
  if (isRecord(spec.tls)) {
    const t = spec.tls;
    const rd = isRecord(t.redirect) ? t.redirect : undefined;
    tls = {
      secret: asString(t.secret),
      redirect: rd ? { enable: rd.enable === true || rd.enable === 'true', code: asInt(rd.code), basedOn: asString(rd.basedOn), source: ctx.ref(['spec', 'tls', 'redirect']) } : undefined,
      source: ctx.ref(['spec', 'tls']),
    };
  }
  const vs: VirtualServer = objectWith(base, {
    kind: 'VirtualServer',
    host: asString(spec.host),
    ingressClassName: asString(spec.ingressClassName),
    tls,
    upstreams: readUpstreams(spec.upstreams, ctx),
    routes: readRoutes(spec.routes, 'routes', ctx),
  });
  b.cluster.virtualServers.push(vs);
}

function readVirtualServerRoute(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  const vsr: VirtualServerRoute = objectWith(base, {
    kind: 'VirtualServerRoute',
    host: asString(spec.host),
    ingressClassName: asString(spec.ingressClassName),
    upstreams: readUpstreams(spec.upstreams, ctx),
    subroutes: readRoutes(spec.subroutes, 'subroutes', ctx),
  });
  b.cluster.virtualServerRoutes.push(vsr);
}

export const F5_READERS: Record<string, KindReader> = {
  [`${F5_NGINX_GROUP}/VirtualServer`]: readVirtualServer,
  [`${F5_NGINX_GROUP}/VirtualServerRoute`]: readVirtualServerRoute,
};
