// Bundles the extension with esbuild: one CommonJS file for the Node extension host. `vscode` is
// provided by the host; TypeScript is taken from VS Code itself at run time (src/host/typescript-shim.ts).
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');

/**
 * `typescript` → the shim that loads VS Code's own TypeScript; `eslint` (and its unsupported-api
 * entry) → a stub exposing only `Linter` from `eslint/universal`. The type-aware project service is
 * never used (rules need no type information), so its tsserver import is left out.
 */
const substitutes = {
  name: 'breakwater-substitutes',
  setup(build) {
    const file = (relative) => ({ path: path.join(root, relative) });
    build.onResolve({ filter: /^typescript$/ }, () => file('src/host/typescript-shim.ts'));
    build.onResolve({ filter: /^typescript\/lib\/tsserverlibrary$/ }, () => file('src/host/typescript-shim.ts'));
    build.onResolve({ filter: /^eslint(\/use-at-your-own-risk)?$/ }, () => file('src/host/eslint-stub.ts'));
  },
};

const result = await esbuild.build({
  plugins: [substitutes],
  absWorkingDir: root,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`dist/extension.js: ${(bytes / 1024).toFixed(0)} KiB${production ? ' (minified)' : ''}`);

// The Policy Simulator panel: a browser bundle (script + stylesheet) with the engine's worker inlined
// as text, so the panel can start it from a blob under its Content-Security-Policy.
const worker = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/webview/simulator/worker.ts'],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  write: false,
  logLevel: 'warning',
});
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { simulator: 'src/webview/simulator/main.ts' },
  outdir: 'dist/webview',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: production,
  define: { __WORKER_SOURCE__: JSON.stringify(worker.outputFiles[0].text) },
  logLevel: 'warning',
});

// The simulator CLI: plain Node, no VS Code.
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/sim-cli.ts'],
  outfile: 'dist/breakwater-sim.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  logLevel: 'warning',
});
