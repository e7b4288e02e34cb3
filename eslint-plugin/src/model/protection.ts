import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { calleePath, isFunction, staticPropertyName, unwrap, withTypeWrappers, type FunctionNode } from '../util/ast';
import { fieldsOf, isExtendedInFile } from './class-fields';
import type { FileModel } from './file-model';
import { isFetchAdapterCall, isFetchSlot, isInjectedFetch, isTypedAsFetch } from './injected-fetch';
import { functionBinding, handRetryAround, helperCalled, helperParameter, retryHelperOf } from './hand-retry';
import { durableFunctionVerdict } from './durable-functions';
import type { NetworkCall } from './network-call';
import { isQueryLibraryModule, queryFunctionVerdict } from './query-libraries';
import { RESILIENCE_MODULES } from './retry-site';
import { selfRetryVerdict } from './self-retry';
import type { Verdict } from './timeout';
import { wrapperOf, type Wrapper } from './wrappers';

/** How deep to follow "this function is only called from protected places" through the file. */
const MAX_CALLER_DEPTH = 3;

/** Whether a retry or circuit breaker protects a network call, as far as the file shows. */
export function protectionVerdict(model: FileModel, call: NetworkCall): Verdict {
  const self = selfRetryVerdict(model, call);
  if (self === 'yes') return 'yes';
  const around = protectionAround(model, call.node, 0);
  if (around === 'yes') return 'yes';
  if (self === 'unknown' || around === 'unknown') return 'unknown';
  // A fetch implementation an SDK calls under retries of its own, elsewhere: its callers decide.
  return isFetchAdapterCall(call.node, (identifier) => model.resolver.variableOf(identifier)) ? 'unknown' : 'no';
}

/** Whether code at `node` runs under a retry or breaker: a wrapper around it, or a hand-written retry. */
export function protectionAround(model: FileModel, node: TSESTree.Node, depth: number): Verdict {
  if (handRetryAround(model, node)) return 'yes';
  let sawUnknown = false;
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const verdict = functionProtection(model, current, depth);
    if (verdict === 'yes') return 'yes';
    if (verdict === 'unknown') sawUnknown = true;
  }
  return sawUnknown ? 'unknown' : 'no';
}

function functionProtection(model: FileModel, fn: FunctionNode, depth: number): Verdict {
  const verdict = visibleFunctionProtection(model, fn, depth);
  // `const f: typeof fetch = (input, init) => fetch(input, init)` and `{ [customFetch](...args) {…} }` are
  // written to be handed to a client that retries around them: unless the file shows them protected,
  // that is where they likely go.
  return verdict === 'no' && (isTypedAsFetch(fn) || isFetchSlot(fn)) ? 'unknown' : verdict;
}

function visibleFunctionProtection(model: FileModel, fn: FunctionNode, depth: number): Verdict {
  // `useQuery({ queryKey, queryFn: () => fetch(url) })`: TanStack Query retries it.
  const query = queryFunctionVerdict(model, fn);
  if (query) return query;
  // `inngest.createFunction(config, async ({ step }) => …)`, Trigger.dev's `task({ run })`: re-run when they throw.
  const durable = durableFunctionVerdict(model, fn);
  if (durable) return durable;
  // `new OpenAI({ fetch: (input, init) => fetch(input, init) })`: that client's retries, not shown here.
  if (isInjectedFetch(fn)) return 'unknown';
  const parent = withTypeWrappers(fn).parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) {
    const argument = parent.arguments.find((arg) => unwrap(arg) === fn);
    const wrapper = argument && wrapperOf(model, parent, argument);
    if (wrapper) return wrapperVerdict(wrapper);
    if (argument && parent.type === AST_NODE_TYPES.CallExpression) {
      const helped = helperProtection(model, parent, argument, depth);
      if (helped !== 'no') return helped;
    }
  }
  const binding = functionBinding(fn);
  const variable = binding && model.resolver.variableOf(binding);
  if (!variable) return methodProtection(model, fn, depth);
  const callers: TSESTree.CallExpression[] = [];
  let sawUnknown = false;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier;
    const use = identifier.parent;
    // Handed by name to a query library or a durable-execution framework, which re-run it.
    const rerun = queryFunctionVerdict(model, identifier) ?? durableFunctionVerdict(model, identifier);
    if (rerun === 'yes') return 'yes';
    if (rerun === 'unknown' || isInjectedFetch(identifier)) sawUnknown = true;
    if (use?.type === AST_NODE_TYPES.CallExpression && use.callee === identifier) {
      callers.push(use);
    } else if ((use?.type === AST_NODE_TYPES.CallExpression || use?.type === AST_NODE_TYPES.NewExpression)) {
      const wrapper = wrapperOf(model, use, identifier);
      const verdict = wrapper ? wrapperVerdict(wrapper) : use.type === AST_NODE_TYPES.CallExpression ? helperProtection(model, use, identifier, depth) : 'no';
      if (verdict === 'yes') return 'yes';
      if (verdict === 'unknown') sawUnknown = true;
    }
  }
  const verdict = callersVerdict(model, callers, depth);
  return verdict === 'yes' ? 'yes' : sawUnknown ? 'unknown' : verdict;
}

