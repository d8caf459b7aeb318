// Which Ingress TLS entry an HTTPS trace names: the first served Ingress (in manifest order)
// whose spec.tls hosts cover the request host, exactly or by a one-label wildcard
// (Kubernetes docs, Ingress "TLS" and "Hostname wildcards"). Looked up in a per-config
// index, checked here against the definition: scan every Ingress in order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadManifests } from '../parse/manifests';
import { simulate } from '../simulate';
import { ingressHostMatches } from '../match/hostname';
import { toHostname } from '../model/request';

const HOSTS = ['shop.example.com', '*.example.com', 'a.b.example.com', '*.b.example.com', 'example.com', 'Shop.Example.com'];

function config(tls: string[][]): string {
  return tls
    .map((hosts, i) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: `ing-${i}`, namespace: 'default' },
      spec: {
        tls: hosts.length ? [{ hosts, secretName: `cert-${i}` }] : [],
        rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
      },
    }))
    .map((o) => JSON.stringify(o))
    .join('\n---\n');
}

function tlsNote(text: string, host: string): string | undefined {
  const t = simulate(loadManifests(text), { url: `https://${host}/`, controller: 'spec' });
  return t.steps.find((s) => s.kind === 'note' && /TLS for|spec\.tls/.test(s.summary))?.summary;
}

describe('the TLS entry an HTTPS trace names', () => {
  it('is the first Ingress whose tls hosts cover the host, exact or wildcard, whichever comes first', () => {
    expect(tlsNote(config([['*.example.com'], ['shop.example.com']]), 'shop.example.com')).toMatch(/Secret cert-0 of Ingress default\/ing-0/);
    expect(tlsNote(config([['shop.example.com'], ['*.example.com']]), 'shop.example.com')).toMatch(/Secret cert-0 of Ingress default\/ing-0/);
    expect(tlsNote(config([['other.example.org'], ['*.example.com']]), 'shop.example.com')).toMatch(/Secret cert-1/);
    // a wildcard covers exactly one label
    expect(tlsNote(config([['*.com']]), 'shop.example.com')).toMatch(/default certificate/);
  });

  it('agrees with scanning every Ingress in order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...HOSTS), { maxLength: 3 }), { minLength: 1, maxLength: 5 }), fc.constantFrom('shop.example.com', 'a.b.example.com', 'x.example.com', 'example.com'), (tls, host) => {
        const first = tls.findIndex((hosts) => hosts.some((h) => ingressHostMatches(h, toHostname(host))));
        const note = tlsNote(config(tls), host);
        if (first === -1) expect(note).toMatch(/default certificate/);
        else expect(note).toMatch(new RegExp(`Secret cert-${first} of Ingress default/ing-${first}\\b`));
      }),
      { numRuns: 200 },
    );
  });
});
