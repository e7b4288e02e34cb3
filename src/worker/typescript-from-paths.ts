/**
 * Stands in for `require('typescript')` inside the lint worker's bundle: the worker has no `vscode`
 * API, so the extension host passes the places to look (VS Code's own TypeScript, then the
 * workspace's; see ../host/typescript-shim) as the worker's data.
 */
import { workerData } from 'node:worker_threads';

function loadTypeScript(): unknown {
  const candidates = (workerData as { typescriptPaths?: string[] } | null)?.typescriptPaths ?? [];
  for (const candidate of candidates) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(candidate);
    } catch {
      // try the next one
    }
  }
  throw new Error('Breakwater could not find TypeScript (looked in VS Code and the workspace); TypeScript files are not linted.');
}

export = loadTypeScript();
