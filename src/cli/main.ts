// routelab: the engine from the command line.
//   routelab trace -f FILE [-f FILE...] [options] URL
//   routelab check [options] FILE...
// Exit codes: 0 success, 1 a check failed, 2 bad input (one line, no stack trace).
import { readFileSync, writeFileSync, existsSync, statSync, readdirSync, openSync, readSync, closeSync } from 'node:fs';
import { Gunzip } from 'fflate';
import { basename, dirname, join } from 'node:path';
import {
  CONTROLLER_NAMES,
  RequestError,
  describeDiagnostic,
  loadManifests,
  mergeCoverage,
  parseHeaderLines,
  runTestFile,
  simulate,
  type ControllerName,
  type Coverage,
  type EntryMode,
  type FileResult,
  lint,
  compareControllers,
  compareImplementations,
  capabilities,
  findImplementation,
  implementationChoices,
  IMPLEMENTATION_NAMES,
  type Comparison,
  generateRequests,
  convertIngresses,
  inferController,
  CONVERT_QUIRKS,
  blockerRequests,
  type ConvertQuirk,
  type QuirkChoice,
  proveConversion,
  diffConfigs,
  threeWayDiff,
  swapControllers,
  simulateSplit,
  splitOf,
  gatewayStatus,
  LogReplay,
  INGRESS_NGINX_LOG_FORMAT,
  verifyPlan,
  verifyScript,
  isIpAddress,
  mergeRequests,
  parseTestFile,
  type Cluster,
  type SimulateOptions,
} from '../engine/index.js';
import { outcomeLine, renderTrace } from './render.js';
import { checkGithub, junitXml, lintGithub, lintSarif } from './formats.js';
import { hostname } from 'node:os';

export class UsageError extends Error {}

const VERSION = '0.1.0';

const HELP = `routelab ${VERSION}: Kubernetes routing simulator (Ingress and Gateway API)

Usage:
  routelab trace -f FILE [-f FILE...] [options] URL
      Trace one request through the manifests and explain every decision.
      -f, --file FILE        manifests (multi-document YAML, kind: List); repeatable; "-" reads stdin
      -X, --method METHOD    HTTP method (default GET)
      -H, --header 'K: V'    request header; repeatable (Host: overrides the URL's host for routing)
      --controller NAME      Ingress semantics: ${CONTROLLER_NAMES.join(', ')} (default spec)
      --gateway NS/NAME      enter through this Gateway (Gateway API)
      --listener NAME        ... and this listener of it
      --implementation NAME  Gateway API implementation profile (default portable), e.g.
                             envoy-gateway, istio, cilium, ngf, kgateway, traefik, haproxy, agentgateway
      --mode MODE            auto (default; DNS decides), ingress or gateway
      --json                 print the Trace as JSON
      -v, --verbose          list every candidate rule, not only the closest misses
      --runs N               for a weighted split, simulate N requests and print the counts

  routelab check [options] FILE|DIR...
      Run routing test files (see README, "Routing test files").
      --implementation NAME  Gateway API profile for cases without request.implementation
      --coverage             report which rules the cases exercised and which none did
      --min-coverage PCT     fail when rule coverage is below PCT percent
      --baseline FILE        ratchet: fail only when a case listed in FILE fails
      --update-baseline      with --baseline: add the cases that pass now (the list only grows)
      --format FORMAT        text (default), json, junit (JUnit XML for test reports) or
                             github (workflow annotations on the failing cases' lines)
      --json                 the same as --format json
      -v, --verbose          print the full trace of each failing case

  routelab lint [--controller NAME] [--implementation NAME] [--format text|json|sarif|github] FILE...
      Problems: unreachable (shadowed) rules with the request that proves it, duplicate
      host/path claims, missing Services, ports, Secrets, IngressClasses, Gateways or
      listeners, Services that select no Pods, unattached routes, ignored annotations;
      with --implementation, the features the config uses that the implementation lacks.
      Exit code 1 when there are errors.

  routelab compare [--controller NAME...] [--implementations A,B,...] [--all] [--json] FILE...
      The same generated requests through spec, ingress-nginx, Traefik and HAProxy (Ingress),
      or through Gateway API implementation profiles (--implementations, or by default when
      the config has Gateway API routes and no Ingress); prints the requests where they
      disagree (all requests with --all), each outcome, rule and why.

  routelab capabilities [--json] FILE...
      The conformance features, filters, match types and route kinds the config uses (with
      object and line), and per implementation whether its conformance report supports
      them all, ranked; each blocker with the generated requests it affects.

  routelab convert [--controller NAME] [--target NAME] [--keep Q] [--drop Q] [--check] [--json] FILE...
      Ingress -> Gateway API YAML on stdout (Services and workloads carried over).
      --target NAME          write it for this implementation (its GatewayClass controllerName;
                             what it lacks is declared); the proof runs on its profile
      --keep/--drop QUIRK    ingress-nginx quirks: slash-redirect (kept by default: an Exact
                             rule answers the 301), case-insensitive (dropped by default)
      --check also traces a generated request set through both and exits 1 when a
      request routes differently in a way the conversion did not declare. Annotations with
      no equivalent (auth-url, snippets, affinity, rate limits) are printed as BLOCKERs with
      the requests they affect.

  routelab diff [--controller NAME] [--implementation NAME] [--json] OLD NEW
      Requests (generated from the rules of both) that route differently after a change.
      Exit code 0 when none does, 1 when some do.

  routelab replay --log FILE [options] CONFIG...
      Replay an ingress-nginx access log through the config: each line's logged backend
      ($proxy_upstream_name, namespace-service-port) against the one RouteLab traces.
      Ends with "N agree, N differ"; exit code 1 when any line differs.
      --log FILE             access log ("-" reads stdin; .gz is read compressed); streamed
      --log-format FORMAT    the log-format-upstream in use (default: ingress-nginx's own)
      --host HOST            the host of every line when the format has no $host
      --scheme http|https    the scheme of every line when the format has no $scheme
      --controller NAME      semantics of the config (default ingress-nginx)
      --after FILE           a second config (repeatable): also list the logged requests that
                             route differently there ("N route differently after the change")
      --implementation NAME  the Gateway API implementation for --after; without --after,
                             the config converted to Gateway API and traced there
      -v, --verbose          the full trace of every differing request

  routelab verify-script OLD NEW --address IP [options]
      A bash script of curl --resolve host:port:IP requests to the new entry point, each
      expecting what OLD gives today (status, Location, backend); requests the traces know
      route differently on NEW are marked. The script exits 1 on any mismatch.
      --address IP           the new entry point's address (before the DNS switch)
      --controller NAME      OLD's Ingress semantics (default: inferred, as convert does)
      --new-controller NAME  NEW's Ingress semantics (default: OLD's)
      --implementation NAME  NEW's Gateway API implementation
      --log FILE             the requests of an access log (distinct ones) instead of the
                             generated set; with --log-format and --host as for replay
      --cases FILE           the requests of a routing test file instead
      --backend-header NAME  a response header the backends put their name in
      --limit N              at most N requests (default 500)
      -o, --output FILE      write the script there (executable) instead of stdout

  routelab swap --to NAME [--controller NAME] [--cases FILE] [--json] FILE...
      keep the Ingresses, swap the controller: the same YAML under --controller (default
      ingress-nginx) and under --to (f5-nginx, traefik-nginx, ...). Lists every request
      that routes differently with its cause from the traces, and every annotation that
      stops working; exits 1 when anything changes
      --cases FILE           the requests of a routing test file instead of the generated set

  routelab load [--implementation NAME] FILE...
      read manifests and list objects, ignored kinds, problems and the simulated Gateway
      API status (as that implementation would write it)

URLs: http://host/path, https://..., grpc://host/pkg.Service/Method, tls://host:443, tcp://host:port, udp://host:port
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
  readStdin: () => string;
  /** a status line that overwrites itself (only given on a terminal) */
  progress?: (s: string) => void;
  /** reads a file descriptor's next bytes into the buffer; 0 at the end (default fs.readSync) */
  readChunk?: (fd: number, buf: Uint8Array) => number;
}

export function main(argv: string[], io: Io): number {
  try {
    const [cmd, ...rest] = argv;
    switch (cmd) {
      case 'trace':
        return cmdTrace(rest, io);
      case 'check':
        return cmdCheck(rest, io);
      case 'load':
        return cmdLoad(rest, io);
      case 'lint':
        return cmdLint(rest, io);
      case 'compare':
        return cmdCompare(rest, io);
      case 'convert':
        return cmdConvert(rest, io);
      case 'diff':
        return cmdDiff(rest, io);
      case 'capabilities':
        return cmdCapabilities(rest, io);
      case 'replay':
        return cmdReplay(rest, io);
      case 'verify-script':
        return cmdVerifyScript(rest, io);
      case 'swap':
        return cmdSwap(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(HELP);
        return cmd === undefined ? 2 : 0;
      case '--version':
      case 'version':
        io.out(VERSION);
        return 0;
      default:
        throw new UsageError(`unknown command "${cmd}" (try routelab --help)`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof RequestError) {
      io.err(`routelab: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

