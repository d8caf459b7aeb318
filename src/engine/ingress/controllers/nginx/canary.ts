// The ingress-nginx canary decision for one request (annotations.md, "Canary"):
// "Canary rules are evaluated in order of precedence. Precedence is as follows:
// canary-by-header -> canary-by-cookie -> canary-weight".
import { fnv1a } from '../../../cluster/hash.js';
import type { NormalizedRequest } from '../../../model/request.js';
import type { ReasonCode } from '../../../trace/reasons.js';
import type { TraceCandidate } from '../../../trace/types.js';
import type { NginxCanaryConfig } from './annotations.js';

export interface CanaryDecision {
  /** canary: the canary takes the request; mainline: it does not; split: weights decide */
  outcome: 'canary' | 'mainline' | 'split';
  /** for split: where this request's deterministic sample falls */
  sampleToCanary?: boolean;
  /** the rule that decided, in one sentence */
  why: string;
  reason: ReasonCode;
  /** each canary rule with what it did */
  rules: TraceCandidate[];
  /** weights for the split: [mainline, canary] */
  weights?: [number, number];
}

/** Cookie value by name; NGINX's $cookie_NAME compares names case-insensitively. */
export function cookieValue(request: NormalizedRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of request.headers) {
    if (n !== 'cookie') continue;
    for (const part of v.split(';')) {
      const eq = part.indexOf('=');
      if (eq === -1) continue;
      if (part.slice(0, eq).trim().toLowerCase() === lower) return part.slice(eq + 1).trim();
    }
  }
  return undefined;
}

/** The first value of a request header, as NGINX's $http_NAME gives it. */
function firstHeader(request: NormalizedRequest, name: string): string | undefined {
  const n = name.toLowerCase();
  return request.headers.find(([k]) => k === n)?.[1];
}

/**
 * Decides for one request, following the controller's balancer (route_to_alternative_balancer):
 * 1. canary-by-header: with canary-by-header-value, only that exact value routes to the
 *    canary ("For any other header value, the header will be ignored and the request
 *    compared against the other canary rules by precedence"); else with
 *    canary-by-header-pattern, a PCRE match routes to the canary, and a pattern that
 *    fails ("When the given Regex causes error during request processing, the request
 *    will be considered as not matching") ends the decision on the mainline; else
 *    "always" / "never".
 * 2. canary-by-cookie: "always" / "never"; other values are ignored.
 * 3. canary-weight out of canary-weight-total (default 100): a random share.
 */
