import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, unwrap, walk } from '../util/ast';

/**
 * Evaluates a condition as if the HTTP answer it reads had `status`: `res.ok`, `res.status >= 500`,
 * `[502, 503].includes(r.statusCode)`, `!response.ok && status !== 404` … Anything that is not about
 * the answer's status is unknown (undefined), and so is the whole condition when it depends on it.
 */
export function evaluateWithStatus(node: TSESTree.Node, status: number): unknown {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return typeof target.value === 'number' || typeof target.value === 'boolean' ? target.value : undefined;
    case AST_NODE_TYPES.Identifier:
      return target.name === 'status' || target.name === 'statusCode' ? status : undefined;
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticPropertyName(target);
      if (name === 'status' || name === 'statusCode') return status;
      if (name === 'ok') return status >= 200 && status <= 299;
      return undefined;
    }
    case AST_NODE_TYPES.UnaryExpression: {
      if (target.operator !== '!') return undefined;
      const value = evaluateWithStatus(target.argument, status);
      return value === undefined ? undefined : !value;
    }
    case AST_NODE_TYPES.LogicalExpression: {
      const left = evaluateWithStatus(target.left, status);
      const right = evaluateWithStatus(target.right, status);
      if (target.operator === '&&') {
        if (left === false || right === false) return false;
        return left === undefined || right === undefined ? undefined : Boolean(left) && Boolean(right);
      }
      if (target.operator === '||') {
        if (left === true || right === true) return true;
        return left === undefined || right === undefined ? undefined : Boolean(left) || Boolean(right);
      }
      return undefined;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      const left = evaluateWithStatus(target.left, status);
      const right = evaluateWithStatus(target.right, status);
      if (typeof left !== 'number' || typeof right !== 'number') return undefined;
      switch (target.operator) {
        case '===':
        case '==':
          return left === right;
        case '!==':
        case '!=':
          return left !== right;
        case '<':
          return left < right;
        case '<=':
          return left <= right;
        case '>':
          return left > right;
        case '>=':
          return left >= right;
        case '/':
          return Math.floor(left / right);
        default:
          return undefined;
      }
    }
    case AST_NODE_TYPES.CallExpression: {
      // `[429, 503].includes(res.status)`
      const callee = unwrap(target.callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        staticPropertyName(callee) === 'includes' &&
        callee.object.type === AST_NODE_TYPES.ArrayExpression &&
        target.arguments.length === 1
      ) {
        const value = evaluateWithStatus(target.arguments[0]!, status);
        if (typeof value !== 'number') return undefined;
        return callee.object.elements.some(
          (element) => element !== null && element.type === AST_NODE_TYPES.Literal && element.value === value,
        );
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * True when a condition reads an HTTP answer's status (`.status`, `.statusCode`, `.ok`, or `status`).
 * A status compared with a string (`status === 'completed'`, `job.status !== 'failed'`) is a job's or
 * a task's state, which a polling loop waits on, not an HTTP answer's.
 */
export function readsStatus(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (child) => {
    if (found || comparesWithText(child)) return 'skip';
    if (child.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticPropertyName(child);
      if (name === 'status' || name === 'statusCode' || name === 'ok') found = true;
    } else if (child.type === AST_NODE_TYPES.Identifier && (child.name === 'status' || child.name === 'statusCode')) {
      found = true;
    }
    return undefined;
  }, { skipFunctions: true });
  return found;
}

/** `x === 'done'`, `x != \`${state}\``: a comparison with text, which no HTTP status is. */
function comparesWithText(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.BinaryExpression || !['===', '==', '!==', '!='].includes(node.operator)) return false;
  const isText = (side: TSESTree.Node): boolean => {
    const target = unwrap(side);
    return (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') || target.type === AST_NODE_TYPES.TemplateLiteral;
  };
  return isText(node.left) || isText(node.right);
}

const TRANSIENT = [429, 500, 502, 503, 504];

/**
 * A condition that never holds for success and may hold for a transient failure (5xx, 429): a retry
 * trigger. Parts not about the status (`attemptsLeft > 0`) may go either way.
 */
export function isTransientFailureTest(test: TSESTree.Node): boolean {
  return mayHoldForTransientFailure(test) && evaluateWithStatus(test, 200) === false;
}

/** A condition about the status that may hold for a transient failure (5xx, 429), whatever it does for success. */
export function mayHoldForTransientFailure(test: TSESTree.Node): boolean {
  return readsStatus(test) && TRANSIENT.some((status) => evaluateWithStatus(test, status) !== false);
}

/**
 * A condition that may hold for success and need not hold for a transient failure: `res.ok`,
 * `status < 400`, and `res.ok || attempt === last` (on the last attempt it gives up either way).
 */
export function isSuccessTest(test: TSESTree.Node): boolean {
  return (
    readsStatus(test) &&
    truthWithStatus(test, 200) !== false &&
    TRANSIENT.some((status) => truthWithStatus(test, status) !== true)
  );
}

/** The condition's truth for an answer with `status`, or undefined when other values decide it. */
function truthWithStatus(test: TSESTree.Node, status: number): boolean | undefined {
  const value = evaluateWithStatus(test, status);
  return value === undefined ? undefined : Boolean(value);
}

/** A condition that can hold for a client error such as 400 or 404 (so a throw under it fails 4xx too). */
export function holdsForClientError(test: TSESTree.Node, statuses: readonly number[]): boolean {
  return readsStatus(test) && statuses.some((status) => evaluateWithStatus(test, status) === true);
}