/**
 * Called only from protected places in this file: protected (its other callers, if any, are not
 * shown). 'unknown' when no caller runs it unprotected but some run it where the file does not show
 * (a query with options from elsewhere).
 */
function callersVerdict(model: FileModel, callers: readonly TSESTree.CallExpression[], depth: number): Verdict {
  if (callers.length === 0 || depth >= MAX_CALLER_DEPTH) return 'no';
  const verdicts = callers.map((caller) => protectionAround(model, caller, depth + 1));
  if (verdicts.every((verdict) => verdict === 'yes')) return 'yes';
  return verdicts.includes('no') ? 'no' : 'unknown';
}

/**
 * A method its class only calls (`this.getBlob(cid)`), as a function's callers are judged: atproto's
 * `getBlob()` sends the request, and another method runs it under `retryHttp(() => this.getBlob(…))`.
 * Not when the class hands the method on as a value (`retry(this.load)`, which is judged where it goes) or
 * reassigns it, nor when a class of the file extends it (a subclass may call it its own way).
 */
function methodProtection(model: FileModel, fn: FunctionNode, depth: number): Verdict {
  const member = withTypeWrappers(fn).parent;
  if (member?.type !== AST_NODE_TYPES.MethodDefinition && member?.type !== AST_NODE_TYPES.PropertyDefinition) return 'no';
  if (member.static || (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method')) return 'no';
  const name = staticPropertyName(member);
  const owner = member.parent.parent;
  if (name === undefined || isExtendedInFile(owner, (node) => model.sourceCode.getScope(node))) return 'no';
  const facts = fieldsOf(owner).get(name);
  return facts && !facts.usedOtherwise ? callersVerdict(model, facts.calls, depth) : 'no';
}

function wrapperVerdict(wrapper: Wrapper): Verdict {
  return wrapper.protects === true ? 'yes' : wrapper.protects === 'unknown' ? 'unknown' : 'no';
}

/**
 * Whether a function of this file protects the function handed to it: it re-runs it in a
 * hand-written retry (any one call in such a loop will do), or hands it on to a resilience wrapper or
 * calls it under one: `function withRetry(fn) { return pRetry(fn); }`, or a class's
 * `call(fn) { return pRetry(() => fn()); }`. Then every use of the parameter must be protected; when
 * only some are, the file does not show which one runs ('unknown').
 */
function helperProtection(model: FileModel, call: TSESTree.CallExpression, argument: TSESTree.Node, depth: number): Verdict {
  if (retryHelperOf(model, call, argument)) return 'yes';
  if (depth >= MAX_CALLER_DEPTH) return 'no';
  const param = helperParameter(model, call, argument);
  if (!param) return !helperCalled(model, call) && namedLikeProtector(model, call.callee) ? 'unknown' : 'no';
  const uses = model.resolver.variableOf(param)?.references.filter((reference) => !reference.init) ?? [];
  if (uses.length === 0) return 'no';
  const verdicts = uses.map(({ identifier }): Verdict => {
    const use = identifier.parent;
    if (use?.type === AST_NODE_TYPES.CallExpression && use.callee === identifier) return protectionAround(model, use, depth + 1);
    if ((use?.type === AST_NODE_TYPES.CallExpression || use?.type === AST_NODE_TYPES.NewExpression) && use.arguments.includes(identifier as TSESTree.CallExpressionArgument)) {
      const wrapper = wrapperOf(model, use, identifier);
      if (wrapper) return wrapperVerdict(wrapper);
      return use.type === AST_NODE_TYPES.CallExpression ? helperProtection(model, use, identifier, depth + 1) : 'no';
    }
    return 'no';
  });
  if (verdicts.every((verdict) => verdict === 'yes')) return 'yes';
  return verdicts.some((verdict) => verdict !== 'no') ? 'unknown' : 'no';
}

/**
 * Words in a callee's name that say it retries or breaks: `withRetry`, `retryAsync`, `this.retrier.run`,
 * `exponentialBackoff`, `resilience.execute`, `breaker.fire`; or that it hands what it gets to SWR or
 * TanStack Query, which retry a failed fetcher by default: `useConditionalSWR(cond, key, fetcher)`, a
 * custom hook `useApiQuery(key, fn)`. Such a wrapper from another module (or one the file does not
 * define) very likely protects what it is handed, so the call is unresolved rather than reported: its
 * code is not in the file. "retrieve" is not among them.
 */
const PROTECTOR_WORDS = /retry|retries|retrier|backoff|resilien|breaker|swr/;
const QUERY_HOOK = /^use\w*Query/;

function namedLikeProtector(model: FileModel, callee: TSESTree.Node): boolean {
  const path = calleePath(callee);
  if (path === undefined) return false;
  // A library the rules model (`useSWRMutation`, `retry.operation`) is judged by what it does, not by its name.
  const module = model.resolver.resolve(callee)?.module;
  if (module !== undefined && (isQueryLibraryModule(module) || RESILIENCE_MODULES.includes(module))) return false;
  return PROTECTOR_WORDS.test(path.toLowerCase()) || QUERY_HOOK.test(path.slice(path.lastIndexOf('.') + 1));
}
