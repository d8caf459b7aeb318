// The NGINX servers F5 NGINX Ingress Controller writes: which resource owns each host,
// mergeable Ingresses (master and minions), and each server's locations.
//
// Sources (nginx/kubernetes-ingress):
// - internal/k8s/validation.go: an Ingress needs rules, every rule a host (unless
//   -allow-empty-ingress-host), no host twice, paths matching ^/[^\s;]*$ without "//" at the
//   start or a ".." segment; a master has one rule and no paths, a minion one rule, paths and
//   no TLS. An invalid Ingress is rejected as a whole.
// - internal/k8s/configuration.go buildHostsAndResources and chooseObjectMetaWinner: each
//   host belongs to one resource, Ingress or VirtualServer alike, and the oldest
//   (creationTimestamp) wins; a loser keeps its other hosts ("host X is taken by another
//   resource"), and one that loses them all is rejected ("All hosts are taken by other
//   resources"). Minions join the master that owns their host; two minions with the same
//   path string (pathType ignored): the oldest minion keeps it ("path X is taken by another
//   resource"); a minion whose host has no master serves nothing ("NoIngressMasterFound").
// - internal/configs/ingress.go generateIngressPath, createLocation and the Ingress
//   template: Exact is `location = /p`, Prefix and ImplementationSpecific a plain
//   `location /p` (so /foo also takes /foobar); nginx.org/path-regex wraps every location
//   of its Ingress as `~ "^p"`, `~* "^p"` or `= "p"` (template_helper.go makePathWithRegex);
//   spec.defaultBackend adds `location /` to each of the Ingress's hosts that has no "/"
//   path; a minion's defaultBackend is removed.
import { cached, type Cluster } from '../../../model/cluster.js';
import type { VirtualServer } from '../../../model/f5.js';
import { compareObjectAge, type Ingress, type IngressBackend } from '../../../model/resources.js';
import type { PathEntry } from '../../table.js';
import { f5ConfigOf, type F5IngressConfig } from './annotations.js';
import { makeLocation, type F5Location, type NginxModifier } from './locations.js';

/** What an Ingress location serves. */
export interface F5IngressLocationValue {
  kind: 'ingress';
  /** the Ingress path; for a defaultBackend location, undefined */
  entry?: PathEntry;
  backend: IngressBackend & { id?: string };
  ingress: Ingress;
  cfg: F5IngressConfig;
  /** the Ingress path as written, with its pathType (for sentences) */
  label: string;
}

export interface F5IngressServer {
  kind: 'ingress';
  host: string;
  /** the Ingress that owns the host: a regular Ingress or a master */
  owner: Ingress;
  ownerCfg: F5IngressConfig;
  minions: Ingress[];
  locations: Array<F5Location<F5IngressLocationValue>>;
  /** minion paths dropped for an older minion's same path */
  droppedPaths: Array<{ entry: PathEntry; winner: Ingress }>;
}

export interface F5VsServer {
  kind: 'vs';
  host: string;
  owner: VirtualServer;
}

export type F5Server = F5IngressServer | F5VsServer;

export interface F5Rejection {
  /** "Ingress ns/name" or "VirtualServer ns/name" */
  object: { kind: string; namespace: string; name: string };
  resource: Ingress | VirtualServer;
  /** hosts it names (so a trace for one of them can say why it is not served) */
  hosts: string[];
  why: string;
}

export interface F5Index {
  exact: Map<string, F5Server>;
  /** "*.example.com" -> server; NGINX matches a leading wildcard at any depth, longest first */
  wildcard: Map<string, F5Server>;
  /** resources (or their hosts) that get no server, with why, by host */
  rejected: Map<string, F5Rejection[]>;
  /** every rejection, for lint */
  allRejections: F5Rejection[];
  /** hosts that VirtualServers or Ingresses lost to an older resource */
  lostHosts: Map<string, Array<{ resource: Ingress | VirtualServer; winner: Ingress | VirtualServer }>>;
}

const PATH_OK = /^\/[^\s;]*$/;
const FORBIDDEN_PATH = /^\/etc\/|^\/root(\/|$)|^\/var(\/|$)/;

/** validation.go validatePath (one path of an Ingress). */
function pathProblem(path: string, pathType: string): string | undefined {
  if (pathType === 'ImplementationSpecific' && path === '') return undefined;
  if (!path) return `${pathType} paths need a path`;
  if (!PATH_OK.test(path)) return `path "${path}" must start with / and hold no whitespace or ";"`;
  if (path.startsWith('//')) return `path "${path}" must not start with //`;
  if (path.split('/').includes('..')) return `path "${path}" must not hold a ".." segment`;
  if (FORBIDDEN_PATH.test(path)) return `path "${path}" is under /etc, /root or /var, which the controller refuses`;
  return undefined;
}

