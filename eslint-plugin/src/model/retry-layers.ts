import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { chainHas, isFunction, numericLiteral, propertyNamed, staticPropertyName, unwrap, type FunctionNode } from '../util/ast';
import type { FileModel } from './file-model';
import { functionBinding, handRetryAround, helperParameter, retryHelperOf, type HandRetry } from './hand-retry';
import { durableRetry } from './durable-functions';
import type { NetworkCall } from './network-call';
import { queryRetry } from './query-libraries';
import { retryOption, retrySiteOf } from './retry-site';
import { axiosRetryCalls, fetchRetryCount, selfRetryVerdict } from './self-retry';
import { isNodeRetryOperation, retryPolicies, wrapperOf, type Wrapper } from './wrappers';

/**
 * One layer that re-sends a request: a retry wrapper, a hand-written retry loop or recursion, or a
 * client that retries by itself. `retries` counts re-sends after the first (undefined: the file does
 * not show it; Infinity: forever).
 */
export interface RetryLayer {
  readonly node: TSESTree.Node;
  /** For messages: "cockatiel retry", "p-retry", "this retry loop"; for a client that retries, its name ("got"). */
  readonly label: string;
  readonly retries: number | undefined;
  /** The hand-written loop or recursion this layer is, when it is one (its catch shows what it re-sends after). */
  readonly hand?: HandRetry;
}

/** How far to follow "this function is called from inside a retry" through the file. */
const MAX_CALLER_DEPTH = 3;
const DEFAULT_NODE_RETRY_RETRIES = 10;

function count(node: TSESTree.Node | undefined): number | undefined {
  if (!node) return undefined;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier && target.name === 'Infinity') return Infinity;
  return numericLiteral(target);
}

/** The retry layer a wrapper call makes, if it retries (a breaker or bulkhead alone does not). */
export function wrapperRetryLayer(model: FileModel, wrapper: Wrapper): RetryLayer | undefined {
  const call = wrapper.call as TSESTree.CallExpression;
  switch (wrapper.library) {
    case 'cockatiel': {
      const policy = wrapper.policy && retryPolicies(wrapper.policy)[0];
      if (!policy) return undefined;
      const site = retrySiteOf(model, policy.node);
      const max = site ? retryOption(model, site, 'maxAttempts') : { state: 'unknown' as const };
      return { node: call, label: 'cockatiel retry', retries: max.state === 'absent' ? Infinity : max.state === 'present' ? count(max.value) : undefined };
    }
    case 'p-retry':
    case 'async-retry':
    case 'promise-retry': {
      const site = retrySiteOf(model, call);
      if (!site) return { node: call, label: wrapper.library, retries: undefined };
      const forever = retryOption(model, site, 'forever');
      if (forever.state === 'present' && unwrap(forever.value).type === AST_NODE_TYPES.Literal && (unwrap(forever.value) as TSESTree.Literal).value === true) {
        return { node: call, label: wrapper.library, retries: Infinity };
      }
      const retries = retryOption(model, site, 'retries');
      return { node: call, label: wrapper.library, retries: retries.state === 'absent' ? DEFAULT_NODE_RETRY_RETRIES : retries.state === 'present' ? count(retries.value) : undefined };
    }
    case 'retry': {
      // operation.attempt(fn): the count is in retry.operation({ retries }).
      const callee = unwrap(call.callee) as TSESTree.MemberExpression;
      let operation = unwrap(callee.object);
      if (operation.type === AST_NODE_TYPES.Identifier) {
        const def = model.resolver.variableOf(operation)?.defs[0];
        if (def?.type === 'Variable' && def.node.init) operation = unwrap(def.node.init);
      }
      const site = operation.type === AST_NODE_TYPES.CallExpression && isNodeRetryOperation(model, operation) ? retrySiteOf(model, operation) : undefined;
      const retries = site ? retryOption(model, site, 'retries') : undefined;
      return { node: call, label: 'retry.operation', retries: retries?.state === 'absent' ? DEFAULT_NODE_RETRY_RETRIES : retries?.state === 'present' ? count(retries.value) : undefined };
    }
    case 'exponential-backoff': {
      const options = call.arguments[1];
      const target = options && unwrap(options);
      const attempts = target?.type === AST_NODE_TYPES.ObjectExpression ? propertyNamed(target, 'numOfAttempts') : undefined;
      const total = attempts ? count(attempts.value) : target ? undefined : 10;
      return { node: call, label: 'exponential-backoff', retries: total === undefined ? undefined : total - 1 };
    }
    case 'langchain':
      return wrapper.caller?.retries === 0 ? undefined : { node: call, label: 'AsyncCaller', retries: wrapper.caller?.retries };
    default:
      return undefined;
  }
}

