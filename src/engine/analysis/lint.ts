// Lint: problems in a config, each with the object, the line, one sentence of why and
// how to fix it. Routing problems come with evidence: a traced request that proves a
// rule is shadowed, or that a duplicate claim is decided by age.
import type { Cluster } from '../model/cluster.js';
import type { Severity } from '../model/diagnostics.js';
import { RequestError, type ControllerName, type RequestInput } from '../model/request.js';
import type { Ingress, IngressBackend, IngressPath } from '../model/resources.js';
import { refAt, type SourceRef } from '../model/source.js';
import { CONTROLLER_PROFILES, selectIngresses } from '../ingress/classes.js';
import { resolveServiceBackend, formatSelector, podsMatching } from '../cluster/services.js';
import { simulate } from '../simulate.js';
import { hostSamples, pathSamples } from './requests.js';
import { summarizeOutcome, decidingRule } from './outcome.js';
import { gatewayProblems } from '../gateway/lint.js';
import { configFeatures, type FeatureUse } from '../gateway/implementations/features.js';
import { findImplementation, implementationChoices, implementationLabel, lackedUses, lackSentence } from '../gateway/implementations/index.js';
import { annotationController, NGINX_PREFIX } from '../ingress/controllers/annotations.js';
import { f5ConfigOf } from '../ingress/controllers/f5-nginx/annotations.js';
import { f5Index } from '../ingress/controllers/f5-nginx/servers.js';
import { vsServer } from '../ingress/controllers/f5-nginx/virtualserver.js';
import { traefikNginxConfigOf } from '../ingress/controllers/traefik-nginx/routers.js';
import { controllerReads, ignoredWhy } from '../ingress/controllers/reads.js';
import { traefikConfigOf } from '../ingress/controllers/traefik/routers.js';
import { resolveMiddlewares } from '../ingress/controllers/traefik/middlewares.js';
import { authDenied } from '../ingress/controllers/nginx.js';
import { nginxConfigOf } from '../ingress/controllers/nginx/annotations.js';
import { pushAll } from '../model/arrays.js';

export interface Problem {
  severity: Severity;
  code: string;
  /** "Ingress shop/web" */
  object: string;
  source?: SourceRef;
  message: string;
  fix: string;
  /** a traced request that demonstrates the problem */
  proof?: { request: RequestInput; outcome: string; winner: string };
  /** for an ingress-nginx quirk: which one, and what the same request does where the quirk is gone */
  quirk?: { id: NginxQuirk; without: { outcome: string; winner: string } };
}

/**
 * ingress-nginx behaviours that no Gateway API implementation (and no other Ingress
 * controller) reproduces, so a rule that relies on one changes routing after a move:
 * - case-insensitive: with use-regex or rewrite-target anywhere on a host, every location
 *   of the host is `~*`, case-insensitive (ingress-path-matching.md, Warning);
 * - no-boundary: those regex locations are anchored at the start only, so /foo also takes
 *   /foobar, and an Exact path takes everything below it (same page, IMPORTANT NOTES);
 * - slash-redirect: a prefix location ending in "/" answers the path without it with 301
 *   (NGINX "location" docs), where Gateway API's PathPrefix /foo/ simply matches /foo.
 */
export type NginxQuirk = 'case-insensitive' | 'no-boundary' | 'slash-redirect';

export interface LintOptions {
  controller?: ControllerName;
  /** Gateway API implementation profile: also report what the config uses that it lacks */
  implementation?: string;
}

function label(ing: Ingress): string {
  return `Ingress ${ing.meta.namespace}/${ing.meta.name}`;
}

