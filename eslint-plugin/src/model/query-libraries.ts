import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { isFunction, staticPropertyName, unwrap } from '../util/ast';
import type { FileModel } from './file-model';
import type { Verdict } from './timeout';

/**
 * Data-fetching libraries that retry a failed query function by themselves: TanStack Query (and
 * react-query, its v3 name) retries a query 3 times with exponential backoff in the browser unless
 * told `retry: false` (on the server it does not retry, which a lint cannot tell apart).
 */
const QUERY_MODULES = new Set([
  '@tanstack/react-query',
  '@tanstack/vue-query',
  '@tanstack/solid-query',
  '@tanstack/svelte-query',
  '@tanstack/angular-query-experimental',
  '@tanstack/preact-query',
  '@tanstack/lit-query',
  '@tanstack/query-core',
  'react-query',
]);

/** The calls whose options' `queryFn` TanStack Query runs as a query (mutations do not retry by default). */
const QUERY_FUNCTIONS = new Set([
  'useQuery',
  'useInfiniteQuery',
  'useSuspenseQuery',
  'useSuspenseInfiniteQuery',
  'queryOptions',
  'infiniteQueryOptions',
  'createQuery',
  'createInfiniteQuery',
  'injectQuery',
  'injectInfiniteQuery',
]);

/**
 * SWR's hooks, by module (their default export): they retry a failed fetcher with exponential backoff
 * by default, unless told `shouldRetryOnError: false` or `errorRetryCount: 0`. `swr/mutation` does not.
 */
const SWR_MODULES = new Set(['swr', 'swr/infinite', 'swr/immutable']);

/**
 * Whether a query library retries the function at `node` (the function, or a name it is passed by):
 * the `queryFn` of `useQuery({ queryKey, queryFn })` and the like, react-query's positional
 * `useQuery(key, fn, options)`, a query of `useQueries({ queries: […] })`, a `QueryClient`'s default
 * `queryFn`, or SWR's `useSWR(key, fetcher, options)`. 'no' when the options say `retry: false` or
 * `0`, 'unknown' when they set it to something the file does not show; undefined when the function
 * is not a query function.
 */
export function queryFunctionVerdict(model: FileModel, node: TSESTree.Node): Verdict | undefined {
  let current = node;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) current = current.parent;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === current && staticPropertyName(parent) === 'queryFn' && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const options = parent.parent;
    const call = callTaking(options);
    if (call && isQueryCall(model, call)) return retryVerdict(options);
    // `useQueries({ queries: [{ queryKey, queryFn }, …] })`, or `queries: ids.map((id) => ({ queryKey, queryFn }))`
    const list = options.parent?.type === AST_NODE_TYPES.ArrayExpression ? options.parent : mapping(options);
    const listed = list && propertyHolding(list, 'queries');
    const queriesCall = listed && callTaking(listed);
    if (queriesCall && isQueryCall(model, queriesCall, 'useQueries')) return retryVerdict(options);
    // `new QueryClient({ defaultOptions: { queries: { queryFn } } })`: the default for every query
    const defaults = propertyHolding(options, 'queries');
    const config = defaults && propertyHolding(defaults, 'defaultOptions');
    const client = config?.parent;
    if (client?.type === AST_NODE_TYPES.NewExpression && client.arguments[0] === config && isQueryCall(model, client, 'QueryClient')) return retryVerdict(options);
    return undefined;
  }
  // The positional forms, `useSWR(key, fetcher, options)` and `useQuery(key, fn, options)`.
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[1] !== current) return undefined;
  const judge = isSwrCall(model, parent) ? swrRetryVerdict : isQueryCall(model, parent) ? retryVerdict : undefined;
  if (!judge) return undefined;
  const options = parent.arguments[2] && unwrap(parent.arguments[2]);
  if (!options) return 'yes';
  return options.type === AST_NODE_TYPES.ObjectExpression ? judge(options) : 'unknown';
}

