import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { calleePath, isFunction, staticPropertyName, unwrap } from '../util/ast';
import type { FileModel } from './file-model';
import { asyncCallerOf, type AsyncCaller } from './langchain-caller';
import { isSingleAssignment } from './resolve';
import { own } from '../util/own';

/**
 * Resilience wrappers: calls that run a function under a retry or a circuit breaker.
 * `library` names what recognised it; `protects` is false for policies that neither retry nor
 * break (a bulkhead or timeout alone), 'unknown' when the policy's make-up is not in the file.
 */
export interface Wrapper {
  readonly library:
    | 'cockatiel'
    | 'opossum'
    | 'p-retry'
    | 'async-retry'
    | 'promise-retry'
    | 'retry'
    | 'exponential-backoff'
    | 'fetch-retry'
    | 'langchain'
    | 'protector';
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The function the wrapper runs. */
  readonly fn: TSESTree.Node;
  readonly protects: boolean | 'unknown';
  /** For cockatiel: the policy `execute` was called on. */
  readonly policy?: Policy;
  /** For LangChain: the `AsyncCaller` that runs it. */
  readonly caller?: AsyncCaller;
}

/** A cockatiel policy as far as the file shows its construction. */
export type Policy =
  | { readonly kind: 'retry'; readonly node: TSESTree.CallExpression; readonly handler?: TSESTree.Node }
  | { readonly kind: 'circuitBreaker' | 'bulkhead' | 'timeout' | 'fallback' | 'noop'; readonly node: TSESTree.CallExpression }
  | { readonly kind: 'wrap'; readonly node: TSESTree.CallExpression; readonly policies: readonly Policy[] }
  /** Imported from another module, a parameter, a property: its make-up is not in this file. */
  | { readonly kind: 'opaque'; readonly imported: boolean };

/** The cockatiel export a node refers to (`retry`, `ExponentialBackoff`, `TimeoutStrategy`, …), following imports and `const`s. */
export function cockatielExport(model: FileModel, node: TSESTree.Node): string | undefined {
  const origin = model.resolver.resolve(node);
  return origin?.module === 'cockatiel' && origin.path.length === 1 ? origin.path[0] : undefined;
}

const COCKATIEL_FACTORIES = new Set(['retry', 'circuitBreaker', 'bulkhead', 'timeout', 'fallback', 'noop', 'wrap']);

export function resolvePolicy(model: FileModel, node: TSESTree.Node, depth = 0): Policy | undefined {
  const target = unwrap(node);
  if (depth > 6) return { kind: 'opaque', imported: false };
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = model.resolver.variableOf(target);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def) return { kind: 'opaque', imported: false };
    if (def.type === 'ImportBinding') return { kind: 'opaque', imported: true };
    if (def.type === 'Variable' && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier && isSingleAssignment(variable)) {
      return resolvePolicy(model, def.node.init, depth + 1);
    }
    return { kind: 'opaque', imported: false };
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const name = cockatielExport(model, target.callee);
    if (name && COCKATIEL_FACTORIES.has(name)) {
      if (name === 'wrap') {
        const policies = target.arguments.map((arg) => resolvePolicy(model, arg, depth + 1) ?? { kind: 'opaque', imported: false } as const);
        return { kind: 'wrap', node: target, policies };
      }
      if (name === 'retry') return { kind: 'retry', node: target, handler: target.arguments[0] };
      return { kind: name as 'circuitBreaker', node: target };
    }
    // A call we cannot see into (a policy factory of the project's own): its make-up is unknown.
    return { kind: 'opaque', imported: false };
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) return { kind: 'opaque', imported: false };
  return undefined;
}

export function policyProtects(policy: Policy): boolean | 'unknown' {
  switch (policy.kind) {
    case 'retry':
    case 'circuitBreaker':
      return true;
    case 'wrap': {
      const parts = policy.policies.map(policyProtects);
      if (parts.includes(true)) return true;
      return parts.includes('unknown') ? 'unknown' : false;
    }
    case 'opaque':
      return 'unknown';
    default:
      return false;
  }
}

