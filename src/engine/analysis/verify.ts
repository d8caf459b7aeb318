// The cutover check: a bash script of curl requests sent to the new entry point before the
// DNS switch (`curl --resolve host:port:IP`, as teams do it by hand), each expecting what the
// old config gives today. Requests the traces already know route differently on the new
// config are marked, with what the new one is predicted to answer.
import type { Cluster } from '../model/cluster.js';
import { RequestError, normalizeRequest, type RequestInput } from '../model/request.js';
import type { Trace } from '../trace/types.js';
import { simulate, type SimulateOptions } from '../simulate.js';
import { backendWithoutPods, summarizeOutcome } from './outcome.js';

export interface Expectation {
  /** proxied: a backend answers (its status is its own); answered: the proxy answers itself */
  kind: 'proxied' | 'answered';
  status?: number;
  location?: string;
  /** "namespace/service" of the backend, for proxied requests */
  backend?: string;
  text: string;
}

export interface VerifyItem {
  request: RequestInput & { why?: string };
  /** what the old config gives: what users must keep getting */
  expected: Expectation;
  /** set when the new config is traced to answer otherwise */
  known?: Expectation;
}

export interface VerifyPlan {
  items: VerifyItem[];
  /** requests left out, and why (a protocol curl cannot send as HTTP, an untraceable request) */
  skipped: Array<{ request: RequestInput; why: string }>;
  known: number;
}

function expectation(t: Trace): Expectation {
  const o = t.outcome;
  const text = summarizeOutcome(t).text;
  // A Service without Pods in the manifests is a config without its workloads: in the
  // cluster a backend answers, so that is what the script expects.
  if ((o.kind === 'proxied' || backendWithoutPods(t)) && o.backend) {
    const split = o.backends && o.backends.length > 1;
    // With a weighted split any of the backends may answer; the check names the first only when there is one.
    const what = o.kind === 'proxied' ? text : `a backend of Service ${o.backend.namespace}/${o.backend.service} (the manifests give it no Pods)`;
    return { kind: 'proxied', backend: split ? undefined : `${o.backend.namespace}/${o.backend.service}`, text: what };
  }
  return { kind: 'answered', status: o.status, location: o.location, text };
}

const same = (a: Expectation, b: Expectation) => a.kind === b.kind && a.status === b.status && a.location === b.location && a.backend === b.backend;

export function verifyPlan(
  before: Cluster,
  after: Cluster,
  requests: Array<RequestInput & { why?: string }>,
  options: { before: SimulateOptions; after: SimulateOptions },
): VerifyPlan {
  const items: VerifyItem[] = [];
  const skipped: VerifyPlan['skipped'] = [];
  let known = 0;
  for (const request of requests) {
    let scheme: string;
    try {
      scheme = normalizeRequest(request).scheme;
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      skipped.push({ request, why: err.message });
      continue;
    }
    if (scheme !== 'http' && scheme !== 'https') {
      skipped.push({ request, why: `${scheme}:// is not an HTTP request curl can check` });
      continue;
    }
    let a: Trace;
    let b: Trace;
    try {
      a = simulate(before, request, options.before);
      b = simulate(after, request, options.after);
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      skipped.push({ request, why: err.message });
      continue;
    }
    const expected = expectation(a);
    const item: VerifyItem = { request, expected };
    const next = expectation(b);
    // Only what curl can see counts: status, Location, the backend.
    if (!same(expected, next)) {
      item.known = next;
      known++;
    }
    items.push(item);
  }
  return { items, skipped, known };
}

/** One shell word: single-quoted, a quote inside written as '\''. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface ScriptOptions {
  address: string;
  /** a response header the backends put their name in (e.g. the echo server's) */
  backendHeader?: string;
  /** what the script says it checks, for its header comment */
  oldLabel: string;
  newLabel: string;
  generatedBy: string;
}

export function isIpAddress(s: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(s)) return true;
  return s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s) && s.split('::').length <= 2;
}

/**
 * The script: one `check` line per request. It prints one line per request (ok, KNOWN, FAIL
 * or CHECK) and a count, and exits 1 when any request fails. A KNOWN line is a request
 * whose answer changed as the traces predicted; STRICT=1 counts those as failures too.
 */
