// Reading controller annotations: which prefixes each controller reads, typed
// values, and the trace notes for annotations a controller ignores.
//
// Prefixes (each controller's documentation):
// - ingress-nginx reads nginx.ingress.kubernetes.io/* (annotations.md: "the default is
//   nginx.ingress.kubernetes.io", changeable with --annotations-prefix);
// - Traefik's Ingress provider reads traefik.ingress.kubernetes.io/* (routing/kubernetes/ingress.md,
//   "Annotations");
// - HAProxy Ingress reads haproxy-ingress.github.io/* and, "for backward compatibility",
//   ingress.kubernetes.io/* (keys.md, "Annotation").
// An annotation meant for another controller is never an error: the chosen controller
// simply does not read it, and the trace says so where it would have mattered.
import type { ControllerName } from '../../model/request.js';
import type { Ingress } from '../../model/resources.js';
import { refAt, type SourceRef } from '../../model/source.js';
import type { TraceBuilder } from '../../trace/builder.js';
import { CONTROLLER_PROFILES } from '../classes.js';
import { ingressRef } from '../steps.js';

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';
export const TRAEFIK_PREFIX = 'traefik.ingress.kubernetes.io/';
export const HAPROXY_PREFIX = 'haproxy-ingress.github.io/';
/** Pre-0.9 ingress-nginx used it too; today only HAProxy Ingress reads it. */
export const LEGACY_PREFIX = 'ingress.kubernetes.io/';
/** F5 NGINX Ingress Controller: allowedAnnotationKeys nginx.org, nginx.com (NGINX Plus), f5.com (internal/configs/annotations.go). */
export const F5_PREFIXES = ['nginx.org/', 'nginx.com/'] as const;

/** Prefixes each controller reads, in precedence order (the first one set wins). */
export const OWN_PREFIXES: Record<Exclude<ControllerName, 'spec'>, readonly string[]> = {
  'ingress-nginx': [NGINX_PREFIX],
  traefik: [TRAEFIK_PREFIX],
  haproxy: [HAPROXY_PREFIX, LEGACY_PREFIX],
  'f5-nginx': F5_PREFIXES,
  // Traefik's ingress-nginx provider reads ingress-nginx's own annotations (annotations.go
  // IngressConfig tags), not Traefik's.
  'traefik-nginx': [NGINX_PREFIX],
};

/** The controller that reads an annotation key, if any (lint and conversion use it too). */
export function annotationController(key: string): Exclude<ControllerName, 'spec'> | undefined {
  if (key.startsWith(NGINX_PREFIX)) return 'ingress-nginx';
  if (key.startsWith(TRAEFIK_PREFIX)) return 'traefik';
  if (key.startsWith(HAPROXY_PREFIX) || key.startsWith(LEGACY_PREFIX)) return 'haproxy';
  if (F5_PREFIXES.some((p) => key.startsWith(p))) return 'f5-nginx';
  return undefined;
}

/** Whose annotation a key is, for the "ignored" note. */
function ownerOf(key: string): string | undefined {
  const c = annotationController(key);
  if (!c) return undefined;
  return key.startsWith(LEGACY_PREFIX) ? 'HAProxy Ingress (legacy prefix ingress.kubernetes.io/)' : CONTROLLER_PROFILES[c].title;
}

export interface Annotation {
  /** full key as written, e.g. nginx.ingress.kubernetes.io/rewrite-target */
  key: string;
  value: string;
  source: SourceRef;
}

/** The annotation `name` under the first of `prefixes` that is set. */
export function readAnnotation(ing: Ingress, prefixes: readonly string[], name: string): Annotation | undefined {
  for (const prefix of prefixes) {
    const key = prefix + name;
    const value = ing.meta.annotations[key];
    if (value !== undefined) return { key, value, source: refAt(ing, ['metadata', 'annotations', key]) };
  }
  return undefined;
}

