// Readers for Ingress (networking.k8s.io/v1 and the legacy v1beta1 shapes) and IngressClass.
// Field rules from the Kubernetes API reference for networking.k8s.io/v1 Ingress.
import type {
  Ingress,
  IngressBackend,
  IngressClass,
  IngressPath,
  IngressRule,
  IngressTLS,
  K8sObject,
} from '../model/resources.js';
import { asArray, asInt, asRecord, asString, isRecord, type Path, type ReadContext, objectWith } from './context.js';
import type { ClusterBuilder } from './manifests.js';

/** The deprecated annotation that predates spec.ingressClassName. */
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** IngressClass annotation marking the cluster default (Ingress docs, "Default IngressClass"). */
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

const PATH_TYPES = new Set(['Exact', 'Prefix', 'ImplementationSpecific']);

export function readIngress(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const legacy = base.apiVersion !== 'networking.k8s.io/v1';
  if (legacy) {
    ctx.warn(['apiVersion'], `${base.apiVersion} Ingress is deprecated (removed in Kubernetes 1.22); use networking.k8s.io/v1`, 'DeprecatedApiVersion');
  }
  const spec = asRecord(base.raw.spec);
  const label = `Ingress ${base.meta.namespace}/${base.meta.name}`;

  const rules: IngressRule[] = [];
  asArray(spec.rules).forEach((r, ri) => {
    const rule = asRecord(r);
    const rulePath: Path = ['spec', 'rules', ri];
    const host = asString(rule.host) || undefined;
    if (host !== undefined) validateIngressHost(host, ctx, [...rulePath, 'host']);
    const paths: IngressPath[] = [];
    asArray(asRecord(rule.http).paths).forEach((p, pi) => {
      const item = asRecord(p);
      const pPath: Path = [...rulePath, 'http', 'paths', pi];
      const backend = readBackend(item.backend, ctx, [...pPath, 'backend'], legacy);
      if (!backend) return;
      let pathType = asString(item.pathType);
      let pathTypeDefaulted = false;
      if (pathType === undefined) {
        pathTypeDefaulted = true;
        if (!legacy) ctx.warn(pPath, 'pathType is required in networking.k8s.io/v1 (the API server rejects this path); RouteLab treats it as ImplementationSpecific');
        pathType = 'ImplementationSpecific';
      } else if (!PATH_TYPES.has(pathType)) {
        ctx.warn([...pPath, 'pathType'], `pathType "${pathType}" is not Exact, Prefix or ImplementationSpecific; this path never matches`, 'UnsupportedValue');
      }
      // The API defaults a missing path to "/" only in v1beta1; v1 requires it for Exact/Prefix.
      let path = asString(item.path);
      if (path === undefined || path === '') {
        if (pathType === 'Exact' || pathType === 'Prefix') ctx.warn(pPath, `a ${pathType} path needs a value starting with "/"`);
        path = '/';
      } else if (!path.startsWith('/') && (pathType === 'Exact' || pathType === 'Prefix')) {
        ctx.warn([...pPath, 'path'], `path "${path}" must start with "/"`);
      }
      paths.push({
        id: `${label} rules[${ri}].paths[${pi}]`,
        path,
        pathType,
        pathTypeDefaulted,
        backend,
        ruleIndex: ri,
        pathIndex: pi,
        source: ctx.ref(pPath),
      });
    });
    rules.push({ host, paths, index: ri, source: ctx.ref(rulePath) });
  });

  const defaultKey = legacy && spec.backend !== undefined ? 'backend' : 'defaultBackend';
  const dbe = spec[defaultKey] !== undefined ? readBackend(spec[defaultKey], ctx, ['spec', defaultKey], legacy) : undefined;

  const tls: IngressTLS[] = asArray(spec.tls).map((t, i) => {
    const item = asRecord(t);
    return {
      hosts: asArray(item.hosts).map(asString).filter((h): h is string => !!h),
      secretName: asString(item.secretName),
      source: ctx.ref(['spec', 'tls', i]),
    };
  });

  const lb = asArray(asRecord(asRecord(asRecord(base.raw.status).loadBalancer)).ingress);
  const ingress: Ingress = objectWith(base, {
    kind: 'Ingress',
    ingressClassName: asString(spec.ingressClassName) || undefined,
    legacyClass: base.meta.annotations[LEGACY_CLASS_ANNOTATION] || undefined,
    defaultBackend: dbe ? { ...dbe, id: `${label} defaultBackend` } : undefined,
    rules,
    tls,
    statusAddresses: lb.map((x) => asString(asRecord(x).ip) ?? asString(asRecord(x).hostname) ?? '').filter(Boolean),
    deprecatedApiVersion: legacy,
  });
  if (rules.length === 0 && !dbe) ctx.warn(['spec'], 'this Ingress has neither rules nor a defaultBackend, so it routes nothing');
  b.cluster.ingresses.push(ingress);
}

function readBackend(v: unknown, ctx: ReadContext, path: Path, legacy: boolean): IngressBackend | undefined {
  if (!isRecord(v)) {
    ctx.warn(path, 'backend is missing; this path is ignored');
    return undefined;
  }
  const source = ctx.ref(path);
  if (isRecord(v.resource)) {
    const r = v.resource;
    return { resource: { apiGroup: asString(r.apiGroup), kind: asString(r.kind) ?? '', name: asString(r.name) ?? '' }, source };
  }
  if (isRecord(v.service)) {
    const s = v.service;
    const port = asRecord(s.port);
    const number = asInt(port.number);
    const name = asString(port.name);
    if (number === undefined && !name) ctx.warn([...path, 'service', 'port'], 'service.port needs a number or a name');
    return { service: { name: asString(s.name) ?? '', port: { number, name } }, source };
  }
  // extensions/v1beta1 and networking.k8s.io/v1beta1: serviceName + servicePort (int or name).
  if (v.serviceName !== undefined) {
    if (!legacy) ctx.warn(path, 'serviceName/servicePort is the v1beta1 shape; networking.k8s.io/v1 uses service.name and service.port');
    const sp = v.servicePort;
    const number = asInt(sp);
    return {
      service: { name: asString(v.serviceName) ?? '', port: number !== undefined ? { number } : { name: asString(sp) } },
      source,
    };
  }
  ctx.warn(path, 'backend names neither a service nor a resource; this path is ignored');
  return undefined;
}

/** Ingress hosts: a DNS name, optionally with a single leading "*." (Ingress docs, "Hostname wildcards"). */
function validateIngressHost(host: string, ctx: ReadContext, path: Path): void {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    ctx.warn(path, `host "${host}" is an IP address; Ingress hosts must be DNS names`);
  } else if (host.includes('*') && !/^\*\.[^*]+$/.test(host)) {
    ctx.warn(path, `host "${host}": a wildcard must be a single "*." in front of a DNS name`);
  } else if (host.includes(':')) {
    ctx.warn(path, `host "${host}" must not include a port`);
  }
}

export function readIngressClass(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  const controller = asString(spec.controller) ?? '';
  if (!controller) ctx.warn(['spec'], 'spec.controller is required');
  const cls: IngressClass = objectWith(base, {
    kind: 'IngressClass',
    controller,
    isDefault: base.meta.annotations[DEFAULT_CLASS_ANNOTATION] === 'true',
  });
  b.cluster.ingressClasses.push(cls);
}

