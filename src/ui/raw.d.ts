// Vite's `?raw` imports (text files bundled as strings) are typed by vite/client;
// this keeps them typed under the engine-free vitest run too.
declare module '*.yaml?raw' {
  const text: string;
  export default text;
}
