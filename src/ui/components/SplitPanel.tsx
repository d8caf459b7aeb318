// A weighted split (canary weights, backendRefs weights): each backend's configured
// share, and a seeded simulated run of N requests with the counts each one got. The
// shares are the engine's; the run is simulateSplit in the analysis worker.
import { useEffect, useState } from 'react';
import type { WeightedBackend } from '../../engine/index';
import { MAX_SPLIT_RUNS } from '../../worker/protocol';
import { DEFAULT_SPLIT_RUNS, splitKey, useAnalysis } from '../analysis/state';
import { parseRuns, percent, splitRows } from '../analysis/view';
import { describeWorkerError } from '../engine';

export function SplitPanel({ backends }: { backends: WeightedBackend[] }) {
  const runs = useAnalysis((a) => a.splitRuns);
  const seed = useAnalysis((a) => a.splitSeed);
  const split = useAnalysis((a) => a.split);
  // The run on screen belongs to these backends, this N and this seed (else it is on its way).
  const current = useAnalysis(() => splitKey()) === split.key;
  const [runsText, setRunsText] = useState(String(runs));
  const [seedText, setSeedText] = useState(String(seed));
  useEffect(() => setRunsText(String(runs)), [runs]);
  useEffect(() => setSeedText(String(seed)), [seed]);
  const runsOk = parseRuns(runsText, MAX_SPLIT_RUNS) !== undefined;
  const seedOk = parseRuns(seedText, 2 ** 31) !== undefined;
  const result = current ? split.value : undefined;
  const rows = result ? splitRows(result) : [];

  return (
    <section className="split-panel" aria-label="Traffic split" aria-busy={split.status === 'running'}>
      <div className="section-head">
        <h4>Traffic split</h4>
        <span className="muted">{backends.length} backends by weight</span>
      </div>
      <div className="split-controls">
        <div className="field">
          <label className="field-label" htmlFor="rl-split-runs">
            Simulated requests
          </label>
          <input
            id="rl-split-runs"
            type="number"
            min={1}
            max={MAX_SPLIT_RUNS}
            step={1}
            value={runsText}
            aria-invalid={!runsOk}
            aria-describedby={runsOk ? undefined : 'rl-split-runs-error'}
            onChange={(e) => {
              setRunsText(e.target.value);
              const n = parseRuns(e.target.value, MAX_SPLIT_RUNS);
              if (n !== undefined) useAnalysis.setState({ splitRuns: n });
            }}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="rl-split-seed">
            Seed
          </label>
          <input
            id="rl-split-seed"
            type="number"
            min={1}
            step={1}
            value={seedText}
            aria-invalid={!seedOk}
            onChange={(e) => {
              setSeedText(e.target.value);
              const n = parseRuns(e.target.value, 2 ** 31);
              if (n !== undefined) useAnalysis.setState({ splitSeed: n });
            }}
          />
        </div>
        {runs !== DEFAULT_SPLIT_RUNS && (
          <button type="button" className="btn btn-small btn-quiet" onClick={() => useAnalysis.setState({ splitRuns: DEFAULT_SPLIT_RUNS })}>
            Back to {DEFAULT_SPLIT_RUNS}
          </button>
        )}
      </div>
      {!runsOk && (
        <p id="rl-split-runs-error" className="field-error">
          A whole number from 1 to {MAX_SPLIT_RUNS.toLocaleString('en')}.
        </p>
      )}
      {split.status === 'error' && split.error && <p className="field-error" role="alert">The simulated run stopped: {describeWorkerError(split.error)}</p>}
      <table className="split-table">
        <caption className="visually-hidden">Configured shares and a simulated run of {runs} requests</caption>
        <thead>
          <tr>
            <th scope="col">Backend</th>
            <th scope="col">Weight</th>
            <th scope="col">Configured share</th>
            <th scope="col">Simulated</th>
            <th scope="col">Observed</th>
          </tr>
        </thead>
        <tbody>
          {backends.map((b, i) => {
            const r = rows[i];
            return (
              <tr key={i}>
                <th scope="row">
                  {b.namespace}/{b.service}
                  {b.port !== undefined && `:${b.port}`}
                </th>
                <td>{b.weight}</td>
                <td>
                  <span className="share-bar" aria-hidden="true">
                    <span style={{ width: percent(b.share) }} />
                  </span>
                  {percent(b.share)}
                </td>
                <td>{r ? r.count.toLocaleString('en') : '…'}</td>
                <td>{r ? r.observed : '…'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted split-note">
        {result
          ? `${result.runs.toLocaleString('en')} requests simulated with seed ${result.seed}: each picks a backend at random by weight, so a finite run strays from the configured shares.`
          : 'Simulating…'}
      </p>
    </section>
  );
}