export function lint(cluster: Cluster, options: LintOptions = {}): Problem[] {
  const controller = options.controller ?? 'spec';
  const problems: Problem[] = [];
  for (const d of cluster.diagnostics) {
    problems.push({
      severity: d.severity,
      code: d.code,
      object: d.object ?? (d.document !== undefined ? `document ${d.document}` : d.source?.file ?? ''),
      source: d.source,
      message: d.message,
      fix: d.code === 'YamlSyntax' ? 'correct the YAML at that line' : 'correct the field as the message says',
    });
  }
  lintIngressReferences(cluster, problems);
  lintIngressClasses(cluster, controller, problems);
  lintServices(cluster, problems);
  lintAnnotations(cluster, controller, problems);
  lintTraefikMiddlewares(cluster, controller, problems);
  lintNginxAuth(cluster, controller, problems);
  lintNginxAnnotationValues(cluster, controller, problems);
  lintNginxQuirks(cluster, controller, problems);
  lintF5(cluster, controller, problems);
  lintTraefikNginx(cluster, controller, problems);
  lintRouting(cluster, controller, problems);
  pushAll(problems, gatewayProblems(cluster));
  if (options.implementation) lintImplementation(cluster, options.implementation, problems);
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return problems.sort((a, b) => order[a.severity] - order[b.severity] || (a.source?.file ?? '').localeCompare(b.source?.file ?? '') || (a.source?.startLine ?? 0) - (b.source?.startLine ?? 0));
}

/** What the config uses that the implementation lacks (its report), and regexes whose anchoring differs there. */
function lintImplementation(cluster: Cluster, name: string, problems: Problem[]): void {
  const p = findImplementation(name);
  if (!p) throw new RequestError(`unknown implementation "${name}": choose one of ${implementationChoices()}`);
  const label = (u: FeatureUse) => `${u.object.kind} ${u.object.namespace ? `${u.object.namespace}/` : ''}${u.object.name}`;
  for (const u of lackedUses(p, configFeatures(cluster))) {
    const h = u.category === 'filter' ? p.unsupportedFilter : u.category === 'match' ? p.unsupportedMatch : undefined;
    const effect = h
      ? `${h.summary}${p.verified ? '' : ' (assumed)'}`
      : u.category === 'field'
        ? 'the field has no effect there'
        : 'RouteLab routes it as the spec says; on this implementation it behaves otherwise or not at all';
    problems.push({
      severity: h && h.kind !== 'ignored' ? 'error' : 'warning',
      code: 'ImplementationUnsupported',
      object: label(u),
      source: u.source,
      message: `${lackSentence(p, u)}: ${effect}`,
      fix: `remove ${u.feature} from this object, or pick an implementation whose report supports it (routelab capabilities)`,
    });
  }
  if (p.regex.path !== 'full' || p.regex.value !== 'full' || p.regex.engine !== 're2') {
    for (const route of cluster.gatewayApi.routes) {
      if (route.kind !== 'HTTPRoute') continue;
      for (const rule of route.rules) {
        for (const m of rule.matches) {
          const regexes = [
            ...(m.path.type === 'RegularExpression' ? [`path ${m.path.value}`] : []),
            ...m.headers.filter((h) => h.type === 'RegularExpression').map((h) => `header ${h.name} ${h.value}`),
            ...m.queryParams.filter((q) => q.type === 'RegularExpression').map((q) => `query ${q.name} ${q.value}`),
          ];
          for (const r of regexes) {
            problems.push({
              severity: 'info',
              code: 'RegexDialect',
              object: `HTTPRoute ${route.meta.namespace}/${route.meta.name}`,
              source: m.source,
              message: `RegularExpression ${r}: on ${implementationLabel(p)}, ${p.regex.summary}`,
              fix: 'write ^ and $ around the pattern so it means the same on every implementation',
            });
          }
        }
      }
    }
  }
}

function backendsOf(ing: Ingress): Array<[IngressBackend, string]> {
  const out: Array<[IngressBackend, string]> = [];
  for (const r of ing.rules) for (const p of r.paths) out.push([p.backend, `${r.host ?? '(any host)'} ${p.path}`]);
  if (ing.defaultBackend) out.push([ing.defaultBackend, 'defaultBackend']);
  return out;
}