export function verifyScript(plan: VerifyPlan, o: ScriptOptions): string {
  if (!isIpAddress(o.address)) throw new RequestError(`--address must be the IP address of the new entry point (curl --resolve takes an address), not "${o.address}"`);
  const q = shellQuote;
  const lines: string[] = [
    '#!/usr/bin/env bash',
    `# Cutover check written by ${o.generatedBy}.`,
    `# Sends each request to ADDRESS (the new entry point) with curl --resolve, so DNS is not`,
    `# needed, and expects what the old config gives today (${o.oldLabel}).`,
    `# Requests marked known are those the traces say route differently on ${o.newLabel};`,
    '# they print KNOWN when the new answer is the predicted one (STRICT=1 fails them too).',
    '# Proxied requests: a backend must answer (not a redirect, not a 502/503/504 from the proxy);',
    `# ${o.backendHeader ? `the backend is identified by its ${o.backendHeader} response header` : 'which backend answered is not checked (give --backend-header when backends name themselves)'}.`,
    '# Environment: ADDRESS, INSECURE=1 (curl -k), TIMEOUT (seconds, default 10), STRICT=1.',
    'set -u',
    `ADDRESS=\${ADDRESS:-${q(o.address)}}`,
    `BACKEND_HEADER=${q(o.backendHeader ?? '')}`,
    'total=0; ok=0; failed=0; known=0; unsure=0',
    'resolve_addr() { case "$ADDRESS" in *:*) printf "[%s]" "$ADDRESS" ;; *) printf "%s" "$ADDRESS" ;; esac; }',
    '',
    '# check METHOD URL HOST:PORT EXPECT_KIND EXPECT_STATUS EXPECT_LOCATION EXPECT_BACKEND KNOWN_KIND KNOWN_STATUS KNOWN_LOCATION KNOWN_BACKEND [curl args...]',
    'check() {',
    '  local method=$1 url=$2 hostport=$3 kind=$4 status=$5 location=$6 backend=$7 kkind=$8 kstatus=$9 klocation=${10} kbackend=${11}',
    '  shift 11',
    '  local k=() head got_status got_location got_backend',
    '  total=$((total+1))',
    '  [ "${INSECURE:-}" = 1 ] && k=(-k)',
    '  if ! head=$(curl -sS -o /dev/null -D - --max-time "${TIMEOUT:-10}" "${k[@]}" --resolve "$hostport:$(resolve_addr)" -X "$method" "$@" "$url" 2>&1); then',
    '    echo "FAIL  $method $url: curl: ${head##*curl: }"; failed=$((failed+1)); return',
    '  fi',
    '  head=$(printf "%s\\n" "$head" | tr -d "\\r")',
    '  got_status=$(printf "%s\\n" "$head" | awk \'toupper(substr($1,1,5))=="HTTP/" {s=$2} END {print s}\')',
    '  got_location=$(printf "%s\\n" "$head" | awk \'tolower($1)=="location:" {l=$2} END {print l}\')',
    '  got_backend=""',
    '  [ -n "$BACKEND_HEADER" ] && got_backend=$(printf "%s\\n" "$head" | awk -v h="$(printf "%s" "$BACKEND_HEADER" | tr A-Z a-z):" \'tolower($1)==h {$1=""; b=$0} END {print b}\')',
    '  local verdict',
    '  verdict=$(judge "$kind" "$status" "$location" "$backend")',
    '  if [ "$verdict" = ok ]; then',
    '    if [ -n "$kkind" ]; then echo "ok    $method $url ($got_status; the traces predicted a change here, but it answers as before)"; else echo "ok    $method $url ($got_status)"; fi',
    '    ok=$((ok+1)); return',
    '  fi',
    '  if [ -n "$kkind" ] && [ "$(judge "$kkind" "$kstatus" "$klocation" "$kbackend")" = ok ]; then',
    '    echo "KNOWN $method $url: $got_status${got_location:+ -> $got_location}, the predicted change (before: $(describe "$kind" "$status" "$location" "$backend"))"',
    '    known=$((known+1)); [ "${STRICT:-}" = 1 ] && failed=$((failed+1)); return',
    '  fi',
    '  if [ "$verdict" = unsure ]; then',
    '    echo "CHECK $method $url: $got_status from a backend or from the proxy? expected $(describe "$kind" "$status" "$location" "$backend")"; unsure=$((unsure+1)); return',
    '  fi',
    '  echo "FAIL  $method $url: got $got_status${got_location:+ -> $got_location}${got_backend:+ from$got_backend}, expected $(describe "$kind" "$status" "$location" "$backend")"',
    '  failed=$((failed+1))',
    '}',
    '',
    '# judge KIND STATUS LOCATION BACKEND: ok, unsure or fail, for got_status/got_location/got_backend',
    'judge() {',
    '  if [ "$1" = answered ]; then',
    '    if [ "$got_status" = "$2" ] && { [ -z "$3" ] || [ "$got_location" = "$3" ]; }; then echo ok; else echo fail; fi; return',
    '  fi',
    '  case "$got_status" in 301|302|303|307|308|502|503|504|"") echo fail; return ;; esac',
    '  if [ -n "$BACKEND_HEADER" ] && [ -n "$4" ]; then',
    '    case "$got_backend" in *"${4#*/}"*) echo ok ;; *) echo fail ;; esac; return',
    '  fi',
    '  if [ "$got_status" = 404 ]; then echo unsure; else echo ok; fi',
    '}',
    '',
    'describe() { if [ "$1" = answered ]; then echo "$2${3:+ -> $3} from the proxy"; else echo "a backend${4:+ ($4)}"; fi; }',
    '',
  ];
  for (const item of plan.items) {
    const r = normalizeRequest(item.request);
    const e = item.expected;
    const k = item.known;
    const args = [
      r.method,
      r.url,
      `${r.connectHost}:${r.port}`,
      e.kind, e.status !== undefined ? String(e.status) : '', e.location ?? '', e.backend ?? '',
      k?.kind ?? '', k?.status !== undefined ? String(k.status) : '', k?.location ?? '', k?.backend ?? '',
    ];
    const headers = r.headers.map(([name, value]) => ['-H', `${name}: ${value}`]).flat();
    // Comments carry text from the config: one line each, so nothing in it can end the comment.
    const flat = (t: string) => t.replace(/[\r\n]+/g, ' ');
    lines.push(`# expected (old): ${flat(e.text)}`);
    if (k) lines.push(`#   known: on the new config ${flat(k.text)}`);
    if (item.request.why) lines.push(`#   (${flat(item.request.why)})`);
    lines.push(`check ${[...args, ...headers].map((a) => (a === '' ? "''" : q(a))).join(' ')}`);
  }
  lines.push('');
  lines.push('echo "$total requests: $ok ok, $failed failed, $known known differences${STRICT:+ (failed with STRICT=1)}, $unsure to check by hand"');
  lines.push('[ "$failed" -eq 0 ]');
  return `${lines.join('\n')}\n`;
}
