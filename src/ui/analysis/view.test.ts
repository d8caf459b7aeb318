import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, type CompareRowView, type ConvertResult, type LintProblem, type SavedRequest } from '../../worker/protocol';
import {
  convertedScenario,
  countsText,
  formFromRequest,
  headerLinesOf,
  outcomeGroups,
  panelProblems,
  parseRuns,
  percent,
  problemCounts,
  proofHeadline,
  requestText,
  splitRows,
  visibleRows,
} from './view';

const problem = (over: Partial<LintProblem>): LintProblem => ({ severity: 'warning', code: 'X', object: 'Ingress a/b', message: 'm', fix: 'f', fromLoad: false, ...over });

describe('requests from analyses into the request bar', () => {
  it.each([
    ['a map with a repeated header', { 'X-A': '1', 'X-B': ['x', 'y'] }, 'X-A: 1\nX-B: x\nX-B: y'],
    ['a list of pairs', [['x-canary', 'always']] as Array<[string, string]>, 'x-canary: always'],
    ['no headers', undefined, ''],
  ])('header lines from %s', (_name, headers, lines) => {
    expect(headerLinesOf(headers)).toBe(lines);
  });

  it('takes method, URL, headers and the chosen controller; no pinned Gateway', () => {
    const base = { ...DEFAULT_FORM, controller: 'haproxy' as const, gateway: 'infra/edge', listener: 'https' };
    expect(formFromRequest({ url: 'http://a.test/x', headers: { 'X-A': '1' } }, base, 'traefik')).toEqual({
      method: 'GET',
      url: 'http://a.test/x',
      headers: 'X-A: 1',
      controller: 'traefik',
      gateway: '',
      listener: '',
    });
  });

  it("uses the request's own controller (a lint proof), else keeps the bar's", () => {
    expect(formFromRequest({ url: 'http://a.test/', controller: 'ingress-nginx' }, DEFAULT_FORM).controller).toBe('ingress-nginx');
    expect(formFromRequest({ url: 'http://a.test/', method: 'post' }, { ...DEFAULT_FORM, controller: 'traefik' })).toMatchObject({ controller: 'traefik', method: 'POST' });
  });

  it('keeps a Gateway and listener the request names', () => {
    expect(formFromRequest({ url: 'http://a.test/', gateway: 'infra/edge', listener: 'http' }, DEFAULT_FORM)).toMatchObject({ gateway: 'infra/edge', listener: 'http' });
  });

  it('writes a request as one line', () => {
    expect(requestText({ url: 'http://a.test/x' })).toBe('GET http://a.test/x');
    expect(requestText({ url: 'http://a.test/x', method: 'PUT', headers: { 'X-A': '1' } })).toBe('PUT http://a.test/x (X-A: 1)');
  });
});

describe('problems', () => {
  const list = [problem({ severity: 'error' }), problem({ severity: 'warning' }), problem({ severity: 'info' }), problem({ severity: 'error', fromLoad: true })];

  it('lists lint findings, not the load diagnostics already listed under Load diagnostics', () => {
    expect(panelProblems(list)).toHaveLength(3);
    expect(panelProblems(list).some((p) => p.fromLoad)).toBe(false);
  });

  it('counts by severity, load diagnostics apart', () => {
    expect(problemCounts(list)).toEqual({ error: 1, warning: 1, info: 1, fromLoad: 1 });
    expect(countsText(problemCounts(list))).toBe('1 error, 1 warning, 1 note');
    expect(countsText(problemCounts([problem({ severity: 'error' }), problem({ severity: 'error' })]))).toBe('2 errors');
    expect(countsText(problemCounts([]))).toBe('no problems');
  });
});

