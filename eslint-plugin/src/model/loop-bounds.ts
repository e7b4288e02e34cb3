import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, unwrap, walk } from '../util/ast';

/** `while (true)`, `while (1)`, `for (;;)`, `do … while (true)`: a loop whose condition never ends it. */
export function loopsForever(loop: TSESTree.Node): boolean {
  if (loop.type === AST_NODE_TYPES.ForStatement) return loop.test === null || isTruthyLiteral(loop.test);
  if (loop.type === AST_NODE_TYPES.WhileStatement || loop.type === AST_NODE_TYPES.DoWhileStatement) return isTruthyLiteral(loop.test);
  return false;
}

function isTruthyLiteral(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal && Boolean(target.value) && target.value !== null;
}

/**
 * Whether anything in `node` (not in nested functions) can leave the loop or give up: a `throw`,
 * `return` or `break`, or `signal.throwIfAborted()`. The success path's `return`/`break` inside the
 * retried `try` block is not a way out of retrying, so callers pass the catch and the rest of the
 * loop body, not the try block.
 */
export function canGiveUp(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  let found = false;
  walk(
    node,
    (current) => {
      if (found) return 'skip';
      if (
        current.type === AST_NODE_TYPES.ThrowStatement ||
        current.type === AST_NODE_TYPES.ReturnStatement ||
        current.type === AST_NODE_TYPES.BreakStatement ||
        (current.type === AST_NODE_TYPES.CallExpression &&
          current.callee.type === AST_NODE_TYPES.MemberExpression &&
          staticPropertyName(current.callee) === 'throwIfAborted')
      ) {
        found = true;
      }
    },
    { skipFunctions: true },
  );
  return found;
}

/** The statements of a loop body other than the `try` that holds `request`, plus that try's catch clause. */
export function giveUpPlaces(loop: TSESTree.Node, catchClause: TSESTree.CatchClause): TSESTree.Node[] {
  const body = (loop as TSESTree.WhileStatement).body;
  const tryStatement = catchClause.parent as TSESTree.TryStatement;
  const places: TSESTree.Node[] = [catchClause];
  if (tryStatement.finalizer) places.push(tryStatement.finalizer);
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    for (const statement of body.body) if (statement !== tryStatement) places.push(statement);
  }
  return places;
}
