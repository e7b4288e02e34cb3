import { type TSESTree } from '@typescript-eslint/utils';
import type { FileModel } from './file-model';
import { isFetchRetryExport } from './resolve';

/**
 * Whether `call` is fetch-retry's wrap, `fetchRetry(fetchImpl, defaults?)` (also
 * `require('fetch-retry')(fetchImpl)`), by where its callee comes from. The function it returns runs
 * `fetchImpl` again after a failure, `retries` times (3 by default), `retryDelay` ms apart (a fixed
 * 1000 by default, or what a function of the attempt returns).
 */
export function isFetchRetryWrap(model: FileModel, call: TSESTree.CallExpression): boolean {
  if (call.arguments.length === 0 || !model.namesAnyModule(['fetch-retry'])) return false;
  return isFetchRetryExport(model.resolver.resolve(call.callee));
}

/** fetch-retry's pause when `retryDelay` is not given: a fixed second, no jitter. */
export const FETCH_RETRY_DEFAULT_DELAY_MS = 1000;