/** The call an options object is given to: as its first argument, or returned by a function that is (`createQuery(() => ({ … }))`). */
function callTaking(options: TSESTree.ObjectExpression): TSESTree.CallExpression | undefined {
  let holder: TSESTree.Node = options;
  const parent = options.parent;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === options) holder = parent;
  const call = holder.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === holder ? call : undefined;
}

/** The `.map(…)` call whose callback returns `options` (`ids.map((id) => ({ … }))`, or `return { … }` in its body). */
function mapping(options: TSESTree.ObjectExpression): TSESTree.CallExpression | undefined {
  let callback: TSESTree.Node | undefined = options.parent;
  if (callback?.type === AST_NODE_TYPES.ReturnStatement && callback.parent?.type === AST_NODE_TYPES.BlockStatement) callback = callback.parent.parent;
  else if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression || callback.body !== options) return undefined;
  if (!isFunction(callback)) return undefined;
  const call = callback.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== callback) return undefined;
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'map' ? call : undefined;
}

/** The object literal in which `node` is the value of property `key`. */
function propertyHolding(node: TSESTree.Node, key: string): TSESTree.ObjectExpression | undefined {
  const property = node.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== node || staticPropertyName(property) !== key) return undefined;
  return property.parent.type === AST_NODE_TYPES.ObjectExpression ? property.parent : undefined;
}

/** A call of one of TanStack Query's query functions (or of the export `name`), by import. */
function isQueryCall(model: FileModel, call: TSESTree.CallExpression | TSESTree.NewExpression, name?: string): boolean {
  const origin = model.resolver.resolve(unwrap(call.callee));
  if (origin === undefined || !QUERY_MODULES.has(origin.module) || origin.path.length !== 1) return false;
  return name === undefined ? QUERY_FUNCTIONS.has(origin.path[0]!) : origin.path[0] === name;
}

/** `useSWR(key, fetcher)`, `useSWRInfinite(getKey, fetcher)`: the default export of an SWR module. */
function isSwrCall(model: FileModel, call: TSESTree.CallExpression): boolean {
  const origin = model.resolver.resolve(unwrap(call.callee));
  return origin !== undefined && SWR_MODULES.has(origin.module) && (origin.path.length === 0 || (origin.path.length === 1 && origin.path[0] === 'default'));
}

/** What a query's own `retry` option says: absent (the default retries), off, or not shown. */
function retryVerdict(options: TSESTree.ObjectExpression): Verdict {
  return optionsVerdict(options, (key, value) => {
    if (key !== 'retry') return undefined;
    if (value.type === AST_NODE_TYPES.Literal) return value.value === false || value.value === 0 ? 'no' : 'yes';
    return value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression ? 'yes' : 'unknown';
  });
}

/** What SWR's options say: `shouldRetryOnError: false` or `errorRetryCount: 0` turn retries off. */
function swrRetryVerdict(options: TSESTree.ObjectExpression): Verdict {
  return optionsVerdict(options, (key, value) => {
    if (key !== 'shouldRetryOnError' && key !== 'errorRetryCount') return undefined;
    if (value.type !== AST_NODE_TYPES.Literal) return 'unknown';
    return value.value === false || value.value === 0 ? 'no' : 'yes';
  });
}

/**
 * Reads an options literal with `judge` for each property, in order: as in JavaScript the last
 * word wins, and a spread, which may carry the off switch, makes it 'unknown' until a later property
 * says otherwise. Absent any, the library's default: it retries.
 */
function optionsVerdict(options: TSESTree.ObjectExpression, judge: (key: string, value: TSESTree.Node) => Verdict | undefined): Verdict {
  let verdict: Verdict = 'yes';
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      verdict = 'unknown';
      continue;
    }
    const key = staticPropertyName(property);
    const judged = key === undefined ? undefined : judge(key, unwrap(property.value));
    if (judged) verdict = judged;
  }
  return verdict;
}
