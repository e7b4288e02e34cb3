import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { contains, isFunction, isTypeWrapper, staticPropertyName, unwrap, type FunctionNode } from '../util/ast';

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

/**
 * Type names that say a function is a fetch implementation for some client: `FetchFunction` (the AI
 * SDK's), `FetchLike`, `FetchFn`, `FetchImpl`, `CustomFetch`, `Fetch`, and `typeof fetch`.
 */
const FETCH_TYPE_NAMES = /^(?:Fetch|FetchFunction|FetchLike|FetchFn|FetchImpl|FetchImplementation|CustomFetch)$/;

/**
 * Whether TypeScript types the function at `node` as a fetch: `const f: typeof fetch = (input, init) => …`,
 * `((input, init) => …) satisfies FetchFunction`, a class field `fetch: typeof fetch = …`, or the
 * function returned by one declared to return such a type
 * (`function withHeaders(h): FetchFunction { return async (input, init) => fetch(input, …); }`).
 * Written to be handed to a client as its fetch, like the option above, unless the file shows where it goes.
 */
export function isTypedAsFetch(node: TSESTree.Node): boolean {
  let current = node;
  for (let parent = current.parent; parent && isTypeWrapper(parent); parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.TSNonNullExpression && isFetchType((parent as TSESTree.TSAsExpression | TSESTree.TSSatisfiesExpression).typeAnnotation)) return true;
    current = parent;
  }
  const parent = current.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier && isFetchType(parent.id.typeAnnotation?.typeAnnotation);
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === current && isFetchType(parent.typeAnnotation?.typeAnnotation);
    case AST_NODE_TYPES.ReturnStatement: {
      let owner: TSESTree.Node | undefined = parent.parent;
      while (owner && !isFunction(owner)) owner = owner.parent;
      return isFunction(owner) && isFetchType(owner.returnType?.typeAnnotation);
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === current && isFetchType(parent.returnType?.typeAnnotation);
    default:
      return false;
  }
}

function isFetchType(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeQuery: {
      // `typeof fetch`, `typeof globalThis.fetch`
      const name = type.exprName;
      return (
        (name.type === AST_NODE_TYPES.Identifier && name.name === 'fetch') ||
        (name.type === AST_NODE_TYPES.TSQualifiedName && name.right.name === 'fetch')
      );
    }
    case AST_NODE_TYPES.TSTypeReference:
      return type.typeName.type === AST_NODE_TYPES.Identifier && FETCH_TYPE_NAMES.test(type.typeName.name);
    default:
      return false;
  }
}

/**
 * Whether `call` is the whole of a fetch implementation: it sends the URL its function was given, and
 * that function is stored under a fetch's name, as a method (`fetch(url, options) { return fetch(url, options); }`
 * in an SDK whose base class calls `this.fetch` under its retries), a property or class field, or an
 * assignment (`this.webClientOptions.fetch = (url, init) => undiciFetch(url, { ...init, dispatcher })`,
 * `global.fetch = async (url, options) => originalFetch(url, options)`). Whoever calls it decides how it
 * is retried, and that code is elsewhere. Forwarding the URL is what tells such an adapter from a
 * loader that happens to be called `fetch` (`store.fetch()` that requests one fixed endpoint).
 */
export function isFetchAdapterCall(
  call: TSESTree.CallExpression,
  variableOf: (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined,
): boolean {
  const url = call.arguments[0] && unwrap(call.arguments[0]);
  if (url?.type !== AST_NODE_TYPES.Identifier) return false;
  let fn: TSESTree.Node | undefined = call.parent;
  while (fn && !isFunction(fn)) fn = fn.parent;
  if (!fn || !isFunction(fn) || !storedUnderFetchName(fn)) return false;
  const definition = variableOf(url)?.defs[0];
  // The function's first parameter (`url`, `url: string`, `url = base`), not a later one.
  const first = fn.params[0];
  return definition?.type === 'Parameter' && definition.node === fn && first !== undefined && contains(first, definition.name);
}

/** `fetch(…) {…}` as a method, `fetch: (…) => …`, a class field `fetch = …`, or `<object>.fetch = …`. */
function storedUnderFetchName(fn: FunctionNode): boolean {
  let current: TSESTree.Node = fn;
  while (current.parent && isTypeWrapper(current.parent)) current = current.parent;
  const parent = current.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === current && FETCH_OPTION_NAMES.has(staticPropertyName(parent) ?? '');
    case AST_NODE_TYPES.AssignmentExpression:
      return (
        parent.right === current &&
        parent.left.type === AST_NODE_TYPES.MemberExpression &&
        FETCH_OPTION_NAMES.has(staticPropertyName(parent.left) ?? '')
      );
    default:
      return false;
  }
}
