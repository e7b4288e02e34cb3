import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { numericLiteral, propertyNamed, staticPropertyName, unwrap } from '../util/ast';
import { instanceClassOf, thisFieldValue } from './class-fields';
import type { FileModel } from './file-model';

/** Where LangChain's `AsyncCaller` is exported from (the core package, and the `langchain` package before it). */
const ASYNC_CALLER_MODULE = /^(?:@langchain\/core\/utils|langchain\/util)\/async_caller(?:\.js)?$/;
/** LangChain's packages: `@langchain/core/embeddings`, `@langchain/openai`, `langchain/llms/base`. */
const LANGCHAIN_MODULE = /^(?:@langchain\/|langchain\/)/;

/** How many times an `AsyncCaller` retries unless told otherwise (its `maxRetries` default). */
export const ASYNC_CALLER_DEFAULT_RETRIES = 6;

/**
 * A LangChain `AsyncCaller` that `caller.call(fn)` or `caller.callWithOptions(options, fn)` runs `fn`
 * under: it retries a failed call with p-retry (6 times by default, with jitter, and never after a 400,
 * 401, 403, 404, 405, 406, 407 or 409). Every LangChain model and embeddings class builds one as
 * `this.caller` from its constructor's fields, and integrations send their requests through it
 * (`return this.caller.call(async () => fetch(this.apiUrl, …))`).
 *
 * `retries` is the count when the file shows it (`new AsyncCaller({ maxRetries: 2 })`), undefined for
 * the caller a LangChain base class makes from what its user passes.
 */
export interface AsyncCaller {
  readonly retries: number | undefined;
}

/** The `AsyncCaller` that `node` (the object of `.call(fn)`) is, if the file shows it is one. */
export function asyncCallerOf(model: FileModel, node: TSESTree.Node, depth = 0): AsyncCaller | undefined {
  if (depth > 3 || !model.sourceCode.text.includes('langchain')) return undefined;
  const target = model.resolver.constValue(node);
  if (target.type === AST_NODE_TYPES.NewExpression) {
    const origin = model.resolver.resolve(target.callee);
    if (!origin || !ASYNC_CALLER_MODULE.test(origin.module) || origin.path.join('.') !== 'AsyncCaller') return undefined;
    return { retries: maxRetries(target.arguments[0]) };
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression || unwrap(target.object).type !== AST_NODE_TYPES.ThisExpression || staticPropertyName(target) !== 'caller') return undefined;
  // `this.caller = new AsyncCaller(…)` in the class itself.
  const value = thisFieldValue(target, model.sourceCode, (n) => model.sourceCode.getScope(n));
  if (value) return asyncCallerOf(model, value, depth + 1);
  // The one a LangChain base class makes (`class FireworksEmbeddings extends Embeddings`).
  const owner = instanceClassOf(target);
  const base = owner?.superClass ? model.resolver.resolve(owner.superClass) : undefined;
  return base && LANGCHAIN_MODULE.test(base.module) ? { retries: undefined } : undefined;
}

/** `maxRetries` in an AsyncCaller's options: the default when absent, undefined when the file does not show it. */
function maxRetries(options: TSESTree.Node | undefined): number | undefined {
  if (!options) return ASYNC_CALLER_DEFAULT_RETRIES;
  const target = unwrap(options);
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (target.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const property = propertyNamed(target, 'maxRetries');
  return property ? numericLiteral(property.value) : ASYNC_CALLER_DEFAULT_RETRIES;
}
