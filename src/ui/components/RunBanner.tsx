// A line at the top of the results when the latest run failed, so it is seen without scrolling.
import { describeWorkerError } from '../engine';
import { tooLargeMessage } from '../largeText';
import { useStore } from '../store';

export function RunBanner() {
  const error = useStore((s) => (s.trace.status === 'error' ? s.trace.error : undefined));
  // The engine read nothing because the text is over its size limit: said here, not only
  // among the load problems, since the trace below is then of an empty cluster.
  const tooLarge = useStore((s) => {
    const load = s.trace.value?.load;
    return load && load.version === s.yamlVersion ? tooLargeMessage(load.diagnostics) : undefined;
  });
  if (error) return <p className="run-banner">{describeWorkerError(error)}</p>;
  if (tooLarge) return <p className="run-banner" role="alert">{tooLarge}</p>;
  return null;
}
