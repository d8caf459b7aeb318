// The portable semantics of the Kubernetes Ingress specification
// (kubernetes.io/docs/concepts/services-networking/ingress, "Path types",
// "Multiple matches", "Hostname wildcards"; KEP-1453):
// - the most specific host wins: exact, then a one-label wildcard, then rules without host;
// - Exact and Prefix paths as in the docs' table; ImplementationSpecific is left to each
//   controller, and is read here as Prefix (what most controllers do), with a note;
// - "In some cases, multiple paths within an Ingress will match a request. In those cases
//   precedence will be given first to the longest matching path. If two paths are still
//   equally matched, precedence will be given to paths with an exact path type over prefix";
// - paths claimed twice (the spec leaves conflicts undefined): the oldest Ingress wins;
// - nothing matched: the defaultBackend, else 404.
import { exactPathMatches, prefixPathMatches, trimTrailingSlashes } from '../../match/path.js';
import type { TraceCandidate } from '../../trace/types.js';
import { lazyStep, type LazyStepParts } from '../../trace/builder.js';
import { CONTROLLER_PROFILES } from '../classes.js';
import { capCandidates, chooseHost, defaultBackendDecision, ingressRef, pathLabel, pathTarget, specMissDetail } from '../steps.js';
import type { HostEntry, PathEntry } from '../table.js';
import type { ControllerContext, IngressControllerModel, IngressDecision } from '../types.js';

/** Length that orders paths: Prefix ignores its trailing slash, as matching does. */
function effectiveLength(p: PathEntry): number {
  return p.path.pathType === 'Exact' ? p.path.path.length : trimTrailingSlashes(p.path.path).length;
}

/** Precedence of the spec: longest path, then Exact over Prefix, then the older Ingress. */
export function comparePathPrecedence(a: PathEntry, b: PathEntry): number {
  const la = effectiveLength(a);
  const lb = effectiveLength(b);
  if (la !== lb) return lb - la;
  const ea = a.path.pathType === 'Exact' ? 0 : 1;
  const eb = b.path.pathType === 'Exact' ? 0 : 1;
  if (ea !== eb) return ea - eb;
  return a.seq - b.seq;
}

const sortedPaths = new WeakMap<HostEntry, PathEntry[]>();
function pathsByPrecedence(entry: HostEntry): PathEntry[] {
  let v = sortedPaths.get(entry);
  if (!v) {
    v = [...entry.paths].sort(comparePathPrecedence);
    sortedPaths.set(entry, v);
  }
  return v;
}

export function specPathMatches(pathType: string, path: string, requestPath: string): boolean {
  switch (pathType) {
    case 'Exact':
      return exactPathMatches(path, requestPath);
    case 'Prefix':
    case 'ImplementationSpecific':
      return prefixPathMatches(path, requestPath);
    default:
      return false;
  }
}

/** Every path of the host in precedence order, with why it won, lost or missed. */
function pathCandidates(ordered: PathEntry[], reqPath: string): LazyStepParts {
  let winner: PathEntry | undefined;
  const candidates: TraceCandidate[] = [];
  let implSpecific = false;
  for (const p of ordered) {
    const { pathType, path } = p.path;
    if (pathType === 'ImplementationSpecific') implSpecific = true;
    const base = { label: pathLabel(p), object: ingressRef(p.ingress), ruleId: p.path.id, source: p.path.source };
    if (pathType !== 'Exact' && pathType !== 'Prefix' && pathType !== 'ImplementationSpecific') {
      candidates.push({ ...base, verdict: 'skip', reason: 'PathTypeUnsupported', detail: `pathType "${pathType}" is not a valid path type` });
      continue;
    }
    if (!specPathMatches(pathType, path, reqPath)) {
      const miss = specMissDetail(pathType === 'Exact' ? 'Exact' : 'Prefix', path, reqPath);
      candidates.push({ ...base, verdict: 'miss', ...miss });
      continue;
    }
    if (!winner) {
      winner = p;
      candidates.push({
        ...base,
        verdict: 'won',
        reason: pathType === 'Exact' ? 'PathExactMatch' : 'PathPrefixMatch',
        detail: pathType === 'Exact'
          ? `${path} equals ${reqPath}`
          : `${path} is an element-wise prefix of ${reqPath}${pathType === 'ImplementationSpecific' ? ' (ImplementationSpecific read as Prefix)' : ''}`,
      });
      continue;
    }
    const w = winner;
    const sameLength = effectiveLength(w) === effectiveLength(p);
    const sameType = (w.path.pathType === 'Exact') === (pathType === 'Exact');
    candidates.push({
      ...base,
      verdict: 'lost',
      ...(sameLength && sameType
        ? { reason: 'PathOlderWins' as const, detail: `also matches, but Ingress ${w.ingress.meta.namespace}/${w.ingress.meta.name} claims the same path and is older` }
        : sameLength
          ? { reason: 'PathExactPreferred' as const, detail: `also matches, but ${w.path.path} Exact is preferred over Prefix for an equally long path` }
          : { reason: 'PathLonger' as const, detail: `also matches, but the longer path ${w.path.path} takes precedence` }),
    });
  }
  const { shown, hidden } = capCandidates(candidates);
  const notes: string[] = [];
  if (hidden) notes.push(`${hidden} more path(s) on this host did not match`);
  if (implSpecific) notes.push('ImplementationSpecific paths are matched as Prefix here; their meaning depends on the controller (pick one to see it)');
  return { candidates: shown, notes: notes.length ? notes : undefined };
}

export const specController: IngressControllerModel = {
  profile: CONTROLLER_PROFILES.spec,
  unavailableStatus: 503,
  route(ctx: ControllerContext): IngressDecision {
    const host = chooseHost(ctx);
    if (!host) return defaultBackendDecision(ctx, undefined, `no rule matches host ${ctx.request.host}`);
    const reqPath = ctx.request.path;
    const ordered = pathsByPrecedence(host);
    // The decision: the first valid path, in precedence order, that matches.
    const winner = ordered.find((p) => specPathMatches(p.path.pathType, p.path.path, reqPath));
    ctx.trace.add(
      lazyStep(
        {
          kind: 'rule',
          summary: winner
            ? `${ordered.length} path(s) on this host; ${winner.path.path} ${winner.path.pathType} wins (longest match, Exact before Prefix)`
            : `none of the ${ordered.length} path(s) on this host matches ${reqPath}`,
          reason: winner ? (winner.path.pathType === 'Exact' ? 'PathExactMatch' : 'PathPrefixMatch') : 'PathMismatch',
          status: winner ? 'ok' : 'warn',
          object: winner ? ingressRef(winner.ingress) : undefined,
          source: winner?.path.source,
        },
        () => pathCandidates(ordered, reqPath),
      ),
    );
    if (!winner) return defaultBackendDecision(ctx, host, `no path of host ${host.kind === 'any' ? '(any)' : host.host} matches ${reqPath}`);
    return { kind: 'proxy', ...pathTarget(winner) };
  },
};
