import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { isFunction, staticPropertyName, unwrap, walk } from '../util/ast';
import type { FileModel } from './file-model';

/**
 * Names of functions that wait: `sleep(ms)`, `delay(ms)`, `setTimeout(fn, ms)`, `scheduler.wait(ms)`,
 * `timer(ms)` (postiz's helper, rxjs's operator), and the same words with more after them (`sleepFor`,
 * `waitFor`, `sleepWithAbort(ms, signal)`).
 */
const DELAY_NAME = /^(?:(?:sleep|delay|wait|pause|backoff)(?:[A-Z][A-Za-z0-9]*)?|setTimeout|timer)$|(?:Delay|Sleep|Backoff|Wait)$/;
const RANDOM_NAME = /random|jitter/i;

export type DelayVerdict = 'none' | 'constant' | 'jittered' | 'unknown';

/** The calls in `scope` (nested callbacks included, e.g. `new Promise((r) => setTimeout(r, ms))`) that wait. */
function delayCalls(scope: TSESTree.Node, exclude?: TSESTree.Node): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  walk(scope, (node) => {
    if (node === exclude) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && isWaitCall(node)) out.push(node);
  });
  return out;
}

/** Whether code calls something that waits (`setTimeout`, `sleep(ms)`, …), in nested callbacks too. */
export function containsWait(scope: TSESTree.Node): boolean {
  return delayCalls(scope).length > 0;
}

/** Whether a call's own callee is named like a function that waits (`sleep(ms)`, `setTimeout(ms)`, `scheduler.wait(ms)`). */
export function isWaitCall(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  return name !== undefined && DELAY_NAME.test(name);
}

/** A call's own name: `sleep` in `sleep(ms)`, `wait` in `scheduler.wait(ms)` and in `this.#wait(ms)`. */
function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return callee.property.type === AST_NODE_TYPES.PrivateIdentifier ? callee.property.name : staticPropertyName(callee);
}

/**
 * How long a delay call waits: `setTimeout(fn, ms)` and `setTimeout(resolve, ms)` → ms;
 * `setTimeout(ms)` (timers/promises), `sleep(ms)`, `sleepWithAbort(ms, signal)` → ms.
 */
function amountOf(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const [first, second] = call.arguments;
  if (!first) return undefined;
  if (isFunction(unwrap(first))) return second;
  // `setTimeout(resolve, ms)` passes its callback by name; a wait named for waiting takes the time first.
  if (unwrap(first).type === AST_NODE_TYPES.Identifier && second && !TIME_FIRST_NAME.test(calleeName(call) ?? '')) return second;
  return first;
}

/** Waits whose first argument is the time even when a second follows (`sleep(ms, signal)`, `delayFor(ms, value)`). */
const TIME_FIRST_NAME = /^(?:sleep|delay|wait|pause|timer$)/;

/**
 * Whether a delay amount has randomness in it: 'jittered' if it (or a `const` or same-file function
 * it uses) calls `Math.random` or something named random/jitter; 'constant' if it is built only from
 * numbers, counters and Math.pow/min/max; 'unknown' otherwise.
 */
export function amountVerdict(model: FileModel, node: TSESTree.Node | undefined, depth = 0, visiting = new Set<unknown>()): DelayVerdict {
  if (!node) return 'unknown';
  if (depth > 4) return 'unknown';
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return typeof target.value === 'number' ? 'constant' : 'unknown';
    case AST_NODE_TYPES.Identifier: {
      if (RANDOM_NAME.test(target.name)) return 'jittered';
      const variable = model.resolver.variableOf(target);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!def) return 'unknown';
      // Counters and numbers declared in the file: combine what is ever written to them.
      if (def.type !== 'Variable' || !variable) return 'unknown';
      // `delay = delay * 2` refers to itself: what matters is everything else written to it.
      if (visiting.has(variable)) return 'constant';
      visiting.add(variable);
      let verdict: DelayVerdict = def.node.init ? amountVerdict(model, def.node.init, depth + 1, visiting) : 'constant';
      for (const reference of variable.references) {
        if (!reference.isWrite() || reference.identifier === def.name) continue;
        const written = reference.writeExpr;
        verdict = combine(verdict, written ? amountVerdict(model, written, depth + 1, visiting) : 'constant');
      }
      return verdict;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (target.left.type === AST_NODE_TYPES.PrivateIdentifier) return 'unknown';
      return combine(amountVerdict(model, target.left, depth + 1, visiting), amountVerdict(model, target.right, depth + 1, visiting));
    }
    case AST_NODE_TYPES.UnaryExpression:
      return amountVerdict(model, target.argument, depth + 1, visiting);
    case AST_NODE_TYPES.UpdateExpression:
      return 'constant';
    case AST_NODE_TYPES.ConditionalExpression:
      return combine(amountVerdict(model, target.consequent, depth + 1, visiting), amountVerdict(model, target.alternate, depth + 1, visiting));
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(target.callee);
      const name = calleeName(target);
      if (name && RANDOM_NAME.test(name)) return 'jittered';
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Math') {
        return target.arguments.reduce<DelayVerdict>((verdict, arg) => combine(verdict, amountVerdict(model, arg, depth + 1, visiting)), 'constant');
      }
      // A helper of this file: look inside it for randomness.
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const def = model.resolver.variableOf(callee)?.defs[0];
        const fn = def?.type === 'FunctionName' ? def.node : def?.type === 'Variable' && def.node.init && isFunction(unwrap(def.node.init)) ? unwrap(def.node.init) : undefined;
        if (fn) return mentionsRandom(fn) ? 'jittered' : 'unknown';
      }
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

function combine(a: DelayVerdict, b: DelayVerdict): DelayVerdict {
  if (a === 'jittered' || b === 'jittered') return 'jittered';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'constant';
}

function mentionsRandom(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (current) => {
    if (found) return 'skip';
    if (current.type === AST_NODE_TYPES.Identifier && RANDOM_NAME.test(current.name)) found = true;
  });
  return found;
}

/** What a hand-written retry waits between attempts: no delay, a fixed/exponential one, a jittered one. */
export function retryDelayVerdict(model: FileModel, scope: TSESTree.Node, request: TSESTree.Node): DelayVerdict {
  const calls = delayCalls(scope, request);
  if (calls.length === 0) return 'none';
  let verdict: DelayVerdict = 'constant';
  for (const call of calls) verdict = combine(verdict, amountVerdict(model, amountOf(call)));
  return verdict;
}
