#!/usr/bin/env node
// Copies ingress2gateway's own conversion fixtures (an Ingress as input, the Gateway API
// YAML ingress2gateway printed for it as output) into data/ingress2gateway/, verbatim, with
// PROVENANCE.json (repo, commit, upstream path and sha256 of every file). RouteLab's tests run
// its three-way diff on them: the Ingress, the output as a migrating team would apply it, and
// the implementation it was written for.
//
//   node scripts/ingress2gateway-fixtures.mjs vendor I2GW_GIT_DIR   (a clone or a bare mirror)
//   node scripts/ingress2gateway-fixtures.mjs check                 (exit 1 if a copy changed)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data', 'ingress2gateway');
const REPO = 'kubernetes-sigs/ingress2gateway';
// The fixtures whose input and output are both YAML files in the repository.
const FIXTURES = 'pkg/i2gw/providers/nginx/fixtures/annotations';

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const git = (dir, ...args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

function vendor(dir) {
  const commit = git(dir, 'rev-parse', 'HEAD').trim();
  const files = git(dir, 'ls-tree', '-r', '--name-only', 'HEAD', FIXTURES).split('\n').filter((f) => /\/(input|output)\/[^/]+\.yaml$/.test(f));
  rmSync(DATA, { recursive: true, force: true });
  const provenance = { repo: REPO, commit, license: 'Apache-2.0', copied: [] };
  for (const f of files) {
    const text = git(dir, 'show', `HEAD:${f}`);
    const local = join(f.includes('/input/') ? 'input' : 'output', f.split('/').pop());
    mkdirSync(join(DATA, dirname(local)), { recursive: true });
    writeFileSync(join(DATA, local), text);
    provenance.copied.push({ path: f, file: local, sha256: sha256(text) });
  }
  writeFileSync(join(DATA, 'PROVENANCE.json'), `${JSON.stringify(provenance, null, 2)}\n`);
  console.log(`copied ${files.length} files of ${REPO}@${commit.slice(0, 12)} into data/ingress2gateway`);
}

function check() {
  const p = JSON.parse(readFileSync(join(DATA, 'PROVENANCE.json'), 'utf8'));
  let bad = 0;
  for (const c of p.copied) {
    if (sha256(readFileSync(join(DATA, c.file), 'utf8')) !== c.sha256) {
      console.error(`${c.file} differs from ${p.repo}@${p.commit}:${c.path}`);
      bad++;
    }
  }
  console.log(`${p.copied.length - bad} of ${p.copied.length} files match ${p.repo}@${p.commit.slice(0, 12)}`);
  process.exit(bad ? 1 : 0);
}

const [cmd, arg] = process.argv.slice(2);
if (cmd === 'vendor' && arg) vendor(arg);
else if (cmd === 'check') check();
else {
  console.error('usage: ingress2gateway-fixtures.mjs vendor I2GW_GIT_DIR | check');
  process.exit(2);
}