/** The retry a client does by itself for this call: got and ky (2 retries by default), axios-retry (3), superagent `.retry(n)`, fetch-retry (3). */
export function selfRetryLayer(model: FileModel, call: NetworkCall): RetryLayer | undefined {
  if (selfRetryVerdict(model, call) !== 'yes') return undefined;
  switch (call.entry.family) {
    case 'got':
    case 'ky':
      return { node: call.node, label: call.entry.family, retries: 2 };
    case 'axios': {
      // The axiosRetry(client, { retries }) call that set it up (3 by default).
      const setups = axiosRetryCalls(model).map((setup) => retrySiteOf(model, setup)).filter((site) => site !== undefined);
      const lookups = setups.map((site) => retryOption(model, site, 'retries'));
      const counts = new Set(lookups.map((lookup) => (lookup.state === 'absent' ? 3 : lookup.state === 'present' ? count(lookup.value) : undefined)));
      return { node: call.node, label: 'axios-retry', retries: counts.size === 1 ? [...counts][0] : undefined };
    }
    case 'superagent': {
      let retries: number | undefined = 1;
      for (let current: TSESTree.Node | undefined = call.node.parent; current; current = current.parent) {
        if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(current.callee) === 'retry') {
          retries = current.arguments[0] ? count(current.arguments[0]) : 1;
          break;
        }
        if (current.type !== AST_NODE_TYPES.MemberExpression && current.type !== AST_NODE_TYPES.CallExpression) break;
      }
      return chainHas(call.node, 'retry') ? { node: call.node, label: 'superagent', retries } : undefined;
    }
    case 'fetch':
      return { node: call.node, label: 'fetch-retry', retries: fetchRetryCount(model, call) };
    default:
      return undefined;
  }
}

function loopRetries(loop: TSESTree.Node): number | undefined {
  // for (let i = 0; i < N; i++): N attempts.
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.test?.type === AST_NODE_TYPES.BinaryExpression) {
    const bound = count(loop.test.right);
    if (bound === undefined) return undefined;
    const start = loop.init?.type === AST_NODE_TYPES.VariableDeclaration ? count(loop.init.declarations[0]?.init ?? undefined) : undefined;
    if (start === undefined) return undefined;
    const attempts = loop.test.operator === '<' ? bound - start : loop.test.operator === '<=' ? bound - start + 1 : undefined;
    return attempts === undefined ? undefined : Math.max(0, attempts - 1);
  }
  return undefined;
}

/**
 * The retry that re-runs code at `node`, nearest first: a hand-written retry around it, a retry
 * wrapper that its function is passed to, or — following calls through the file — a retry around
 * a place that calls its function.
 */
export function enclosingRetry(model: FileModel, node: TSESTree.Node, depth = 0): RetryLayer | undefined {
  const hand = handRetryAround(model, node);
  if (hand) return handRetryLayer(hand);
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const layer = functionRetry(model, current, depth);
    if (layer) return layer;
  }
  return undefined;
}

/**
 * The query library that retries the function `node` runs in, nearest function first: TanStack
 * Query's `queryFn`, SWR's fetcher, inline or passed by name; or the durable-execution framework
 * (Inngest, Trigger.dev) that re-runs it. Separate from `enclosingRetry`, because the file rarely
 * shows whether it retries (`shown`) and because these re-run the whole function whatever it sends:
 * callers decide how to weigh it.
 */
export function enclosingQueryRetry(model: FileModel, node: TSESTree.Node, depth = 0): (RetryLayer & { readonly shown: boolean }) | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const layer = queryRetryLayer(model, current, current);
    if (layer) return layer;
    const binding = functionBinding(current);
    const variable = binding && model.resolver.variableOf(binding);
    for (const reference of variable?.references ?? []) {
      if (reference.init) continue;
      const identifier = reference.identifier;
      const byName = queryRetryLayer(model, identifier, current);
      if (byName) return byName;
      // Called from inside a query function elsewhere in the file.
      const caller = identifier.parent;
      const outer = caller?.type === AST_NODE_TYPES.CallExpression && caller.callee === identifier && depth < MAX_CALLER_DEPTH ? enclosingQueryRetry(model, caller, depth + 1) : undefined;
      if (outer) return outer;
    }
  }
  return undefined;
}

