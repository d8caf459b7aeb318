// RouteLab's page: the scenario (manifests) on the left; the request, the diagram
// and the trace on the right. Components are thin; the engine runs in a worker.
import { useState, type CSSProperties } from 'react';
import { Diagram } from './components/Diagram';
import { Splitter } from './components/Splitter';
import { EditorPane } from './components/EditorPane';
import { Header } from './components/Header';
import { LoadPanel } from './components/LoadPanel';
import { NoticeBar } from './components/NoticeBar';
import { RequestBar } from './components/RequestBar';
import { RunBanner } from './components/RunBanner';
import { SavedRequests } from './components/SavedRequests';
import { ScenarioInfo } from './components/ScenarioInfo';
import { TracePanel } from './components/TracePanel';

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
        </section>
        <Splitter value={left} onChange={setLeft} />
        <div className="pane pane-right" id="request" tabIndex={-1}>
          <RequestBar />
          <RunBanner />
          <SavedRequests />
          <Diagram />
          <TracePanel />
        </div>
      </main>
    </div>
  );
}
