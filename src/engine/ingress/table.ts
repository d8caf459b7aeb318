// The routing table every controller model starts from: the served Ingresses'
// rules merged across Ingresses and indexed by host (exact, one-label wildcard,
// no host), so a request looks up its host in O(1) instead of scanning all rules.
import type { Hostname } from '../model/request.js';
import { compareObjectAge, type Ingress, type IngressBackend, type IngressPath, type IngressRule } from '../model/resources.js';
import { isWildcardHost, singleLabelWildcardFor } from '../match/hostname.js';

export interface PathEntry {
  ingress: Ingress;
  rule: IngressRule;
  path: IngressPath;
  /** host as written on the rule ("" for a rule without host) */
  host: string;
  /** global position among served paths: Ingress age, then namespace/name, then rule and path order */
  seq: number;
}

export interface HostEntry {
  /** "" for the rules without host */
  host: string;
  kind: 'exact' | 'wildcard' | 'any';
  paths: PathEntry[];
  /** Ingresses that define rules for this host, oldest first */
  ingresses: Ingress[];
}

export interface DefaultBackendEntry {
  ingress: Ingress;
  backend: IngressBackend & { id: string };
}

export interface HostTable {
  exact: Map<string, HostEntry>;
  wildcard: Map<string, HostEntry>;
  any: HostEntry | undefined;
  /** served Ingresses with spec.defaultBackend, oldest first (rule-less Ingresses first) */
  defaultBackends: DefaultBackendEntry[];
  served: Ingress[];
}

export interface HostLookup {
  exact?: HostEntry;
  wildcard?: HostEntry;
  any?: HostEntry;
}

/**
 * Conflicts between Ingresses are resolved by age in every controller RouteLab models
 * (ingress-nginx docs: "the oldest rule wins"); creationTimestamp, then namespace/name,
 * then the order the objects were read.
 */
export const compareIngressAge: (a: Ingress, b: Ingress) => number = compareObjectAge;

export function buildHostTable(served: Ingress[]): HostTable {
  const ordered = [...served].sort(compareIngressAge);
  const table: HostTable = { exact: new Map(), wildcard: new Map(), any: undefined, defaultBackends: [], served: ordered };
  let seq = 0;
  for (const ing of ordered) {
    for (const rule of ing.rules) {
      const host = rule.host?.toLowerCase() ?? '';
      let entry: HostEntry | undefined;
      if (!host) entry = table.any ??= { host: '', kind: 'any', paths: [], ingresses: [] };
      else {
        const map = isWildcardHost(host) ? table.wildcard : table.exact;
        entry = map.get(host);
        if (!entry) {
          entry = { host, kind: isWildcardHost(host) ? 'wildcard' : 'exact', paths: [], ingresses: [] };
          map.set(host, entry);
        }
      }
      if (!entry.ingresses.includes(ing)) entry.ingresses.push(ing);
      for (const path of rule.paths) entry.paths.push({ ingress: ing, rule, path, host, seq: seq++ });
    }
    if (ing.defaultBackend) table.defaultBackends.push({ ingress: ing, backend: ing.defaultBackend });
  }
  // An Ingress with no rules exists to carry a default backend; prefer those.
  table.defaultBackends.sort((a, b) => Number(a.ingress.rules.length > 0) - Number(b.ingress.rules.length > 0) || compareIngressAge(a.ingress, b.ingress));
  return table;
}

export function lookupHost(table: HostTable, host: Hostname): HostLookup {
  const wc = singleLabelWildcardFor(host);
  return {
    exact: table.exact.get(host),
    wildcard: wc ? table.wildcard.get(wc) : undefined,
    any: table.any,
  };
}

/**
 * The table's hosts sorted by their labels read right to left (com, example, shop ...),
 * so the hosts that share the most trailing labels with any name sit next to where that
 * name would sort: a miss looks at its neighbours, not at every host. Built once per table.
 */
interface HostNeighbourhood {
  keys: string[];
  hosts: string[];
  wildcards: string[];
}

const neighbourhoods = new WeakMap<HostTable, HostNeighbourhood>();
/** Exact hosts scored on each side of a miss's sort position. */
const NEIGHBOURS = 16;
/** Up to this many wildcard hosts are all scored; beyond, only those that cover a suffix of the miss. */
const WILDCARDS_SCORED = 256;

// "\u0000" sorts below every character a host can hold, so comparing the joined strings
// compares label by label.
const reversedKey = (labels: string[]) => labels.join('\u0000');

function neighbourhoodOf(table: HostTable): HostNeighbourhood {
  let n = neighbourhoods.get(table);
  if (!n) {
    const pairs = [...table.exact.keys()].map((h) => [reversedKey(h.split('.').reverse()), h] as const);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    n = { keys: pairs.map((p) => p[0]), hosts: pairs.map((p) => p[1]), wildcards: [...table.wildcard.keys()] };
    neighbourhoods.set(table, n);
  }
  return n;
}

/** Hosts in the table that share the most trailing labels with `host`: the "closest" misses for a trace. */
export function nearestHosts(table: HostTable, host: Hostname, limit = 3): string[] {
  const labels = host.split('.').reverse();
  const score = (h: string) => {
    const hl = h.split('.').reverse();
    let n = 0;
    while (n < hl.length && n < labels.length && (hl[n] === labels[n] || hl[n] === '*')) n++;
    return n;
  };
  const nb = neighbourhoodOf(table);
  const key = reversedKey(labels);
  let lo = 0;
  let hi = nb.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nb.keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  const candidates = nb.hosts.slice(Math.max(0, lo - NEIGHBOURS), lo + NEIGHBOURS);
  if (nb.wildcards.length <= WILDCARDS_SCORED) candidates.push(...nb.wildcards);
  else {
    for (let i = 1; i < labels.length; i++) {
      const wc = `*.${labels.slice(0, i).reverse().join('.')}`;
      if (table.wildcard.has(wc)) candidates.push(wc);
    }
  }
  return candidates
    .map((h) => [h, score(h)] as const)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([h]) => h);
}

export function describeBackend(b: IngressBackend): string {
  if (b.service) {
    const p = b.service.port.number ?? b.service.port.name ?? '?';
    return `${b.service.name}:${p}`;
  }
  if (b.resource) return `${b.resource.kind} ${b.resource.name}`;
  return '(no backend)';
}

export function describePath(p: IngressPath): string {
  return `${p.path} ${p.pathType}`;
}