function lintIngressReferences(cluster: Cluster, problems: Problem[]): void {
  for (const ing of cluster.ingresses) {
    for (const [b, where] of backendsOf(ing)) {
      if (!b.service) continue;
      const res = resolveServiceBackend(cluster, ing.meta.namespace, b.service.name, b.service.port);
      if (res.reason === 'ServiceNotFound') {
        problems.push({ severity: 'error', code: 'MissingService', object: label(ing), source: b.source, message: `${where} sends traffic to Service ${b.service.name}, which is not in namespace ${ing.meta.namespace}`, fix: `create Service ${ing.meta.namespace}/${b.service.name}, or point the backend at an existing Service` });
      } else if (res.reason === 'ServicePortNotFound') {
        problems.push({ severity: 'error', code: 'MissingServicePort', object: label(ing), source: b.source, message: res.message, fix: 'use one of the Service\'s ports (number or name) in backend.service.port' });
      }
    }
    for (const t of ing.tls) {
      if (t.secretName && !cluster.secrets.has(`${ing.meta.namespace}/${t.secretName}`)) {
        problems.push({ severity: 'warning', code: 'MissingSecret', object: label(ing), source: t.source, message: `TLS Secret ${t.secretName} is not in the manifests; without it the controller serves its default certificate for ${t.hosts.join(', ') || 'these hosts'}`, fix: `create Secret ${ing.meta.namespace}/${t.secretName} of type kubernetes.io/tls (e.g. with cert-manager), or include it in the manifests` });
      }
    }
  }
}

function lintIngressClasses(cluster: Cluster, controller: ControllerName, problems: Problem[]): void {
  const selection = selectIngresses(cluster, CONTROLLER_PROFILES[controller]);
  const profile = CONTROLLER_PROFILES[controller];
  for (const d of selection.decisions) {
    if (d.reason === 'IngressClassAssumed' && profile.needsClassObject && d.ingress.ingressClassName !== undefined) {
      problems.push({
        severity: 'warning',
        code: 'IngressClassObjectMissing',
        object: label(d.ingress),
        source: refAt(d.ingress, ['spec', 'ingressClassName']),
        message: d.detail,
        fix: `add IngressClass ${d.ingress.ingressClassName} with spec.controller ${profile.controllerStrings[0]} to the manifests (and to the cluster)`,
      });
    }
    if (d.reason === 'IngressClassMissing' || d.reason === 'IngressClassNone') {
      problems.push({
        severity: 'error',
        code: d.reason === 'IngressClassMissing' ? 'MissingIngressClass' : 'NoIngressClass',
        object: label(d.ingress),
        source: d.ingress.ingressClassName ? refAt(d.ingress, ['spec', 'ingressClassName']) : d.ingress.source,
        message: d.detail,
        fix: d.reason === 'IngressClassMissing' ? 'set spec.ingressClassName to an existing IngressClass, or create that IngressClass' : 'set spec.ingressClassName, or mark one IngressClass as default (ingressclass.kubernetes.io/is-default-class: "true")',
      });
    }
  }
  const defaults = cluster.ingressClasses.filter((c) => c.isDefault);
  if (defaults.length > 1) {
    for (const c of defaults) {
      problems.push({ severity: 'warning', code: 'SeveralDefaultClasses', object: `IngressClass ${c.meta.name}`, source: c.source, message: `${defaults.length} IngressClasses are marked default; the admission controller rejects new Ingresses without a class`, fix: 'keep the is-default-class annotation on one IngressClass only' });
    }
  }
}

