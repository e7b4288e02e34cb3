import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { isFunction, unwrap, walk } from '../util/ast';
import { THROWS_ON_HTTP_ERROR } from './catalog';
import type { FileModel } from './file-model';
import { configSources, type NetworkCall } from './network-call';
import { holdsForClientError } from './status';
import { functionOfArgument } from './wrappers';

/**
 * Whether code run under a retry can fail with a client error (4xx) as a thrown error: a call of a
 * client that rejects on non-2xx (axios, got, ky, superagent, unless told not to), or a fetch whose
 * answer is turned into an error for 4xx (`if (!res.ok) throw …`). Calls into functions of the same
 * file are followed a few levels.
 */
export function throwsOnClientError(
  model: FileModel,
  root: TSESTree.Node,
  statuses: readonly number[],
  depth = 0,
): NetworkCall | undefined {
  let found: NetworkCall | undefined;
  let fetchCall: NetworkCall | undefined;
  let throwsFor4xx = false;
  walk(root, (node) => {
    if (found) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const call = model.calls.detect(node);
      if (call) {
        if (THROWS_ON_HTTP_ERROR.has(call.entry.family) && rejectsOnHttpError(model, call)) found = call;
        else if (call.entry.family === 'fetch') fetchCall ??= call;
      } else if (depth < 2) {
        const callee = functionOfArgument(model, node.callee);
        if (callee && callee !== root && !isOwnAncestor(callee, root)) {
          found = throwsOnClientError(model, callee, statuses, depth + 1);
        }
      }
    } else if (node.type === AST_NODE_TYPES.ThrowStatement && guardedByClientError(node, root, statuses)) {
      throwsFor4xx = true;
    }
    return undefined;
  });
  if (found) return found;
  return fetchCall && throwsFor4xx ? fetchCall : undefined;
}

function isOwnAncestor(candidate: TSESTree.Node, node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) if (current === candidate) return true;
  return false;
}

/** axios `validateStatus`, got/ky `throwHttpErrors: false` turn off rejection on 4xx. */
function rejectsOnHttpError(model: FileModel, call: NetworkCall): boolean {
  const key = call.entry.family === 'axios' ? 'validateStatus' : 'throwHttpErrors';
  // Options the file does not show may turn rejection off, but by default these clients reject on 4xx.
  for (const { node, before } of configSources(call)) {
    for (const branch of model.options.branches(node)) {
      const lookup = model.options.lookup(branch, key, before);
      if (lookup.state === 'unknown') return false;
      if (lookup.state === 'present') {
        const value = unwrap(lookup.value);
        const stillThrows = key === 'throwHttpErrors' && value.type === AST_NODE_TYPES.Literal && value.value === true;
        if (!stillThrows) return false;
      }
    }
  }
  return true;
}

/** A throw under a condition that holds for a 4xx answer (`if (!res.ok) throw …`). */
function guardedByClientError(node: TSESTree.ThrowStatement, root: TSESTree.Node, statuses: readonly number[]): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== root; current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && holdsForClientError(current.test, statuses)) {
      const inConsequent = current.consequent.range[0] <= node.range[0] && node.range[1] <= current.consequent.range[1];
      if (inConsequent) return true;
      // `if (res.ok) return res; throw …` and `if (res.ok) {…} else throw …`
    }
    if (current.type === AST_NODE_TYPES.IfStatement && current.alternate) {
      const inAlternate = current.alternate.range[0] <= node.range[0] && node.range[1] <= current.alternate.range[1];
      if (inAlternate && !holdsForClientError(current.test, statuses) && holdsForSuccessOnly(current.test)) return true;
    }
    if (isFunction(current)) break;
  }
  return throwAfterSuccessReturn(node, statuses);
}

function holdsForSuccessOnly(test: TSESTree.Node): boolean {
  return holdsForClientError(test, [200]);
}

/** `if (res.ok) return res;` followed by a bare `throw` in the same block. */
function throwAfterSuccessReturn(node: TSESTree.ThrowStatement, statuses: readonly number[]): boolean {
  const block = node.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const index = block.body.indexOf(node);
  return block.body.slice(0, index).some(
    (statement) =>
      statement.type === AST_NODE_TYPES.IfStatement &&
      holdsForSuccessOnly(statement.test) &&
      !holdsForClientError(statement.test, statuses) &&
      (statement.consequent.type === AST_NODE_TYPES.ReturnStatement ||
        (statement.consequent.type === AST_NODE_TYPES.BlockStatement &&
          statement.consequent.body.some((inner) => inner.type === AST_NODE_TYPES.ReturnStatement))),
  );
}
