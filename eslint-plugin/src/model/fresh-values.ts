import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, unwrap } from '../util/ast';
import { GLOBAL_MODULE } from './catalog';
import type { FileModel } from './file-model';
import { own } from '../util/own';

/**
 * Calls that return a new value every time, by module and export: what an idempotency key must not be
 * made with inside the code a retry re-runs. A function of the project (`keyFor(order)`) may be
 * deterministic, so only these count.
 */
const GENERATORS: Readonly<Record<string, ReadonlySet<string>>> = {
  [GLOBAL_MODULE]: new Set(['crypto.randomUUID', 'Date.now', 'Math.random']),
  crypto: new Set(['randomUUID', 'randomBytes']),
  'node:crypto': new Set(['randomUUID', 'randomBytes']),
  uuid: new Set(['v1', 'v4', 'v6', 'v7']),
  nanoid: new Set(['nanoid']),
};

/**
 * The call that makes `value` new each time it is evaluated (`crypto.randomUUID()`, uuid's `v4()`,
 * `` `order-${Date.now()}` ``, `randomBytes(16).toString('hex')`), following a `const` to its
 * initializer; undefined when the value may be the same every time.
 */
export function freshValueCall(model: FileModel, value: TSESTree.Node): TSESTree.CallExpression | undefined {
  const target = model.resolver.constValue(value);
  switch (target.type) {
    case AST_NODE_TYPES.CallExpression: {
      if (isGenerator(model, target)) return target;
      // `randomBytes(16).toString('hex')`
      const callee = unwrap(target.callee);
      const inner = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
      return inner?.type === AST_NODE_TYPES.CallExpression && staticPropertyName(callee as TSESTree.MemberExpression) === 'toString' && isGenerator(model, inner) ? inner : undefined;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      for (const expression of target.expressions) {
        const fresh = freshValueCall(model, expression);
        if (fresh) return fresh;
      }
      return undefined;
    case AST_NODE_TYPES.BinaryExpression:
      return target.operator === '+' ? freshValueCall(model, target.left) ?? freshValueCall(model, target.right) : undefined;
    default:
      return undefined;
  }
}

function isGenerator(model: FileModel, call: TSESTree.CallExpression): boolean {
  const origin = model.resolver.resolve(call.callee);
  return origin !== undefined && own(GENERATORS, origin.module)?.has(origin.path.join('.')) === true;
}
