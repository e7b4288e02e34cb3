import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { isFunction, unwrap } from '../util/ast';
import type { FileModel } from './file-model';
import { combine, type PropertyLookup } from './options';
import { MODULE_ALIAS_NAMES } from './module-aliases';

/** Libraries whose retry is configured by an options object at one call. */
export type RetryLibrary = 'cockatiel' | 'p-retry' | 'async-retry' | 'promise-retry' | 'retry' | 'axios-retry' | 'fetch-retry';

/**
 * A call that sets up a retry: cockatiel `retry(handler, opts)`, `pRetry(fn, opts)`,
 * `asyncRetry(fn, opts)`, `promiseRetry(fn, opts)`, node-retry `retry.operation(opts)`,
 * `axiosRetry(client, opts)`, `fetchRetry(fetch, defaults)`.
 */
export interface RetrySite {
  readonly library: RetryLibrary;
  readonly call: TSESTree.CallExpression;
  /** Index of the options argument (it may be missing). */
  readonly optionsIndex: number;
  /** How the file names the callee, e.g. `retry`, `c.retry`, `axiosRetry`: fixes name siblings the same way. */
  readonly calleeText: string;
}

/** Display names for messages. */
export const RETRY_NAMES: Readonly<Record<RetryLibrary, string>> = {
  cockatiel: 'cockatiel retry',
  'p-retry': 'p-retry',
  'async-retry': 'async-retry',
  'promise-retry': 'promise-retry',
  retry: 'retry.operation',
  'axios-retry': 'axios-retry',
  'fetch-retry': 'fetch-retry',
};

/** Modules the retry and concurrency rules read: a file importing only these is still worth a look. */
export const RESILIENCE_MODULES = [
  ...['cockatiel', 'p-retry', 'async-retry', 'promise-retry', 'retry', 'axios-retry', 'exponential-backoff', 'fetch-retry', 'opossum', 'p-limit', 'p-map', 'p-queue', 'bottleneck'],
  ...MODULE_ALIAS_NAMES,
];

/** The modules a retry site's callee can come from. */
const RETRY_SITE_MODULES = Object.keys(RETRY_NAMES) as RetryLibrary[];

export function retrySiteOf(model: FileModel, call: TSESTree.CallExpression): RetrySite | undefined {
  if (!model.namesAnyModule(RETRY_SITE_MODULES)) return undefined;
  const origin = model.resolver.resolve(call.callee);
  if (!origin) return undefined;
  const path = origin.path.join('.');
  const site = (library: RetryLibrary, optionsIndex: number): RetrySite => ({ library, call, optionsIndex, calleeText: model.sourceCode.getText(call.callee) });
  switch (origin.module) {
    case 'cockatiel':
      return path === 'retry' ? site('cockatiel', 1) : undefined;
    case 'p-retry':
      return path === '' || path === 'default' ? site('p-retry', 1) : undefined;
    case 'async-retry':
      return path === '' || path === 'default' ? site('async-retry', 1) : undefined;
    case 'promise-retry': {
      if (path !== '' && path !== 'default') return undefined;
      // promiseRetry(fn, opts) or promiseRetry(opts, fn)
      const first = call.arguments[0];
      return site('promise-retry', first && isFunction(unwrap(first)) ? 1 : 0);
    }
    case 'retry':
      return path === 'operation' ? site('retry', 0) : undefined;
    case 'axios-retry':
      return path === '' || path === 'default' ? site('axios-retry', 1) : undefined;
    case 'fetch-retry':
      // `fetchRetry(fetch, defaults)`: the fetch it returns re-sends `retries` times (3), `retryDelay` ms apart (a fixed 1000).
      return path === '' && call.arguments.length > 0 ? site('fetch-retry', 1) : undefined;
    default:
      return undefined;
  }
}

export function optionsNodeOf(site: RetrySite): TSESTree.Node | undefined {
  const arg = site.call.arguments[site.optionsIndex];
  return arg && arg.type !== AST_NODE_TYPES.SpreadElement ? arg : undefined;
}

/** What the retry's options say about `key`: absent, present (with its value) or unknown. */
export function retryOption(model: FileModel, site: RetrySite, key: string): PropertyLookup {
  if (site.call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return { state: 'unknown' };
  return combine(model.options.branches(optionsNodeOf(site)).map((branch) => model.options.lookup(branch, key, site.call)));
}

/** The options object literal a fix can edit: the argument itself, when it is one. */
export function optionsLiteral(site: RetrySite): TSESTree.ObjectExpression | undefined {
  const node = optionsNodeOf(site);
  const target = node && unwrap(node);
  return target?.type === AST_NODE_TYPES.ObjectExpression ? target : undefined;
}