export function decideCanary(c: NginxCanaryConfig, request: NormalizedRequest): CanaryDecision {
  const rules: TraceCandidate[] = [];
  const done = (outcome: 'canary' | 'mainline', why: string, reason: ReasonCode): CanaryDecision => {
    markNotReached(rules, c);
    return { outcome, why, reason, rules };
  };

  if (c.header) {
    const name = c.header.value;
    const label = `canary-by-header ${name}${c.headerValue ? ` = ${c.headerValue.value}` : c.headerPattern ? ` ~ ${c.headerPattern.value}` : ''}`;
    const value = firstHeader(request, name);
    const base = { label, source: (c.headerValue ?? c.headerPattern ?? c.header).source };
    if (value === undefined) {
      rules.push({ ...base, verdict: 'miss', reason: 'HeaderMatchFailed', detail: `the request has no ${name} header; next rule` });
    } else if (c.headerValue) {
      if (value === c.headerValue.value) {
        rules.push({ ...base, verdict: 'won', reason: 'CanaryChosen', detail: `${name}: ${value} equals canary-by-header-value` });
        return done('canary', `header ${name} is "${value}", the canary-by-header-value`, 'CanaryChosen');
      }
      rules.push({ ...base, verdict: 'miss', reason: 'HeaderMatchFailed', detail: `${name}: "${value}" is not "${c.headerValue.value}", so the header is ignored (and "always"/"never" mean nothing once a value is set); next rule` });
    } else if (c.headerPattern) {
      const p = c.headerPattern.compiled;
      if (!p.ok) {
        rules.push({ ...base, verdict: 'lost', reason: 'RegexInvalid', detail: `the pattern does not compile (${p.error}); the controller treats the request as not matching and routes it to the mainline without trying the cookie or weight` });
        return done('mainline', `canary-by-header-pattern ${c.headerPattern.value} is not a valid regular expression`, 'CanarySkipped');
      }
      p.re.lastIndex = 0;
      if (p.re.test(value)) {
        rules.push({ ...base, verdict: 'won', reason: 'CanaryChosen', detail: `${name}: "${value}" matches ${c.headerPattern.value}` });
        return done('canary', `header ${name} "${value}" matches canary-by-header-pattern ${c.headerPattern.value}`, 'CanaryChosen');
      }
      rules.push({ ...base, verdict: 'miss', reason: 'HeaderMatchFailed', detail: `${name}: "${value}" does not match ${c.headerPattern.value}; next rule` });
    } else if (value === 'always') {
      rules.push({ ...base, verdict: 'won', reason: 'CanaryChosen', detail: `${name}: always routes to the canary` });
      return done('canary', `header ${name} is "always"`, 'CanaryChosen');
    } else if (value === 'never') {
      rules.push({ ...base, verdict: 'lost', reason: 'CanarySkipped', detail: `${name}: never keeps the request on the mainline; cookie and weight are not consulted` });
      return done('mainline', `header ${name} is "never"`, 'CanarySkipped');
    } else {
      rules.push({ ...base, verdict: 'miss', reason: 'HeaderMatchFailed', detail: `${name}: "${value}" is neither "always" nor "never", so the header is ignored; next rule` });
    }
  }

  if (c.cookie) {
    const name = c.cookie.value;
    const value = cookieValue(request, name);
    const base = { label: `canary-by-cookie ${name}`, source: c.cookie.source };
    if (value === 'always') {
      rules.push({ ...base, verdict: 'won', reason: 'CanaryChosen', detail: `cookie ${name}=always routes to the canary` });
      return done('canary', `cookie ${name} is "always"`, 'CanaryChosen');
    }
    if (value === 'never') {
      rules.push({ ...base, verdict: 'lost', reason: 'CanarySkipped', detail: `cookie ${name}=never keeps the request on the mainline; weight is not consulted` });
      return done('mainline', `cookie ${name} is "never"`, 'CanarySkipped');
    }
    rules.push({ ...base, verdict: 'miss', reason: 'HeaderMatchFailed', detail: value === undefined ? `the request has no ${name} cookie; next rule` : `cookie ${name}="${value}" is neither "always" nor "never", so it is ignored; next rule` });
  }

  const total = c.weightTotal;
  const weight = Math.min(c.weight, total);
  const wLabel = `canary-weight ${c.weight} of ${total}`;
  const wSource = (c.weightAnnotation ?? c.weightTotalAnnotation ?? c.enabled).source;
  if (weight <= 0) {
    rules.push({ label: wLabel, verdict: 'lost', reason: 'CanarySkipped', detail: c.weightAnnotation ? 'weight 0 sends no request to the canary' : 'no canary-weight: weight 0, so no request goes to the canary by weight', source: wSource });
    return { outcome: 'mainline', why: c.weightAnnotation ? 'canary-weight is 0' : 'no canary rule matched and there is no canary-weight', reason: 'CanarySkipped', rules };
  }
  if (weight >= total) {
    rules.push({ label: wLabel, verdict: 'won', reason: 'CanaryChosen', detail: `weight ${c.weight} of ${total} sends every request to the canary`, source: wSource });
    return { outcome: 'canary', why: `canary-weight ${c.weight} of ${total} is all of the traffic`, reason: 'CanaryChosen', rules };
  }
  // A deterministic stand-in for the balancer's math.random(total) <= weight.
  const sample = (fnv1a(`${request.method} ${request.host}${request.path}${request.query}`) % total) + 1;
  const toCanary = sample <= weight;
  rules.push({
    label: wLabel,
    verdict: 'won',
    reason: 'CanaryWeighted',
    detail: `${weight}/${total} (${pct(weight, total)}) to the canary, ${total - weight}/${total} (${pct(total - weight, total)}) to the mainline; this request's sample ${sample} of ${total} falls in the ${toCanary ? 'canary' : 'mainline'} share`,
    source: wSource,
  });
  return { outcome: 'split', sampleToCanary: toCanary, why: `canary-weight ${weight} of ${total}`, reason: 'CanaryWeighted', rules, weights: [total - weight, weight] };
}

function pct(a: number, total: number): string {
  return `${Math.round((a / total) * 1000) / 10} %`;
}

function markNotReached(rules: TraceCandidate[], c: NginxCanaryConfig): void {
  const has = (label: string) => rules.some((r) => r.label.startsWith(label));
  if (c.cookie && !has('canary-by-cookie')) rules.push({ label: `canary-by-cookie ${c.cookie.value}`, verdict: 'skip', reason: 'CanarySkipped', detail: 'not consulted: a rule with higher precedence decided', source: c.cookie.source });
  if (!has('canary-weight') && (c.weightAnnotation || c.weightTotalAnnotation)) {
    rules.push({ label: `canary-weight ${c.weight} of ${c.weightTotal}`, verdict: 'skip', reason: 'CanarySkipped', detail: 'not consulted: a rule with higher precedence decided', source: (c.weightAnnotation ?? c.weightTotalAnnotation)!.source });
  }
}