interface Parsed {
  positional: string[];
  options: Map<string, string[]>;
}

/** Options that take a value; everything else starting with "-" is a flag. */
const VALUE_OPTIONS: Record<string, string> = {
  '-f': 'file',
  '--file': 'file',
  '-X': 'method',
  '--method': 'method',
  '-H': 'header',
  '--header': 'header',
  '--controller': 'controller',
  '--gateway': 'gateway',
  '--listener': 'listener',
  '--implementation': 'implementation',
  '--implementations': 'implementations',
  '--mode': 'mode',
  '--min-coverage': 'min-coverage',
  '--baseline': 'baseline',
  '--runs': 'runs',
  '--seed': 'seed',
  '--limit': 'limit',
  '--log': 'log',
  '--log-format': 'log-format',
  '--host': 'host',
  '--scheme': 'scheme',
  '--after': 'after',
  '--address': 'address',
  '--new-controller': 'new-controller',
  '--backend-header': 'backend-header',
  '--cases': 'cases',
  '--target': 'target',
  '--to': 'to',
  '--keep': 'keep',
  '--drop': 'drop',
  '-o': 'output',
  '--output': 'output',
  '--format': 'format',
};
const FLAGS: Record<string, string> = {
  '--json': 'json',
  '-v': 'verbose',
  '--verbose': 'verbose',
  '--coverage': 'coverage',
  '--update-baseline': 'update-baseline',
  '--no-color': 'no-color',
  '--check': 'check',
  '--all': 'all',
};

export function parseArgs(args: string[]): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const put = (k: string, v: string) => options.set(k, [...(options.get(k) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_OPTIONS[name]) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      put(VALUE_OPTIONS[name], v);
    } else if (FLAGS[a]) {
      put(FLAGS[a], 'true');
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a} (try routelab --help)`);
    } else positional.push(a);
  }
  return { positional, options };
}

function one(p: Parsed, key: string): string | undefined {
  const v = p.options.get(key);
  return v ? v[v.length - 1] : undefined;
}

function readText(file: string, io: Io): string {
  if (file === '-') return io.readStdin();
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message}`);
  }
}

function cmdTrace(args: string[], io: Io): number {
  const p = parseArgs(args);
  const files = p.options.get('file') ?? [];
  if (files.length === 0) throw new UsageError('trace needs manifests: -f FILE');
  if (p.positional.length !== 1) throw new UsageError(p.positional.length === 0 ? 'trace needs a URL' : `trace takes one URL, got ${p.positional.length}: ${p.positional.join(' ')}`);
  const controller = one(p, 'controller');
  if (controller !== undefined && !CONTROLLER_NAMES.includes(controller as ControllerName)) {
    throw new UsageError(`--controller must be one of ${CONTROLLER_NAMES.join(', ')}`);
  }
  const mode = one(p, 'mode') ?? 'auto';
  if (!['auto', 'ingress', 'gateway'].includes(mode)) throw new UsageError('--mode must be auto, ingress or gateway');
  const headers = (p.options.get('header') ?? []).flatMap((h) => parseHeaderLines(h));
  const cluster = loadManifests(files.map((f) => ({ file: f === '-' ? 'stdin' : f, text: readText(f, io) })));
  const problems = cluster.diagnostics.filter((d) => d.severity !== 'info');
  for (const d of problems) io.err(describeDiagnostic(d));
  const trace = simulate(
    cluster,
    {
      url: p.positional[0],
      method: one(p, 'method'),
      headers,
      controller: controller as ControllerName | undefined,
      gateway: one(p, 'gateway'),
      listener: one(p, 'listener'),
    },
    { mode: mode as EntryMode, implementation: implementationOption(p) },
  );
  const runs = one(p, 'runs');
  const split = splitOf(trace);
  const run = runs !== undefined && split ? simulateSplit(split, positiveInt(runs, '--runs'), positiveInt(one(p, 'seed') ?? '1', '--seed')) : undefined;
  if (p.options.has('json')) io.out(JSON.stringify(run ? { ...trace, splitRun: run } : trace, null, 2));
  else {
    io.out(renderTrace(trace, { color: io.color && !p.options.has('no-color'), verbose: p.options.has('verbose') }));
    if (runs !== undefined && !split) io.out('split     this request has no weighted split; --runs has nothing to simulate');
    if (run) {
      io.out(`split     ${run.runs} simulated requests (seed ${run.seed}):`);
      for (const r of run.rows) io.out(`  ${`${r.namespace}/${r.service}`.padEnd(32)} weight ${String(r.weight).padStart(5)}  share ${(r.share * 100).toFixed(1).padStart(5)}%  got ${String(r.count).padStart(7)} (${(r.observed * 100).toFixed(1)}%)`);
    }
  }
  return 0;
}

