// The request bar: method, URL, headers and the entry point. Every change re-traces.
import { CONTROLLER_NAMES, type ControllerName } from '../../engine/model/request';
import { IMPLEMENTATIONS, implementationLabel } from '../../engine/gateway/implementations/index';
import type { EntryMode } from '../../worker/protocol';
import { useStore } from '../store';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

const CONTROLLER_LABEL: Record<ControllerName, string> = {
  spec: 'spec (portable Ingress semantics)',
  'ingress-nginx': 'ingress-nginx',
  traefik: 'Traefik',
  haproxy: 'HAProxy Ingress',
  'f5-nginx': 'F5 NGINX Ingress Controller (nginx.org)',
  'traefik-nginx': "Traefik's ingress-nginx provider",
};

const MODE_LABEL: Record<EntryMode, string> = {
  auto: 'Auto (by DNS)',
  ingress: 'Ingress',
  gateway: 'Gateway API',
};

export function RequestBar() {
  const form = useStore((s) => s.form);
  const mode = useStore((s) => s.scenario.mode);
  const setForm = useStore((s) => s.setForm);
  const setMode = useStore((s) => s.setMode);
  const saveRequest = useStore((s) => s.saveRequest);
  const entryPoints = useStore((s) => s.trace.value?.load.entryPoints);
  const requestError = useStore((s) => s.trace.value?.requestError);
  const canSave = useStore((s) => !!s.trace.value?.trace);
  const gateways = entryPoints?.gateways ?? [];
  const methods = METHODS.includes(form.method.toUpperCase()) ? METHODS : [...METHODS, form.method.toUpperCase()];
  const gatewayValue = form.gateway ? `${form.gateway}|${form.listener}` : '';
  const knownGateway = !form.gateway || gateways.some((g) => `${g.namespace}/${g.name}` === form.gateway || g.name === form.gateway);

  return (
    <form className="request-bar" aria-label="Request" onSubmit={(e) => e.preventDefault()}>
      <div className="request-line">
        <div className="field field-method">
          <label className="field-label" htmlFor="rl-method">
            Method
          </label>
          <select id="rl-method" value={form.method.toUpperCase()} onChange={(e) => setForm({ method: e.target.value })}>
            {methods.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <div className="field field-url">
          <label className="field-label" htmlFor="rl-url">
            Request URL
          </label>
          <input
            id="rl-url"
            type="text"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            value={form.url}
            aria-invalid={!!requestError}
            aria-describedby={requestError ? 'request-error' : undefined}
            onChange={(e) => setForm({ url: e.target.value })}
            placeholder="http://shop.example.test/cart"
          />
        </div>
        <button type="button" className="btn" onClick={saveRequest} disabled={!canSave} title="Save this request; its current result becomes its expectation">
          Save request
        </button>
      </div>
      {requestError && (
        <p id="request-error" className="field-error" role="alert">
          {requestError}
        </p>
      )}
      <div className="request-options">
        <div className="field field-headers">
          <label className="field-label" htmlFor="rl-headers">
            Request headers
          </label>
          <textarea
            id="rl-headers"
            rows={2}
            spellCheck={false}
            value={form.headers}
            placeholder={'X-Version: 2\nCookie: canary=always'}
            onChange={(e) => setForm({ headers: e.target.value })}
          />
        </div>
        <div className="entry-fields">
          <div className="field">
            <label className="field-label" htmlFor="rl-entry">
              Entry point
            </label>
            <select id="rl-entry" value={mode} onChange={(e) => setMode(e.target.value as EntryMode)}>
              {(Object.keys(MODE_LABEL) as EntryMode[]).map((m) => (
                <option key={m} value={m}>
                  {MODE_LABEL[m]}
                </option>
              ))}
            </select>
          </div>
          {mode !== 'gateway' && (
            <div className="field">
              <label className="field-label" htmlFor="rl-controller">
                Ingress controller
              </label>
              <select id="rl-controller" value={form.controller} onChange={(e) => setForm({ controller: e.target.value as ControllerName })}>
                {CONTROLLER_NAMES.map((c) => (
                  <option key={c} value={c}>
                    {CONTROLLER_LABEL[c]}
                  </option>
                ))}
              </select>
            </div>
          )}
          {mode !== 'ingress' && (mode === 'gateway' || gateways.length > 0 || !!form.gateway) && (
            <div className="field">
              <label className="field-label" htmlFor="rl-gateway">
                Gateway listener
              </label>
              <select
                id="rl-gateway"
                value={gatewayValue}
                onChange={(e) => {
                  const [gateway, listener = ''] = e.target.value.split('|');
                  setForm({ gateway, listener });
                }}
              >
                <option value="">Auto (by DNS, port and host)</option>
                {!knownGateway && (
                  <option value={gatewayValue}>
                    {form.gateway}
                    {form.listener ? ` › ${form.listener}` : ''} (not in the manifests)
                  </option>
                )}
                {gateways.map((g) => {
                  const id = `${g.namespace}/${g.name}`;
                  return (
                    <optgroup key={id} label={`Gateway ${id}`}>
                      <option value={`${id}|`}>{id}: any listener</option>
                      {g.listeners.map((l) => (
                        <option key={l.name} value={`${id}|${l.name}`}>
                          {id} › {l.name} ({l.protocol} :{l.port}
                          {l.hostname ? ` ${l.hostname}` : ''})
                        </option>
                      ))}
                    </optgroup>
                  );
                })}
              </select>
            </div>
          )}
          {mode !== 'ingress' && (mode === 'gateway' || gateways.length > 0 || !!form.gateway) && (
            <div className="field">
              <label className="field-label" htmlFor="rl-implementation">
                Implementation
              </label>
              <select id="rl-implementation" value={form.implementation || 'portable'} onChange={(e) => setForm({ implementation: e.target.value === 'portable' ? '' : e.target.value })}>
                {IMPLEMENTATIONS.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.report ? implementationLabel(p) : 'portable (the Gateway API specification)'}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </div>
    </form>
  );
}
