import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { isTypeWrapper, staticPropertyName } from '../util/ast';

/**
 * Option names under which SDKs and HTTP clients take the fetch they should use instead of the
 * global one: `new OpenAI({ fetch })`, `ky.create({ fetch })`, `createClient(url, key, { global: { fetch } })`,
 * `new HttpLink({ fetch })`, `fetchImpl`, `customFetch`.
 */
const FETCH_OPTION_NAMES = new Set(['fetch', 'fetchImpl', 'fetchImplementation', 'fetchFn', 'fetchFunction', 'customFetch']);

/**
 * Whether the function at `node` (the function, or a name it is passed by) is handed to another
 * client as the fetch it should use: `new OpenAI({ fetch: (input, init) => fetch(input, { ...init, tls }) })`.
 * That client calls it on each attempt, under its own retries and timeouts, which the file does not
 * show; wrapping the call inside in a retry as well would retry each attempt again.
 */
export function isInjectedFetch(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent && isTypeWrapper(current.parent)) current = current.parent;
  const property = current.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== current) return false;
  const name = staticPropertyName(property);
  if (name === undefined || !FETCH_OPTION_NAMES.has(name)) return false;
  // An options object given to a call or a constructor, possibly nested (`{ global: { fetch } }`).
  for (let object: TSESTree.Node | undefined = property.parent; object?.type === AST_NODE_TYPES.ObjectExpression; ) {
    const parent: TSESTree.Node | undefined = object.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) return parent.arguments.includes(object);
    if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== object) return false;
    object = parent.parent;
  }
  return false;
}