/** Why the controller rejects the whole Ingress, if it does (validation.go validateIngress). */
export function ingressRejection(ing: Ingress): string | undefined {
  const cfg = f5ConfigOf(ing);
  const mt = ing.meta.annotations['nginx.org/mergeable-ingress-type'];
  if (mt !== undefined && !cfg.mergeable) return `nginx.org/mergeable-ingress-type "${mt}" is neither master nor minion`;
  if (ing.rules.length === 0) return 'spec.rules: Required value (an Ingress with only a defaultBackend is rejected)';
  const seen = new Set<string>();
  for (const r of ing.rules) {
    if (!r.host) return `spec.rules[${r.index}].host: Required value (rules without a host are rejected unless the controller runs with -allow-empty-ingress-host)`;
    if (seen.has(r.host)) return `spec.rules[${r.index}].host: Duplicate value "${r.host}" (all paths of a host belong in one rule)`;
    seen.add(r.host);
    for (const p of r.paths) {
      const why = pathProblem(p.path, p.pathType);
      if (why) return `spec.rules[${r.index}].http.paths[${p.pathIndex}]: ${why}`;
      if (!p.backend.service) return `spec.rules[${r.index}].http.paths[${p.pathIndex}].backend: resource backends are not supported`;
    }
  }
  if (ing.defaultBackend && !ing.defaultBackend.service) return 'spec.defaultBackend: resource backends are not supported';
  if (cfg.mergeable?.type === 'master') {
    if (ing.rules.length !== 1) return 'a master Ingress must have exactly one rule';
    if (ing.rules[0].paths.length > 0) return 'a master Ingress must have no paths (the minions hold them)';
  }
  if (cfg.mergeable?.type === 'minion') {
    if (ing.tls.length > 0) return 'a minion Ingress must have no spec.tls (the master holds it)';
    if (ing.rules.length !== 1) return 'a minion Ingress must have exactly one rule';
    if (ing.rules[0].paths.length === 0) return 'a minion Ingress must include at least one path';
  }
  return undefined;
}

/** The location an Ingress path becomes: pathType first, then path-regex (template_helper.go makePathWithRegex). */
function ingressLocation(cfg: F5IngressConfig, path: string, pathType: string, value: F5IngressLocationValue): F5Location<F5IngressLocationValue> {
  const exact = pathType === 'Exact';
  const mode = cfg.pathRegex?.mode;
  if (!mode) return makeLocation(exact ? '=' : '', path, value);
  // An Exact path under path-regex: the controller wraps "= /p" itself, giving a regex that
  // starts with "= " (or an exact "= /p"); no URI starts with "=", so it never matches.
  const never = exact ? `pathType Exact under nginx.org/path-regex: the controller writes the location of "= ${path}", which no URI can match` : undefined;
  const body = exact ? `= ${path}` : path;
  const modifier: NginxModifier = mode === 'case_sensitive' ? '~' : mode === 'case_insensitive' ? '~*' : '=';
  return makeLocation(modifier, modifier === '=' ? body : `^${body}`, value, never);
}

export function f5Index(cluster: Cluster, served: Ingress[], virtualServers: VirtualServer[]): F5Index {
  return cached(cluster, 'f5-nginx servers', () => buildIndex(served, virtualServers));
}

