import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, unwrap, type FunctionNode } from '../util/ast';
import type { FileModel } from './file-model';
import { functionBinding, handRetryAround, retryHelperOf } from './hand-retry';
import type { NetworkCall } from './network-call';
import { selfRetryVerdict } from './self-retry';
import type { Verdict } from './timeout';
import { wrapperOf } from './wrappers';

/** How deep to follow "this function is only called from protected places" through the file. */
const MAX_CALLER_DEPTH = 3;

/** Whether a retry or circuit breaker protects a network call, as far as the file shows. */
export function protectionVerdict(model: FileModel, call: NetworkCall): Verdict {
  const self = selfRetryVerdict(model, call);
  if (self === 'yes') return 'yes';
  const around = protectionAround(model, call.node, 0);
  if (around === 'yes') return 'yes';
  return self === 'unknown' || around === 'unknown' ? 'unknown' : 'no';
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
  let parent: TSESTree.Node | undefined = fn.parent;
  while (parent && isTransparent(parent)) parent = parent.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) {
    const argument = parent.arguments.find((arg) => unwrap(arg) === fn);
    const wrapper = argument && wrapperOf(model, parent, argument);
    if (wrapper) return wrapper.protects === true ? 'yes' : wrapper.protects === 'unknown' ? 'unknown' : 'no';
    if (argument && parent.type === AST_NODE_TYPES.CallExpression && retryHelperOf(model, parent, argument)) return 'yes';
  }
  const binding = functionBinding(fn);
  const variable = binding && model.resolver.variableOf(binding);
  if (!variable) return 'no';
  const callers: TSESTree.CallExpression[] = [];
  let sawUnknown = false;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier;
    const use = identifier.parent;
    if (use?.type === AST_NODE_TYPES.CallExpression && use.callee === identifier) {
      callers.push(use);
    } else if ((use?.type === AST_NODE_TYPES.CallExpression || use?.type === AST_NODE_TYPES.NewExpression)) {
      const wrapper = wrapperOf(model, use, identifier);
      if (wrapper?.protects === true) return 'yes';
      if (wrapper?.protects === 'unknown') sawUnknown = true;
      if (!wrapper && use.type === AST_NODE_TYPES.CallExpression && retryHelperOf(model, use, identifier)) return 'yes';
    }
  }
  // Called only from protected places in this file: protected (its other callers, if any, are not shown).
  if (callers.length > 0 && depth < MAX_CALLER_DEPTH) {
    const verdicts = callers.map((caller) => protectionAround(model, caller, depth + 1));
    if (verdicts.every((verdict) => verdict === 'yes')) return 'yes';
  }
  return sawUnknown ? 'unknown' : 'no';
}

function isTransparent(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression
  );
}
