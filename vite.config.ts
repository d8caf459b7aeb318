/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Starts the engine worker from a few bytes of inline script at the top of the built page,
 * while the HTML is still being read, instead of from the main script once it has been
 * loaded and run (about 100 ms later on a 2-core machine). Messages to a worker that has
 * not started wait on the page's thread, which is then busy with its first render, so a
 * worker started late held the first trace back. src/ui/engine.ts takes this worker.
 * Build only: the dev server starts the worker from engine.ts.
 */
function startEngineWorkerEarly(): Plugin {
  return {
    name: 'routelab-start-engine-worker',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const worker = Object.keys(ctx.bundle ?? {}).filter((f) => /(^|\/)engine\.worker-[\w-]+\.js$/.test(f));
        if (worker.length !== 1) throw new Error(`routelab-start-engine-worker: expected one engine worker script, found ${worker.join(', ') || 'none'}`);
        const code = `try{self.__routelabEngineWorker=new Worker(${JSON.stringify(`./${worker[0]}`)},{type:'module',name:'routelab-engine'})}catch(e){}`;
        return [{ tag: 'script', children: code, injectTo: 'head-prepend' }];
      },
    },
  };
}

// base './' makes the built site work from any path (GitHub Pages project sites, file servers).
export default defineConfig({
  base: './',
  plugins: [react(), startEngineWorkerEarly()],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1', port: 5173 },
  // Pre-bundled up front, so the first dev-server run does not reload the page mid-way
  // when Monaco, monaco-yaml and their workers are first requested.
  optimizeDeps: {
    include: [
      'react',
      'react-dom/client',
      'zustand',
      '@xyflow/react',
      'fflate',
      'js-yaml',
      're2js',
      'monaco-yaml',
      'monaco-editor/esm/vs/editor/edcore.main.js',
      'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js',
      'monaco-editor/esm/vs/editor/editor.worker.js',
      'monaco-yaml/yaml.worker.js',
    ],
  },
  preview: { host: '127.0.0.1', port: 4173 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