/** Go's strconv.ParseBool, which all three controllers use for "true"/"false" values. */
export function parseBool(value: string): boolean | undefined {
  switch (value.trim()) {
    case '1': case 't': case 'T': case 'true': case 'TRUE': case 'True':
      return true;
    case '0': case 'f': case 'F': case 'false': case 'FALSE': case 'False':
      return false;
    default:
      return undefined;
  }
}

/**
 * A boolean annotation whose absence means `fallback` (ssl-redirect's true, say): the value
 * and the annotation that set it, or, for a value the controller cannot parse, the fallback
 * and a problem saying so.
 */
export function readBoolSetting(
  annotation: Annotation | undefined,
  fallback: boolean,
  problems: Array<{ annotation: Annotation; message: string }>,
): { value: boolean; annotation?: Annotation } {
  if (!annotation) return { value: fallback };
  const b = parseBool(annotation.value);
  if (b === undefined) {
    problems.push({ annotation, message: `"${annotation.value}" is not a boolean; the default (${fallback}) applies` });
    return { value: fallback };
  }
  return { value: b, annotation };
}

/** A base-10 integer, as Go's strconv.Atoi reads it; undefined for anything else. */
export function parseInteger(value: string): number | undefined {
  const t = value.trim();
  return /^[+-]?\d{1,15}$/.test(t) ? Number(t) : undefined;
}

/** "ing.meta.namespace/name" for sentences. */
export function ingressName(ing: Ingress): string {
  return `${ing.meta.namespace}/${ing.meta.name}`;
}

/**
 * Writes one AnnotationIgnored note per annotation of another controller on the given
 * Ingresses, and one note listing the controller's own annotations RouteLab does not
 * simulate. `simulated` holds the annotation names (without prefix) the model reads.
 */
export function noteUnreadAnnotations(
  trace: TraceBuilder,
  ingresses: Iterable<Ingress>,
  controller: Exclude<ControllerName, 'spec'>,
  simulated: ReadonlySet<string>,
  /** own annotation names the controller does not accept on an Ingress, with why (a Map, or any lookup) */
  notOnIngress: { get(name: string): string | undefined } = new Map(),
): void {
  const own = OWN_PREFIXES[controller];
  const title = CONTROLLER_PROFILES[controller].title;
  const seen = new Set<Ingress>();
  for (const ing of ingresses) {
    if (seen.has(ing)) continue;
    seen.add(ing);
    const unsimulated: string[] = [];
    for (const key of Object.keys(ing.meta.annotations)) {
      const mine = own.find((p) => key.startsWith(p));
      if (mine) {
        const name = key.slice(mine.length);
        const why = notOnIngress.get(name);
        if (why) {
          trace.add({ kind: 'note', summary: `${key} has no effect on an Ingress: ${why}`, reason: 'AnnotationIgnored', status: 'warn', object: ingressRef(ing), source: refAt(ing, ['metadata', 'annotations', key]) });
        } else if (!simulated.has(name)) unsimulated.push(key);
        continue;
      }
      const owner = ownerOf(key);
      if (!owner) continue;
      trace.add({
        kind: 'note',
        summary: `${key} is ${/^[aeiou]/i.test(owner) ? "an" : "a"} ${owner} annotation; ${title} does not read it, so it has no effect here`,
        reason: 'AnnotationIgnored',
        status: 'warn',
        object: ingressRef(ing),
        source: refAt(ing, ['metadata', 'annotations', key]),
      });
    }
    if (unsimulated.length > 0) {
      trace.add({
        kind: 'note',
        summary: `Ingress ${ingressName(ing)}: RouteLab does not simulate ${unsimulated.join(', ')}; the routing shown here does not include ${unsimulated.length === 1 ? 'its' : 'their'} effect`,
        reason: 'Note',
        status: 'info',
        object: ingressRef(ing),
        source: refAt(ing, ['metadata', 'annotations', unsimulated[0]]),
      });
    }
  }
}
