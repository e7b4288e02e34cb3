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

/** Whether a module is TanStack Query's or SWR's (`swr/mutation` too): what their hooks do is modelled here, not guessed. */
export function isQueryLibraryModule(module: string): boolean {
  return QUERY_MODULES.has(module) || module === 'swr' || module.startsWith('swr/');
}

/** A query library's options for the function at `node`: the literal, none given (`undefined`), or not shown (`null`). */
interface QueryOptions {
  readonly library: 'TanStack Query' | 'SWR';
  readonly options: TSESTree.ObjectExpression | undefined | null;
}

/**
 * The query library that runs the function at `node` (the function, or a name it is passed by) as a
 * query, and that query's options: the `queryFn` of `useQuery({ queryKey, queryFn })` and the like,
 * react-query's positional `useQuery(key, fn, options)`, a query of `useQueries({ queries: […] })`, a
 * `QueryClient`'s default `queryFn`, or SWR's `useSWR(key, fetcher, options)`. Undefined when the
 * function is not a query function.
 */
function queryOptionsOf(model: FileModel, node: TSESTree.Node): QueryOptions | undefined {
  let current = node;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) current = current.parent;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === current && staticPropertyName(parent) === 'queryFn' && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const options = parent.parent;
    const tanstack = { library: 'TanStack Query', options } as const;
    const call = callTaking(options);
    if (call && isQueryCall(model, call)) return tanstack;
    // `useQueries({ queries: [{ queryKey, queryFn }, …] })`, or `queries: ids.map((id) => ({ queryKey, queryFn }))`
    const list = options.parent?.type === AST_NODE_TYPES.ArrayExpression ? options.parent : mapping(options);
    const listed = list && propertyHolding(list, 'queries');
    const queriesCall = listed && callTaking(listed);
    if (queriesCall && isQueryCall(model, queriesCall, 'useQueries')) return tanstack;
    // `new QueryClient({ defaultOptions: { queries: { queryFn } } })`: the default for every query
    const defaults = propertyHolding(options, 'queries');
    const config = defaults && propertyHolding(defaults, 'defaultOptions');
    const client = config?.parent;
    if (client?.type === AST_NODE_TYPES.NewExpression && client.arguments[0] === config && isQueryCall(model, client, 'QueryClient')) return tanstack;
    return undefined;
  }
  // The positional forms, `useSWR(key, fetcher, options)` and `useQuery(key, fn, options)`.
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[1] !== current) return undefined;
  const library = isSwrCall(model, parent) ? 'SWR' : isQueryCall(model, parent) ? 'TanStack Query' : undefined;
  if (!library) return undefined;
  const options = parent.arguments[2] && unwrap(parent.arguments[2]);
  return { library, options: !options ? undefined : options.type === AST_NODE_TYPES.ObjectExpression ? options : null };
}

/**
 * Whether a query library retries the function at `node` (the function, or a name it is passed by):
 * 'no' when the query's options say `retry: false` or `0` (SWR: `shouldRetryOnError: false`,
 * `errorRetryCount: 0`), 'unknown' when they set it to something the file does not show; undefined
 * when the function is not a query function.
 */
export function queryFunctionVerdict(model: FileModel, node: TSESTree.Node): Verdict | undefined {
  const query = queryOptionsOf(model, node);
  if (!query) return undefined;
  const retry = queryRetrySetting(query);
  return retry.off ? 'no' : retry.unknown ? 'unknown' : 'yes';
}

/** How a query library retries a query function. */
export interface QueryRetry {
  readonly library: 'TanStack Query' | 'SWR';
  /** Retries after the first call: TanStack Query's 3 and SWR's no limit by default. */
  readonly retries: number | undefined;
  /**
   * Whether the query's own options turn retrying on (`retry: 3`, `retry: true`, a `retry` function,
   * `errorRetryCount: 5`). Otherwise it is the library's default, which the file alone cannot
   * confirm: a `QueryClient` made elsewhere may turn it off, and TanStack Query does not retry on
   * the server.
   */
  readonly shown: boolean;
}