/** The retry of a query library or a durable-execution framework (an Inngest function, a Trigger.dev task) that runs `fn`, given inline or by name at `node`. */
function queryRetryLayer(model: FileModel, node: TSESTree.Node, fn: FunctionNode): (RetryLayer & { readonly shown: boolean }) | undefined {
  const retry = queryRetry(model, node);
  if (retry) return { node: fn, label: `${retry.library} retry`, retries: retry.retries, shown: retry.shown };
  const durable = durableRetry(model, node);
  return durable && { node: fn, label: `${durable.framework} retry`, retries: durable.retries, shown: durable.shown };
}

/**
 * The retry a helper of this file runs the function handed to it under: a hand-written retry
 * around its call of it, or a wrapper it hands it on to (`function withRetry(fn) { return pRetry(fn); }`).
 * Every use of the parameter must retry; when one does not, the file does not show which runs.
 */
function retryHelperLayer(model: FileModel, call: TSESTree.CallExpression, argument: TSESTree.Node, depth: number): RetryLayer | undefined {
  const helper = retryHelperOf(model, call, argument);
  if (helper) return handRetryLayer(helper.retry);
  if (depth >= MAX_CALLER_DEPTH) return undefined;
  const param = helperParameter(model, call, argument);
  if (!param) return undefined;
  const uses = model.resolver.variableOf(param)?.references.filter((reference) => !reference.init) ?? [];
  let first: RetryLayer | undefined;
  for (const { identifier } of uses) {
    const use = identifier.parent;
    let layer: RetryLayer | undefined;
    if (use?.type === AST_NODE_TYPES.CallExpression && use.callee === identifier) {
      // Only a retry inside the helper counts: one around another caller of the helper does not
      // re-run this call site's function (the walk out of the call site goes on in enclosingRetry).
      layer = retryInside(model, use, param, depth + 1);
    } else if (use?.type === AST_NODE_TYPES.CallExpression && use.arguments.includes(identifier as TSESTree.CallExpressionArgument)) {
      const wrapper = wrapperOf(model, use, identifier);
      layer = wrapper ? wrapperRetryLayer(model, wrapper) : retryHelperLayer(model, use, identifier, depth + 1);
    }
    if (!layer) return undefined;
    first ??= layer;
  }
  return first;
}

/** The retry that a function between `node` and the helper declaring `param` is handed to. */
function retryInside(model: FileModel, node: TSESTree.Node, param: TSESTree.Identifier, depth: number): RetryLayer | undefined {
  const helper = param.parent?.type === AST_NODE_TYPES.AssignmentPattern ? param.parent.parent : param.parent;
  for (let current = node.parent; current && current !== helper; current = current.parent) {
    const layer = isFunction(current) ? handedRetry(model, current, depth) : undefined;
    if (layer) return layer;
  }
  return undefined;
}

/** The retry a function is handed to where it is written: a wrapper (`pRetry(() => …)`) or a retry helper of the file (`withRetry(() => …)`). */
function handedRetry(model: FileModel, fn: FunctionNode, depth: number): RetryLayer | undefined {
  let parent: TSESTree.Node | undefined = fn.parent;
  while (parent && (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)) parent = parent.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const argument = parent.arguments.find((arg) => unwrap(arg) === fn);
  if (!argument) return undefined;
  const wrapper = wrapperOf(model, parent, argument);
  return wrapper ? wrapperRetryLayer(model, wrapper) : retryHelperLayer(model, parent, argument, depth);
}

function handRetryLayer(hand: HandRetry): RetryLayer {
  return { node: hand.node, label: hand.kind === 'loop' ? 'this retry loop' : 'this recursive retry', retries: hand.kind === 'loop' ? loopRetries(hand.node) : undefined, hand };
}

function functionRetry(model: FileModel, fn: FunctionNode, depth: number): RetryLayer | undefined {
  const handed = handedRetry(model, fn, depth);
  if (handed) return handed;
  if (depth >= MAX_CALLER_DEPTH) return undefined;
  const binding = functionBinding(fn);
  const variable = binding && model.resolver.variableOf(binding);
  if (!variable) return undefined;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier;
    const parentCall = identifier.parent;
    // Passed by name to a wrapper: `pRetry(load)`.
    if (parentCall?.type === AST_NODE_TYPES.CallExpression && parentCall.arguments.includes(identifier as TSESTree.CallExpressionArgument)) {
      const wrapper = wrapperOf(model, parentCall, identifier);
      const layer = wrapper ? wrapperRetryLayer(model, wrapper) : retryHelperLayer(model, parentCall, identifier, depth);
      if (layer) return layer;
    }
    // Called from inside a retry elsewhere in the file.
    if (parentCall?.type === AST_NODE_TYPES.CallExpression && parentCall.callee === identifier) {
      const layer = enclosingRetry(model, parentCall, depth + 1);
      if (layer) return layer;
    }
  }
  return undefined;
}
