/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' makes the built site work from any path (GitHub Pages project sites, file servers).
export default defineConfig({
  base: './',
  plugins: [react()],
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
