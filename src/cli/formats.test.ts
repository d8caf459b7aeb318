// CI-native output, validated against the formats' own schemas (copied with provenance by
// scripts/output-schemas.mjs): JUnit XML with xmllint (libxml2, as WebAssembly) against the
// Ant/Jenkins JUnit XSD, SARIF with Ajv against the OASIS SARIF 2.1.0 JSON schema.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schema = (f: string) => readFileSync(join(root, 'data', 'schemas', f), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'routelab-formats-'));

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (s) => out.push(s), err: (s) => err.push(s), color: false, readStdin: () => '' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const MANIFESTS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
      - {path: /ghost, pathType: Prefix, backend: {service: {name: nowhere, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{port: 80}]}
`;
const testFile = join(dir, 'routing.yaml');
writeFileSync(testFile, `name: shop <routes> & "co"\nmode: ingress\nmanifests: |\n${MANIFESTS.replace(/^/gm, '  ')}\ncases:\n- name: the cart answers\n  request: {url: "http://shop.example.test/cart/1"}\n  expect: {status: 503}\n- name: the cart is web (wrong on purpose)\n  request: {url: "http://shop.example.test/cart/2"}\n  expect: {backend: {namespace: shop, service: web}}\n`);
const manifestFile = join(dir, 'shop.yaml');
writeFileSync(manifestFile, MANIFESTS);

describe('routelab check --format junit', () => {
  it('is valid JUnit XML: one testcase per case, the failing one with its expectation and what it got', async () => {
    const r = run(['check', '--format', 'junit', testFile]);
    expect(r.code).toBe(1);
    const v = await validateXML({ xml: [{ fileName: 'report.xml', contents: r.out }], schema: [{ fileName: 'junit.xsd', contents: schema('junit.xsd') }] });
    expect(v.errors.map((e) => e.message)).toEqual([]);
    expect(v.valid).toBe(true);
    expect(r.out).toContain('<testcase name="the cart answers"');
    expect(r.out).toMatch(/<failure message="backend: [^"]*" type="RoutingMismatch">/);
    expect(r.out).toContain('name="shop &lt;routes&gt; &amp; &quot;co&quot;"');
  });

  it('a schema violation is caught by the validator (the test can fail)', async () => {
    const v = await validateXML({ xml: [{ fileName: 'bad.xml', contents: '<testsuites><testsuite name="x"/></testsuites>' }], schema: [{ fileName: 'junit.xsd', contents: schema('junit.xsd') }] });
    expect(v.valid).toBe(false);
  });
});

describe('routelab lint --format sarif', () => {
  const ajv = new Ajv({ strict: false, validateFormats: false });
  const validate = ajv.compile(JSON.parse(schema('sarif-schema-2.1.0.json')));

  it('is valid SARIF 2.1.0 with the rule id, file and line of each problem', () => {
    const r = run(['lint', '--format', 'sarif', manifestFile]);
    const sarif = JSON.parse(r.out);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'MissingService');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: manifestFile }, region: { startLine: 10 } });
    expect(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toContain('MissingService');
  });

  it('a schema violation is caught by the validator (the test can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });
});

describe('--format github', () => {
  it('check: one ::error per failing case at its line', () => {
    const r = run(['check', '--format', 'github', testFile]);
    expect(r.out).toMatch(new RegExp(`^::error file=${testFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},line=\\d+,title=routelab%3A the cart is web \\(wrong on purpose\\)::backend: `, 'm'));
    expect(r.out.split('\n').at(-1)).toBe('::notice title=routelab check::1 passed, 1 failed');
  });

  it('lint: ::error and ::warning with file, line and the code, newlines escaped', () => {
    const r = run(['lint', '--format', 'github', manifestFile]);
    const line = r.out.split('\n').find((l) => l.includes('MissingService'))!;
    expect(line).toMatch(/^::error file=[^,]+shop\.yaml,line=10,endLine=\d+,col=\d+,title=MissingService%3A Ingress shop\/shop::.*%0Afix: /);
  });

  it('an unknown format is refused', () => {
    expect(run(['lint', '--format', 'xml', manifestFile]).err).toMatch(/--format must be one of text, json, sarif, github/);
  });
});
