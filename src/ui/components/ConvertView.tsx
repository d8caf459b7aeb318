// The Migrate view: the Ingresses converted to Gateway API for the implementation the team
// moves to, beside the original in the editor. The ingress-nginx quirks with keep / drop
// choices, the annotations that block the move, the proof (the generated requests traced
// through both configs, on the target's profile), an access log replayed through both, and
// the cutover script to download. Everything is decided in the analysis worker; this only
// shows it and passes the choices back.
import { useState, type DragEvent } from 'react';
// Runtime values from leaf modules, not the engine barrel: this chunk stays free of the engine.
import type { ConvertQuirk, QuirkChoice } from '../../engine/index';
import { CONTROLLER_NAMES, type ControllerName } from '../../engine/model/request';
import { IMPLEMENTATIONS } from '../../engine/gateway/implementations/index';
import { clearReplayLog, closeConversion, openConvertedAsScenario, setReplayLog, traceConverted, traceRequest, useAnalysis, verifyScriptFor } from '../analysis/state';
import { CONTROLLER_TITLE, proofHeadline, requestText } from '../analysis/view';
import { describeWorkerError } from '../engine';
import type { ConvertResult } from '../../worker/protocol';
import { useStore } from '../store';
import { SourceButton } from './SourceButton';

/** Ingress controllers teams move to while keeping their Ingresses. */
const KEEP_TARGETS: ControllerName[] = ['f5-nginx', 'traefik-nginx'];

