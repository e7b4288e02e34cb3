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
 * loop body, not the try block. An exit taken only for some kinds of error (`if (e.status === 404)
 * throw e`) is not one either: every other failure, the transient ones an outage brings, still loops
 * forever (see `guardedByErrorOnly`).
 */
export function canGiveUp(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  const errorNames = node.type === AST_NODE_TYPES.CatchClause ? boundNames(node.param) : new Set<string>();
  let found = false;
  walk(
    node,
    (current) => {
      if (found) return 'skip';
      if (
        (current.type === AST_NODE_TYPES.ThrowStatement ||
          current.type === AST_NODE_TYPES.ReturnStatement ||
          current.type === AST_NODE_TYPES.BreakStatement ||
          (current.type === AST_NODE_TYPES.CallExpression &&
            current.callee.type === AST_NODE_TYPES.MemberExpression &&
            staticPropertyName(current.callee) === 'throwIfAborted')) &&
        !guardedByErrorOnly(current, node, errorNames)
      ) {
        found = true;
      }
    },
    { skipFunctions: true },
  );
  return found;
}

/** The names a catch clause binds (`e`, or `{ status }`); empty for `catch {` or anywhere else. */
function boundNames(param: TSESTree.Node | null): Set<string> {
  const names = new Set<string>();
  if (param) {
    walk(param, (current) => {
      if (current.type === AST_NODE_TYPES.Identifier && !(current.parent?.type === AST_NODE_TYPES.Property && current.parent.key === current && current.parent.value !== current)) {
        names.add(current.name);
      }
    });
  }
  return names;
}

/**
 * Whether the exit `exit` is taken only under conditions that read nothing but the caught error: an
 * `if`, `?:`, `&&`/`||` or `switch` between `exit` and `place` whose test reads only `errorNames`,
 * literals and plain functions or classes (`isRetryable(e)`, `e instanceof HttpError`). Such an exit
 * ends the loop for some errors and not for others. A test that reads anything else (a counter, a
 * clock, a signal, an object's state) may bound the loop, and so does an exit with no test at all. A
 * test about cancellation (`AbortError`, `TimeoutError`, `isCancel(e)`) is how a caller's deadline
 * ends the loop: that counts as a bound too.
 */
function guardedByErrorOnly(exit: TSESTree.Node, place: TSESTree.Node, errorNames: ReadonlySet<string>): boolean {
  if (errorNames.size === 0) return false;
  let guarded = false;
  for (let child = exit, parent = exit.parent; parent && child !== place; child = parent, parent = parent.parent) {
    let test: TSESTree.Node | null = null;
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test !== child) test = parent.test;
    else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child) test = parent.left;
    else if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test !== child) {
      const discriminant = (parent.parent as TSESTree.SwitchStatement).discriminant;
      if (!readsOnlyError(discriminant, errorNames) || (parent.test && !readsOnlyError(parent.test, errorNames))) return false;
      guarded = true;
      continue;
    }
    if (!test) continue;
    if (!readsOnlyError(test, errorNames)) return false;
    guarded = true;
  }
  return guarded;
}

const VALUE_WRAPPERS = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

const CANCELLATION = new Set(['AbortError', 'TimeoutError', 'ABORT_ERR', 'ERR_CANCELED', 'isCancel', 'CanceledError', 'aborted']);

/** A test that reads only the caught error, literals and plain functions or classes (see guardedByErrorOnly). */
function readsOnlyError(test: TSESTree.Node, errorNames: ReadonlySet<string>): boolean {
  let only = true;
  walk(test, (current) => {
    if (!only) return 'skip';
    // Types (`(e as HttpError).status`) read no values.
    if (current.type.startsWith('TS') && !VALUE_WRAPPERS.has(current.type)) return 'skip';
    switch (current.type) {
      case AST_NODE_TYPES.Literal:
        if (typeof current.value === 'string' && CANCELLATION.has(current.value)) only = false;
        return;
      case AST_NODE_TYPES.MemberExpression:
        // `e.response.status`: the property names are not reads of variables.
        if (!current.computed && current.property.type === AST_NODE_TYPES.Identifier && CANCELLATION.has(current.property.name)) only = false;
        return;
      case AST_NODE_TYPES.Identifier: {
        const parent = current.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === current && !parent.computed) return;
        if (CANCELLATION.has(current.name)) only = false;
        else if (errorNames.has(current.name) || current.name === 'undefined') return;
        // A plain function or class applied to the error: `isRetryable(e)`, `e instanceof HttpError`.
        else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === current) return;
        else if (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === 'instanceof' && parent.right === current) return;
        else only = false;
        return;
      }
      case AST_NODE_TYPES.ThisExpression:
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.AwaitExpression:
        only = false;
        return;
    }
  });
  return only;
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
