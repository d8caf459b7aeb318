import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { boot, startSync } from './actions';
import { startEngine } from './engine';
import { startAnalysis } from './analysis/state';
import './styles.css';

startEngine();
startAnalysis();
startSync();
// The scenario is in the store before the first render, and its trace already asked for.
boot();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
