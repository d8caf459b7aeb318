import { beforeEach, describe, expect, it } from 'vitest';
import { loadManifests, simulate } from '../engine/index';
import { DEFAULT_FORM } from '../worker/protocol';
import { expectationFrom, requestTitle, setEditorFlush, useStore } from './store';

const YAML = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  tls: [{hosts: [secure.example.test], secretName: s}]
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
  - host: secure.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-0, namespace: shop, labels: {app: web}}
spec:
  containers: [{name: web, image: x, ports: [{containerPort: 8080}]}]
`;
const cluster = loadManifests(YAML);

describe('expectationFrom', () => {
  it('pins a proxied request to its backend', () => {
    expect(expectationFrom(simulate(cluster, { url: 'http://shop.example.test/a' }, { mode: 'ingress' }))).toEqual({ backend: { namespace: 'shop', service: 'web', port: 80 } });
  });
  it('pins a request that matched nothing to its status', () => {
    expect(expectationFrom(simulate(cluster, { url: 'http://other.example.test/' }, { mode: 'ingress' }))).toEqual({ status: 404 });
  });
  it('pins a redirect to its status and Location', () => {
    const t = simulate(cluster, { url: 'http://secure.example.test/login', controller: 'ingress-nginx' }, { mode: 'ingress' });
    expect(expectationFrom(t)).toEqual({ status: t.outcome.status, redirect: t.outcome.location });
  });
});

describe('the store', () => {
  beforeEach(() => {
    useStore.getState().applySnapshot({ scenario: { name: 'S', mode: 'ingress', manifests: YAML, requests: [] }, form: { ...DEFAULT_FORM } });
  });

  it('gives back the snapshot it was given', () => {
    const snap = { scenario: { name: 'N', description: 'd', source: undefined, mode: 'gateway' as const, manifests: 'kind: X\n', requests: [{ id: 'a', name: 'a', form: DEFAULT_FORM }] }, form: { ...DEFAULT_FORM, url: 'http://x/' }, selected: 'a' };
    useStore.getState().applySnapshot(snap);
    expect(useStore.getState().snapshot()).toEqual(snap);
  });

  it('counts a YAML version per change, and none for the same text', () => {
    const v = useStore.getState().yamlVersion;
    useStore.getState().setYaml(YAML);
    expect(useStore.getState().yamlVersion).toBe(v);
    useStore.getState().setYaml(`${YAML}# more\n`);
    expect(useStore.getState().yamlVersion).toBe(v + 1);
    expect(useStore.getState().yamlOrigin).toBe('editor');
  });

  it('takes in the text the editor has not handed over yet before it makes a snapshot', () => {
    // A large text reaches the store after a pause; a snapshot (saving, export, Undo) must not miss the last keys.
    let pending: string | undefined = `${YAML}# typed just now\n`;
    setEditorFlush(() => {
      if (pending !== undefined) useStore.getState().setYaml(pending, 'editor');
      pending = undefined;
    });
    try {
      const v = useStore.getState().yamlVersion;
      expect(useStore.getState().snapshot().scenario.manifests).toBe(`${YAML}# typed just now\n`);
      expect(useStore.getState().yamlVersion).toBe(v + 1);
      useStore.getState().snapshot();
      expect(useStore.getState().yamlVersion).toBe(v + 1);
    } finally {
      setEditorFlush(undefined);
    }
  });

  it('saves the request bar with its current result as the expectation, under a unique name', () => {
    const trace = simulate(cluster, { url: DEFAULT_FORM.url }, { mode: 'ingress' });
    useStore.setState({ trace: { status: 'done', value: { trace, load: undefined as never, traceMs: 1 } } });
    useStore.getState().saveRequest();
    useStore.getState().saveRequest();
    const saved = useStore.getState().requests;
    expect(saved.map((r) => r.name)).toEqual([requestTitle(DEFAULT_FORM), `${requestTitle(DEFAULT_FORM)} (2)`]);
    expect(saved[0].expect).toEqual({ backend: { namespace: 'shop', service: 'web', port: 80 } });
    expect(useStore.getState().selectedRequest).toBe(saved[1].id);
    useStore.getState().removeRequest(saved[1].id);
    expect(useStore.getState().selectedRequest).toBeUndefined();
  });
});
