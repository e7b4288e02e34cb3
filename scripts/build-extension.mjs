// Bundles the extension with esbuild: CommonJS files for the Node extension host and for its lint
// worker (src/lint-worker.ts). `vscode` is provided by the host; TypeScript is taken from VS Code
// itself at run time (src/worker/typescript-from-paths.ts).
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');

/**
 * For the lint worker: `typescript` → the shim that loads VS Code's own TypeScript from the paths the
 * host passes; `eslint` (and its unsupported-api entry) → a stub exposing only `Linter` from
 * `eslint/universal`. The type-aware project service is never used (rules need no type
 * information), so its tsserver import is left out.
 */
const workerSubstitutes = {
  name: 'breakwater-worker-substitutes',
  setup(build) {
    const file = (relative) => ({ path: path.join(root, relative) });
    build.onResolve({ filter: /^typescript(\/lib\/tsserverlibrary)?$/ }, () => file('src/worker/typescript-from-paths.ts'));
    build.onResolve({ filter: /^eslint(\/use-at-your-own-risk)?$/ }, () => file('src/worker/eslint-stub.ts'));
  },
};

/** For the extension host: linting is the worker's job, so an import that would bundle ESLint or TypeScript here is a build error. */
const hostStaysThin = {
  name: 'breakwater-host-stays-thin',
  setup(build) {
    build.onResolve({ filter: /^(typescript|eslint)(\/.*)?$/ }, (args) => ({
      errors: [{ text: `${args.importer} imports ${args.path}: the extension host does not lint; the lint worker (src/lint-worker.ts) does.` }],
    }));
  },
};

for (const [entry, outfile, plugin] of [
  ['src/extension.ts', 'dist/extension.js', hostStaysThin],
  ['src/lint-worker.ts', 'dist/lint-worker.js', workerSubstitutes],
]) {
  const result = await esbuild.build({
    plugins: [plugin],
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
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
  console.log(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB${production ? ' (minified)' : ''}`);
}

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