function lintServices(cluster: Cluster, problems: Problem[]): void {
  if (cluster.workloads.length === 0) return; // manifests without workloads: nothing to judge selectors against
  // A slice (or Endpoints object) given for the Service is where its endpoints come from.
  const sliced = new Set(cluster.endpointSlices.map((x) => `${x.meta.namespace}/${x.serviceName}`));
  for (const svc of cluster.services.values()) {
    if (!svc.selector || svc.type === 'ExternalName') continue;
    const sel = svc.selector;
    if (sliced.has(`${svc.meta.namespace}/${svc.meta.name}`)) continue;
    const any = podsMatching(cluster, svc.meta.namespace, sel).length > 0;
    if (!any) {
      problems.push({ severity: 'warning', code: 'ServiceSelectsNoPods', object: `Service ${svc.meta.namespace}/${svc.meta.name}`, source: refAt(svc, ['spec', 'selector']), message: `selector ${formatSelector(sel)} matches no Pod in namespace ${svc.meta.namespace}, so requests to it get 503`, fix: 'make the selector match the Pod template labels of a workload in the same namespace' });
    }
  }
}

function lintAnnotations(cluster: Cluster, controller: ControllerName, problems: Problem[]): void {
  for (const ing of cluster.ingresses) {
    for (const key of Object.keys(ing.meta.annotations)) {
      const owner = annotationController(key);
      if (!owner || controllerReads(controller, key)) continue;
      if (controller === 'traefik-nginx' && key.startsWith(NGINX_PREFIX)) {
        problems.push({ severity: 'warning', code: 'AnnotationIgnored', object: label(ing), source: refAt(ing, ['metadata', 'annotations', key]), message: `${key}: ${ignoredWhy(controller, key)}`, fix: 'drop it, or express it another way on Traefik (a Traefik Middleware), and check the requests that depended on it' });
        continue;
      }
      problems.push({
        severity: controller === 'spec' ? 'info' : 'warning',
        code: 'AnnotationIgnored',
        object: label(ing),
        source: refAt(ing, ['metadata', 'annotations', key]),
        message: controller === 'spec' ? `${key} is specific to ${owner}; the Ingress specification gives it no meaning` : `${key} is an ${owner} annotation; ${CONTROLLER_PROFILES[controller].title} ignores it`,
        fix: controller === 'spec' ? `trace with --controller ${owner} to see its effect` : `use the ${CONTROLLER_PROFILES[controller].title} equivalent, or drop it`,
      });
    }
  }
}

/**
 * router.middlewares that Traefik cannot resolve or build on an Ingress it serves: the routers of that Ingress are
 * not created, so its paths are not served at all (an error under Traefik; under another
 * controller the annotation does nothing, which lintAnnotations already says).
 */
function lintTraefikMiddlewares(cluster: Cluster, controller: ControllerName, problems: Problem[]): void {
  if (controller !== 'traefik') return;
  for (const ing of selectIngresses(cluster, CONTROLLER_PROFILES[controller]).served) {
    const a = traefikConfigOf(ing).middlewares;
    if (!a) continue;
    const r = resolveMiddlewares(cluster, a);
    if (r.ok) continue;
    problems.push({
      severity: 'error',
      code: r.reason,
      object: label(ing),
      source: a.source,
      message: `${r.why}; Traefik does not create the routers of this Ingress, so none of its paths are served`,
      fix: r.reason === 'MiddlewareMissing'
        ? 'name a Middleware as <namespace>-<name>@kubernetescrd and include it in the manifests (or name its provider, e.g. @file)'
        : 'correct the Middleware as the message says',
    });
  }
}

/** ingress-nginx auth annotations it cannot apply: every path of the Ingress answers 503. */
function lintNginxAuth(cluster: Cluster, controller: ControllerName, problems: Problem[]): void {
  if (controller !== 'ingress-nginx') return;
  for (const ing of selectIngresses(cluster, CONTROLLER_PROFILES[controller]).served) {
    const denied = authDenied(cluster, nginxConfigOf(ing));
    if (!denied) continue;
    problems.push({
      severity: 'error',
      code: 'LocationDenied',
      object: label(ing),
      source: denied.source,
      message: `${denied.why}; ingress-nginx denies the Ingress's locations, so every request to its paths gets 503`,
      fix: 'set auth-type basic or digest and name a Secret (with an "auth" key of htpasswd lines, or auth-secret-type auth-map) that is in the manifests',
    });
  }
}

