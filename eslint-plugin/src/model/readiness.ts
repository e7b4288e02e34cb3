import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { enclosingFunction, functionName, isFunction } from '../util/ast';
import type { HandRetry } from './hand-retry';
import { isHealthEndpointUrl } from './local-urls';
import type { VariableOf } from './class-fields';
import type { FileModel } from './file-model';
import type { NetworkCall } from './network-call';
import { httpMethodOf } from './self-retry';

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
  const words = nameWords(name);
  // `waitAndRetry(fn)`, `pollWithBackoff`: a retry helper, whatever it waits for.
  if (words.length === 0 || words.some((word) => RETRY_WORDS.has(word))) return false;
  if (WAITING_VERBS.has(words[0]!)) return true;
  // `runHealthCheck`, `healthCheckLoop`: the phrase anywhere.
  if (words.some((word, i) => word === 'health' && words[i + 1] === 'check')) return true;
  const last = lastWord(words);
  return last !== undefined && READINESS_LAST_WORDS.has(last);
}

/** A name's words, lower case: `checkServerReady` → check, server, ready; `wait_until_ready` → wait, until, ready. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A name's last word, before an `Async` suffix (`checkHealthAsync` → health). */
function lastWord(words: readonly string[]): string | undefined {
  return words[words.length - 1] === 'async' ? words[words.length - 2] : words[words.length - 1];
}

/**
 * Last words of a function that reports whether a dependency is up (`checkHealth`, `isAlive`; `probe`
 * is judged apart, see isHealthCheck). Fewer than READINESS_LAST_WORDS: `onStarted` and `isOnline`
 * may well do other work, and so may a `Ping` component or a client's `ping()` method.
 */
const HEALTH_CHECK_LAST_WORDS = new Set(['health', 'healthy', 'healthcheck', 'liveness', 'readiness', 'alive', 'reachable']);
/** Words after `health` in a name for a health check: `healthCheck`, `healthReport`, `health_status`. */
const AFTER_HEALTH = new Set(['check', 'checks', 'report', 'status', 'probe', 'probes']);

/**
 * Whether a request checks that a dependency is up, for a health or readiness report: a GET or HEAD
 * that asks a health endpoint (`fetch(\`${url}/healthz\`)`), or runs in a function named for such a
 * check (`checkHealth`, `healthReport`, `isAlive`). A retry there would hide the very failure the
 * check exists to report and keep the report waiting; the prober (a load balancer, Kubernetes)
 * decides how many failures count. Other methods send something: a POST to `/ping` (openpanel's usage
 * report, openstatus's request to run a check), `reportHealth()` pushing a status. Only a function
 * named a probe is a check whatever it sends (midday's `probe: async () => fetch(url, { method: "POST" })`,
 * which takes a 400 as proof the API is up).
 */
export function isHealthCheck(model: FileModel, call: NetworkCall): boolean {
  const method = httpMethodOf(model, call);
  const reads = method === 'GET' || method === 'HEAD';
  const request = call.node;
  const url = request.arguments[0];
  if (reads && url && url.type !== AST_NODE_TYPES.SpreadElement && isHealthEndpointUrl(url, (identifier) => model.resolver.variableOf(identifier))) return true;
  for (let current: TSESTree.Node | undefined = request.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const name = functionName(current) ?? (current.type === AST_NODE_TYPES.FunctionExpression ? current.id?.name : undefined);
    const check = name === undefined ? undefined : healthCheckName(name);
    if (check === 'probe' || (check === 'check' && reads)) return true;
  }
  return false;
}

/** 'probe' for a name whose last word is probe, 'check' for another name of a health check. */
function healthCheckName(name: string): 'probe' | 'check' | undefined {
  const words = nameWords(name);
  const last = lastWord(words);
  if (last === 'probe') return 'probe';
  if (words.some((word, i) => word === 'health' && AFTER_HEALTH.has(words[i + 1] ?? ''))) return 'check';
  return last !== undefined && HEALTH_CHECK_LAST_WORDS.has(last) ? 'check' : undefined;
}
