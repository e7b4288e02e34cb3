import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { enclosingFunction, isFunction, staticPropertyName, stringLiteral, unwrap, type FunctionNode } from '../util/ast';
import { constInitializer } from './const-binding';
import type { HandRetry } from './hand-retry';

/**
 * A path segment naming a health or readiness endpoint (`/health`, `/api/health/ready`, `/healthz`,
 * `/readyz`, `/livez`, `/_health`, `/ping`): an endpoint made to be asked again and again.
 */
const HEALTH_PATH = /\/_{0,2}(?:health|healthz|healthcheck|health-check|ready|readyz|readiness|livez|liveness|alive|ping)(?=[/?#]|$)/i;

/** First words of a function that waits for something to come about (`waitForServer`, `waitUp`, `pollUntilReady`). */
const WAITING_VERBS = new Set(['wait', 'await', 'poll']);
/** Words of a retry helper's name. */
const RETRY_WORDS = new Set(['retry', 'retries', 'retrying', 'attempt', 'attempts', 'backoff']);
/**
 * Last words of a function that checks a service is up (`checkServerReady`, `isAlive`, `checkHealth`).
 * Only last: `getReadyOrders`, `submitHealthRecord` and `fetchOnlineUsers` do other work.
 */
const READINESS_LAST_WORDS = new Set(['ready', 'readiness', 'health', 'healthy', 'healthcheck', 'alive', 'liveness', 'started', 'reachable', 'online']);

/** How many `const` names to follow to the URL's text. */
const MAX_CONST_STEPS = 2;

type VariableOf = (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined;

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
  if (url && urlTexts(url, variableOf, 0).some((text) => HEALTH_PATH.test(text))) return true;
  const holder = retry.kind === 'recursion' && isFunction(retry.node) ? retry.node : enclosingFunction(retry.node);
  const name = holder && functionName(holder);
  return name !== undefined && namesReadinessWait(name);
}

/** `waitForServer`, `wait_until_ready`, `checkServerReady`, `isAlive`: a name for a wait or a readiness check. */
export function namesReadinessWait(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // `waitAndRetry(fn)`, `pollWithBackoff`: a retry helper, whatever it waits for.
  if (words.length === 0 || words.some((word) => RETRY_WORDS.has(word))) return false;
  if (WAITING_VERBS.has(words[0]!)) return true;
  // `runHealthCheck`, `healthCheckWithRetry`: the phrase anywhere.
  if (words.some((word, i) => word === 'health' && words[i + 1] === 'check')) return true;
  const last = words[words.length - 1] === 'async' ? words[words.length - 2] : words[words.length - 1];
  return last !== undefined && READINESS_LAST_WORDS.has(last);
}

/** The name a function is declared or bound under: `function f`, `const f = () => …`, a method or property key. */
function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    return staticPropertyName(parent);
  }
  return undefined;
}

/** The literal text parts of a URL expression: a string, a template's parts, `a + b`'s parts, `new URL(path, base)`'s path. */
function urlTexts(node: TSESTree.Node, variableOf: VariableOf, steps: number): string[] {
  const value = unwrap(node);
  const literal = stringLiteral(value);
  if (literal !== undefined) return [literal];
  switch (value.type) {
    case AST_NODE_TYPES.TemplateLiteral:
      return value.quasis.map((quasi) => quasi.value.cooked ?? '');
    case AST_NODE_TYPES.BinaryExpression:
      return value.operator === '+' ? [...urlTexts(value.left, variableOf, steps), ...urlTexts(value.right, variableOf, steps)] : [];
    case AST_NODE_TYPES.NewExpression:
      return value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'URL' && value.arguments[0] ? urlTexts(value.arguments[0], variableOf, steps) : [];
    case AST_NODE_TYPES.Identifier: {
      if (steps >= MAX_CONST_STEPS) return [];
      const variable = variableOf(value);
      const init = variable && constInitializer(variable);
      return init ? urlTexts(init, variableOf, steps + 1) : [];
    }
    default:
      return [];
  }
}
