/**
 * Stands in for `require('typescript')` inside the lint worker's bundle. The worker has no `vscode`
 * API, so the host passes the places to look (../host/typescript-locations) as the worker's data.
 */
import { workerData } from 'node:worker_threads';
import { requireTypeScript } from '../core/require-typescript';

export = requireTypeScript((workerData as { typescriptPaths?: string[] } | null)?.typescriptPaths ?? []);