function conditionsText(conditions: Array<{ type: string; status: string; reason: string; message: string }>): string {
  return conditions.map((c) => `${c.type}=${c.status} ${c.reason}${c.status === 'False' || c.type === 'Conflicted' ? ` (${c.message})` : ''}`).join(', ');
}

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} takes a whole number, not "${text}"`);
  return n;
}

function controllerOption(p: Parsed): ControllerName | undefined {
  const c = one(p, 'controller');
  if (c !== undefined && !CONTROLLER_NAMES.includes(c as ControllerName)) throw new UsageError(`--controller must be one of ${CONTROLLER_NAMES.join(', ')}`);
  return c as ControllerName | undefined;
}

function implementationOption(p: Parsed): string | undefined {
  const v = one(p, 'implementation');
  if (v !== undefined && !findImplementation(v)) throw new UsageError(`--implementation must be one of ${implementationChoices()}`);
  return v;
}

function loadFiles(files: string[], io: Io) {
  if (files.length === 0) throw new UsageError('needs at least one manifest FILE');
  return loadManifests(files.map((f) => ({ file: f === '-' ? 'stdin' : f, text: readText(f, io) })));
}

function where(ref: { file: string; startLine: number } | undefined): string {
  return ref && ref.file ? `${ref.file}:${ref.startLine}` : '';
}

/** --format NAME (--json is --format json). */
function formatOption(p: Parsed, allowed: readonly string[]): string {
  const f = one(p, 'format') ?? (p.options.has('json') ? 'json' : 'text');
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')}`);
  return f;
}