/** Every retry policy inside a policy (through `wrap`). */
export function retryPolicies(policy: Policy): Extract<Policy, { kind: 'retry' }>[] {
  if (policy.kind === 'retry') return [policy];
  if (policy.kind === 'wrap') return policy.policies.flatMap(retryPolicies);
  return [];
}

const DEFAULT_EXPORT_WRAPPERS: Readonly<Record<string, Wrapper['library']>> = {
  'p-retry': 'p-retry',
  'async-retry': 'async-retry',
  'promise-retry': 'promise-retry',
  // `fetchRetry(fetchImpl)` returns a fetch that calls `fetchImpl` again after a network error (3 retries by default).
  'fetch-retry': 'fetch-retry',
};

/** Modules whose function wrappers (`pRetry(fn)`, `backOff(fn)`) are recognised by where the callee comes from. */
const FUNCTION_WRAPPER_MODULES = [...Object.keys(DEFAULT_EXPORT_WRAPPERS), 'exponential-backoff'];

/** The wrapper a function argument is passed to, if `call` is one. */
export function wrapperOf(model: FileModel, call: TSESTree.CallExpression | TSESTree.NewExpression, fn: TSESTree.Node): Wrapper | undefined {
  if (!call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  const callee = unwrap(call.callee);
  const protectorNames = model.protectors;
  const path = protectorNames.length > 0 ? calleePath(callee) : undefined;
  if (path && protectorNames.some((name) => name === path || (!name.includes('.') && path.endsWith(`.${name}`)))) {
    return { library: 'protector', call, fn, protects: true };
  }
  if (call.type === AST_NODE_TYPES.NewExpression) {
    const origin = model.resolver.resolve(callee);
    if (origin?.module === 'opossum' && origin.path.length === 0 && call.arguments[0] === fn) {
      return { library: 'opossum', call, fn, protects: true };
    }
    return undefined;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticPropertyName(callee);
    if (method === 'execute' && call.arguments[0] === fn) {
      const policy = resolvePolicy(model, callee.object);
      if (!policy) return undefined;
      return { library: 'cockatiel', call, fn, protects: policyProtects(policy), policy };
    }
    if (method === 'attempt' && call.arguments[0] === fn && isNodeRetryOperation(model, callee.object)) {
      return { library: 'retry', call, fn, protects: true };
    }
    if ((method === 'call' && call.arguments[0] === fn) || (method === 'callWithOptions' && call.arguments[1] === fn)) {
      const caller = asyncCallerOf(model, callee.object);
      if (caller) return { library: 'langchain', call, fn, protects: caller.retries !== 0, caller };
    }
  }
  if (!model.namesAnyModule(FUNCTION_WRAPPER_MODULES)) return undefined;
  const origin = model.resolver.resolve(callee);
  if (!origin) return undefined;
  const library = origin.path.length === 0 ? own(DEFAULT_EXPORT_WRAPPERS, origin.module) : undefined;
  if (library && (call.arguments[0] === fn || (library === 'promise-retry' && call.arguments[1] === fn))) {
    return { library, call, fn, protects: true };
  }
  if (origin.module === 'exponential-backoff' && origin.path.join('.') === 'backOff' && call.arguments[0] === fn) {
    return { library: 'exponential-backoff', call, fn, protects: true };
  }
  return undefined;
}

/** `retry.operation(opts)` from node-retry (the `retry` package), directly or through a `const`. */
export function isNodeRetryOperation(model: FileModel, node: TSESTree.Node): boolean {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const def = model.resolver.variableOf(target)?.defs[0];
    if (def?.type !== 'Variable' || !def.node.init) return false;
    target = unwrap(def.node.init);
  }
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const origin = model.resolver.resolve(target.callee);
  return origin?.module === 'retry' && origin.path.join('.') === 'operation';
}

/** The function a wrapper argument names: an inline function, or a function of this file passed by name. */
export function functionOfArgument(model: FileModel, arg: TSESTree.Node): TSESTree.Node | undefined {
  const target = unwrap(arg);
  if (isFunction(target)) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = model.resolver.variableOf(target)?.defs[0];
  if (def?.type === 'FunctionName') return def.node;
  if (def?.type === 'Variable' && def.node.init && isFunction(unwrap(def.node.init))) return unwrap(def.node.init);
  return undefined;
}
