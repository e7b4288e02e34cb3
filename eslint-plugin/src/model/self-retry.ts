import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { agentSettingVerdict } from './agent-settings';
import { chainHas, staticPropertyName, stringLiteral, unwrap, walk } from '../util/ast';
import { SELF_RETRYING_METHODS } from './catalog';
import type { FileModel } from './file-model';
import { configSources, type NetworkCall } from './network-call';
import { combine, type PropertyLookup } from './options';
import { numericLiteral } from '../util/ast';
import { madeByAny, type ClientInstance, type ClientTargets } from './resolve';
import type { Verdict } from './timeout';

/** The HTTP method a call sends, when the file shows it. */
export function httpMethodOf(model: FileModel, call: NetworkCall): string | undefined {
  if (call.shape.httpMethod) return call.shape.httpMethod;
  if (call.options.kind === 'missing' || call.options.kind === 'chain') return 'GET';
  if (call.options.kind !== 'given') return undefined;
  const methods = new Set<string>();
  for (const branch of model.options.branches(call.options.node)) {
    const lookup = model.options.lookup(branch, 'method', call.node);
    if (lookup.state === 'absent') methods.add('GET');
    else if (lookup.state === 'present' && stringLiteral(lookup.value) !== undefined) methods.add(stringLiteral(lookup.value)!.toUpperCase());
    else return undefined;
  }
  return methods.size === 1 ? [...methods][0] : undefined;
}

/** Whether the client retries this call by itself (got/ky defaults, axios-retry, superagent `.retry()`). */
export function selfRetryVerdict(model: FileModel, call: NetworkCall): Verdict {
  switch (call.entry.family) {
    case 'got':
    case 'ky': {
      const method = httpMethodOf(model, call);
      return method === undefined ? 'unknown' : retriesMethod(model, call, method);
    }
    case 'axios':
      // A response interceptor may re-send failed requests (axios-retry is one); the file cannot say.
      return axiosRetried(model, call) ? 'yes' : reaches(axiosResponseInterceptors(model), call) ? 'unknown' : 'no';
    case 'superagent':
      return chainHas(call.node, 'retry') ? 'yes' : agentSettingVerdict(model, call.instance, 'retry');
    case 'fetch':
      return fetchRetryVerdict(model, call);
    default:
      return 'no';
  }
}

/** How many times fetch-retry re-sends a failed request when nothing sets `retries`. */
const FETCH_RETRY_DEFAULT_RETRIES = 3;

/**
 * A fetch wrapped by fetch-retry re-sends after a network error, 3 times unless `retries` says
 * otherwise: in the call's init, which wins, or in the defaults given to `fetchRetry(fetch, defaults)`.
 * Options the file does not show are taken to leave retrying on: few calls turn it off.
 */
function fetchRetryVerdict(model: FileModel, call: NetworkCall): Verdict {
  const wrap = fetchRetryWrap(call);
  if (!wrap) return 'no';
  for (const { node, before } of retriesSources(call, wrap)) {
    const verdict = retriesVerdict(model, node, before);
    if (verdict) return verdict;
  }
  return 'yes';
}

/** How many times fetch-retry re-sends this call: its `retries` (the default when nothing sets it); undefined when not a number the file writes. */
export function fetchRetryCount(model: FileModel, call: NetworkCall): number | undefined {
  const wrap = fetchRetryWrap(call);
  if (!wrap) return undefined;
  for (const { node, before } of retriesSources(call, wrap)) {
    const lookup = combine(model.options.branches(node).map((branch) => model.options.lookup(branch, 'retries', before)));
    if (lookup.state === 'present') return numericLiteral(lookup.value);
  }
  return FETCH_RETRY_DEFAULT_RETRIES;
}

/**
 * The `retries` a call through a fetch-retry wrap sets in its own init, which wins over the wrap's
 * defaults for that call: `f(url, { retries: Infinity })`. Undefined when the call is not through such a
 * wrap or its init is not written at the call.
 */
export function fetchRetryCallRetries(model: FileModel, call: NetworkCall): PropertyLookup | undefined {
  if (!fetchRetryWrap(call) || call.options.kind !== 'given') return undefined;
  return combine(model.options.branches(call.options.node).map((branch) => model.options.lookup(branch, 'retries', call.node)));
}

/** The fetch-retry wrap a call's fetch came from, if any. */
function fetchRetryWrap(call: NetworkCall): ClientInstance | undefined {
  let wrap = call.instance;
  while (wrap && !wrap.retryingFetch) wrap = wrap.parent;
  return wrap;
}

/** Where fetch-retry reads a call's `retries`, the first that sets it winning: the call's init, then the wrap's defaults. */
function retriesSources(call: NetworkCall, wrap: ClientInstance): { node: TSESTree.Node; before: TSESTree.Node }[] {
  const sources: { node: TSESTree.Node; before: TSESTree.Node }[] = [];
  if (call.options.kind === 'given') sources.push({ node: call.options.node, before: call.node });
  const defaults = wrap.factory.arguments[1];
  if (defaults) sources.push({ node: defaults, before: wrap.factory });
  return sources;
}

/** What `retries` in an options expression says: undefined when no branch is seen to set it. */
function retriesVerdict(model: FileModel, node: TSESTree.Node, before: TSESTree.Node): Verdict | undefined {
  const verdicts = new Set<Verdict>();
  let unset = false;
  for (const branch of model.options.branches(node)) {
    const retries = model.options.lookup(branch, 'retries', before);
    if (retries.state !== 'present') {
      unset = true;
      continue;
    }
    const count = numericLiteral(retries.value);
    verdicts.add(count === undefined ? 'unknown' : count > 0 ? 'yes' : 'no');
  }
  if (verdicts.size === 0) return undefined;
  return unset || verdicts.size > 1 ? 'unknown' : [...verdicts][0];
}