function cmdLint(args: string[], io: Io): number {
  const p = parseArgs(args);
  const format = formatOption(p, ['text', 'json', 'sarif', 'github']);
  const cluster = loadFiles([...(p.options.get('file') ?? []), ...p.positional], io);
  const problems = lint(cluster, { controller: controllerOption(p), implementation: implementationOption(p) });
  if (format === 'json') io.out(JSON.stringify(problems, null, 2));
  else if (format === 'sarif') io.out(JSON.stringify(lintSarif(problems, VERSION), null, 2));
  else if (format === 'github') for (const line of lintGithub(problems)) io.out(line);
  else {
    const color = io.color && !p.options.has('no-color');
    for (const x of problems) {
      const sev = x.severity === 'error' ? paint(color, '31', 'error  ') : x.severity === 'warning' ? paint(color, '33', 'warning') : paint(color, '2', 'info   ');
      io.out(`${where(x.source) || '-'}: ${sev} ${x.code}  ${x.object}: ${x.message}`);
      io.out(`    fix: ${x.fix}`);
      if (x.proof) io.out(`    proof: ${x.proof.request.url} -> ${x.proof.outcome}`);
    }
    const count = (s: string) => problems.filter((x) => x.severity === s).length;
    io.out(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)`);
  }
  return problems.some((x) => x.severity === 'error') ? 1 : 0;
}

function cmdCompare(args: string[], io: Io): number {
  const p = parseArgs(args);
  const cluster = loadFiles([...(p.options.get('file') ?? []), ...p.positional], io);
  const chosen = (p.options.get('controller') ?? []) as ControllerName[];
  for (const c of chosen) if (!CONTROLLER_NAMES.includes(c)) throw new UsageError(`--controller must be one of ${CONTROLLER_NAMES.join(', ')}`);
  const impls = (p.options.get('implementations') ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const i of impls) if (!findImplementation(i)) throw new UsageError(`--implementations: "${i}" is not one of ${implementationChoices()}`);
  if (chosen.length && impls.length) throw new UsageError('compare takes --controller (Ingress) or --implementations (Gateway API), not both');
  const limit = one(p, 'limit');
  const requests = generateRequests(cluster, { limit: limit ? positiveInt(limit, '--limit') : undefined });
  const gatewayOnly = cluster.ingresses.length === 0 && cluster.gatewayApi.routes.length > 0;
  const cmp: Comparison = impls.length || (gatewayOnly && !chosen.length)
    ? compareImplementations(cluster, requests, impls.length ? impls : IMPLEMENTATION_NAMES)
    : compareControllers(cluster, requests, chosen.length ? chosen : CONTROLLER_NAMES);
  if (p.options.has('json')) {
    io.out(JSON.stringify({ [cmp.kind]: cmp.subjects, disagreements: cmp.disagreements, rows: cmp.rows.map((r) => ({ request: r.request, differs: r.differs, explanation: r.explanation, results: r.results.map(({ trace: _t, subject, ...rest }) => ({ [cmp.kind === 'controllers' ? 'controller' : 'implementation']: subject, ...rest })) })) }, null, 2));
    return 0;
  }
  const rows = p.options.has('all') ? cmp.rows : cmp.rows.filter((r) => r.differs);
  const width = Math.max(14, ...cmp.subjects.map((x) => x.length + 1));
  for (const r of rows) {
    io.out(`${r.differs ? 'DIFFERS' : 'same   '} ${r.request.method ?? 'GET'} ${r.request.url}${r.request.why ? `   (${r.request.why})` : ''}`);
    for (const x of r.results) io.out(`    ${x.subject.padEnd(width)} ${x.outcome}   [${x.rule}]`);
    if (r.differs && cmp.kind === 'implementations') io.out(`    why: ${r.explanation}`);
  }
  io.out(`${cmp.rows.length} generated requests, ${cmp.disagreements} routed differently by ${cmp.subjects.join(' / ')}`);
  return 0;
}

function cmdCapabilities(args: string[], io: Io): number {
  const p = parseArgs(args);
  const cluster = loadFiles([...(p.options.get('file') ?? []), ...p.positional], io);
  // What could not be read is not silently left out of the feature list.
  for (const d of cluster.diagnostics.filter((x) => x.severity === 'error')) io.err(describeDiagnostic(d));
  const caps = capabilities(cluster);
  if (p.options.has('json')) {
    io.out(JSON.stringify({
      features: caps.features.map((f) => ({ name: f.name, objects: f.objects })),
      implementations: caps.implementations.map((i) => ({ name: i.name, version: i.version, supports: i.supports, lacks: i.lacks, blockers: i.blockers, missingProfiles: i.missingProfiles, unlisted: i.unlisted, affected: i.affected })),
      profiles: caps.profiles,
      routeKinds: caps.routeKinds,
      implementationSpecific: caps.implementationSpecific,
    }, null, 2));
    return 0;
  }
  io.out(`profiles: ${caps.profiles.join(', ') || '(none: no Gateway API objects)'}`);
  for (const k of caps.routeKinds) io.out(`route kind ${k.kind}: ${k.count} (${k.profile})`);
  for (const f of caps.features) io.out(`feature ${f.name}: ${f.objects.map((o, i) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}:${o.line} (${f.what[i]})`).join(', ')}`);
  for (const r of caps.implementationSpecific) io.out(`implementation-specific ${r.what}: ${r.object.kind} ${r.object.namespace}/${r.object.name}:${r.object.line}`);
  io.out('implementations (fewest blockers first):');
  for (const i of caps.implementations) {
    const ok = i.blockers.length === 0 && i.missingProfiles.length === 0;
    io.out(`  ${ok ? 'ok     ' : 'blocked'} ${i.name.padEnd(28)} ${i.version.padEnd(20)} ${ok ? 'supports every feature used' : [i.blockers.length ? `lacks ${i.blockers.join(', ')}` : '', i.missingProfiles.length ? `no ${i.missingProfiles.join(', ')} profile` : ''].filter(Boolean).join('; ')}${i.unlisted.length ? `; not in its report: ${i.unlisted.join(', ')}` : ''}`);
    for (const a of i.affected) if (a.requests.length) io.out(`      ${a.feature}: ${a.requests.map((r) => `${r.method} ${r.url}`).join(', ')}${a.more ? ` and ${a.more} more` : ''}`);
  }
  return 0;
}

function cmdConvert(args: string[], io: Io): number {
  const p = parseArgs(args);
  const cluster = loadFiles([...(p.options.get('file') ?? []), ...p.positional], io);
  if (cluster.ingresses.length === 0) throw new UsageError('no Ingress in the input: nothing to convert');
  const quirks: Partial<Record<ConvertQuirk, QuirkChoice>> = {};
  for (const [opt, choice] of [['keep', 'keep'], ['drop', 'drop']] as const) {
    for (const q of (p.options.get(opt) ?? []).flatMap((v) => v.split(','))) {
      if (!CONVERT_QUIRKS.includes(q as ConvertQuirk)) throw new UsageError(`--${opt} takes one of ${CONVERT_QUIRKS.join(', ')}, not "${q}"`);
      quirks[q as ConvertQuirk] = choice;
    }
  }
  const target = one(p, 'target');
  if (target !== undefined && !findImplementation(target)) throw new UsageError(`--target must be one of ${implementationChoices()}`);
  const conversion = convertIngresses(cluster, controllerOption(p) ?? inferController(cluster), { target, quirks });
  const check = p.options.has('check');
  const proof = check ? proveConversion(cluster, conversion) : undefined;
  const blocked = proof?.blocked ?? blockerRequests(cluster, conversion);
  if (p.options.has('json')) {
    io.out(JSON.stringify({
      controller: conversion.controller,
      target: conversion.target,
      quirks: conversion.quirks,
      blockers: blocked.map((b) => ({ ...b.blocker, requests: b.requests })),
      yaml: conversion.yaml,
      deviations: conversion.deviations,
      proof: proof && { requests: proof.requests, undeclared: proof.undeclared, differences: proof.differences.map((d) => ({ request: d.request, ingress: { outcome: d.ingress.outcome, rule: d.ingress.rule }, gateway: { outcome: d.gateway.outcome, rule: d.gateway.rule }, declared: d.declared?.message })) },
    }, null, 2));
  } else {
    io.out(conversion.yaml.trimEnd());
    for (const d of conversion.deviations.filter((x) => x.code !== 'Blocker')) io.err(`routelab: declared: ${d.code}: ${d.message}${d.source ? ` (${where(d.source)})` : ''}`);
    for (const q of conversion.quirks.filter((x) => x.ruleIds.length)) {
      io.err(`routelab: quirk ${q.quirk}: ${q.choice === 'keep' ? 'kept with explicit rules' : 'dropped (declared)'} on ${q.ruleIds.length} rule(s); requests that depend on it: ${q.requests.slice(0, 5).join(', ')}${q.requests.length > 5 ? ` and ${q.requests.length - 5} more` : ''} (--${q.choice === 'keep' ? 'drop' : 'keep'} ${q.quirk} to change)`);
    }
    for (const b of blocked) {
      io.err(`routelab: BLOCKER: ${b.blocker.message}${b.blocker.source ? ` (${where(b.blocker.source)})` : ''}`);
      if (b.requests.length) io.err(`    affects ${b.requests.map((r) => `${r.method ?? 'GET'} ${r.url}`).join(', ')}`);
    }
    if (proof) {
      for (const d of proof.differences) {
        io.err(`routelab: ${d.declared ? 'declared difference' : 'UNDECLARED DIFFERENCE'}: ${d.request.method ?? 'GET'} ${d.request.url}`);
        io.err(`    Ingress (${conversion.controller}): ${d.ingress.outcome}   [${d.ingress.rule}]`);
        io.err(`    Gateway API (${conversion.target}): ${d.gateway.outcome}   [${d.gateway.rule}]`);
        if (d.declared) io.err(`    because: ${d.declared.message}`);
      }
      io.err(`routelab: proof: ${proof.requests} requests traced through both; ${proof.differences.length} route differently, ${proof.undeclared} not declared by the conversion`);
    }
  }
  return proof && proof.undeclared > 0 ? 1 : 0;
}

function cmdDiff(args: string[], io: Io): number {
  const p = parseArgs(args);
  if (p.positional.length !== 2) throw new UsageError('diff takes two manifest files: OLD NEW');
  const [oldFile, newFile] = p.positional;
  const before = loadFiles([oldFile], io);
  const after = loadFiles([newFile], io);
  const controller = controllerOption(p);
  const impl = implementationOption(p);
  // Ingress OLD, Gateway API NEW and a target implementation: the three-way check of a migration.
  if (impl && findImplementation(impl)?.name !== 'portable' && after.gatewayApi.routes.length > 0 && before.gatewayApi.routes.length === 0) {
    const d = threeWayDiff(before, after, { controller, implementation: impl });
    const label = findImplementation(impl)!.title;
    const because: Record<string, string> = {
      config: `the config: read as portable Gateway API it already routes this way, so any conformant implementation would`,
      implementation: `${label}: read as portable Gateway API the new config keeps the old answer; ${label} does otherwise`,
      both: `both: the new config changes the answer, and ${label} changes it again`,
    };
    if (p.options.has('json')) {
      io.out(JSON.stringify({ requests: d.requests, implementation: d.implementation, differences: d.differences.map((x) => ({ request: x.request, cause: x.cause, before: { outcome: x.before.outcome, rule: x.before.rule }, after: { outcome: x.after.outcome, rule: x.after.rule }, portable: { outcome: x.portable.outcome, rule: x.portable.rule } })) }, null, 2));
    } else {
      for (const x of d.differences) {
        io.out(`${x.request.method ?? 'GET'} ${x.request.url}${x.request.why ? `   (${x.request.why})` : ''}`);
        io.out(`  - ${oldFile}${controller ? ` (${controller})` : ''}: ${x.before.outcome}   [${x.before.rule}]`);
        io.out(`  + ${newFile} on ${label}: ${x.after.outcome}   [${x.after.rule}]`);
        io.out(`    ${newFile} as portable Gateway API: ${x.portable.outcome}   [${x.portable.rule}]`);
        io.out(`    because of ${because[x.cause]}`);
      }
      const n = (c: string) => d.differences.filter((x) => x.cause === c).length;
      io.out(`${d.requests} requests traced through both; ${d.differences.length} route differently on ${label} (${n('config')} because of the config, ${n('implementation')} because of the implementation, ${n('both')} both)`);
    }
    return d.differences.length > 0 ? 1 : 0;
  }
  const d = diffConfigs(before, after, { controller, implementation: impl });
  if (p.options.has('json')) {
    io.out(JSON.stringify({ requests: d.requests, differences: d.differences.map((x) => ({ request: x.request, before: { outcome: x.before.outcome, rule: x.before.rule }, after: { outcome: x.after.outcome, rule: x.after.rule } })) }, null, 2));
  } else {
    for (const x of d.differences) {
      io.out(`${x.request.method ?? 'GET'} ${x.request.url}${x.request.why ? `   (${x.request.why})` : ''}`);
      io.out(`  - ${oldFile}: ${x.before.outcome}   [${x.before.rule}]`);
      io.out(`  + ${newFile}: ${x.after.outcome}   [${x.after.rule}]`);
    }
    io.out(`${d.requests} requests traced through both; ${d.differences.length} route differently`);
  }
  return d.differences.length > 0 ? 1 : 0;
}

/**
 * Calls `line` for every line of the file without holding the file: 1 MiB at a time,
 * decompressed on the way when it is gzip (by its magic bytes).
 */
function forEachLine(file: string, io: Io, line: (text: string, n: number) => void): void {
  let fd: number;
  try {
    fd = file === '-' ? 0 : openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message}`);
  }
  const read = io.readChunk ?? ((f: number, b: Uint8Array) => readSync(f, b));
  const decoder = new TextDecoder();
  let rest = '';
  let n = 0;
  const text = (chunk: Uint8Array, final: boolean) => {
    const s = rest + decoder.decode(chunk, { stream: !final });
    const parts = s.split('\n');
    rest = final ? '' : parts.pop()!;
    for (const p of parts) line(p, ++n);
  };
  let gunzip: Gunzip | undefined;
  let first = true;
  const buf = new Uint8Array(1 << 20);
  try {
    for (;;) {
      let got: number;
      try {
        got = read(fd, buf);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((err as NodeJS.ErrnoException).code === 'EISDIR') throw new UsageError(`cannot read ${file}: it is a directory`);
        throw err;
      }
      const chunk = buf.subarray(0, got);
      if (first && got >= 2) {
        first = false;
        if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
          gunzip = new Gunzip();
          gunzip.ondata = (data, final) => text(data, final);
        }
      }
      if (got === 0) {
        if (gunzip) gunzip.push(new Uint8Array(0), true);
        else text(new Uint8Array(0), true);
        return;
      }
      if (gunzip) gunzip.push(chunk.slice(), false);
      else text(chunk, false);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof RequestError) throw err;
    if (gunzip) throw new UsageError(`cannot read ${file}: it is not a valid gzip file (${(err as Error).message})`);
    throw err;
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

function requestText(r: { method?: string; url: string; headers?: unknown }): string {
  const h = Array.isArray(r.headers) && r.headers.length ? ` ${(r.headers as Array<[string, string]>).map(([k, v]) => `-H '${k}: ${v}'`).join(' ')}` : '';
  return `${r.method ?? 'GET'} ${r.url}${h}`;
}

function linesText(lines: number[], count: number): string {
  return `line${count > 1 ? 's' : ''} ${lines.join(', ')}${count > lines.length ? ` and ${count - lines.length} more` : ''} (${count} line${count > 1 ? 's' : ''})`;
}

function cmdReplay(args: string[], io: Io): number {
  const p = parseArgs(args);
  const log = one(p, 'log');
  if (!log) throw new UsageError('replay needs the access log: --log FILE');
  const cluster = loadFiles([...(p.options.get('file') ?? []), ...p.positional], io);
  for (const d of cluster.diagnostics.filter((x) => x.severity === 'error')) io.err(describeDiagnostic(d));
  const controller = controllerOption(p) ?? 'ingress-nginx';
  const scheme = one(p, 'scheme');
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') throw new UsageError('--scheme must be http or https');
  const impl = implementationOption(p);
  const afterFiles = p.options.get('after') ?? [];
  let after: { cluster: Cluster; options: SimulateOptions; label: string } | undefined;
  if (afterFiles.length) {
    after = { cluster: loadFiles(afterFiles, io), options: { implementation: impl, controller }, label: `${afterFiles.join(' ')}${impl ? ` on ${impl}` : ''}` };
  } else if (impl) {
    if (cluster.ingresses.length === 0) throw new UsageError('--implementation without --after converts the config to Gateway API, but it has no Ingress');
    const conversion = convertIngresses(cluster, controller);
    after = { cluster: loadManifests([{ file: 'converted.yaml', text: conversion.yaml }]), options: { implementation: impl }, label: `the config converted to Gateway API on ${impl}` };
  }
  const replay = new LogReplay(cluster, { controller, host: one(p, 'host'), scheme: scheme as 'http' | 'https' | undefined, format: one(p, 'log-format'), after });
  const json = p.options.has('json');
  const color = io.color && !p.options.has('no-color');
  let nextProgress = 10_000;
  forEachLine(log, io, (text, n) => {
    replay.add(text, n);
    if (io.progress && n >= nextProgress) {
      nextProgress += 10_000;
      const x = replay.progress;
      io.progress(`replayed ${x.lines} lines: ${x.agree} agree, ${x.differ} differ`);
    }
  });
  io.progress?.('');
  const s = replay.finish();
  if (s.lines === 0 && s.skipped > 0) {
    const first = s.skippedSamples[0];
    throw new UsageError(`no line of ${log} matches the log format ${one(p, 'log-format') ? '--log-format' : '(ingress-nginx\'s default log-format-upstream)'} "${replay.format.text}"; line ${first.line}: ${first.why}: ${first.text}; give the format in use with --log-format`);
  }
  if (json) {
    const strip = <T extends { trace?: unknown }>({ trace: _t, ...rest }: T) => rest;
    io.out(JSON.stringify({
      format: replay.format.text,
      lines: s.lines, agree: s.agree, differ: s.differ, skipped: s.skipped, skippedSamples: s.skippedSamples, distinct: s.distinct, assumptions: s.assumptions,
      differences: s.differences.map(strip), moreDifferences: s.moreDifferences,
      ...(s.changes ? { changed: s.changed, changes: s.changes.map((c) => ({ request: c.request, before: strip(c.before), after: strip(c.after), lines: c.lines, count: c.count })), moreChanges: s.moreChanges } : {}),
    }, null, 2));
  } else {
    io.out(`replay: ${log}, log format ${replay.format.text === INGRESS_NGINX_LOG_FORMAT ? "ingress-nginx's default log-format-upstream" : `"${replay.format.text}"`}, ${controller} semantics`);
    for (const a of s.assumptions) io.out(`assumed: ${a}`);
    const verbose = p.options.has('verbose');
    s.differences.forEach((g, i) => {
      io.out(`${paint(color, '31', 'DIFFERS')} ${requestText(g.request)}   ${linesText(g.lines, g.count)}`);
      io.out(`    logged:   ${g.logged}`);
      io.out(`    routelab: ${g.traced}   [${g.rule}]`);
      io.out(`    why: ${g.why}`);
      if (g.trace && (verbose || i < 10)) io.out(renderTrace(g.trace, { color, verbose }).split('\n').map((l) => `      ${l}`).join('\n'));
    });
    if (s.moreDifferences) io.out(`... and ${s.moreDifferences} more differing line(s) of other requests (the first ${s.differences.length} distinct requests are shown)`);
    for (const c of s.changes ?? []) {
      io.out(`${paint(color, '33', 'CHANGES')} ${requestText(c.request)}   ${linesText(c.lines, c.count)}`);
      io.out(`    now (${controller}): ${c.before.outcome}   [${c.before.rule}]`);
      io.out(`    after (${after!.label}): ${c.after.outcome}   [${c.after.rule}]`);
      if (verbose) io.out(renderTrace(c.after.trace, { color, verbose }).split('\n').map((l) => `      ${l}`).join('\n'));
    }
    if (s.moreChanges) io.out(`... and ${s.moreChanges} more changed line(s) of other requests`);
    for (const k of s.skippedSamples) io.out(`skipped line ${k.line}: ${k.why}: ${k.text}`);
    io.out(`${s.lines} lines replayed (${s.distinct} distinct requests)${s.skipped ? `, ${s.skipped} skipped` : ''}`);
    io.out(`${s.agree} agree, ${s.differ} differ${s.changed !== undefined ? `, ${s.changed} route differently after the change` : ''}`);
  }
  return s.differ > 0 || (s.changed ?? 0) > 0 ? 1 : 0;
}

function cmdSwap(args: string[], io: Io): number {
  const p = parseArgs(args);
  if (p.positional.length === 0) throw new UsageError('swap needs manifest files');
  const cluster = loadFiles(p.positional, io);
  const from = controllerOption(p) ?? 'ingress-nginx';
  const to = one(p, 'to');
  if (!to || !CONTROLLER_NAMES.includes(to as ControllerName)) throw new UsageError(`swap needs --to, one of ${CONTROLLER_NAMES.join(', ')}`);
  const cases = one(p, 'cases');
  let requests: Array<{ method?: string; url: string; headers?: Record<string, string | string[]>; why?: string }> | undefined;
  if (cases) {
    const file = parseTestFile(cases, readText(cases, io));
    if (file.errors.length) throw new UsageError(`${cases}: ${file.errors[0]}`);
    requests = file.cases.map((c) => ({ method: c.request.method, url: c.request.url, headers: c.request.headers as Record<string, string>, why: c.name }));
  }
  const s = swapControllers(cluster, from, to as ControllerName, { requests });
  if (p.options.has('json')) {
    io.out(JSON.stringify({ from: s.from, to: s.to, requests: s.requests, stopWorking: s.stopWorking, differences: s.differences.map((d) => ({ request: d.request, before: d.before.outcome, after: d.after.outcome, beforeRule: d.before.rule, afterRule: d.after.rule, cause: d.cause ?? null })) }, null, 2));
  } else {
    for (const d of s.differences) {
      io.out(`${d.request.method ?? 'GET'} ${d.request.url}${d.request.why ? `  (${d.request.why})` : ''}`);
      io.out(`  ${from}: ${d.before.outcome}  [${d.before.rule}]`);
      io.out(`  ${to}: ${d.after.outcome}  [${d.after.rule}]`);
      io.out(`  because: ${d.cause ?? 'unexplained: no step of either trace says why'}`);
    }
    for (const w of s.stopWorking) io.out(`stops working: ${w.object} ${w.key}: ${w.why}`);
    io.out(`${s.requests} requests traced under ${from} and ${to}: ${s.differences.length} route differently${s.differences.some((d) => !d.cause) ? ` (${s.differences.filter((d) => !d.cause).length} unexplained)` : ''}; ${s.stopWorking.length} annotation(s) stop working`);
  }
  return s.differences.length > 0 || s.stopWorking.length > 0 ? 1 : 0;
}

function cmdVerifyScript(args: string[], io: Io): number {
  const p = parseArgs(args);
  if (p.positional.length !== 2) throw new UsageError('verify-script takes two manifest files: OLD NEW');
  const address = one(p, 'address');
  if (!address) throw new UsageError('verify-script needs the new entry point\'s address: --address IP');
  if (!isIpAddress(address)) throw new UsageError(`--address must be an IP address (curl --resolve takes one), not "${address}"`);
  const [oldFile, newFile] = p.positional;
  const before = loadFiles([oldFile], io);
  const after = loadFiles([newFile], io);
  const controller = controllerOption(p) ?? (before.ingresses.length ? inferController(before) : undefined);
  const newController = one(p, 'new-controller');
  if (newController !== undefined && !CONTROLLER_NAMES.includes(newController as ControllerName)) throw new UsageError(`--new-controller must be one of ${CONTROLLER_NAMES.join(', ')}`);
  const impl = implementationOption(p);
  const limit = positiveInt(one(p, 'limit') ?? '500', '--limit');
  let requests: Array<{ method?: string; url: string; headers?: Array<[string, string]> | Record<string, string | string[]>; why?: string }>;
  const log = one(p, 'log');
  const cases = one(p, 'cases');
  if (log && cases) throw new UsageError('verify-script takes --log or --cases, not both');
  if (log) {
    const replay = new LogReplay(before, { controller: controller ?? 'ingress-nginx', host: one(p, 'host'), format: one(p, 'log-format') });
    const seen = new Set<string>();
    requests = [];
    let lines = 0;
    forEachLine(log, io, (text) => {
      if (requests.length >= limit || !text.trim()) return;
      lines++;
      const r = replay.readLine(text);
      if (!r) return;
      const key = `${r.request.method} ${r.request.url} ${JSON.stringify(r.request.headers)}`;
      if (seen.has(key)) return;
      seen.add(key);
      requests.push({ method: r.request.method, url: r.request.url, headers: r.request.headers as Array<[string, string]>, why: `logged, line ${lines}` });
    });
    if (requests.length === 0) throw new UsageError(`no line of ${log} could be read in the log format "${replay.format.text}"; give the format in use with --log-format`);
  } else if (cases) {
    const file = parseTestFile(cases, readText(cases, io));
    if (file.errors.length) throw new UsageError(`${cases}: ${file.errors[0]}`);
    requests = file.cases.map((c) => ({ method: c.request.method, url: c.request.url, headers: c.request.headers, why: c.name }));
  } else {
    requests = mergeRequests(generateRequests(before), generateRequests(after));
  }
  requests = requests.slice(0, limit);
  const plan = verifyPlan(before, after, requests, {
    before: { controller },
    after: { controller: (newController as ControllerName | undefined) ?? controller, implementation: impl },
  });
  const script = verifyScript(plan, {
    address,
    backendHeader: one(p, 'backend-header'),
    oldLabel: `${oldFile}${controller ? ` on ${controller}` : ''}`,
    newLabel: `${newFile}${impl ? ` on ${impl}` : newController ? ` on ${newController}` : ''}`,
    generatedBy: `routelab ${VERSION} verify-script ${basename(oldFile)} ${basename(newFile)}`,
  });
  const output = one(p, 'output');
  if (output) {
    writeFileSync(output, script, { mode: 0o755 });
  } else io.out(script.trimEnd());
  for (const s of plan.skipped.slice(0, 5)) io.err(`routelab: skipped ${s.request.method ?? 'GET'} ${s.request.url}: ${s.why}`);
  io.err(`routelab: verify script${output ? ` ${output}` : ''}: ${plan.items.length} requests, ${plan.known} known to route differently on ${newFile}${plan.skipped.length ? `, ${plan.skipped.length} skipped` : ''}`);
  return 0;
}

function cmdLoad(args: string[], io: Io): number {
  const p = parseArgs(args);
  const files = [...(p.options.get('file') ?? []), ...p.positional];
  if (files.length === 0) throw new UsageError('load needs at least one FILE');
  const cluster = loadManifests(files.map((f) => ({ file: f, text: readText(f, io) })));
  if (p.options.has('json')) {
    io.out(JSON.stringify({
      objects: cluster.objects.map((o) => ({ key: o.key, source: o.source })),
      ignored: cluster.ignored,
      diagnostics: cluster.diagnostics,
      pods: cluster.pods.map((x) => ({ name: x.name, namespace: x.namespace, ip: x.ip, owner: x.owner })),
    }, null, 2));
  } else {
    for (const o of cluster.objects) io.out(`${o.key}  ${o.file}:${o.source.startLine}`);
    if (cluster.gatewayApi.gateways.length || cluster.gatewayApi.routes.length) {
      const impl = implementationOption(p);
      const status = gatewayStatus(cluster, impl ? findImplementation(impl) : undefined);
      for (const g of status.gateways) {
        io.out(`status Gateway ${g.namespace}/${g.name} address ${g.address} (${g.addressOrigin}): ${conditionsText(g.conditions)}`);
        for (const l of g.listeners) io.out(`  listener ${l.name} ${l.protocol} ${l.port}${l.hostname ? ` ${l.hostname}` : ''}: ${l.attachedRoutes} route(s); ${conditionsText(l.conditions)}`);
      }
      for (const r of status.routes) {
        for (const p of r.parents) io.out(`status ${r.kind} ${r.namespace}/${r.name} -> ${p.parentRef.kind} ${p.parentRef.namespace}/${p.parentRef.name}${p.parentRef.sectionName ? `/${p.parentRef.sectionName}` : ''}: ${p.controllerWrites ? conditionsText(p.conditions) : 'parent not found (no controller writes this status)'}`);
        if (r.parents.length === 0) io.out(`status ${r.kind} ${r.namespace}/${r.name}: no parentRefs`);
      }
    }
    for (const g of cluster.ignored) io.out(`ignored ${g.kind} ${g.namespace ? `${g.namespace}/` : ''}${g.name}  ${g.source.file}:${g.source.startLine}  (${g.why})`);
    io.out(`${cluster.objects.length} objects, ${cluster.pods.length} simulated Pods, ${cluster.ignored.length} ignored`);
    for (const d of cluster.diagnostics) io.out(describeDiagnostic(d));
  }
  return cluster.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** Expands directories to the .yaml/.yml files directly inside them, sorted. */
function expandFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (existsSync(p) && statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (/\.ya?ml$/.test(f)) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

/** "folder/file.yaml::case name": stable across checkouts, so baselines can be committed. */
export function caseId(file: string, caseName: string): string {
  return `${basename(dirname(file))}/${basename(file)}::${caseName}`;
}

function cmdCheck(args: string[], io: Io): number {
  const p = parseArgs(args);
  const files = expandFiles(p.positional);
  if (files.length === 0) throw new UsageError('check needs at least one test FILE');
  const minCoverageText = one(p, 'min-coverage');
  const minCoverage = minCoverageText === undefined ? undefined : Number(minCoverageText.replace(/%$/, ''));
  if (minCoverage !== undefined && !(minCoverage >= 0 && minCoverage <= 100)) throw new UsageError('--min-coverage takes a percentage between 0 and 100');
  const baselineFile = one(p, 'baseline');
  if (p.options.has('update-baseline') && !baselineFile) throw new UsageError('--update-baseline needs --baseline FILE');
  const format = formatOption(p, ['text', 'json', 'junit', 'github']);
  // Machine formats print only themselves on stdout.
  const json = format !== 'text';
  const color = io.color && !p.options.has('no-color') && !json;
  const verbose = p.options.has('verbose');

  const results: FileResult[] = [];
  for (const f of files) {
    const text = readText(f, io);
    results.push(runTestFile(f, text, { implementation: implementationOption(p) }));
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const passing = new Set<string>();
  const failing = new Set<string>();
  for (const r of results) {
    if (r.errors.length > 0) {
      failed++;
      failing.add(caseId(r.file, '(file)'));
      if (!json) io.out(`${paint(color, '31', 'ERROR')} ${r.file}: ${r.errors.join('; ')}`);
      continue;
    }
    if (r.skipped) {
      skipped += r.cases.length;
      if (!json) io.out(`${paint(color, '33', 'SKIP')}  ${r.file}: ${r.skipped} (${r.cases.length} cases)`);
      continue;
    }
    for (const c of r.cases) {
      const id = caseId(r.file, c.name);
      if (c.status === 'pass') {
        passed++;
        passing.add(id);
        continue;
      }
      failed++;
      failing.add(id);
      if (json) continue;
      io.out(`${paint(color, '31', 'FAIL')}  ${r.file}:${c.line}  ${c.name}`);
      for (const f of c.failures) io.out(`      ${f}`);
      if (c.trace) {
        io.out(`      got: ${outcomeLine(c.trace)}`);
        if (verbose) io.out(renderTrace(c.trace, { color, verbose: false }).replace(/^/gm, '        '));
      }
    }
    const fileLoad = r.cluster?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    if (!json) for (const d of fileLoad) io.out(`      ${describeDiagnostic(d)}`);
  }

  const coverage: Coverage | undefined = p.options.has('coverage') || minCoverage !== undefined
    ? mergeCoverage(results.flatMap((r) => (r.coverage ? [r.coverage] : [])))
    : undefined;
  let exit = failed > 0 ? 1 : 0;

  if (baselineFile) exit = applyBaseline(baselineFile, passing, failing, p.options.has('update-baseline'), io, json, color);

  if (format === 'junit') {
    io.out(junitXml(results, { timestamp: new Date().toISOString().slice(0, 19), hostname: hostname() }).trimEnd());
  } else if (format === 'github') {
    for (const line of checkGithub(results)) io.out(line);
    io.out(`::notice title=routelab check::${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  } else if (json) {
    io.out(JSON.stringify({
      passed,
      failed,
      skipped,
      coverage,
      files: results.map((r) => ({ file: r.file, name: r.name, mode: r.mode, skipped: r.skipped, errors: r.errors, cases: r.cases.map((c) => ({ name: c.name, line: c.line, status: c.status, failures: c.failures })) })),
    }, null, 2));
  } else if (coverage) {
    io.out('');
    io.out(`coverage: ${coverage.exercised} of ${coverage.total} rules exercised (${coverage.percent.toFixed(1)}%)`);
    for (const r of coverage.rules.filter((x) => x.hits === 0)) io.out(`  never exercised  ${r.id}  ${r.label}${r.source ? `  ${r.source.file}:${r.source.startLine}` : ''}`);
  }
  if (coverage && minCoverage !== undefined && coverage.percent + 1e-9 < minCoverage) {
    io.err(`routelab: rule coverage ${coverage.percent.toFixed(1)}% is below --min-coverage ${minCoverage}%`);
    exit = 1;
  }
  if (!json) {
    if (skipped > 0) io.out(`${skipped} skipped`);
    io.out(`${passed} passed, ${failed} failed`);
  }
  return exit;
}

function applyBaseline(file: string, passing: Set<string>, failing: Set<string>, update: boolean, io: Io, json: boolean, color: boolean): number {
  const listed = existsSync(file)
    ? readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    : [];
  const baseline = new Set(listed);
  const regressions = [...baseline].filter((id) => failing.has(id));
  const gone = [...baseline].filter((id) => !failing.has(id) && !passing.has(id));
  const fresh = [...passing].filter((id) => !baseline.has(id));
  const say = json ? io.err : io.out;
  for (const id of regressions) say(`${paint(color, '31', 'REGRESSION')} ${id}`);
  if (gone.length) say(`baseline: ${gone.length} listed case(s) are no longer in the corpus (reported, not failed):\n${gone.map((g) => `  ${g}`).join('\n')}`);
  if (update) {
    const all = [...new Set([...listed, ...fresh])].sort();
    writeFileSync(file, `# Corpus cases that pass; CI fails if any of them stops passing. Only ever grows.\n# Update with: npx routelab check --baseline ${file} --update-baseline ../shared/corpus/*/\n${all.join('\n')}\n`);
    say(`baseline: ${fresh.length} case(s) added, ${all.length} listed`);
  } else if (fresh.length) {
    say(`baseline: ${fresh.length} passing case(s) are not in the baseline yet; add them with --update-baseline`);
  }
  say(`baseline: ${baseline.size - regressions.length - gone.length} of ${baseline.size} listed cases pass, ${regressions.length} regressed`);
  return regressions.length > 0 ? 1 : 0;
}

function paint(on: boolean, code: string, text: string): string {
  return on ? `\x1b[${code}m${text}\x1b[0m` : text;
}