/** ingress-nginx annotation values the controller rejects (and so ignores): the same sentences the trace gives. */
function lintNginxAnnotationValues(cluster: Cluster, controller: ControllerName, problems: Problem[]): void {
  if (controller !== 'ingress-nginx') return;
  for (const ing of selectIngresses(cluster, CONTROLLER_PROFILES[controller]).served) {
    for (const p of nginxConfigOf(ing).problems) {
      problems.push({
        severity: 'warning',
        code: 'AnnotationRejected',
        object: label(ing),
        source: p.annotation.source,
        message: `${p.annotation.key}: ${p.message}`,
        fix: 'correct the value as the message says, or remove the annotation',
      });
    }
  }
}

const REGEX_CHARS = /[\^$|?*+()[\]{}\\]/;

function swapCase(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
}

/**
 * Rules whose requests reach them under ingress-nginx only through one of its quirks: each
 * candidate request is traced under ingress-nginx and under the Ingress specification
 * (whose Exact and Prefix are those of Gateway API: case-sensitive, whole path elements).
 * A rule is reported when ingress-nginx gives it a request the specification does not.
 */
function lintNginxQuirks(cluster: Cluster, controller: ControllerName, problems: Problem[]): void {
  if (controller !== 'ingress-nginx') return;
  for (const ing of selectIngresses(cluster, CONTROLLER_PROFILES[controller]).served) {
    for (const r of ing.rules) {
      const host = hostSamples(r.host)[0];
      for (const p of r.paths) {
        if (!p.path.startsWith('/') || REGEX_CHARS.test(p.path)) continue;
        const base = p.path.length > 1 && p.path.endsWith('/') ? p.path.slice(0, -1) : p.path;
        const candidates: Array<[NginxQuirk, string]> = [];
        if (/[a-zA-Z]/.test(p.path)) candidates.push(['case-insensitive', swapCase(p.path)]);
        if (base !== '/') candidates.push(['no-boundary', `${base}x`]);
        if (p.pathType === 'Exact' && base !== '/') candidates.push(['no-boundary', `${base}/x`]);
        if (base !== p.path) candidates.push(['slash-redirect', base]);
        const said = new Set<NginxQuirk>();
        for (const [quirk, path] of candidates) {
          if (said.has(quirk)) continue;
          const request = { url: `http://${host}${path}`, controller };
          const t = simulate(cluster, request, { mode: 'ingress' });
          const viaQuirk = quirk === 'slash-redirect'
            ? t.outcome.reason === 'TrailingSlashRedirect' && t.steps.some((s) => s.reason === 'TrailingSlashRedirect' && s.source === p.source)
            : t.exercised.includes(p.id);
          if (!viaQuirk) continue;
          const spec = simulate(cluster, Object.assign({}, request, { controller: 'spec' as const }), { mode: 'ingress' });
          // The quirk matters only where the specification does otherwise.
          if (quirk === 'slash-redirect' ? spec.outcome.kind === 'redirect' : spec.exercised.includes(p.id)) continue;
          said.add(quirk);
          const where = `${r.host ?? '(any host)'} ${p.path} ${p.pathType}`;
          const without = { outcome: summarizeOutcome(spec).text, winner: decidingRule(spec) };
          const what: Record<NginxQuirk, string> = {
            'case-insensitive': `takes ${path} only because ingress-nginx made the host's locations case-insensitive regexes (~*, from use-regex or rewrite-target on the host)`,
            'no-boundary': `takes ${path} only because ingress-nginx's regex locations match any path that starts with ${base}, not whole path elements${p.pathType === 'Exact' ? ', so Exact behaves as a prefix' : ''}`,
            'slash-redirect': `answers ${path} with 301 to ${path}/ only because NGINX redirects a request for a prefix location ending in "/" without its slash`,
          };
          problems.push({
            severity: 'warning',
            code: 'IngressNginxQuirk',
            object: label(ing),
            source: p.source,
            message: `${where} ${what[quirk]}; no Gateway API implementation does this, and under the Ingress specification ${path} gives ${without.outcome}${without.winner !== "(no rule)" ? ` (${without.winner})` : ''}`,
            fix: quirk === 'slash-redirect'
              ? `if clients rely on the redirect, keep it with an explicit Exact ${path} redirect rule after the move; otherwise expect ${path} to be served directly`
              : `write the rule for the requests it really needs (${quirk === 'case-insensitive' ? 'the exact spelling, or a RegularExpression match with (?i)' : 'a RegularExpression match, or the paths themselves'}), or accept that ${path} changes`,
            proof: { request, outcome: summarizeOutcome(t).text, winner: decidingRule(t) },
            quirk: { id: quirk, without },
          });
        }
      }
    }
  }
}

