/**
 * The lint worker: a worker thread that runs the plugin's rules for the extension host, so a long
 * file's lint never holds up the host's event loop (vscode-eslint runs ESLint in a server process for
 * the same reason). It answers ./core/lint-documents requests posted as `{ id, request }` with
 * `{ id, result }` or `{ id, error }`, and sends `{ log }` lines for the Breakwater output.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Linter } from 'eslint/universal';
import { LintDocuments, type LintRequest } from './core/lint-documents';
import { editorParsing } from './core/parsers';
import type { ExtensionSettings } from './core/settings';

/* eslint-disable @typescript-eslint/no-require-imports -- the plugin is bundled in, as CommonJS */
const plugin = require('eslint-plugin-breakwater');
const { readCockatielPolicies } = require('eslint-plugin-breakwater/dist/policies');
const { wrapEditsForCall, textMayUseNetwork } = require('eslint-plugin-breakwater/dist/edits');
/* eslint-enable @typescript-eslint/no-require-imports */

/** What the host starts the worker with. */
export interface LintWorkerData {
  readonly settings: ExtensionSettings;
  /** Where to load TypeScript from, in order (see ./worker/typescript-from-paths). */
  readonly typescriptPaths: readonly string[];
}

const port = parentPort!;
const { settings } = workerData as LintWorkerData;
const documents = new LintDocuments(
  { Linter, plugin, ...editorParsing, wrapEditsForCall, textMayUseNetwork, readCockatielPolicies },
  settings,
  (line) => port.postMessage({ log: line }),
);

port.on('message', ({ id, request }: { id: number; request: LintRequest }) => {
  try {
    port.postMessage({ id, result: documents.handle(request) });
  } catch (error) {
    port.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