describe('controller comparison', () => {
  const row = (keys: string[], differs = new Set(keys).size > 1): CompareRowView => ({
    request: { url: 'http://a.test/' },
    differs,
    explanation: '',
    results: (['spec', 'ingress-nginx', 'traefik', 'haproxy'] as const).map((subject, i) => ({ subject, key: keys[i], outcome: keys[i], rule: '(no rule)' })),
  });

  it('groups controllers by equal outcome keys, spec first', () => {
    expect(outcomeGroups(row(['404', '404', 'proxied a', '404']))).toEqual([0, 0, 1, 0]);
    expect(outcomeGroups(row(['p1', 'p2', 'p1', 'p3']))).toEqual([0, 1, 0, 2]);
    expect(outcomeGroups(row(['x', 'x', 'x', 'x']))).toEqual([0, 0, 0, 0]);
  });

  it('shows the disagreements, or every row on request', () => {
    const rows = [row(['a', 'a', 'a', 'a']), row(['a', 'b', 'a', 'a'])];
    expect(visibleRows(rows, false)).toEqual([rows[1]]);
    expect(visibleRows(rows, true)).toEqual(rows);
  });
});

describe('conversion', () => {
  const conv: ConvertResult = {
    version: 1,
    ingresses: 1,
    controller: 'ingress-nginx',
    inferred: 'ingress-nginx',
    target: 'portable',
    quirks: [],
    blockers: [],
    yaml: 'kind: HTTPRoute\n',
    objects: 3,
    deviations: [],
    proof: {
      requests: 12,
      undeclared: 1,
      differences: [
        { request: { url: 'http://a.test/x' }, ingress: { outcome: 'a', rule: 'r' }, gateway: { outcome: 'b', rule: 's' } },
        { request: { url: 'http://a.test/y' }, ingress: { outcome: 'a', rule: 'r' }, gateway: { outcome: 'b', rule: 's' }, declared: { code: 'CaseSensitivity', message: 'm' } },
      ],
    },
  };

  it('says in one line how many requests were traced, differ and are not declared', () => {
    expect(proofHeadline(conv.proof!)).toBe('12 requests traced through both; 2 differ; 1 not declared');
    expect(proofHeadline({ requests: 1, differences: [], undeclared: 0 })).toBe('1 request traced through both; 0 differ; 0 not declared');
  });

  it('opens as a Gateway API scenario that keeps the saved requests, unpinned', () => {
    const saved: SavedRequest[] = [{ id: 'a', name: 'home', form: { ...DEFAULT_FORM, gateway: 'x/y', listener: 'l' }, expect: { status: 404 } }];
    const s = convertedScenario({ name: 'Shop' }, saved, conv);
    expect(s).toMatchObject({ name: 'Shop (Gateway API)', mode: 'gateway', manifests: 'kind: HTTPRoute\n' });
    expect(s.requests[0]).toEqual({ ...saved[0], form: { ...saved[0].form, gateway: '', listener: '' } });
    expect(s.description).toContain('12 requests traced through both; 2 differ; 1 not declared');
  });
});

describe('traffic split', () => {
  it('formats shares and counts per backend', () => {
    const rows = splitRows({
      runs: 1000,
      seed: 1,
      rows: [
        { namespace: 'shop', service: 'v1', port: 80, weight: 90, share: 0.9, count: 897, observed: 0.897 },
        { namespace: 'shop', service: 'v2', weight: 10, share: 0.1, count: 103, observed: 0.103 },
      ],
    });
    expect(rows).toEqual([
      { backend: 'shop/v1:80', weight: 90, share: '90.0%', count: 897, observed: '89.7%' },
      { backend: 'shop/v2', weight: 10, share: '10.0%', count: 103, observed: '10.3%' },
    ]);
    expect(percent(1 / 3)).toBe('33.3%');
  });

  it.each([
    ['1000', 1000],
    [' 25 ', 25],
    ['0', undefined],
    ['1.5', undefined],
    ['-3', undefined],
    ['', undefined],
    ['2000000', undefined],
  ])('run count %j is %s', (text, n) => {
    expect(parseRuns(text, 1_000_000)).toBe(n);
  });
});
