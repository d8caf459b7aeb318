// A line at the top of the results when the latest run failed, so it is seen without scrolling.
import { describeWorkerError } from '../engine';
import { useStore } from '../store';

export function RunBanner() {
  const error = useStore((s) => (s.trace.status === 'error' ? s.trace.error : undefined));
  if (!error) return null;
  return <p className="run-banner">{describeWorkerError(error)}</p>;
}
