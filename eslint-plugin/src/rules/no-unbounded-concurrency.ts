import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { fileModel } from '../model/file-model';
import { combine } from '../model/options';
import { COMMON_OPTION_PROPERTIES, type CommonOptions } from '../model/rule-options';
import { functionOfArgument, resolvePolicy } from '../model/wrappers';
import { isFunction, isLoop, numericLiteral, staticPropertyName, unwrap, walk } from '../util/ast';
import { createRule } from '../util/create-rule';

export interface NoUnboundedConcurrencyOptions extends CommonOptions {
  /** Array literals with at most this many elements (object literals with this many properties, listed by `Object.keys` and the like) are small enough to run at once. */
  maxLiteralItems?: number;
}

export type NoUnboundedConcurrencyMessageIds = 'unboundedFanOut';

const COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
/** `Object` methods that list an object's own properties as an array. */
const OBJECT_LISTINGS = new Set(['keys', 'values', 'entries']);
/** How far to follow "this item callback calls a function of the file that makes the request". */
const MAX_HELPER_DEPTH = 2;

export default createRule<[NoUnboundedConcurrencyOptions], NoUnboundedConcurrencyMessageIds>({
  name: 'no-unbounded-concurrency',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending one request per item all at once, with no concurrency limit',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ...COMMON_OPTION_PROPERTIES,
          maxLiteralItems: { type: 'integer', minimum: 0, description: 'Array literals up to this size, and object literals with this many properties listed by Object.keys/values/entries, may run at once.' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      unboundedFanOut: 'Unlimited fan-out: {{how}} fires every request at once.',
    },
  },
  defaultOptions: [{ unresolved: 'ignore', clients: [], maxLiteralItems: 10 }],
  create(context, [options]) {
    const fileOrNothing = fileModel(context, options);
    if (!fileOrNothing) return {};
    const model = fileOrNothing;
    const maxItems = options.maxLiteralItems ?? 10;
    const reportUnresolved = options.unresolved === 'report';
    const reported = new Set<TSESTree.Node>();

    function report(node: TSESTree.Node, how: string): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId: 'unboundedFanOut', data: { how } });
    }

    /** `Promise.all` and friends, with `Promise` the global. */
    function combinator(call: TSESTree.CallExpression): string | undefined {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Promise') return undefined;
      const name = staticPropertyName(callee);
      if (!name || !COMBINATORS.has(name) || model.resolver.variableOf(callee.object)) return undefined;
      return `Promise.${name}`;
    }

    /**
     * An array the file shows to be small: a literal of a few items, directly or through a `const`,
     * or the keys, values or entries of such an object literal (`Object.keys(LABELS).map(post)`).
     */
    function isSmallLiteral(node: TSESTree.Node): boolean {
      const target = model.resolver.constValue(node);
      if (target.type === AST_NODE_TYPES.ArrayExpression) return fewItems(target.elements);
      const object = objectListed(target);
      return object !== undefined && fewItems(object.properties);
    }

    /**
     * How many items a collection holds, as far as the file shows: 'few' for a small literal or a
     * batch of a written size (`ids.slice(i, i + 10)`, `queue.splice(0, BATCH)` with `const BATCH = 20`),
     * 'batch' for a batch whose size it does not show (`ids.slice(i, i + size)`, or the variable of a
     * `for…of` loop that awaits each item's fan-out before the next: `for (const chunk of chunks)
     * await Promise.all(chunk.map(send))`), 'any' otherwise. A batch size the author wrote is the limit
     * they chose, however large: this rule reports fan-outs with none.
     */
    function collectionSize(node: TSESTree.Node, fanOut: TSESTree.Node): 'few' | 'batch' | 'any' {
      if (isSmallLiteral(node)) return 'few';
      const target = model.resolver.constValue(node);
      if (target.type === AST_NODE_TYPES.CallExpression) return sliceSize(target);
      if (target.type === AST_NODE_TYPES.Identifier && awaitsEachBatch(target, fanOut)) return 'batch';
      return 'any';
    }

    /**
     * `items.slice(start, end)` and `items.splice(start, count)`: 'few' when the size is a written
     * number (a written `end` caps a slice at `end` items wherever it starts), 'any' when the end
     * counts from the end of the array (`slice(1, -1)`, `slice(0, items.length)`).
     */
    function sliceSize(call: TSESTree.CallExpression): 'few' | 'batch' | 'any' {
      const callee = unwrap(call.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : undefined;
      const [start, end] = call.arguments;
      if ((method !== 'slice' && method !== 'splice') || !start || !end || start.type === AST_NODE_TYPES.SpreadElement || end.type === AST_NODE_TYPES.SpreadElement) return 'any';
      const endValue = writtenNumber(end);
      if (endValue !== undefined) return endValue < 0 ? 'any' : 'few';
      const to = unwrap(end);
      if (to.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(to) === 'length') return 'any';
      // `slice(i, i + size)`: `size` items from wherever `i` is.
      if (method === 'slice' && to.type === AST_NODE_TYPES.BinaryExpression && to.operator === '+') {
        const size = sameName(to.left, start) ? to.right : sameName(to.right, start) ? to.left : undefined;
        if (size && (writtenNumber(size) ?? -1) >= 0) return 'few';
      }
      return 'batch';
    }

    /** The value of a number literal, directly or through a `const`. */
    function writtenNumber(node: TSESTree.Node): number | undefined {
      return numericLiteral(model.resolver.constValue(node));
    }

    /** Two mentions of the same variable (`i` in `slice(i, i + 10)`). */
    function sameName(a: TSESTree.Node, b: TSESTree.Node): boolean {
      const [left, right] = [unwrap(a), unwrap(b)];
      return left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier && left.name === right.name;
    }

    /** Whether `name` is the variable of a `for…of` loop around `fanOut`, which the loop awaits before its next turn. */
    function awaitsEachBatch(name: TSESTree.Identifier, fanOut: TSESTree.Node): boolean {
      const def = model.resolver.variableOf(name)?.defs[0];
      const declaration = def?.type === 'Variable' ? def.parent : undefined;
      const loop = declaration?.parent;
      if (loop?.type !== AST_NODE_TYPES.ForOfStatement || loop.left !== declaration) return false;
      let awaited = false;
      for (let current: TSESTree.Node | undefined = fanOut; current && current !== loop; current = current.parent) {
        if (isFunction(current)) return false;
        if (current.type === AST_NODE_TYPES.AwaitExpression) awaited = true;
      }
      return awaited;
    }

    /** Whether a fan-out over `collection` is left alone: few items, or a batch unless `unresolved` is "report". */
    function isBounded(collection: TSESTree.Node, fanOut: TSESTree.Node): boolean {
      const size = collectionSize(collection, fanOut);
      return size === 'few' || (size === 'batch' && !reportUnresolved);
    }

    function fewItems(items: readonly (TSESTree.Node | null)[]): boolean {
      return items.length <= maxItems && items.every((item) => item?.type !== AST_NODE_TYPES.SpreadElement);
    }

    /** The object literal whose `Object.keys`, `values` or `entries` a call lists, with `Object` the global. */
    function objectListed(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
      if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1) return undefined;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Object') return undefined;
      if (!OBJECT_LISTINGS.has(staticPropertyName(callee) ?? '') || model.resolver.variableOf(callee.object)) return undefined;
      const object = model.resolver.constValue(node.arguments[0]!);
      return object.type === AST_NODE_TYPES.ObjectExpression ? object : undefined;
    }

    /** A function passed to something that limits concurrency: p-limit's `limit(fn)`, p-queue `add`, Bottleneck `schedule`/`wrap`, a cockatiel bulkhead's `execute`. */
    function isLimited(fn: TSESTree.Node): boolean {
      let parent = fn.parent;
      while (parent && (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)) parent = parent.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.some((arg) => unwrap(arg) === fn)) return false;
      const callee = unwrap(parent.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) return madeBy(callee, 'p-limit', '');
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = staticPropertyName(callee);
      if (method === 'add' || method === 'addAll') return madeBy(callee.object, 'p-queue', '');
      if (method === 'schedule' || method === 'wrap' || method === 'submit') return madeBy(callee.object, 'bottleneck', '');
      if (method === 'execute') {
        const policy = resolvePolicy(model, callee.object);
        const hasBulkhead = (p: NonNullable<typeof policy>): boolean => p.kind === 'bulkhead' || (p.kind === 'wrap' && p.policies.some(hasBulkhead));
        return policy !== undefined && hasBulkhead(policy);
      }
      return false;
    }

    /** Whether `node` holds an instance made by the module's export (`pLimit(5)`, `new PQueue()`, `new Bottleneck()`). */
    function madeBy(node: TSESTree.Node, module: string, path: string): boolean {
      let target = unwrap(node);
      if (target.type === AST_NODE_TYPES.Identifier) {
        const def = model.resolver.variableOf(target)?.defs[0];
        if (def?.type !== 'Variable' || !def.node.init) return false;
        target = unwrap(def.node.init);
      } else if (target.type === AST_NODE_TYPES.MemberExpression) {
        return true; // this.queue.add(...): an instance the file keeps; trust the name
      }
      if (target.type !== AST_NODE_TYPES.CallExpression && target.type !== AST_NODE_TYPES.NewExpression) return false;
      const origin = model.resolver.resolve(target.callee);
      return origin?.module === module && origin.path.join('.') === path;
    }

    /** The node in `fn` through which one item's request goes out with no limiter on the way, if any. */
    function unlimitedRequest(fn: TSESTree.Node, depth: number, seen: Set<TSESTree.Node>): TSESTree.Node | undefined {
      if (seen.has(fn)) return undefined;
      seen.add(fn);
      let found: TSESTree.Node | undefined;
      walk(isFunction(fn) ? fn.body : fn, (node) => {
        if (found || (isFunction(node) && isLimited(node))) return 'skip';
        if (node.type !== AST_NODE_TYPES.CallExpression) return;
        if (model.calls.detect(node)) {
          found = node;
          return 'skip';
        }
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && depth < MAX_HELPER_DEPTH) {
          const helper = functionOfArgument(model, callee);
          if (helper && unlimitedRequest(helper, depth + 1, seen)) found = node;
        }
      });
      return found;
    }

    /** `Promise.all(items.map(fn))` and `Promise.all(Array.from(items, fn))`. */
    function checkMap(how: string, arg: TSESTree.Node): boolean {
      const target = unwrap(arg);
      if (target.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(target.callee);
      let collection: TSESTree.Node | undefined;
      let callback: TSESTree.Node | undefined;
      if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'map' && !(callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array')) {
        collection = callee.object;
        callback = target.arguments[0];
      } else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array' && staticPropertyName(callee) === 'from') {
        collection = target.arguments[0];
        callback = target.arguments[1];
      }
      if (!collection || !callback || isBounded(collection, target)) return Boolean(collection);
      const fn = functionOfArgument(model, callback);
      if (!fn || isLimited(fn)) return true;
      const request = unlimitedRequest(fn, 0, new Set());
      if (request) report(request, `${how} over .map()`);
      return true;
    }

    /** `const ps = []; for (…) ps.push(fetch(…)); await Promise.all(ps)`. */
    function checkBuiltInLoop(how: string, arg: TSESTree.Node): void {
      const target = unwrap(arg);
      if (target.type !== AST_NODE_TYPES.Identifier) return;
      const variable = model.resolver.variableOf(target);
      const def = variable?.defs[0];
      if (!variable || def?.type !== 'Variable' || unwrap(def.node.init ?? def.node).type !== AST_NODE_TYPES.ArrayExpression) return;
      for (const reference of variable.references) {
        const member = reference.identifier.parent;
        const push = member?.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(member) !== 'push' || push?.type !== AST_NODE_TYPES.CallExpression) continue;
        let inLoop = false;
        for (let current: TSESTree.Node | undefined = push.parent; current && !isFunction(current); current = current.parent) {
          if (isLoop(current)) inLoop = true;
        }
        if (!inLoop) continue;
        for (const pushed of push.arguments) {
          const request = unlimitedRequest(pushed, 0, new Set());
          if (request) report(request, `${how} over a loop`);
        }
      }
    }

    /** p-map without `concurrency` runs every item at once (its default is Infinity). */
    function checkPMap(call: TSESTree.CallExpression): void {
      const origin = model.resolver.resolve(call.callee);
      if (origin?.module !== 'p-map' || (origin.path.length !== 0 && origin.path.join('.') !== 'default')) return;
      const [collection, mapper, optionsNode] = call.arguments;
      if (!collection || !mapper || isBounded(collection, call)) return;
      if (optionsNode?.type === AST_NODE_TYPES.SpreadElement) return;
      const concurrency = combine(model.options.branches(optionsNode).map((branch) => model.options.lookup(branch, 'concurrency', call)));
      if (concurrency.state === 'unknown') return;
      if (concurrency.state === 'present') {
        const value = unwrap(concurrency.value);
        const isInfinite = value.type === AST_NODE_TYPES.Identifier && value.name === 'Infinity';
        if (!isInfinite) return;
      }
      const fn = functionOfArgument(model, mapper);
      const request = fn && unlimitedRequest(fn, 0, new Set());
      if (request) report(request, 'p-map without concurrency');
    }

    return {
      CallExpression(node) {
        const how = combinator(node);
        if (!how) return checkPMap(node);
        const arg = node.arguments[0];
        if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return;
        if (!checkMap(how, arg)) checkBuiltInLoop(how, arg);
      },
    };
  },
});
