// The proof of a conversion: trace a generated request set through the original
// Ingresses (under the controller they were written for) and through the generated
// Gateway API objects, and list every request that routes differently, with both
// traces and, when the converter declared why, the declaration.
import type { Cluster } from '../model/cluster.js';
import { loadManifests } from '../parse/manifests.js';
import { RequestError } from '../model/request.js';
import { simulate } from '../simulate.js';
import type { Trace } from '../trace/types.js';
import { generateRequests, type GeneratedRequest } from './requests.js';
import { decidingRule, summarizeOutcome } from './outcome.js';
import type { Conversion, Deviation } from './convert.js';

export interface ProofDifference {
  request: GeneratedRequest;
  ingress: { outcome: string; rule: string; trace: Trace };
  gateway: { outcome: string; rule: string; trace: Trace };
  /** the converter's own declaration that covers this difference, if any */
  declared?: Deviation;
}

export interface Proof {
  requests: number;
  differences: ProofDifference[];
  undeclared: number;
  converted: Cluster;
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
  return conversion.deviations.find(
    (d) => (d.ruleIds && d.ruleIds.some((id) => ids.has(id))) || (hostCovered(d.hosts, host) && (!d.scheme || d.scheme === protocol)),
  );
}

export function proveConversion(original: Cluster, conversion: Conversion, options: { limit?: number } = {}): Proof {
  const converted = loadManifests([{ file: 'converted.yaml', text: conversion.yaml }]);
  const requests = generateRequests(original, { limit: options.limit });
  const differences: ProofDifference[] = [];
  let traced = 0;
  for (const request of requests) {
    let a: Trace;
    let b: Trace;
    try {
      a = simulate(original, { ...request, controller: conversion.controller }, { mode: 'ingress' });
      b = simulate(converted, request, { mode: 'gateway' });
    } catch (err) {
      if (err instanceof RequestError) continue;
      throw err;
    }
    traced++;
    const sa = summarizeOutcome(a);
    const sb = summarizeOutcome(b);
    if (sa.key === sb.key) continue;
    differences.push({
      request,
      ingress: { outcome: sa.text, rule: decidingRule(a), trace: a },
      gateway: { outcome: sb.text, rule: decidingRule(b), trace: b },
      declared: declarationFor(conversion, a, b),
    });
  }
  return { requests: traced, differences, undeclared: differences.filter((d) => !d.declared).length, converted };
}
