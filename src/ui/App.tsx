// RouteLab's page: the scenario (manifests) and its problems on the left; the request
// and the results on the right (the trace and diagram, the controller comparison, the
// changes since a baseline, the Gateway API conversion). Components are thin; the
// engine runs in workers.
import { useState, type CSSProperties } from 'react';
import { Splitter } from './components/Splitter';
import { EditorPane } from './components/EditorPane';
import { Header } from './components/Header';
import { LoadPanel } from './components/LoadPanel';
import { NoticeBar } from './components/NoticeBar';
import { RequestBar } from './components/RequestBar';
import { ProblemsPanel } from './components/ProblemsPanel';
import { CapabilitiesPanel } from './components/CapabilitiesPanel';
import { ResultsTabs } from './components/ResultsTabs';
import { RunBanner } from './components/RunBanner';
import { ScenarioInfo } from './components/ScenarioInfo';

export function App() {
  const [left, setLeft] = useState(40);
  return (
    <div className="app">
      <a className="skip-link" href="#request">
        Skip to the request
      </a>
      <Header />
      <NoticeBar />
      <main className="workspace" style={{ '--left': `${left}%` } as CSSProperties}>
        <section className="pane pane-left" aria-label="Manifests">
          <ScenarioInfo />
          <EditorPane />
          <LoadPanel />
          <ProblemsPanel />
          <CapabilitiesPanel />
        </section>
        <Splitter value={left} onChange={setLeft} />
        <div className="pane pane-right" id="request" tabIndex={-1}>
          <RequestBar />
          <RunBanner />
          <ResultsTabs />
        </div>
      </main>
    </div>
  );
}
