#!/usr/bin/env node
// Copies the schemas RouteLab's CI formats are validated against in its tests, verbatim,
// into data/schemas/ with PROVENANCE.json (repo, commit, path, sha256):
//   SARIF 2.1.0 (OASIS, oasis-tcs/sarif-spec sarif-2.1/schema/sarif-schema-2.1.0.json),
//   JUnit XML (windyroad/JUnit-Schema JUnit.xsd, the schema of the Ant/Jenkins format).
//
//   node scripts/output-schemas.mjs vendor SARIF_SPEC_GIT_DIR JUNIT_SCHEMA_GIT_DIR
//   node scripts/output-schemas.mjs check      (exit 1 if a copy changed)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data', 'schemas');
const SOURCES = [
  { repo: 'oasis-tcs/sarif-spec', path: 'sarif-2.1/schema/sarif-schema-2.1.0.json', file: 'sarif-schema-2.1.0.json', license: 'OASIS (see the repository)' },
  { repo: 'windyroad/JUnit-Schema', path: 'JUnit.xsd', file: 'junit.xsd', license: 'Apache-2.0' },
];
const sha256 = (t) => createHash('sha256').update(t).digest('hex');

function vendor(dirs) {
  mkdirSync(DATA, { recursive: true });
  const copied = SOURCES.map((s, i) => {
    const git = (...a) => execFileSync('git', ['-C', dirs[i], ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const text = git('show', `HEAD:${s.path}`);
    writeFileSync(join(DATA, s.file), text);
    return { ...s, commit: git('rev-parse', 'HEAD').trim(), sha256: sha256(text) };
  });
  writeFileSync(join(DATA, 'PROVENANCE.json'), `${JSON.stringify({ copied }, null, 2)}\n`);
  console.log(`copied ${copied.length} schemas into data/schemas`);
}

function check() {
  const { copied } = JSON.parse(readFileSync(join(DATA, 'PROVENANCE.json'), 'utf8'));
  const bad = copied.filter((c) => sha256(readFileSync(join(DATA, c.file), 'utf8')) !== c.sha256);
  for (const c of bad) console.error(`${c.file} differs from ${c.repo}@${c.commit}:${c.path}`);
  console.log(`${copied.length - bad.length} of ${copied.length} schemas match their source`);
  process.exit(bad.length ? 1 : 0);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'vendor' && args.length === 2) vendor(args);
else if (cmd === 'check') check();
else {
  console.error('usage: output-schemas.mjs vendor SARIF_SPEC_GIT_DIR JUNIT_SCHEMA_GIT_DIR | check');
  process.exit(2);
}
