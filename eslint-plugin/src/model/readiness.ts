import { type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, functionName, isFunction } from '../util/ast';
import type { HandRetry } from './hand-retry';
import { isHealthEndpointUrl } from './local-urls';
import type { VariableOf } from './class-fields';

/** First words of a function that waits for something to come about (`waitForServer`, `waitUp`, `pollUntilReady`). */
const WAITING_VERBS = new Set(['wait', 'await', 'poll']);
/** Words of a retry helper's name. */
const RETRY_WORDS = new Set(['retry', 'retries', 'retrying', 'attempt', 'attempts', 'backoff']);
/**
 * Last words of a function that checks a service is up (`checkServerReady`, `isAlive`, `checkHealth`).
 * Only last: `getReadyOrders`, `submitHealthRecord` and `fetchOnlineUsers` do other work.
 */
const READINESS_LAST_WORDS = new Set(['ready', 'readiness', 'health', 'healthy', 'healthcheck', 'alive', 'liveness', 'started', 'reachable', 'online']);

/**
 * Whether a hand-written retry around `request` is a wait for a service to come up: the request asks
 * a health or readiness endpoint (`fetch("/api/health")`), or the function holding the retry is named
 * for such a wait (`waitForServer`, `waitUp`, `checkServerReady`). There a failed answer means "not
 * yet", not a request that failed: the answer changes when the service is up, whatever its status
 * (a proxy answers 404 or 503 while the server restarts), and a fixed pause between asks is what a
 * health endpoint, built to be polled, expects.
 */
export function isReadinessWait(retry: HandRetry, request: TSESTree.CallExpression, variableOf: VariableOf): boolean {
  const url = request.arguments[0];
  if (url && isHealthEndpointUrl(url, variableOf)) return true;
  const holder = retry.kind === 'recursion' && isFunction(retry.node) ? retry.node : enclosingFunction(retry.node);
  const name = holder && functionName(holder);
  return name !== undefined && namesReadinessWait(name);
}

/** `waitForServer`, `wait_until_ready`, `checkServerReady`, `isAlive`: a name for a wait or a readiness check. */
function namesReadinessWait(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // `waitAndRetry(fn)`, `pollWithBackoff`: a retry helper, whatever it waits for.
  if (words.length === 0 || words.some((word) => RETRY_WORDS.has(word))) return false;
  if (WAITING_VERBS.has(words[0]!)) return true;
  // `runHealthCheck`, `healthCheckLoop`: the phrase anywhere.
  if (words.some((word, i) => word === 'health' && words[i + 1] === 'check')) return true;
  const last = words[words.length - 1] === 'async' ? words[words.length - 2] : words[words.length - 1];
  return last !== undefined && READINESS_LAST_WORDS.has(last);
}
