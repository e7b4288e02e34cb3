import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { contains, type FunctionNode } from '../util/ast';
import type { FileModel } from './file-model';
import { callsOfItself, hasStatusRetry, type HandRetry } from './hand-retry';
import { evaluateWithStatus } from './status';

/**
 * Answers that say the server did not act on the request, so sending it again cannot apply it twice:
 * 429 Too Many Requests (turned away before it was handled) and 408 Request Timeout (the server gave
 * up waiting for the request itself).
 */
export const UNPROCESSED_STATUSES: readonly number[] = [408, 429];

/**
 * Every other way a request can fail, as the status a catch would see: 0 stands for no answer at all
 * (a network error, or a response lost after the server acted), then the statuses a client throws on.
 */
const OTHER_FAILURES: readonly number[] = [0, 400, 401, 403, 404, 409, 422, 500, 502, 503, 504];

/** Where a catch body sends an error: out of the loop, round it again early, or on to the next statement. */
type Outcome = 'leaves' | 'goes round' | 'falls through';

/**
 * True when a hand-written retry sends the request again only after an answer in
 * UNPROCESSED_STATUSES: its catch throws, returns or breaks for every other failure, including no
 * answer at all (`if (err.response?.status === 429) { await sleep(); } else throw err;`), and
 * nothing in a loop retries on a status it reads itself. A recursive retry's call to itself is its
 * going round.
 */
export function resendsOnlyUnprocessed(model: FileModel, hand: HandRetry): boolean {
  const handler = hand.catchClause ?? hand.rejectionHandler;
  if (!handler) return false;
  let callsItself: (node: TSESTree.Node) => boolean = () => false;
  if (hand.kind === 'loop') {
    const loop = hand.node as TSESTree.ForStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement;
    if (hasStatusRetry(loop.body, handler)) return false;
  } else {
    const selfCalls = callsOfItself(model, hand.node as FunctionNode, handler);
    if (!selfCalls) return false;
    callsItself = (node) => selfCalls.some((call) => contains(node, call));
  }
  const body = handler.body;
  const outcomeFor = (status: number) =>
    body.type === AST_NODE_TYPES.BlockStatement ? outcome(body, status, callsItself) : expressionOutcome(body, status, callsItself);
  return OTHER_FAILURES.every((status) => outcomeFor(status) === 'leaves') && UNPROCESSED_STATUSES.some((status) => outcomeFor(status) !== 'leaves');
}

/**
 * Where a rejection handler's expression body sends an error carrying `status`
 * (`(e) => (e.status === 429 ? send() : Promise.reject(e))`): round again where it calls the
 * function again, out otherwise.
 */
function expressionOutcome(expression: TSESTree.Expression, status: number, callsItself: (node: TSESTree.Node) => boolean): Outcome {
  if (expression.type === AST_NODE_TYPES.ConditionalExpression && !callsItself(expression.test)) {
    const truth = evaluateWithStatus(expression.test, status);
    if (truth !== undefined) return expressionOutcome(truth ? expression.consequent : expression.alternate, status, callsItself);
    const [consequent, alternate] = [expressionOutcome(expression.consequent, status, callsItself), expressionOutcome(expression.alternate, status, callsItself)];
    return consequent === alternate ? consequent : 'goes round';
  }
  return callsItself(expression) ? 'goes round' : 'leaves';
}

/**
 * Where a catch body sends an error carrying `status`. What it cannot follow (a condition on
 * something else with branches that differ, a nested try, switch or loop) counts as going round, so
 * only a filter the file shows plainly is trusted.
 */
function outcome(statement: TSESTree.Statement, status: number, callsItself: (node: TSESTree.Node) => boolean): Outcome {
  if (callsItself(statement) && statement.type !== AST_NODE_TYPES.BlockStatement && statement.type !== AST_NODE_TYPES.IfStatement) return 'goes round';
  switch (statement.type) {
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.BreakStatement:
      return 'leaves';
    case AST_NODE_TYPES.ContinueStatement:
      return 'goes round';
    case AST_NODE_TYPES.BlockStatement:
      for (const inner of statement.body) {
        const result = outcome(inner, status, callsItself);
        if (result !== 'falls through') return result;
      }
      return 'falls through';
    case AST_NODE_TYPES.IfStatement: {
      if (callsItself(statement.test)) return 'goes round';
      const truth = evaluateWithStatus(statement.test, status);
      const taken = (branch: TSESTree.Statement | null | undefined): Outcome => (branch ? outcome(branch, status, callsItself) : 'falls through');
      if (truth !== undefined) return taken(truth ? statement.consequent : statement.alternate);
      const [consequent, alternate] = [taken(statement.consequent), taken(statement.alternate)];
      if (consequent === alternate) return consequent;
      // One branch leaves and the other goes on: what follows decides for the path that goes on.
      return consequent === 'goes round' || alternate === 'goes round' ? 'goes round' : 'falls through';
    }
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.VariableDeclaration:
    case AST_NODE_TYPES.EmptyStatement:
      return 'falls through';
    default:
      return 'goes round';
  }
}
