/**
 * ESLint's traversal of a file for the extension's engine: the same enter and leave calls to rule
 * listeners, in the same order, without code-path analysis and without an object per step.
 *
 * Why: ESLint's `SourceCode.traverse()` runs code-path analysis on every file and records each step
 * as two new objects (the step and its argument list) before any listener runs. On a 3,000-line file
 * that is about half of what a lint allocates, and the garbage collector copying it was the largest
 * cost of a keystroke's lint. No Breakwater rule listens for code-path events: a test holds the
 * plugin to that (test/extension/traversal.test.ts).
 */

/** A node as the traversal sees it: anything with a string `type`. */
interface AstNode {
  readonly type: string;
  parent?: AstNode | null;
}

export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** The keys of a node type the visitor keys do not list (ESLint asks eslint-visitor-keys' `getKeys`). */
export type FallbackKeys = (node: object) => readonly string[];

/** One step of ESLint's traversal: enter (phase 1) or leave (phase 2) `target`. Shaped like ESLint's VisitNodeStep. */
export interface VisitStep {
  readonly type: 'visit';
  readonly kind: 1;
  target: AstNode;
  phase: 1 | 2;
  /** None: ESLint then calls each listener with `target`. */
  readonly args: undefined;
}

function isNode(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** Pushes `node`'s children onto `stack` last first, so that popping visits them in ESLint's order. */
function pushChildren(node: AstNode, visitorKeys: VisitorKeys, fallbackKeys: FallbackKeys, stack: AstNode[]): void {
  const keys = visitorKeys[node.type] ?? fallbackKeys(node);
  for (let k = keys.length - 1; k >= 0; k--) {
    const child = (node as unknown as Record<string, unknown>)[keys[k]!];
    if (Array.isArray(child)) {
      for (let i = child.length - 1; i >= 0; i--) if (isNode(child[i])) stack.push(child[i] as AstNode);
    } else if (isNode(child)) {
      stack.push(child);
    }
  }
}

/**
 * Sets `parent` on every node, as ESLint's traversal does before the first listener runs: rules read
 * the parents of nodes the walk has not reached yet (a variable's declaration further down).
 */
export function setParents(root: AstNode, visitorKeys: VisitorKeys, fallbackKeys: FallbackKeys): void {
  root.parent = null;
  const stack: AstNode[] = [root];
  const children: AstNode[] = [];
  for (let node = stack.pop(); node; node = stack.pop()) {
    pushChildren(node, visitorKeys, fallbackKeys, children);
    for (const child of children) {
      child.parent = node;
      stack.push(child);
    }
    children.length = 0;
  }
}

/**
 * The enter and leave steps of a depth-first walk of `root`, in ESLint's order (visitor keys in
 * order, arrays in order), produced as ESLint's linter asks for them. The iterator hands out the
 * same step and result objects each time: ESLint applies a step before it asks for the next one
 * and keeps none, so a walk of 30,000 nodes allocates nothing per node.
 */
export function visitSteps(root: AstNode, visitorKeys: VisitorKeys, fallbackKeys: FallbackKeys): Iterable<VisitStep> {
  return {
    [Symbol.iterator](): Iterator<VisitStep> {
      const step: VisitStep = { type: 'visit', kind: 1, target: root, phase: 1, args: undefined };
      const result: IteratorYieldResult<VisitStep> = { value: step, done: false };
      // Nodes still to enter or leave, and for each whether it is to be left.
      const nodes: AstNode[] = [root];
      const leaving: boolean[] = [false];
      return {
        next(): IteratorResult<VisitStep> {
          const node = nodes.pop();
          if (node === undefined) return { value: undefined, done: true };
          step.target = node;
          if (leaving.pop()) {
            step.phase = 2;
            return result;
          }
          step.phase = 1;
          nodes.push(node);
          leaving.push(true);
          const before = nodes.length;
          pushChildren(node, visitorKeys, fallbackKeys, nodes);
          for (let i = before; i < nodes.length; i++) leaving.push(false);
          return result;
        },
      };
    },
  };
}