/** The retry a query library runs the function at `node` under; undefined when it is not a query function or its options turn retrying off or do not show. */
export function queryRetry(model: FileModel, node: TSESTree.Node): QueryRetry | undefined {
  const query = queryOptionsOf(model, node);
  if (!query) return undefined;
  const retry = queryRetrySetting(query);
  return retry.off || retry.unknown ? undefined : { library: query.library, retries: retry.retries, shown: retry.shown };
}

interface RetrySetting {
  readonly off: boolean;
  readonly unknown: boolean;
  readonly shown: boolean;
  readonly retries: number | undefined;
}

const OFF: RetrySetting = { off: true, unknown: false, shown: false, retries: undefined };
const NOT_SHOWN: RetrySetting = { off: false, unknown: true, shown: false, retries: undefined };
/** TanStack Query's default: 3 retries (in the browser; none on the server). */
const TANSTACK_DEFAULT: RetrySetting = { off: false, unknown: false, shown: false, retries: 3 };
/** SWR's default: retries with no limit. */
const SWR_DEFAULT: RetrySetting = { off: false, unknown: false, shown: false, retries: Infinity };

/** What a query's options say about retrying; absent any word, the library's default (it retries). */
function queryRetrySetting(query: QueryOptions): RetrySetting {
  if (query.options === null) return NOT_SHOWN;
  if (query.library === 'SWR') return query.options ? swrRetrySetting(query.options) : SWR_DEFAULT;
  return query.options ? tanstackRetrySetting(query.options) : TANSTACK_DEFAULT;
}

/** `retry: 3`, `retry: true` (no limit), `retry: false` or `0`, `retry: (count, error) => …`. */
function tanstackRetrySetting(options: TSESTree.ObjectExpression): RetrySetting {
  const retry = lastWord(options, 'retry');
  if (retry === undefined) return TANSTACK_DEFAULT;
  if (retry === SPREAD) return NOT_SHOWN;
  if (retry.type === AST_NODE_TYPES.ArrowFunctionExpression || retry.type === AST_NODE_TYPES.FunctionExpression) return { off: false, unknown: false, shown: true, retries: undefined };
  const value = retry.type === AST_NODE_TYPES.Literal ? retry.value : undefined;
  if (value === false || value === 0) return OFF;
  if (value === true) return { off: false, unknown: false, shown: true, retries: Infinity };
  return typeof value === 'number' && value > 0 ? { off: false, unknown: false, shown: true, retries: value } : NOT_SHOWN;
}

/** `shouldRetryOnError: false` or `errorRetryCount: 0` turn retries off; `errorRetryCount: 5` limits them (no limit by default). */
function swrRetrySetting(options: TSESTree.ObjectExpression): RetrySetting {
  const should = lastWord(options, 'shouldRetryOnError');
  const count = lastWord(options, 'errorRetryCount');
  const shouldValue = should && should !== SPREAD && should.type === AST_NODE_TYPES.Literal ? should.value : undefined;
  const countValue = count && count !== SPREAD && count.type === AST_NODE_TYPES.Literal ? count.value : undefined;
  if (shouldValue === false || countValue === 0) return OFF;
  if ((should !== undefined && shouldValue !== true) || (count !== undefined && !(typeof countValue === 'number' && countValue > 0))) return NOT_SHOWN;
  return { off: false, unknown: false, shown: shouldValue === true || count !== undefined, retries: typeof countValue === 'number' ? countValue : Infinity };
}

const SPREAD = Symbol('spread');

/**
 * The value an options literal ends up with for `key`: as in JavaScript the last word wins, and a
 * spread after it may carry another value (SPREAD). Undefined when neither says anything.
 */
function lastWord(options: TSESTree.ObjectExpression, key: string): TSESTree.Node | typeof SPREAD | undefined {
  let word: TSESTree.Node | typeof SPREAD | undefined;
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) word = SPREAD;
    else if (staticPropertyName(property) === key) word = unwrap(property.value);
  }
  return word;
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
