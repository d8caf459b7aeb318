// Manifests text -> Cluster. Multi-document YAML, `kind: List` wrappers (as
// `kubectl get -o yaml` prints), status/managedFields noise, legacy apiVersions.
// Unknown kinds are listed as ignored, never fatal; a bad document is reported
// with its file, document and line, and the other documents still load.
import type { Cluster, ManifestSource } from '../model/cluster.js';
import { emptyGatewayApiModel } from '../model/gateway.js';
import type { K8sObject } from '../model/resources.js';
import { resourceKey } from '../model/resources.js';
import type { LineIndex, PosNode } from '../model/source.js';
import { asArray, asString, isRecord, readMeta, ReadContext } from './context.js';
import { readEndpoints, readEndpointSlice, readNamespace, readSecret, readService, readWorkload } from './core.js';
import { readIngress, readIngressClass } from './ingress.js';
import { GATEWAY_API_GROUP, GATEWAY_READERS } from './gateway.js';
import { TRAEFIK_READERS } from './traefik.js';
import { ENVOY_READERS } from './envoy.js';
import { F5_READERS } from './f5.js';
import { parseYamlFile, type YamlFile } from './yaml.js';
import { finishCluster } from '../cluster/finish.js';
import { pushAll } from '../model/arrays.js';

export interface ClusterBuilder {
  cluster: Cluster;
}

export type KindReader = (base: K8sObject, ctx: ReadContext, b: ClusterBuilder) => void;

/** Readers by "group/Kind" (core group is ""). */
const READERS: Record<string, KindReader> = {
  '/Namespace': readNamespace,
  '/Service': readService,
  '/Secret': readSecret,
  '/Pod': readWorkload,
  '/ReplicationController': readWorkload,
  'apps/Deployment': readWorkload,
  'apps/ReplicaSet': readWorkload,
  'apps/StatefulSet': readWorkload,
  'apps/DaemonSet': readWorkload,
  'extensions/Deployment': readWorkload,
  'extensions/ReplicaSet': readWorkload,
  'extensions/DaemonSet': readWorkload,
  'discovery.k8s.io/EndpointSlice': readEndpointSlice,
  '/Endpoints': readEndpoints,
  'networking.k8s.io/Ingress': readIngress,
  'extensions/Ingress': readIngress,
  'networking.k8s.io/IngressClass': readIngressClass,
  ...GATEWAY_READERS,
  ...TRAEFIK_READERS,
  ...ENVOY_READERS,
  ...F5_READERS,
};

