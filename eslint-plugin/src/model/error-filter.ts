import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { calleePath, staticPropertyName } from '../util/ast';

/** Properties whose reading means the code tells errors apart. */
const KIND_PROPERTIES = new Set([
  'status',
  'statusCode',
  'code',
  'name',
  'response',
  'errno',
  'type',
  'kind',
  'retryable',
  'isRetryable',
  'transient',
  'cause',
]);

const LOG_METHODS = new Set(['log', 'warn', 'error', 'info', 'debug', 'trace', 'fatal']);

/** `console.log(e)`, `logger.warn(…)`, `log(…)`: passing an error there does not inspect it. */
function isLoggingCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (call.type === AST_NODE_TYPES.NewExpression) return true; // `new Error('…', { cause: e })` wraps, never filters
  const path = calleePath(call.callee);
  if (!path) return false;
  const segments = path.split('.');
  const last = segments[segments.length - 1]!;
  return segments[0] === 'console' || LOG_METHODS.has(last) || /logger$/i.test(segments[segments.length - 2] ?? '');
}

/**
 * True when code looks at an error to decide what to do with it: reads its status, code or name, uses
 * `instanceof`, tests it in a condition, or hands it to a predicate. Logging it, wrapping it or
 * rethrowing it unconditionally does not count.
 */
export function inspectsError(variable: TSESLint.Scope.Variable | undefined, depth = 0): boolean {
  if (!variable) return false;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const verdict = referenceInspects(reference.identifier);
    if (verdict === true) return true;
    // `const err = error as NodeError`: what the code does with the copy counts.
    if (verdict !== false && depth < MAX_ALIAS_DEPTH && inspectsError(aliasVariable(reference.from, verdict), depth + 1)) return true;
  }
  return false;
}

/** How many `const copy = error` steps to follow. */
const MAX_ALIAS_DEPTH = 3;

/** The variable a `const` declarator declares, looked up from the scope its initializer is read in. */
function aliasVariable(from: TSESLint.Scope.Scope, id: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
  for (let scope: TSESLint.Scope.Scope | null = from; scope; scope = scope.upper) {
    const variable = scope.set.get(id.name);
    if (variable) return variable.defs.some((def) => def.name === id) ? variable : undefined;
  }
  return undefined;
}

/**
 * Whether this read of an error inspects it; when it only copies the error into a `const`, that
 * constant's identifier, whose own reads decide.
 */
function referenceInspects(identifier: TSESTree.Node): boolean | TSESTree.Identifier {
  let current: TSESTree.Node = identifier;
  let parent = current.parent;
  // Climb property reads (`e.response.status`) and note any that name an error kind.
  while (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
    const name = staticPropertyName(parent);
    if (name !== undefined && KIND_PROPERTIES.has(name) && !insideLogging(parent)) return true;
    current = parent;
    parent = current.parent;
  }
  while (parent?.type === AST_NODE_TYPES.ChainExpression || parent?.type === AST_NODE_TYPES.TSAsExpression) {
    current = parent;
    parent = current.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      if (parent.init !== current) return false;
      if (parent.id.type === AST_NODE_TYPES.Identifier) return parent.parent.kind === 'const' ? parent.id : false;
      // `const { code, response } = error`
      return parent.id.type === AST_NODE_TYPES.ObjectPattern && parent.id.properties.some((property) => {
        const key = property.type === AST_NODE_TYPES.Property ? staticPropertyName(property) : undefined;
        return key !== undefined && KIND_PROPERTIES.has(key);
      });
    case AST_NODE_TYPES.BinaryExpression:
      return true;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.UnaryExpression:
      return true;
    case AST_NODE_TYPES.CallExpression:
      if (parent.callee === current) return false;
      return !isLoggingCall(parent) && !isRethrowHelper(parent);
    default:
      return false;
  }
}

function insideLogging(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) {
      return isLoggingCall(current);
    }
    if (current.type.endsWith('Statement')) return false;
  }
  return false;
}

/** `reject(e)`, `Promise.reject(e)`, `callback(e)`, `operation.retry(e)`: passing an error on, not inspecting it. */
function isRethrowHelper(call: TSESTree.CallExpression): boolean {
  const path = calleePath(call.callee);
  return path !== undefined && /^(reject|Promise\.reject|cb|callback|done|next|again)$|(^|\.)retry$/.test(path);
}