/** Shadowed rules and duplicate claims, proved with traced requests under the chosen controller. */
function lintRouting(cluster: Cluster, controller: ControllerName, problems: Problem[]): void {
  const served = selectIngresses(cluster, CONTROLLER_PROFILES[controller]).served;
  const claims = new Map<string, Array<[Ingress, IngressPath]>>();
  // by path id: a shadowed rule that is also a duplicate claim is said once, as the claim
  const shadowed = new Map<string, Problem>();
  for (const ing of served) {
    for (const r of ing.rules) {
      for (const p of r.paths) {
        const key = `${r.host?.toLowerCase() ?? ''} ${p.pathType} ${p.path}`;
        claims.set(key, [...(claims.get(key) ?? []), [ing, p]]);
        const host = hostSamples(r.host)[0];
        const samples = pathSamples(p.path, p.pathType === 'Exact' ? 'exact' : 'prefix').slice(0, p.pathType === 'Exact' ? 1 : 3);
        let won = false;
        let proof: Problem['proof'];
        for (const [path] of samples) {
          const request = { url: `http://${host}${path}`, controller };
          const t = simulate(cluster, request, { mode: 'ingress' });
          if (t.exercised.includes(p.id)) {
            won = true;
            break;
          }
          if (!proof && t.outcome.route && t.outcome.route.ruleId !== p.id) proof = { request, outcome: summarizeOutcome(t).text, winner: decidingRule(t) };
        }
        if (!won && proof) {
          shadowed.set(p.id, {
            severity: 'warning',
            code: 'ShadowedRule',
            object: label(ing),
            source: p.source,
            message: `${r.host ?? '(any host)'} ${p.path} ${p.pathType} never wins under ${CONTROLLER_PROFILES[controller].title}: ${proof.request.url} goes to ${proof.winner}`,
            fix: 'remove the rule, or change its path so another rule does not take its requests first',
            proof,
          });
        }
      }
    }
  }
  for (const [key, list] of claims) {
    if (list.length < 2 || new Set(list.map(([i]) => i)).size < 2) continue;
    // Which claim wins is the controller's decision: trace the path itself and see.
    const [host, , path] = key.split(' ');
    const t = simulate(cluster, { url: `http://${hostSamples(host || undefined)[0]}${path}`, controller }, { mode: 'ingress' });
    const winner = list.find(([, p]) => t.exercised.includes(p.id)) ?? list[0];
    for (const [ing, p] of list.filter((x) => x !== winner)) {
      const proof = shadowed.get(p.id)?.proof;
      shadowed.delete(p.id);
      problems.push({
        severity: 'warning',
        code: 'DuplicateClaim',
        object: label(ing),
        source: p.source,
        message: `${key.trim()} is also claimed by ${label(winner[0])}, which wins under ${CONTROLLER_PROFILES[controller].title}`,
        fix: `keep this host/path in one Ingress; today ${label(winner[0])} serves it`,
        proof,
      });
    }
  }
  pushAll(problems, shadowed.values());
}