/** Kinds whose objects have no namespace. */
const CLUSTER_SCOPED = new Set(['Namespace', 'IngressClass', 'GatewayClass', 'ClusterRole', 'ClusterRoleBinding', 'Node', 'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'PersistentVolume', 'StorageClass', 'PriorityClass']);

/** Where a kind lives when an object omits apiVersion. */
const DEFAULT_GROUP: Record<string, string> = {
  Ingress: 'networking.k8s.io',
  IngressClass: 'networking.k8s.io',
  Deployment: 'apps',
  ReplicaSet: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  EndpointSlice: 'discovery.k8s.io',
  Gateway: GATEWAY_API_GROUP,
  GatewayClass: GATEWAY_API_GROUP,
  HTTPRoute: GATEWAY_API_GROUP,
};

export function apiGroupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

export function emptyCluster(): Cluster {
  return {
    files: [],
    objects: [],
    ignored: [],
    diagnostics: [],
    namespaces: new Map(),
    services: new Map(),
    workloads: [],
    pods: [],
    endpointSlices: [],
    secrets: new Map(),
    ingressClasses: [],
    ingresses: [],
    gatewayApi: emptyGatewayApiModel(),
    traefikMiddlewares: [],
    envoyFilters: [],
    envoyPolicies: [],
    virtualServers: [],
    virtualServerRoutes: [],
    cache: new Map(),
  };
}

export interface LoadOptions {
  /** parses one source; the incremental loader (parse/incremental.ts) passes a caching one */
  parse?: typeof parseYamlFile;
  /** keeps what each source read, for the next load of the same text at the same place (parse/incremental.ts) */
  readings?: ReadingCache;
}

/** What reading one source added to a Cluster: its own objects, lists, maps and diagnostics. */
export interface SourceReading {
  added: Cluster;
  /** object keys, to tell whether another source defines the same object */
  keys: string[];
  /** the lists and maps `added` fills, found when first added (addReading) */
  parts?: ReadingPart[];
}

export interface ReadingCache {
  get(src: ManifestSource, firstOrder: number, yaml: YamlFile): SourceReading | undefined;
  set(src: ManifestSource, firstOrder: number, yaml: YamlFile, reading: SourceReading): void;
}

/** Reads every source into one Cluster. Never throws on bad input. */
export function loadManifests(sources: ManifestSource[] | string, options: LoadOptions = {}): Cluster {
  const parse = options.parse ?? parseYamlFile;
  const list = typeof sources === 'string' ? [{ file: 'manifests.yaml', text: sources }] : sources;
  const cluster = emptyCluster();
  const b: ClusterBuilder = { cluster };
  const seen = new Map<string, K8sObject>();
  let order = 0;
  const readings = options.readings;
  for (const src of list) {
    cluster.files.push(src.file);
    const yaml = parse(src.file, src.text, src.lineOffset, src.colOffset);
    pushAll(cluster.diagnostics, yaml.diagnostics);
    const readAll = (into: ClusterBuilder) => {
      for (const doc of yaml.documents) {
        if (doc.value === null || doc.value === undefined) continue;
        readDocumentValue(doc.value, doc.pos, doc.index, yaml.lines, into, seen, () => order++);
      }
    };
    if (!readings) {
      readAll(b);
      continue;
    }
    // Read into a Cluster of its own and add that: the same as reading straight in, since
    // readers only add to the Cluster. A source defining an object another source defines
    // is not kept (its duplicate warning depends on the other source).
    const first = order;
    let reading = readings.get(src, first, yaml);
    if (reading && reading.keys.some((k) => seen.has(k))) reading = undefined;
    if (!reading) {
      const own: ClusterBuilder = { cluster: emptyCluster() };
      readAll(own);
      reading = { added: own.cluster, keys: own.cluster.objects.map((o) => o.key) };
      if (!own.cluster.diagnostics.some((d) => d.code === 'DuplicateObject')) readings.set(src, first, yaml, reading);
    } else {
      for (const o of reading.added.objects) seen.set(o.key, o);
      order += reading.added.objects.length;
    }
    addReading(cluster, reading);
  }
  finishCluster(cluster);
  return cluster;
}

/** The non-empty lists and maps of what one source read, by their path in the Cluster. */
type ReadingPart = { path: string[]; value: unknown[] | Map<unknown, unknown> };

function partsOf(added: Cluster): ReadingPart[] {
  const parts: ReadingPart[] = [];
  const walk = (from: Record<string, unknown>, path: string[]) => {
    for (const [k, v] of Object.entries(from)) {
      if (path.length === 0 && (k === 'cache' || k === 'files')) continue;
      if (Array.isArray(v)) {
        if (v.length) parts.push({ path: [...path, k], value: v });
      } else if (v instanceof Map) {
        if (v.size) parts.push({ path: [...path, k], value: v });
      } else if (v && typeof v === 'object') walk(v as Record<string, unknown>, [...path, k]);
    }
  };
  walk(added as unknown as Record<string, unknown>, []);
  return parts;
}

/**
 * Adds what one source read to the Cluster: lists appended, maps entered, in order. The
 * parts are found once per reading (a document fills two or three of the Cluster's lists),
 * so an edit that reuses a thousand readings does not walk every list of each.
 */
function addReading(into: Cluster, reading: SourceReading): void {
  const parts = (reading.parts ??= partsOf(reading.added));
  for (const { path, value } of parts) {
    let target = into as unknown as Record<string, unknown>;
    for (let i = 0; i < path.length - 1; i++) target = target[path[i]] as Record<string, unknown>;
    const to = target[path[path.length - 1]];
    if (Array.isArray(value)) for (const x of value) (to as unknown[]).push(x);
    else for (const [mk, mv] of value) (to as Map<unknown, unknown>).set(mk, mv);
  }
}

function readDocumentValue(
  value: unknown,
  pos: PosNode | undefined,
  document: number,
  lines: LineIndex,
  b: ClusterBuilder,
  seen: Map<string, K8sObject>,
  nextOrder: () => number,
): void {
  const { cluster } = b;
  const docCtx = new ReadContext(lines, pos, `document ${document}`, document, cluster.diagnostics);
  if (!isRecord(value)) {
    docCtx.report('error', 'NotAnObject', [], `document ${document} is a ${Array.isArray(value) ? 'list' : typeof value}, not a Kubernetes object`);
    return;
  }
  const kind = asString(value.kind);
  if (!kind) {
    docCtx.report('error', 'MissingKind', [], `document ${document} has no "kind"`);
    return;
  }
  // kubectl prints several objects as `kind: List` (or FooList) with `items`.
  if ((kind === 'List' || kind.endsWith('List')) && Array.isArray(value.items)) {
    const itemsPos = posChild(pos, 'items');
    asArray(value.items).forEach((item, i) => {
      const itemPos = itemsPos?.isSeq ? itemsPos.child(i) : undefined;
      readDocumentValue(item, itemPos, document, lines, b, seen, nextOrder);
    });
    return;
  }
  let apiVersion = asString(value.apiVersion) ?? '';
  if (!apiVersion) {
    const group = DEFAULT_GROUP[kind];
    apiVersion = group ? `${group}/v1` : 'v1';
    docCtx.warn([], `${kind} has no apiVersion; read as ${apiVersion}`);
  }
  const scoped = CLUSTER_SCOPED.has(kind);
  const meta = readMeta(value, scoped ? '' : 'default');
  const label = scoped ? `${kind} ${meta.name || '(unnamed)'}` : `${kind} ${meta.namespace}/${meta.name || '(unnamed)'}`;
  const ctx = new ReadContext(lines, pos, label, document, cluster.diagnostics);
  const reader = READERS[`${apiGroupOf(apiVersion)}/${kind}`];
  const source = ctx.ref([]);
  if (!reader) {
    cluster.ignored.push({
      kind,
      apiVersion,
      name: meta.name,
      namespace: scoped ? undefined : meta.namespace,
      source,
      why: kind === 'Gateway' || kind.endsWith('Route') ? `${apiVersion} is not the Gateway API group (${GATEWAY_API_GROUP})` : `RouteLab does not model ${kind}`,
    });
    return;
  }
  if (!meta.name) {
    const generate = asString((value.metadata as Record<string, unknown> | undefined)?.generateName);
    if (generate) {
      meta.name = `${generate}x7k2p`;
      ctx.warn(['metadata'], `metadata.generateName: the simulated name is ${meta.name}`);
    } else {
      // The API server would reject it; we still read it so its rules can be traced.
      meta.name = `unnamed-${document}`;
      ctx.report('warning', 'MissingName', ['metadata'], `${kind} has no metadata.name (the API server rejects it); shown as ${meta.name}`);
    }
  }
  const key = resourceKey(kind, scoped ? undefined : meta.namespace, meta.name);
  const base: K8sObject = {
    key,
    kind,
    apiVersion,
    meta,
    source,
    pos,
    lines,
    file: lines.file,
    document,
    order: nextOrder(),
    raw: value,
  };
  const previous = seen.get(key);
  if (previous) {
    ctx.warn([], `${label} is defined twice (first at ${previous.file}:${previous.source.startLine}); this later definition replaces it, as kubectl apply would`, 'DuplicateObject');
  }
  seen.set(key, base);
  cluster.objects.push(base);
  reader(base, ctx, b);
}

function posChild(pos: PosNode | undefined, key: string): PosNode | undefined {
  return pos?.isMap ? pos.child(key) : undefined;
}
