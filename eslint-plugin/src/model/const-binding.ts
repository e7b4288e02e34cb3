import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { unwrap } from '../util/ast';

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
