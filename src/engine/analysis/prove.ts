// The proof of a conversion: trace a generated request set through the original
// Ingresses (under the controller they were written for) and through the generated
// Gateway API objects, and list every request that routes differently, with both
// traces and, when the converter declared why, the declaration.
import type { Cluster } from '../model/cluster.js';
import { loadManifests } from '../parse/manifests.js';
import { simulate } from '../simulate.js';
import type { Trace } from '../trace/types.js';
import { generateRequests, type GeneratedRequest } from './requests.js';
import { routeTwoWays, type RoutingSide } from './outcome.js';
import type { Conversion, Deviation } from './convert.js';

export interface ProofDifference {
  request: GeneratedRequest;
  ingress: RoutingSide;
  gateway: RoutingSide;
  /** the converter's own declaration that covers this difference, if any */
  declared?: Deviation;
}

export interface Proof {
  requests: number;
  differences: ProofDifference[];
  undeclared: number;
  converted: Cluster;
  /** the implementation profile the converted config was traced on */
  target: string;
  /** each blocker with the generated requests that reach the rules it is on */
  blocked: Array<{ blocker: Deviation; requests: GeneratedRequest[] }>;
}

function hostCovered(patterns: string[] | undefined, host: string): boolean {
  if (!patterns) return false;
  return patterns.some((p) => {
    if (p === '') return true;
    if (p.startsWith('*.')) return host === p.slice(2) || host.endsWith(p.slice(1));
    return p.toLowerCase() === host;
  });
}

/**
 * The declaration that covers a difference: one naming the Ingress rule that decided
 * the request, or the Ingress rule the winning Gateway API rule was generated from,
 * or the request's host.
 */
export function declarationFor(conversion: Conversion, ingressTrace: Trace, gatewayTrace: Trace): Deviation | undefined {
  const ids = new Set([...ingressTrace.exercised, ...gatewayTrace.exercised.flatMap((id) => conversion.origins[id] ?? [])]);
  const { host, protocol } = ingressTrace.request;
  const all = conversion.deviations.filter(
    (d) => (d.ruleIds && d.ruleIds.some((id) => ids.has(id))) || (hostCovered(d.hosts, host) && (!d.scheme || d.scheme === protocol)),
  );
  // When the target's profile left out a filter or answered 500 for a lacked feature, that is the cause to name.
  const lacked = gatewayTrace.steps.some((s) => s.reason === 'FeatureIgnored' || s.reason === 'ImplementationUnsupported');
  return (lacked ? all.find((d) => d.code === 'TargetLacks') : undefined) ?? all[0];
}

export function proveConversion(original: Cluster, conversion: Conversion, options: { limit?: number } = {}): Proof {
  const converted = loadManifests([{ file: 'converted.yaml', text: conversion.yaml }]);
  const requests = generateRequests(original, { limit: options.limit });
  const blocked = conversion.blockers.map((blocker) => ({ blocker, requests: [] as GeneratedRequest[] }));
  const { traced, differences: found } = routeTwoWays(
    requests,
    (r) => {
      const t = simulate(original, Object.assign({}, r, { controller: conversion.controller }), { mode: 'ingress' });
      for (const b of blocked) if (b.requests.length < 5 && b.blocker.ruleIds?.some((id) => t.exercised.includes(id))) b.requests.push(r);
      return t;
    },
    // The proof runs on the target's profile: its regex dialect, normalization and lacks.
    (r) => simulate(converted, r, { mode: 'gateway', implementation: conversion.target }),
  );
  const differences: ProofDifference[] = found.map((d) => ({
    request: d.request,
    ingress: d.left,
    gateway: d.right,
    declared: declarationFor(conversion, d.left.trace, d.right.trace),
  }));
  return { requests: traced, differences, undeclared: differences.filter((d) => !d.declared).length, converted, target: conversion.target, blocked };
}

/** Each blocker with the generated requests that reach the rules it is on (traced under the controller only). */
export function blockerRequests(original: Cluster, conversion: Conversion, options: { limit?: number } = {}): Proof['blocked'] {
  const blocked = conversion.blockers.map((blocker) => ({ blocker, requests: [] as GeneratedRequest[] }));
  if (!blocked.length) return blocked;
  for (const r of generateRequests(original, { limit: options.limit })) {
    let t: Trace;
    try {
      t = simulate(original, Object.assign({}, r, { controller: conversion.controller }), { mode: 'ingress' });
    } catch {
      continue;
    }
    for (const b of blocked) if (b.requests.length < 5 && b.blocker.ruleIds?.some((id) => t.exercised.includes(id))) b.requests.push(r);
  }
  return blocked;
}