function buildIndex(served: Ingress[], virtualServers: VirtualServer[]): F5Index {
  const index: F5Index = { exact: new Map(), wildcard: new Map(), rejected: new Map(), allRejections: [], lostHosts: new Map() };
  const reject = (resource: Ingress | VirtualServer, hosts: string[], why: string) => {
    const r: F5Rejection = { object: { kind: resource.kind, namespace: resource.meta.namespace, name: resource.meta.name }, resource, hosts, why };
    index.allRejections.push(r);
    for (const h of hosts) {
      const list = index.rejected.get(h.toLowerCase()) ?? [];
      list.push(r);
      index.rejected.set(h.toLowerCase(), list);
    }
  };
  const hostsOf = (ing: Ingress) => ing.rules.map((r) => r.host ?? '').filter((h) => h);

  // 1. Valid Ingresses; minions wait for their master.
  const regular: Ingress[] = [];
  const minions: Ingress[] = [];
  for (const ing of [...served].sort(compareObjectAge)) {
    const why = ingressRejection(ing);
    if (why) {
      reject(ing, hostsOf(ing), `the controller rejects the Ingress: ${why}`);
      continue;
    }
    (f5ConfigOf(ing).mergeable?.type === 'minion' ? minions : regular).push(ing);
  }

  // 2. Hosts: Ingresses and VirtualServers compete, the oldest wins each host.
  type Claim = { host: string; resource: Ingress | VirtualServer };
  const claims: Claim[] = [];
  for (const ing of regular) for (const r of ing.rules) claims.push({ host: r.host!.toLowerCase(), resource: ing });
  for (const vs of virtualServers) if (vs.host) claims.push({ host: vs.host.toLowerCase(), resource: vs });
  claims.sort((a, b) => compareObjectAge(a.resource, b.resource));
  const owner = new Map<string, Ingress | VirtualServer>();
  const won = new Map<Ingress | VirtualServer, number>();
  for (const c of claims) {
    const w = owner.get(c.host);
    if (!w) {
      owner.set(c.host, c.resource);
      won.set(c.resource, (won.get(c.resource) ?? 0) + 1);
    } else {
      const lost = index.lostHosts.get(c.host) ?? [];
      lost.push({ resource: c.resource, winner: w });
      index.lostHosts.set(c.host, lost);
    }
  }
  for (const c of claims) {
    if (!won.has(c.resource)) {
      if (!index.rejected.get(c.host)?.some((r) => r.resource === c.resource)) {
        reject(c.resource, [c.host], `All hosts are taken by other resources: ${c.host} belongs to ${owner.get(c.host)!.kind} ${owner.get(c.host)!.meta.namespace}/${owner.get(c.host)!.meta.name}, which is older (the oldest resource wins a host)`);
      }
    }
  }

  // 3. Minions by host, oldest first.
  const minionsByHost = new Map<string, Ingress[]>();
  for (const m of minions) {
    const h = m.rules[0].host!.toLowerCase();
    const list = minionsByHost.get(h) ?? [];
    list.push(m);
    minionsByHost.set(h, list);
  }

  // 4. Servers.
  for (const [host, res] of owner) {
    let server: F5Server;
    if (res.kind === 'VirtualServer') server = { kind: 'vs', host, owner: res };
    else {
      const cfg = f5ConfigOf(res);
      const s: F5IngressServer = { kind: 'ingress', host, owner: res, ownerCfg: cfg, minions: [], locations: [], droppedPaths: [] };
      if (cfg.mergeable?.type === 'master') {
        const taken = new Map<string, Ingress>();
        for (const m of minionsByHost.get(host) ?? []) {
          s.minions.push(m);
          const mcfg = f5ConfigOf(m);
          const rule = m.rules[0];
          for (const p of rule.paths) {
            const entry: PathEntry = { ingress: m, rule, path: p, host, seq: 0 };
            const w = taken.get(p.path);
            if (w) {
              s.droppedPaths.push({ entry, winner: w });
              continue;
            }
            taken.set(p.path, m);
            s.locations.push(ingressLocation(mcfg, p.path || '/', p.pathType, { kind: 'ingress', entry, backend: p.backend, ingress: m, cfg: mcfg, label: `${p.path || '/'} ${p.pathType}` }));
          }
        }
      } else {
        const rule = res.rules.find((r) => r.host?.toLowerCase() === host)!;
        let hasRoot = false;
        for (const p of rule.paths) {
          const entry: PathEntry = { ingress: res, rule, path: p, host, seq: 0 };
          if ((p.path || '/') === '/' && p.pathType !== 'Exact') hasRoot = true;
          s.locations.push(ingressLocation(cfg, p.path || '/', p.pathType, { kind: 'ingress', entry, backend: p.backend, ingress: res, cfg, label: `${p.path || '/'} ${p.pathType}` }));
        }
        const dbe = res.defaultBackend;
        if (dbe && !hasRoot) s.locations.push(ingressLocation(cfg, '/', 'Prefix', { kind: 'ingress', backend: dbe, ingress: res, cfg, label: 'defaultBackend (location /)' }));
      }
      server = s;
    }
    (host.startsWith('*.') ? index.wildcard : index.exact).set(host, server);
  }

  // 5. Minions with no master on their host.
  for (const [host, list] of minionsByHost) {
    const s = owner.get(host);
    const master = s && s.kind === 'Ingress' && f5ConfigOf(s).mergeable?.type === 'master';
    if (master) continue;
    for (const m of list) {
      reject(m, [host], s ? `NoIngressMasterFound: host ${host} belongs to ${s.kind} ${s.meta.namespace}/${s.meta.name}, which is not a master, so this minion serves nothing` : `NoIngressMasterFound: no valid master Ingress (nginx.org/mergeable-ingress-type: master) has host ${host}, so this minion serves nothing`);
    }
  }
  return index;
}

/** NGINX server_name: the exact name, else the longest leading wildcard (at any depth). */
export function findServer(index: F5Index, host: string): { server?: F5Server; how?: 'exact' | 'wildcard' } {
  const e = index.exact.get(host);
  if (e) return { server: e, how: 'exact' };
  const labels = host.split('.');
  for (let i = 1; i < labels.length - 1; i++) {
    const w = index.wildcard.get(`*.${labels.slice(i).join('.')}`);
    if (w) return { server: w, how: 'wildcard' };
  }
  return {};
}
