#!/usr/bin/env node
// Builds the implementation profiles' feature data from the Gateway API conformance reports.
//
//   node scripts/conformance-reports.mjs vendor GATEWAY_API_GIT_DIR
//       copies the chosen reports out of a kubernetes-sigs/gateway-api git directory (a clone or
//       a bare mirror) into data/conformance/, with PROVENANCE.json (repo, commit, upstream path,
//       sha256 of every copied file), then generates.
//   node scripts/conformance-reports.mjs generate [REPORTS_DIR]
//       reads the copies (default data/conformance) and writes
//       src/engine/gateway/implementations/conformance.generated.ts.
//   node scripts/conformance-reports.mjs check
//       exits 1 when the generated file is not what `generate` would write now.
//
// Which reports: every implementation folder of the newest report version (conformance/reports/vX.Y),
// plus the newest report of the implementations named in ALSO_FROM_OLDER_VERSIONS when the newest
// version has none of theirs. Within a folder: the highest implementation version, then the
// experimental channel (it runs more tests), then mode "default", then the file name.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data', 'conformance');
const OUT = join(ROOT, 'src', 'engine', 'gateway', 'implementations', 'conformance.generated.ts');
const REPO = 'kubernetes-sigs/gateway-api';
const ALSO_FROM_OLDER_VERSIONS = ['istio-istio', 'haproxy-ingress'];
const PROFILES = ['GATEWAY-HTTP', 'GATEWAY-GRPC', 'GATEWAY-TLS', 'MESH-HTTP', 'MESH-GRPC'];

function git(dir, ...args) {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** "v1.20.0-pre.2" -> comparable parts; pre-releases sort before the release. */
function versionKey(v) {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(String(v));
  if (!m) return [0, 0, 0, 0, String(v)];
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0), m[4] ? 0 : 1, m[4] ?? ''];
}
function compareVersions(a, b) {
  const x = versionKey(a);
  const y = versionKey(b);
  for (let i = 0; i < x.length; i++) {
    if (x[i] < y[i]) return -1;
    if (x[i] > y[i]) return 1;
  }
  return 0;
}

function pickReport(candidates) {
  const rank = (r) => [r.doc.implementation?.version ?? '', r.doc.gatewayAPIChannel === 'experimental' ? 1 : 0, r.doc.mode === 'default' ? 1 : 0];
  return [...candidates].sort((a, b) => {
    const [va, ca, ma] = rank(a);
    const [vb, cb, mb] = rank(b);
    return compareVersions(vb, va) || cb - ca || mb - ma || a.path.localeCompare(b.path);
  })[0];
}

function vendor(gitDir) {
  const commit = git(gitDir, 'rev-parse', 'HEAD').trim();
  const versions = git(gitDir, 'ls-tree', '--name-only', 'HEAD', 'conformance/reports/')
    .split('\n')
    .map((p) => p.replace('conformance/reports/', ''))
    .filter((v) => /^v\d+\.\d+$/.test(v) && git(gitDir, 'cat-file', '-t', `HEAD:conformance/reports/${v}`).trim() === 'tree')
    .sort(compareVersions)
    .reverse();
  const wanted = new Map();
  const folders = (v) => git(gitDir, 'ls-tree', '--name-only', 'HEAD', `conformance/reports/${v}/`).split('\n').filter(Boolean).map((p) => p.split('/').pop());
  for (const impl of folders(versions[0])) wanted.set(impl, versions[0]);
  for (const impl of ALSO_FROM_OLDER_VERSIONS) {
    if (wanted.has(impl)) continue;
    const v = versions.find((ver) => folders(ver).includes(impl));
    if (v) wanted.set(impl, v);
  }
  rmSync(DATA, { recursive: true, force: true });
  const files = [];
  for (const [impl, v] of [...wanted].sort()) {
    const dir = `conformance/reports/${v}/${impl}`;
    const reports = git(gitDir, 'ls-tree', '--name-only', 'HEAD', `${dir}/`).split('\n').filter((p) => p.endsWith('.yaml'));
    const candidates = reports.map((path) => {
      const text = git(gitDir, 'show', `HEAD:${path}`);
      return { path, text, doc: load(text) };
    }).filter((r) => r.doc && r.doc.kind === 'ConformanceReport');
    if (candidates.length === 0) continue;
    const chosen = pickReport(candidates);
    const local = join(DATA, chosen.path.replace('conformance/reports/', ''));
    mkdirSync(dirname(local), { recursive: true });
    writeFileSync(local, chosen.text);
    files.push({ implementation: impl, path: chosen.path, local: relative(DATA, local), sha256: createHash('sha256').update(chosen.text).digest('hex') });
  }
  const provenance = {
    repo: REPO,
    commit,
    committed: git(gitDir, 'show', '-s', '--format=%cI', 'HEAD').trim(),
    newestReportVersion: versions[0],
    rule: `every implementation of ${versions[0]}, plus the newest report of ${ALSO_FROM_OLDER_VERSIONS.join(', ')} when ${versions[0]} has none; per folder the highest implementation version, experimental channel, mode default`,
    files,
  };
  writeFileSync(join(DATA, 'PROVENANCE.json'), `${JSON.stringify(provenance, null, 2)}\n`);
  console.log(`vendored ${files.length} reports from ${REPO}@${commit.slice(0, 12)} (${versions[0]})`);
}

