// Bundles the integration suite (test/integration) for a VS Code extension host: out/integration/
// index.js (the entry `@vscode/test-electron` and the code-server harness load) and the test file it
// hands to mocha. `vscode` comes from the host; mocha is required from the repo's node_modules.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/integration/index.ts', 'test/integration/extension.integration.ts'],
  outdir: 'out/integration',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
