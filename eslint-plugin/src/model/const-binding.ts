import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { isFunction, unwrap, type FunctionNode } from '../util/ast';

/**
 * The initializer of a `const` declared once and bound by name (`const api = new Api()`), unwrapped;
 * undefined for anything else. A destructured name (`const { backoff } = settings`) is bound to part
 * of the value, not to `settings`. One step only: callers that follow `const b = a` on to `a` do so
 * themselves.
 */
export function constInitializer(variable: TSESLint.Scope.Variable): TSESTree.Node | undefined {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.parent?.type !== AST_NODE_TYPES.VariableDeclaration || def.parent.kind !== 'const') return undefined;
  return def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init ? unwrap(def.node.init) : undefined;
}

/**
 * The function a variable names when the file declares it once and never reassigns it:
 * `function f() {}`, or `const f = () => …` / `const f = function () {}`.
 */
export function localFunctionOf(variable: TSESLint.Scope.Variable): FunctionNode | undefined {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) {
    return variable.references.some((reference) => reference.isWrite()) ? undefined : def.node;
  }
  const init = constInitializer(variable);
  return init && isFunction(init) ? init : undefined;
}