/** The generated module's text, from a folder holding PROVENANCE.json and the report copies. */
export function generatedText(dir = DATA) {
  const provenance = JSON.parse(readFileSync(join(dir, 'PROVENANCE.json'), 'utf8'));
  const reports = {};
  for (const f of provenance.files) {
    const text = readFileSync(join(dir, f.local), 'utf8');
    const sha = createHash('sha256').update(text).digest('hex');
    if (sha !== f.sha256) throw new Error(`${f.local}: content differs from the copy recorded in PROVENANCE.json (sha256 ${sha} != ${f.sha256})`);
    const doc = load(text);
    const profiles = {};
    for (const p of doc.profiles ?? []) {
      if (!PROFILES.includes(p.name)) continue;
      profiles[p.name] = {
        core: p.core?.result ?? 'unknown',
        extended: p.extended?.result ?? 'not run',
        supported: [...(p.extended?.supportedFeatures ?? [])].sort(),
        unsupported: [...(p.extended?.unsupportedFeatures ?? [])].sort(),
      };
    }
    reports[f.implementation] = {
      implementation: f.implementation,
      project: doc.implementation?.project ?? f.implementation,
      organization: doc.implementation?.organization ?? '',
      url: doc.implementation?.url ?? '',
      version: String(doc.implementation?.version ?? ''),
      gatewayAPIVersion: String(doc.gatewayAPIVersion ?? ''),
      gatewayAPIChannel: String(doc.gatewayAPIChannel ?? ''),
      mode: String(doc.mode ?? ''),
      date: String(doc.date ?? ''),
      provenance: { repo: provenance.repo, path: f.path, commit: provenance.commit },
      profiles,
    };
  }
  return `// GENERATED by scripts/conformance-reports.mjs from data/conformance (copies of
// ${provenance.repo} conformance/reports at ${provenance.commit}). Do not edit:
// rebuild with \`node scripts/conformance-reports.mjs generate\`.
import type { ConformanceReportData } from './types.js';

export const CONFORMANCE_SOURCE = ${JSON.stringify({ repo: provenance.repo, commit: provenance.commit, newestReportVersion: provenance.newestReportVersion, rule: provenance.rule })} as const;

export const CONFORMANCE_REPORTS: Readonly<Record<string, ConformanceReportData>> = ${JSON.stringify(reports, null, 2)};
`;
}

function run([cmd, arg]) {
  if (cmd === 'vendor') {
    if (!arg) throw new Error('vendor needs the path of a kubernetes-sigs/gateway-api git directory');
    vendor(arg);
    writeFileSync(OUT, generatedText());
    console.log(`wrote ${relative(ROOT, OUT)}`);
  } else if (cmd === 'generate') {
    writeFileSync(OUT, generatedText(arg ?? DATA));
    console.log(`wrote ${relative(ROOT, OUT)}`);
  } else if (cmd === 'check') {
    const now = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
    if (now !== generatedText()) {
      console.error(`${relative(ROOT, OUT)} is out of date: run node scripts/conformance-reports.mjs generate`);
      process.exit(1);
    }
    console.log(`${relative(ROOT, OUT)} matches data/conformance`);
  } else {
    console.error('usage: conformance-reports.mjs vendor GIT_DIR | generate [DIR] | check');
    process.exit(2);
  }
}

// Run only as a script; tests import generatedText().
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) run(process.argv.slice(2));
