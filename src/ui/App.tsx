// Placeholder page until the web app lands: proves the engine runs in the browser.
import { useMemo, useState } from 'react';
import { loadManifests, simulate } from '../engine/index';

const SAMPLE = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;

export function App() {
  const [url, setUrl] = useState('http://shop.example.test/');
  const trace = useMemo(() => {
    try {
      return simulate(loadManifests(SAMPLE), { url });
    } catch (e) {
      return undefined;
    }
  }, [url]);
  return (
    <main>
      <h1>RouteLab</h1>
      <label>
        Request URL <input value={url} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <section aria-label="Trace">
        <ol>{trace?.steps.map((s, i) => <li key={i}>{s.kind}: {s.summary}</li>)}</ol>
      </section>
    </main>
  );
}