/** The same Ingresses under the controller in use and the one moved to: what changes, and why. */
function SwapSection({ result, stale }: { result: ConvertResult; stale: boolean }) {
  const swap = result.swap!;
  const from = CONTROLLER_TITLE[result.controller];
  const to = CONTROLLER_TITLE[swap.to];
  return (
    <div className={stale ? 'is-updating' : undefined}>
      <p className={`proof-headline ${swap.differences.length || swap.stopWorking.length ? 'proof-declared' : 'proof-good'}`} aria-label="Swap result">
        {swap.requests} requests traced on {from} and {to}: {swap.differences.length} route differently; {swap.stopWorking.length} annotation{swap.stopWorking.length === 1 ? ' stops' : 's stop'} working
      </p>
      <p className="muted view-intro">
        The same YAML, each controller serving every Ingress (as when the IngressClass is pointed at the new controller). Each difference comes with its cause from the two traces.
      </p>
      <section aria-label="Annotations that stop working" className="convert-section">
        <h4>Annotations that stop working</h4>
        {swap.stopWorking.length === 0 ? (
          <p className="muted">None: {to} reads every annotation {from} does here, or RouteLab finds no difference.</p>
        ) : (
          <ul className="deviation-list">
            {swap.stopWorking.map((w, i) => (
              <li key={i}>
                <strong>{w.object}</strong> <code>{w.key}</code>: {w.why}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Requests that route differently" className="convert-section">
        <h4>Requests that route differently</h4>
        {swap.differences.length === 0 ? (
          <p className="muted">None: every generated request gets the same outcome from both controllers.</p>
        ) : (
          <ul className="diff-list">
            {swap.differences.map((d, i) => (
              <li key={i} className={`diff-item${d.cause ? '' : ' is-undeclared'}`}>
                <div className="diff-request">
                  <span className={`badge ${d.cause ? 'badge-none' : 'badge-fail'}`}>{d.cause ? 'changes' : 'unexplained'}</span> <span>{requestText(d.request)}</span>
                  {d.request.why && <span className="muted"> {d.request.why}</span>}
                </div>
                <dl className="sides">
                  <dt>
                    <button type="button" className="link-btn" onClick={() => traceRequest(d.request, result.controller)} title={`Trace this request with ${from}`}>
                      {from}
                    </button>
                  </dt>
                  <dd>
                    {d.before.outcome} <span className="muted">[{d.before.rule}]</span>
                  </dd>
                  <dt>
                    <button type="button" className="link-btn" onClick={() => traceRequest(d.request, swap.to)} title={`Trace this request with ${to}`}>
                      {to}
                    </button>
                  </dt>
                  <dd>
                    {d.after.outcome} <span className="muted">[{d.after.rule}]</span>
                  </dd>
                  <dt>Because</dt>
                  <dd>{d.cause ?? 'no step of either trace says why'}</dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ReplaySection />
      <VerifySection />
    </div>
  );
}

const QUIRK_TEXT: Record<ConvertQuirk, { title: string; keep: string; drop: string }> = {
  'slash-redirect': {
    title: 'Trailing-slash redirect',
    keep: 'an Exact rule answers the path without its slash with 301, as NGINX does for a prefix location ending in “/”',
    drop: 'the route serves the path without its slash directly; clients that relied on the 301 see the page instead',
  },
  'case-insensitive': {
    title: 'Case-insensitive regex locations',
    keep: 'the paths of a host with use-regex or rewrite-target become (?i) RegularExpression matches that take any path starting with them, as NGINX’s ~* locations do',
    drop: 'paths match with their exact case and whole path elements, as Gateway API says; requests that only worked through NGINX’s case-insensitivity change',
  },
};

/** Largest access log the page reads (the CLI streams any size). */
const MAX_LOG_BYTES = 64 * 1024 * 1024;

async function logText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const { gunzipSync } = await import('fflate');
    return new TextDecoder().decode(gunzipSync(bytes));
  }
  return new TextDecoder().decode(bytes);
}

function ReplaySection() {
  const log = useAnalysis((a) => a.replayLog);
  const run = useAnalysis((a) => a.replay);
  const host = useAnalysis((a) => a.replayHost);
  const format = useAnalysis((a) => a.replayFormat);
  const notify = useStore((s) => s.notify);
  const [over, setOver] = useState(false);
  const r = run.value && run.value.logId === log?.id ? run.value : undefined;

  const take = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_LOG_BYTES) {
      notify('warning', `${file.name} is ${(file.size / 2 ** 20).toFixed(0)} MB; the page reads logs up to 64 MB. Replay it with routelab replay --log, which streams any size.`);
      return;
    }
    try {
      setReplayLog(file.name, await logText(file));
    } catch (err) {
      notify('warning', `${file.name} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  };

  return (
    <section aria-label="Access log replay" className="convert-section">
      <h4>Replay an access log</h4>
      <div
        className={`drop-zone${over ? ' is-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="log-drop-zone"
      >
        <p>
          Drop an ingress-nginx access log here (its default <code>log-format-upstream</code>, or give yours), or{' '}
          <label className="link-btn">
            choose a file
            <input type="file" className="visually-hidden" aria-label="Access log" onChange={(e) => void take(e.target.files?.[0])} />
          </label>
          . Each line’s <code>$proxy_upstream_name</code> is compared with the backend the trace picks, and the line is traced again through the conversion.
        </p>
        {log && (
          <p>
            <strong>{log.name}</strong>{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={clearReplayLog}>
              Remove the log
            </button>
          </p>
        )}
      </div>
      <div className="convert-controls">
        <div className="field">
          <label className="field-label" htmlFor="rl-replay-host">
            Host of every line (the default format logs none)
          </label>
          <input id="rl-replay-host" value={host} placeholder="shop.example.com" onChange={(e) => useAnalysis.setState({ replayHost: e.target.value })} />
        </div>
        <div className="field field-wide">
          <label className="field-label" htmlFor="rl-replay-format">
            Log format (empty: ingress-nginx’s default)
          </label>
          <input id="rl-replay-format" value={format} placeholder="$remote_addr - $remote_user [$time_local] &quot;$request&quot; …" onChange={(e) => useAnalysis.setState({ replayFormat: e.target.value })} />
        </div>
      </div>
      {log && run.status === 'running' && <p className="muted">replaying…</p>}
      {log && run.status === 'error' && run.error && <p className="field-error" role="alert">The replay stopped: {describeWorkerError(run.error)}</p>}
      {r?.error && (
        <p className="field-error" role="alert">
          {r.error}
        </p>
      )}
      {r && !r.error && (
        <div>
          <p className={`proof-headline ${r.differ ? 'proof-bad' : 'proof-good'}`} aria-label="Replay result">
            {r.lines} lines replayed: {r.agree} agree, {r.differ} differ; {r.changed} route differently after the move
            {r.truncated ? ' (the first 20,000 lines; routelab replay streams the whole log)' : ''}
          </p>
          {r.assumptions.map((a, i) => (
            <p key={i} className="muted">
              assumed: {a}
            </p>
          ))}
          {r.differences.length > 0 && (
            <ul className="diff-list" aria-label="Lines where the trace disagrees with the log">
              {r.differences.map((d, i) => (
                <li key={i} className="diff-item is-undeclared">
                  <div className="diff-request">
                    <span className="badge badge-fail">differs</span>{' '}
                    <button type="button" className="link-btn" onClick={() => traceRequest(d.request, d.request.controller)}>
                      {requestText(d.request)}
                    </button>
                    <span className="muted"> line {d.lines.join(', ')}{d.count > d.lines.length ? ` and ${d.count - d.lines.length} more` : ''}</span>
                  </div>
                  <dl className="sides">
                    <dt>Logged</dt>
                    <dd>{d.logged}</dd>
                    <dt>Traced</dt>
                    <dd>
                      {d.traced} <span className="muted">[{d.rule}]</span>
                    </dd>
                    <dt>Why</dt>
                    <dd>{d.why}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          )}
          {r.changes.length > 0 && (
            <ul className="diff-list" aria-label="Logged requests that change after the move">
              {r.changes.map((c, i) => (
                <li key={i} className="diff-item">
                  <div className="diff-request">
                    <span className="badge badge-none">changes</span>{' '}
                    <button type="button" className="link-btn" onClick={() => traceRequest(c.request, c.request.controller)}>
                      {requestText(c.request)}
                    </button>
                    <span className="muted"> {c.count} line{c.count === 1 ? '' : 's'}</span>
                  </div>
                  <dl className="sides">
                    <dt>Now</dt>
                    <dd>
                      {c.before.outcome} <span className="muted">[{c.before.rule}]</span>
                    </dd>
                    <dt>After the move</dt>
                    <dd>
                      {c.after.outcome} <span className="muted">[{c.after.rule}]</span>
                    </dd>
                  </dl>
                </li>
              ))}
            </ul>
          )}
          {r.skippedSamples.map((k) => (
            <p key={k.line} className="muted">
              skipped line {k.line}: {k.why}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}

function VerifySection() {
  const [address, setAddress] = useState('');
  const [header, setHeader] = useState('');
  const [from, setFrom] = useState<'generated' | 'log' | 'saved'>('generated');
  const hasLog = useAnalysis((a) => !!a.replayLog);
  const saved = useStore((s) => s.requests.length);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string } | undefined>();

  const download = async () => {
    setStatus({ kind: 'busy', text: 'writing the script…' });
    const r = await verifyScriptFor(address, header, from === 'log' && !hasLog ? 'generated' : from);
    if (!('script' in r) || !r.script) {
      setStatus({ kind: 'error', text: r.error ?? 'the script could not be written' });
      return;
    }
    const url = URL.createObjectURL(new Blob([r.script], { type: 'text/x-shellscript' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'routelab-verify.sh';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus({ kind: 'ok', text: `routelab-verify.sh: ${r.requests} requests, ${r.known} known to change on the target${r.skipped ? `, ${r.skipped} left out` : ''}. Run it before the DNS switch: bash routelab-verify.sh` });
  };

  return (
    <section aria-label="Cutover script" className="convert-section">
      <h4>Cutover script</h4>
      <p className="muted">
        A bash script of <code>curl --resolve host:port:ADDRESS</code> requests to the new entry point, each expecting what the Ingresses answer today; requests the
        proof already knows change are marked. It exits non-zero on any mismatch.
      </p>
      <div className="convert-controls">
        <div className="field">
          <label className="field-label" htmlFor="rl-verify-address">
            New entry point’s IP address
          </label>
          <input id="rl-verify-address" value={address} placeholder="192.0.2.10" onChange={(e) => setAddress(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="rl-verify-header">
            Response header naming the backend (optional)
          </label>
          <input id="rl-verify-header" value={header} placeholder="X-Backend" onChange={(e) => setHeader(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="rl-verify-from">
            Requests to send
          </label>
          <select id="rl-verify-from" value={from} onChange={(e) => setFrom(e.target.value as typeof from)}>
            <option value="generated">the generated request set</option>
            <option value="log" disabled={!hasLog}>
              the access log’s distinct requests{hasLog ? '' : ' (drop a log above)'}
            </option>
            <option value="saved" disabled={saved === 0}>
              the saved requests ({saved})
            </option>
          </select>
        </div>
        <button type="button" className="btn" disabled={!address.trim() || status?.kind === 'busy'} onClick={() => void download()}>
          Download verify script
        </button>
      </div>
      {status && (
        <p className={status.kind === 'error' ? 'field-error' : 'muted'} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
    </section>
  );
}

export default function ConvertView() {
  const run = useAnalysis((a) => a.convert);
  const chosen = useAnalysis((a) => a.convertController);
  const target = useAnalysis((a) => a.convertTarget);
  const quirkChoices = useAnalysis((a) => a.convertQuirks);
  const yamlVersion = useStore((s) => s.yamlVersion);
  const notify = useStore((s) => s.notify);
  const [copied, setCopied] = useState(false);
  const result = run.value;
  const stale = !!result && (result.version !== yamlVersion || result.target !== target);
  const proof = result?.proof;
  const keep = target.startsWith('keep:');
  const targetTitle = keep ? CONTROLLER_TITLE[target.slice(5) as ControllerName] ?? target : IMPLEMENTATIONS.find((p) => p.name === (result?.target ?? target))?.title ?? 'portable Gateway API';

  const copy = async () => {
    if (!result) return;
    try {
      await navigator.clipboard.writeText(result.yaml);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      notify('warning', 'The clipboard is not available here: select the YAML and copy it by hand.');
    }
  };
  const choose = (q: ConvertQuirk, c: QuirkChoice) => useAnalysis.setState({ convertQuirks: { ...quirkChoices, [q]: c } });

  return (
    <section className="analysis-view" aria-label="Migrate" aria-busy={run.status === 'running'}>
      <div className="section-head">
        <h3>{keep ? `Keep the Ingresses, move to ${targetTitle}` : 'Migrate to Gateway API'}</h3>
        <button type="button" className="btn btn-small btn-quiet" onClick={closeConversion}>
          Close
        </button>
      </div>
      <div className="convert-controls">
        <div className="field">
          <label className="field-label" htmlFor="rl-convert-controller">
            The Ingresses were written for
          </label>
          <select
            id="rl-convert-controller"
            value={chosen ?? ''}
            onChange={(e) => useAnalysis.setState({ convertController: (e.target.value || undefined) as ControllerName | undefined })}
          >
            <option value="">{result ? `${CONTROLLER_TITLE[result.inferred]} (inferred from the manifests)` : 'inferred from the manifests'}</option>
            {CONTROLLER_NAMES.map((c) => (
              <option key={c} value={c}>
                {CONTROLLER_TITLE[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="rl-convert-target">
            Moving to
          </label>
          <select id="rl-convert-target" value={target} onChange={(e) => useAnalysis.setState({ convertTarget: e.target.value })}>
            <optgroup label="Gateway API (convert)">
              {IMPLEMENTATIONS.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.title}
                  {p.report ? ` ${p.report.version}` : ''}
                </option>
              ))}
            </optgroup>
            <optgroup label="Keep the Ingresses, swap the controller">
              {KEEP_TARGETS.map((c) => (
                <option key={c} value={`keep:${c}`}>
                  Keep Ingress: {CONTROLLER_TITLE[c]}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        {!keep && (
          <>
            <button type="button" className="btn btn-primary" disabled={!result || stale || result.ingresses === 0} onClick={openConvertedAsScenario}>
              Open as scenario
            </button>
            <button type="button" className="btn" disabled={!result || result.ingresses === 0} onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy YAML'}
            </button>
          </>
        )}
        <span className="muted">{run.status === 'running' ? 'converting and tracing…' : stale ? 'updating…' : ''}</span>
      </div>
      {run.status === 'error' && run.error && (
        <p className="field-error" role="alert">
          The conversion stopped: {describeWorkerError(run.error)}
        </p>
      )}
      {!result && run.status !== 'error' && <p className="muted">Converting the Ingresses and tracing both configs…</p>}
      {result && result.ingresses === 0 && <p className="muted">No Ingress in the manifests: there is nothing to convert.</p>}
      {result && result.ingresses > 0 && result.swap && <SwapSection result={result} stale={stale} />}
      {result && result.ingresses > 0 && !result.swap && (
        <div className={stale ? 'is-updating' : undefined}>
          {proof && (
            <p className={`proof-headline ${proof.undeclared ? 'proof-bad' : proof.differences.length ? 'proof-declared' : 'proof-good'}`}>
              {proofHeadline(proof)} on {targetTitle}
            </p>
          )}
          <p className="muted view-intro">
            {result.ingresses} Ingress{result.ingresses === 1 ? '' : 'es'} as {CONTROLLER_TITLE[result.controller]} reads them, converted for {targetTitle} to {result.objects}{' '}
            objects (Services and workloads carried over). “Open as scenario” replaces the work with it, one Undo away; the saved requests come along and check it.
          </p>

          {result.quirks.some((q) => q.ruleIds.length) && (
            <section aria-label="Quirks" className="convert-section">
              <h4>ingress-nginx quirks this config depends on</h4>
              <ul className="deviation-list">
                {result.quirks
                  .filter((q) => q.ruleIds.length)
                  .map((q) => {
                    const choice = quirkChoices[q.quirk] ?? q.choice;
                    return (
                      <li key={q.quirk}>
                        <fieldset className="quirk">
                          <legend>
                            <strong>{QUIRK_TEXT[q.quirk].title}</strong> <span className="muted">({q.ruleIds.length} rule{q.ruleIds.length === 1 ? '' : 's'})</span>
                          </legend>
                          {(['keep', 'drop'] as const).map((c) => (
                            <label key={c} className="quirk-choice">
                              <input type="radio" name={`quirk-${q.quirk}`} value={c} checked={choice === c} onChange={() => choose(q.quirk, c)} aria-label={`${c === 'keep' ? 'Keep' : 'Drop'} ${QUIRK_TEXT[q.quirk].title.toLowerCase()}`} />{' '}
                              {c === 'keep' ? 'Keep' : 'Drop'}: {QUIRK_TEXT[q.quirk][c]}
                            </label>
                          ))}
                          <p className="muted">Requests that depend on it: {q.requests.slice(0, 5).join(', ')}{q.requests.length > 5 ? ` and ${q.requests.length - 5} more` : ''}</p>
                        </fieldset>
                      </li>
                    );
                  })}
              </ul>
            </section>
          )}

          <section aria-label="Blockers" className="convert-section">
            <h4>Blockers</h4>
            {result.blockers.length === 0 ? (
              <p className="muted">None: no annotation here lacks a Gateway API form.</p>
            ) : (
              <ul className="deviation-list">
                {result.blockers.map((b, i) => (
                  <li key={i}>
                    <code className="problem-code">Blocker</code> {b.deviation.object && <strong>{b.deviation.object}: </strong>}
                    {b.deviation.message} <SourceButton source={b.deviation.source} what="Blocker" />
                    {b.requests.length > 0 && <p className="muted">Affects {b.requests.map((r) => requestText(r)).join(', ')}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-label="Requests that route differently" className="convert-section">
            <h4>Requests that route differently</h4>
            {proof && proof.differences.length === 0 ? (
              <p className="muted">None: every generated request gets the same outcome from the Ingresses and from the Gateway API config on {targetTitle}.</p>
            ) : (
              <ul className="diff-list">
                {proof?.differences.map((d, i) => (
                  <li key={i} className={`diff-item${d.declared ? '' : ' is-undeclared'}`}>
                    <div className="diff-request">
                      <span className={`badge ${d.declared ? 'badge-none' : 'badge-fail'}`}>{d.declared ? 'declared' : 'not declared'}</span>
                      <button type="button" className="link-btn" onClick={() => traceRequest(d.request, result.controller)} title="Trace this request with the Ingresses">
                        {requestText(d.request)}
                      </button>
                      {d.request.why && <span className="muted"> {d.request.why}</span>}
                    </div>
                    <dl className="sides">
                      <dt>Ingress ({CONTROLLER_TITLE[result.controller]})</dt>
                      <dd>
                        {d.ingress.outcome} <span className="muted">[{d.ingress.rule}]</span>
                      </dd>
                      <dt>Gateway API ({targetTitle})</dt>
                      <dd>
                        {d.gateway.outcome} <span className="muted">[{d.gateway.rule}]</span>{' '}
                        <button type="button" className="btn btn-small btn-quiet" disabled={stale} onClick={() => traceConverted(d.request)} title="Open the conversion as the scenario (one Undo away) and trace this request there">
                          Trace on the conversion
                        </button>
                      </dd>
                      {d.declared && (
                        <>
                          <dt>Declared</dt>
                          <dd>{d.declared.message}</dd>
                        </>
                      )}
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <ReplaySection />
          <VerifySection />

          <section aria-label="Declared deviations" className="convert-section">
            <h4>Declared deviations</h4>
            {result.deviations.length === 0 ? (
              <p className="muted">None: every mapping is exact.</p>
            ) : (
              <ul className="deviation-list">
                {result.deviations.map((d, i) => (
                  <li key={i}>
                    <code className="problem-code">{d.code}</code> {d.object && <strong>{d.object}: </strong>}
                    {d.message} <SourceButton source={d.source} what={d.code} />
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-label="Gateway API YAML" className="convert-section">
            <h4>Gateway API YAML</h4>
            <pre className="code-block" tabIndex={0} aria-label="Converted Gateway API YAML (read-only)">
              <code>{result.yaml}</code>
            </pre>
          </section>
        </div>
      )}
    </section>
  );
}
