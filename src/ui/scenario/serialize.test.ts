import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { parseTestFile } from '../../engine/index';
import { parseScenario } from '../../worker/session';
import { DEFAULT_FORM, type ScenarioData } from '../../worker/protocol';
import { headerMap, literalBlock, scenarioFileName, serializeScenario, yamlString } from './serialize';

const readBack = (yaml: string, key: string) => (load(yaml) as Record<string, unknown>)[key];

// Text a user could type: YAML punctuation, indentation, tabs, blank lines, unicode.
const typed = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '  ', '\t', '\n', '\n\n', ':', '-', '#', '"', "'", '|', '>', '{', '}', '[', ']', ',', '&', '*', '!', '%', '@', '`', '?', '---', '...', 'é', '→', '\\', 'true', '0x1'), maxLength: 60 });

describe('yamlString', () => {
  it.each([
    ['plain words stay plain', 'shop.example.test', 'shop.example.test'],
    ['a URL stays plain', 'http://a.example/x?y=1', 'http://a.example/x?y=1'],
    ['a word YAML reads as a boolean is quoted', 'yes', '"yes"'],
    ['a number-like string is quoted', '0x1F', '"0x1F"'],
    ['": " is quoted', 'a: b', '"a: b"'],
    ['an empty string is quoted', '', '""'],
    ['a leading dash is quoted', '-x', '"-x"'],
  ])('%s', (_n, input, out) => {
    expect(yamlString(input)).toBe(out);
  });

  it('reads back as the same string, whatever it holds', () => {
    fc.assert(fc.property(fc.oneof(typed, fc.string()), (s) => readBack(`k: ${yamlString(s)}\n`, 'k') === s));
  });
});

describe('literalBlock', () => {
  it('writes manifests as a readable `|` block', () => {
    expect(literalBlock('manifests', 'kind: Service\nmetadata:\n  name: web\n')).toEqual(['manifests: |', '  kind: Service', '  metadata:', '    name: web']);
  });

  it('keeps every text exactly, trailing newlines and leading spaces included', () => {
    fc.assert(
      fc.property(fc.oneof(typed, fc.string()), (s) => {
        const yaml = `${literalBlock('m', s).join('\n')}\nafter: 1\n`;
        return readBack(yaml, 'm') === s && readBack(yaml, 'after') === 1;
      }),
      { numRuns: 500 },
    );
  });
});

describe('headerMap', () => {
  it('folds repeated names into lists and sets bad lines apart', () => {
    expect(headerMap('X-A: 1\nx-b: two words\nX-A: 3\n\n# comment\nnot a header')).toEqual({
      headers: { 'X-A': ['1', '3'], 'x-b': 'two words' },
      skipped: ['not a header'],
    });
  });
});

describe('serializeScenario', () => {
  const scenario: ScenarioData = {
    name: 'Shop: carts',
    description: 'Two lines\nof explanation',
    source: 'written for the test',
    mode: 'ingress',
    manifests: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cart\n  namespace: shop\nspec:\n  ports:\n  - port: 80\n',
    requests: [
      {
        id: 'a',
        name: 'cart under traefik',
        form: { ...DEFAULT_FORM, method: 'post', url: 'http://shop.example.test/cart?x=1', headers: 'X-Env: staging\nX-Env: canary\nAccept: */*', controller: 'traefik' },
        expect: { backend: { namespace: 'shop', service: 'cart', port: 80 }, requestHeaders: { 'X-Env': 'staging,canary' }, absentRequestHeaders: ['X-Debug'] },
      },
      { id: 'b', name: 'no expectation yet', form: { ...DEFAULT_FORM, url: 'http://shop.example.test/' } },
      { id: 'c', name: 'weights', form: DEFAULT_FORM, expect: { backends: [{ namespace: 'shop', service: 'v1', weight: 90 }, { namespace: 'shop', service: 'v2', weight: 10 }], status: 200 } },
    ],
  };

  it('writes a routing test file the engine reads back case by case', () => {
    const text = serializeScenario(scenario, { modeForAuto: 'ingress' });
    expect(text).toContain('manifests: |\n  apiVersion: v1\n');
    const tf = parseTestFile('x.yaml', text);
    expect(tf.errors).toEqual([]);
    expect(tf.name).toBe('Shop: carts');
    expect(tf.manifests.text).toBe(scenario.manifests);
    expect(tf.cases[0].request).toMatchObject({ method: 'POST', url: 'http://shop.example.test/cart?x=1', controller: 'traefik', headers: { 'X-Env': ['staging', 'canary'], Accept: '*/*' } });
    expect(tf.cases[0].expect).toMatchObject(scenario.requests[0].expect!);
    expect(tf.cases[2].expect.backends).toEqual([
      { namespace: 'shop', service: 'v1', weight: 90, port: undefined },
      { namespace: 'shop', service: 'v2', weight: 10, port: undefined },
    ]);
  });

  it('imports back to the same scenario', () => {
    const text = serializeScenario(scenario, { modeForAuto: 'ingress' });
    const back = parseScenario({ type: 'parseScenario', file: 'x.yaml', text }).scenario;
    expect(back.name).toBe(scenario.name);
    expect(back.description).toBe(scenario.description);
    expect(back.source).toBe(scenario.source);
    expect(back.manifests).toBe(scenario.manifests);
    expect(back.requests.map((r) => ({ name: r.name, form: r.form, expect: r.expect, problems: r.problems }))).toEqual(
      scenario.requests.map((r) => ({ name: r.name, form: { ...r.form, method: r.form.method.toUpperCase() }, expect: r.expect, problems: undefined })),
    );
  });

  it('writes the mode an auto scenario would be tested in', () => {
    expect(serializeScenario({ ...scenario, mode: 'auto', requests: [] }, { modeForAuto: 'gateway' })).toMatch(/^mode: gateway$/m);
  });

  it('names the download after the scenario', () => {
    expect(scenarioFileName('Prefix vs Exact!')).toBe('prefix-vs-exact.routelab.yaml');
  });
});

describe('a scenario with a very large manifests text', () => {
  it('serializes a million-line dump (a spread of its lines overflowed the stack) and reads back the same', () => {
    const doc = 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: n}\nspec:\n  ports: [{port: 80}]';
    const manifests = Array.from({ length: 200_000 }, () => doc).join('\n---\n');
    expect(manifests.split('\n').length).toBeGreaterThan(1_000_000);
    const scenario: ScenarioData = { name: 'dump', mode: 'ingress', manifests, requests: [{ id: 'r1', name: 'one', form: { ...DEFAULT_FORM, url: 'http://a.example/' } }] };
    const text = serializeScenario(scenario, { modeForAuto: 'ingress' });
    const back = parseTestFile('dump.yaml', text);
    expect(back.errors).toEqual([]);
    expect(back.manifests.text).toBe(manifests);
    expect(back.cases).toHaveLength(1);
  });
});