/**
 * F5 NGINX Ingress Controller: Ingresses it rejects or that lose their hosts to an older
 * resource, VirtualServers that are Invalid or Warning, and annotation values it drops.
 */
function lintF5(cluster: Cluster, controller: ControllerName, problems: Problem[]): void {
  if (controller !== 'f5-nginx') return;
  const selection = selectIngresses(cluster, CONTROLLER_PROFILES[controller]);
  const classNames = new Set(['nginx', ...selection.classes.map((c) => c.meta.name)]);
  const vss = cluster.virtualServers.filter((v) => !v.ingressClassName || classNames.has(v.ingressClassName));
  const index = f5Index(cluster, selection.served, vss);
  for (const r of index.allRejections) {
    problems.push({
      severity: 'error',
      code: r.resource.kind === 'VirtualServer' ? 'HostTaken' : r.why.startsWith('All hosts') ? 'HostTaken' : 'IngressRejected',
      object: `${r.object.kind} ${r.object.namespace}/${r.object.name}`,
      source: r.resource.source,
      message: `${r.why}; F5 NGINX Ingress Controller serves nothing of it`,
      fix: r.why.startsWith('All hosts') ? 'give the host to one resource, or split it as a mergeable master with minions (nginx.org/mergeable-ingress-type)' : 'correct the Ingress as the message says',
    });
  }
  for (const [host, lost] of index.lostHosts) {
    for (const l of lost) {
      if (index.allRejections.some((r) => r.resource === l.resource)) continue;
      problems.push({ severity: 'warning', code: 'HostTaken', object: `${l.resource.kind} ${l.resource.meta.namespace}/${l.resource.meta.name}`, source: l.resource.source, message: `host ${host} is taken by another resource: ${l.winner.kind} ${l.winner.meta.namespace}/${l.winner.meta.name} is older, so this one's rules for ${host} are not served (ingress-nginx would merge them)`, fix: 'move the paths into the older resource, or make a mergeable master and minions for the host' });
    }
  }
  for (const server of index.exact.values()) {
    if (server.kind !== 'vs') continue;
    const m = vsServer(cluster, server.owner);
    if (m.status.state === 'Valid') continue;
    problems.push({ severity: m.status.state === 'Invalid' ? 'error' : 'warning', code: 'VirtualServerInvalid', object: `VirtualServer ${server.owner.meta.namespace}/${server.owner.meta.name}`, source: server.owner.source, message: `${m.status.state} (${m.status.reason}): ${m.status.message}`, fix: 'correct the VirtualServer (or VirtualServerRoute) as the message says' });
  }
  for (const ing of selection.served) {
    for (const p of f5ConfigOf(ing).problems) {
      problems.push({ severity: 'warning', code: 'AnnotationRejected', object: label(ing), source: p.annotation.source, message: `${p.annotation.key}: ${p.message}`, fix: 'correct the value as the message says, or remove the annotation' });
    }
  }
}

/** Traefik's ingress-nginx provider skips an Ingress with snippets or (strict path types) regex-looking Prefix/Exact paths. */
function lintTraefikNginx(cluster: Cluster, controller: ControllerName, problems: Problem[]): void {
  if (controller !== 'traefik-nginx') return;
  for (const ing of selectIngresses(cluster, CONTROLLER_PROFILES[controller]).served) {
    const r = traefikNginxConfigOf(ing).rejected;
    if (!r) continue;
    problems.push({ severity: 'error', code: 'IngressRejected', object: label(ing), source: r.annotation?.source ?? ing.source, message: `${r.why}; none of its paths are served`, fix: r.annotation ? 'remove the snippet (or enable allowSnippetAnnotations in the provider)' : 'use pathType ImplementationSpecific for regular expression paths' });
  }
}
