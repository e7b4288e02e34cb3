import type { AST_NODE_TYPES as NodeType, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/** Strips syntax that does not change a value at run time: TS casts, `!`, `satisfies`, optional chains. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The static name of a property key or member property, or undefined when it is computed from a value. */
export function staticPropertyName(
  node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): string | undefined {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  if (!node.computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
  }
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? undefined;
  }
  if (!node.computed && key.type === AST_NODE_TYPES.Literal) return String(key.value);
  return undefined;
}

/** A property of an object literal, as opposed to a spread element. */
export type ObjectProperty = Extract<TSESTree.ObjectLiteralElement, { type: NodeType.Property }>;

/** The property of an object literal whose static name is `name` (`retries: 0`, `"retries": 0`, `['retries']: 0`). */
export function propertyNamed(object: TSESTree.ObjectExpression, name: string): ObjectProperty | undefined {
  return object.properties.find((p): p is ObjectProperty => p.type === AST_NODE_TYPES.Property && staticPropertyName(p) === name);
}

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionExpression
  | TSESTree.FunctionDeclaration;

export function isFunction(node: TSESTree.Node | undefined | null): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

export function isLoop(
  node: TSESTree.Node,
): node is
  | TSESTree.ForStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForInStatement {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.ForInStatement
  );
}

/** The function whose body holds `node`, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

/** True when `inner` is `outer` or lies inside it. */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * Calls `visit` on every node below `root`, in source order (not descending into nested functions
 * when `skipFunctions`). Children are found through the visitor keys of ESTree and typescript-estree
 * (one short list per node type), not by listing each node's own keys: rules walk whole classes and
 * files, and enumerating every node's keys made those walks the bulk of a rule's time.
 */
export function walk(
  root: TSESTree.Node,
  visit: (node: TSESTree.Node) => void | 'skip',
  options: { skipFunctions?: boolean } = {},
): void {
  const skipFunctions = options.skipFunctions === true;
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === 'skip') continue;
    const keys = visitorKeys[node.type] ?? ownChildKeys(node);
    // Pushed last key first, last element first, so that they pop in source order.
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child = value[i] as TSESTree.Node | null;
          if (child && typeof child.type === 'string' && !(skipFunctions && isFunction(child))) stack.push(child);
        }
      } else if (value && typeof (value as TSESTree.Node).type === 'string') {
        const child = value as TSESTree.Node;
        if (!(skipFunctions && isFunction(child))) stack.push(child);
      }
    }
  }
}

/** Keys that may hold child nodes, for a node type the visitor keys do not know (another parser's extension). */
function ownChildKeys(node: TSESTree.Node): readonly string[] {
  return Object.keys(node).filter((key) => key !== 'parent' && key !== 'loc' && key !== 'range' && key !== 'tokens' && key !== 'comments');
}

/** The dotted text of a callee made only of identifiers and static members (`a.b.c`), else undefined. */
export function calleePath(node: TSESTree.Node): string | undefined {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const object = calleePath(target.object);
    const name = staticPropertyName(target);
    return object !== undefined && name !== undefined ? `${object}.${name}` : undefined;
  }
  return undefined;
}

/** The numeric value of a literal (also `-1`), or undefined. */
export function numericLiteral(node: TSESTree.Node): number | undefined {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'number') return target.value;
  if (
    target.type === AST_NODE_TYPES.UnaryExpression &&
    target.operator === '-' &&
    target.argument.type === AST_NODE_TYPES.Literal &&
    typeof target.argument.value === 'number'
  ) {
    return -target.argument.value;
  }
  return undefined;
}

export function stringLiteral(node: TSESTree.Node): string | undefined {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value;
  if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) {
    return target.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** True when a call chain starting at `call` has `.method(…)` (`superagent.get(url).timeout(1).retry(2)`). */
export function chainHas(call: TSESTree.CallExpression, method: string): boolean {
  let current: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return false;
    if (staticPropertyName(parent) === method) return true;
    const next: TSESTree.Node | undefined = parent.parent;
    if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== parent) return false;
    current = next;
  }
}

/** `x as T`, `x satisfies T`, `x!`: a node that only says something about its expression's type. */
export function isTypeWrapper(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression || node.type === AST_NODE_TYPES.TSNonNullExpression;
}

/** The node with any `as`/`satisfies`/`!` around it: what its parent holds (`unwrap`'s inverse). */
export function withTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && isTypeWrapper(current.parent)) current = current.parent;
  return current;
}

/**
 * The name a function is declared or stored under: `function f`, `const f = () => …` (also through
 * `as`/`satisfies`), or the key of the method, property or class field it is. Undefined for a callback
 * or a computed key.
 */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
  const parent = withTypeWrappers(fn).parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : undefined;
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition:
      return staticPropertyName(parent);
    default:
      return undefined;
  }
}

/** The Program a node belongs to, or undefined for a node outside one. */
export function programOf(node: TSESTree.Node): TSESTree.Program | undefined {
  let root: TSESTree.Node = node;
  while (root.parent) root = root.parent;
  return root.type === AST_NODE_TYPES.Program ? root : undefined;
}