/**
 * Whether got or ky re-sends a `method` call by itself: the method is among the ones it retries (its
 * defaults, or the `retry.methods` the call or its instance lists instead), and retrying is not off.
 */
function retriesMethod(model: FileModel, call: NetworkCall, method: string): Verdict {
  if (retryDisabled(model, call)) return 'no';
  const listed = listedRetryMethods(model, call);
  if (listed === 'unknown') return 'unknown';
  return (listed ?? SELF_RETRYING_METHODS[call.entry.family] ?? new Set()).has(method) ? 'yes' : 'no';
}

/**
 * The methods `retry: { methods: [...] }` tells got or ky to retry, which replace its defaults: from
 * the nearest config that lists them (the call's, then its instance's). Undefined when none does;
 * 'unknown' when the list is not written out (`methods: allowed`).
 */
function listedRetryMethods(model: FileModel, call: NetworkCall): ReadonlySet<string> | 'unknown' | undefined {
  for (const { node, before } of configSources(call)) {
    let listed: Set<string> | undefined;
    for (const branch of model.options.branches(node)) {
      const retry = model.options.lookup(branch, 'retry', before);
      const value = retry.state === 'present' ? unwrap(retry.value) : undefined;
      if (value?.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const methods = model.options.lookup({ kind: 'object', node: value }, 'methods', before);
      if (methods.state === 'absent') continue;
      const array = methods.state === 'present' ? unwrap(methods.value) : undefined;
      if (array?.type !== AST_NODE_TYPES.ArrayExpression) return 'unknown';
      listed ??= new Set();
      for (const element of array.elements) {
        const name = element ? stringLiteral(element) : undefined;
        if (name === undefined) return 'unknown';
        listed.add(name.toUpperCase());
      }
    }
    if (listed) return listed;
  }
  return undefined;
}

/** `retry: 0` or `retry: { limit: 0 }` in the call or the instance it came from. */
function retryDisabled(model: FileModel, call: NetworkCall): boolean {
  for (const { node, before } of configSources(call)) {
    for (const branch of model.options.branches(node)) {
      const lookup = model.options.lookup(branch, 'retry', before);
      if (lookup.state !== 'present') continue;
      const value = unwrap(lookup.value);
      if (numericLiteral(value) === 0) return true;
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        const limit = model.options.lookup({ kind: 'object', node: value }, 'limit', before);
        if (limit.state === 'present' && numericLiteral(limit.value) === 0) return true;
      }
    }
  }
  return false;
}

const axiosRetryCache = new WeakMap<FileModel, ClientTargets>();

/** `axiosRetry(axios, …)` or `axiosRetry(instance, …)` anywhere in the file. */
function axiosRetried(model: FileModel, call: NetworkCall): boolean {
  return reaches(axiosRetryTargets(model), call);
}

export function axiosRetryCalls(model: FileModel): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  // Its import or require names the module; most files need no walk over every variable.
  if (!model.namesAnyModule(['axios-retry'])) return calls;
  for (const scope of model.sourceCode.scopeManager?.scopes ?? []) {
    if (scope.type !== 'module' && scope.type !== 'global' && scope.type !== 'function') continue;
    for (const variable of scope.variables) {
      const def = variable.defs[0];
      if (!def || (def.type !== 'ImportBinding' && def.type !== 'Variable')) continue;
      const origin = model.resolver.resolve(def.name);
      if (origin?.module !== 'axios-retry' || origin.path.length !== 0) continue;
      for (const reference of variable.references) {
        const parent = reference.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) calls.push(parent);
      }
    }
  }
  return calls;
}

/** Whether the call's instance (or the axios it came from) is among `targets`. */
function reaches(targets: ClientTargets, call: NetworkCall): boolean {
  return (targets.root && !call.instance) || madeByAny(call.instance, targets.instances);
}

const interceptorCache = new WeakMap<FileModel, ClientTargets>();

/** The axios instances (or axios itself) given a response interceptor: `<x>.interceptors.response.use(…)`. */
function axiosResponseInterceptors(model: FileModel): ClientTargets {
  const cached = interceptorCache.get(model);
  if (cached) return cached;
  const targets: ClientTargets = { root: false, instances: new Set() };
  // One walk of the file, only when its text mentions interceptors at all.
  if (model.sourceCode.text.includes('interceptors')) {
    walk(model.sourceCode.ast, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const use = unwrap(node.callee);
      if (use.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(use) !== 'use') return;
      const response = unwrap(use.object);
      if (response.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(response) !== 'response') return;
      const interceptors = unwrap(response.object);
      if (interceptors.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(interceptors) !== 'interceptors') return;
      const origin = model.resolver.resolve(interceptors.object);
      if (origin?.module !== 'axios') return;
      if (origin.instance) targets.instances.add(origin.instance.factory);
      else targets.root = true;
    });
  }
  interceptorCache.set(model, targets);
  return targets;
}

function axiosRetryTargets(model: FileModel): ClientTargets {
  const cached = axiosRetryCache.get(model);
  if (cached) return cached;
  const targets: ClientTargets = { root: false, instances: new Set() };
  for (const call of axiosRetryCalls(model)) {
    const target = call.arguments[0];
    const origin = target && model.resolver.resolve(target);
    if (!origin || origin.module !== 'axios') continue;
    if (origin.instance) targets.instances.add(origin.instance.factory);
    else targets.root = true;
  }
  axiosRetryCache.set(model, targets);
  return targets;
}
