import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { contains, enclosingFunction, functionName, isFunction, isTypeWrapper, programOf, staticPropertyName, unwrap, withTypeWrappers, type FunctionNode } from '../util/ast';
import { instanceClassOf } from './class-fields';
import { functionBinding } from './hand-retry';
import { isFetchShaped, isTypeofFetch } from './function-types';

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
  const current = withTypeWrappers(node);
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
 * Other names that end in `Fetch` (better-auth's `ClientMetadataResourceFetch`) say the same when the
 * type comes from another package: the function is written to plug into that package. A project's own
 * type so named (medusa's `ClientFetch`, from `./types`) may be its own request function, which the
 * file then calls itself.
 */
const PACKAGE_FETCH_TYPE_NAME = /^[A-Za-z0-9_$]+Fetch$/;

/**
 * Whether TypeScript types the function at `node` as a fetch: `const f: typeof fetch = (input, init) => …`,
 * `((input, init) => …) satisfies FetchFunction`, a class field `fetch: typeof fetch = …` (or assigned
 * `this.fetch = …` later, as gemini-cli's A2A client manager does in its constructor), or the
 * function returned by one declared to return such a type
 * (`function withHeaders(h): FetchFunction { return async (input, init) => fetch(input, …); }`).
 * Written to be handed to a client as its fetch, like the option above, unless the file shows where it goes.
 */
export function isTypedAsFetch(node: TSESTree.Node): boolean {
  let current = node;
  // Through `as`/`satisfies`/`!`, and the branches of a choice (`globalThis.fetch ? (...args) => globalThis.fetch(...args) : unsupported`).
  for (let parent = current.parent; parent && (isTypeWrapper(parent) || isBranch(parent, current)); parent = parent.parent) {
    if (isTypeWrapper(parent) && parent.type !== AST_NODE_TYPES.TSNonNullExpression && isFetchType((parent as TSESTree.TSAsExpression | TSESTree.TSSatisfiesExpression).typeAnnotation)) return true;
    current = parent;
  }
  const returner = functionReturning(current);
  if (returner) return isFetchType(returner.returnType?.typeAnnotation);
  const parent = current.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier && isFetchType(parent.id.typeAnnotation?.typeAnnotation);
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === current && isFetchType(parent.typeAnnotation?.typeAnnotation);
    case AST_NODE_TYPES.AssignmentPattern:
      // A parameter's default: `constructor(readonly fetchImpl: typeof fetch = (...args) => fetch(...args))`.
      return parent.right === current && parent.left.type === AST_NODE_TYPES.Identifier && isFetchType(parent.left.typeAnnotation?.typeAnnotation);
    case AST_NODE_TYPES.AssignmentExpression:
      // A field declared as a fetch and set in the constructor: `private a2aFetch: typeof fetch;` … `this.a2aFetch = (input, init) => …`.
      return parent.right === current && isFetchType(thisFieldType(parent.left));
    default:
      return false;
  }
}

/** The declared type of the field `this.<name>` names, in the class whose instance `this` is. */
function thisFieldType(target: TSESTree.Node): TSESTree.TypeNode | undefined {
  if (target.type !== AST_NODE_TYPES.MemberExpression || unwrap(target.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = staticPropertyName(target);
  const field = instanceClassOf(target)?.body.body.find(
    (member): member is TSESTree.PropertyDefinition => member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && staticPropertyName(member) === name,
  );
  return field?.typeAnnotation?.typeAnnotation;
}

/** Whether `child` is a value `parent` may evaluate to: a branch of `a ? b : c`, either side of `a ?? b` or `a || b`. */
function isBranch(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  return (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) || parent.type === AST_NODE_TYPES.LogicalExpression;
}

function isFetchType(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeQuery:
      return isTypeofFetch(type);
    case AST_NODE_TYPES.TSTypeReference: {
      if (type.typeName.type !== AST_NODE_TYPES.Identifier) return false;
      const name = type.typeName.name;
      return FETCH_TYPE_NAMES.test(name) || (PACKAGE_FETCH_TYPE_NAME.test(name) && importedFromPackage(name, type)) || isFetchShaped(type);
    }
    default:
      return false;
  }
}

/** Whether the file imports `name` from a package: not a relative path nor a project alias (`@/`, `~/`, `#`). */
function importedFromPackage(name: string, node: TSESTree.Node): boolean {
  return (programOf(node)?.body ?? []).some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      !/^(?:\.|\/|@\/|~\/|#)/.test(statement.source.value) &&
      statement.specifiers.some((specifier) => specifier.local.name === name),
  );
}

/**
 * Whether `call` is the whole of a fetch implementation: it sends on the URL its function was given,
 * and that function is one other code plugs in and calls:
 * - stored under a fetch's name, as a method (`fetch(url, options) { return fetch(url, options); }` in
 *   an SDK whose base class calls `this.fetch` under its retries), a property or class field, an
 *   assignment (`this.webClientOptions.fetch = (url, init) => undiciFetch(url, { ...init, dispatcher })`,
 *   `global.fetch = async (url, options) => originalFetch(url, options)`) or a parameter's default
 *   (`fetchImpl = (...args) => fetch(...args)`);
 * - a drop-in fetch: named as one (`debugFetch`, `loggingFetch`) and sending on both its URL and its
 *   options untouched (`const debugFetch = async (url, init) => { log(url); return fetch(url, init); }`),
 *   or all its arguments (`const tracedFetch = (...args) => fetch(...args)`);
 * - a function handed straight to a call, a `new` or `super(…)` that sends on its URL (possibly against a
 *   base) and its options, possibly with more added (`super((input, init) => fetch(new URL(input, base), { ...init, headers }))`),
 *   or all its arguments (`setAbstractFetchFunc(async (...args) => fetchFunc(...args))`);
 * - a method of a class that implements a transport interface (`class CustomHttpClient implements
 *   BaseHttpClient { sendRequest(request) { return fetch(request.url, …); } }`, which a crawler calls under
 *   its own retries).
 * Whoever calls it decides how it is retried, and that code is elsewhere. Sending on the URL it was
 * given is what tells such an adapter from a loader that happens to be called `fetch` (`store.fetch()`
 * that requests one fixed endpoint).
 */
export function isFetchAdapterCall(
  call: TSESTree.CallExpression,
  variableOf: (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined,
): boolean {
  const url = call.arguments[0] && forwardedRoot(call.arguments[0]);
  if (!url) return false;
  let fn: TSESTree.Node | undefined = call.parent;
  while (fn && !isFunction(fn)) fn = fn.parent;
  if (!fn || !isFunction(fn)) return false;
  const isParameter = (node: TSESTree.Node | undefined, index: number): boolean => {
    if (node?.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = variableOf(node)?.defs[0];
    const parameter = fn.params[index];
    return definition?.type === 'Parameter' && definition.node === fn && parameter !== undefined && contains(parameter, definition.name);
  };
  // The function's first parameter (`url`, `url: string`, `url = base`, `...args`), not a later one.
  if (!isParameter(url, 0)) return false;
  if (storedUnderFetchName(fn) || implementsTransport(fn)) return true;
  const first = call.arguments[0]!;
  // All its arguments untouched: `const tracedFetch = (...args) => fetch(...args)`, `setFetch((...args) => fetch(...args))`.
  if (first.type === AST_NODE_TYPES.SpreadElement) return call.arguments.length === 1 && (namedAsFetch(fn) || handedToCall(fn));
  const options = call.arguments[1] && unwrap(call.arguments[1]);
  if (!options) return false;
  if (unwrap(first) === url && isParameter(options, 1) && namedAsFetch(fn)) return true;
  // A fetch handed straight to a client that sends through it (atproto's `super(async (input, init) =>
  // fetch(new URL(input, this.uri), { ...init, headers }))`): its URL and its options, with more added.
  return handedToCall(fn) && (isParameter(options, 1) || spreadsParameter(options, (node) => isParameter(node, 1)));
}

/** A function written as an argument of a call, a `new` or `super(…)`: that callee decides when it runs. */
function handedToCall(fn: FunctionNode): boolean {
  const outer = withTypeWrappers(fn);
  const parent = outer.parent;
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(outer as TSESTree.CallExpressionArgument);
}

/** `{ ...init, headers }`: an object that starts from the given options. */
function spreadsParameter(node: TSESTree.Node, isOptionsParameter: (node: TSESTree.Node) => boolean): boolean {
  return node.type === AST_NODE_TYPES.ObjectExpression && node.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement && isOptionsParameter(unwrap(property.argument)));
}

/**
 * The identifier a call's URL argument sends on: `url`, all the function's arguments (`...args`), or
 * the request whose URL it is (`request.url`, `req.href`).
 */
function forwardedRoot(argument: TSESTree.CallExpressionArgument): TSESTree.Node | undefined {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return argument.argument.type === AST_NODE_TYPES.Identifier ? argument.argument : undefined;
  const url = unwrap(argument);
  if (url.type === AST_NODE_TYPES.Identifier) return url;
  if (url.type === AST_NODE_TYPES.MemberExpression && url.object.type === AST_NODE_TYPES.Identifier && /^(?:url|href|uri)$/i.test(staticPropertyName(url) ?? '')) return url.object;
  // Its getter: `request.getUrl()` in openapi-generator's TypeScript transports (`implements HttpLibrary`).
  if (url.type === AST_NODE_TYPES.CallExpression && url.arguments.length === 0) {
    const getter = unwrap(url.callee);
    if (getter.type === AST_NODE_TYPES.MemberExpression && getter.object.type === AST_NODE_TYPES.Identifier && /^get(?:url|href|uri)$/i.test(staticPropertyName(getter) ?? '')) return getter.object;
  }
  // The given path against a base: `new URL(input, this.uri)`.
  if (url.type === AST_NODE_TYPES.NewExpression && url.callee.type === AST_NODE_TYPES.Identifier && url.callee.name === 'URL' && url.arguments.length === 2) {
    const path = unwrap(url.arguments[0]!);
    return path.type === AST_NODE_TYPES.Identifier ? path : undefined;
  }
  return undefined;
}

/** `fetch(…) {…}` as a method, `fetch: (…) => …`, a class field `fetch = …`, `<object>.fetch = …`, or a parameter `fetchImpl = …`. */
function storedUnderFetchName(fn: FunctionNode): boolean {
  const outer = withTypeWrappers(fn);
  const parent = outer.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === outer && FETCH_OPTION_NAMES.has(staticPropertyName(parent) ?? '');
    case AST_NODE_TYPES.AssignmentExpression:
      return (
        parent.right === outer &&
        parent.left.type === AST_NODE_TYPES.MemberExpression &&
        FETCH_OPTION_NAMES.has(staticPropertyName(parent.left) ?? '')
      );
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.right === outer && parent.left.type === AST_NODE_TYPES.Identifier && FETCH_OPTION_NAMES.has(parent.left.name);
    default:
      return false;
  }
}

/**
 * A name that says a function is a fetch (`debugFetch`, `tracedFetch`), not one that only starts or
 * ends with the letters (`prefetch`); or SWR's and TanStack Query's name for the function their hooks
 * call (`fetcher`, `jsonFetcher`), which those libraries retry: `const fetcher = (...args) =>
 * fetch(...args).then((r) => r.json())` is SWR's documented one, kept in a lib file the hooks import.
 */
const DROP_IN_FETCH_NAME = /^(?:[a-z][a-zA-Z0-9]*Fetch|fetcher|[a-z][a-zA-Z0-9]*Fetcher)$/;

/**
 * Whether the function is the value of a property or method keyed by a fetch's name held in a
 * variable: `{ async [customFetch](...args) { … } }`. Auth.js takes a provider's own fetch under its
 * `customFetch` symbol and calls it for each OAuth request; a key that is a symbol of that name is a
 * slot made for a fetch, whatever the function then does with its arguments.
 */
export function isFetchSlot(fn: FunctionNode): boolean {
  const parent = withTypeWrappers(fn).parent;
  if (parent?.type !== AST_NODE_TYPES.Property && parent?.type !== AST_NODE_TYPES.MethodDefinition && parent?.type !== AST_NODE_TYPES.PropertyDefinition) return false;
  if (parent.value !== withTypeWrappers(fn) || !parent.computed || parent.key.type !== AST_NODE_TYPES.Identifier) return false;
  return FETCH_OPTION_NAMES.has(parent.key.name) || DROP_IN_FETCH_NAME.test(parent.key.name);
}

/**
 * `const debugFetch = …`, `function loggingFetch(…)`, a method or property so named, or the function
 * one so named returns (saleor's `createFetch = (config) => async (input, init) => … fetch(input, init)`,
 * handed to Apollo as its fetch).
 */
function namedAsFetch(fn: FunctionNode): boolean {
  if (DROP_IN_FETCH_NAME.test(functionName(fn) ?? '')) return true;
  const maker = functionReturning(withTypeWrappers(fn));
  return maker !== undefined && DROP_IN_FETCH_NAME.test(functionName(maker) ?? '');
}

/** The function that returns the value `node` as it is written: as an arrow's body, or by a `return node` of its own. */
function functionReturning(node: TSESTree.Node): FunctionNode | undefined {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) return parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(parent) : undefined;
}

/** Interface names that say a class is a transport other code sends its requests through. */
const TRANSPORT_INTERFACE = /(?:Http|Fetch|Transport|Client|Adapter|Connection|Requester)/;

/**
 * A method of a class that implements a transport interface (`implements BaseHttpClient`), or a
 * function a factory declared to return one puts in the object it returns (Algolia's
 * `createFetchRequester(): Requester { async function send(request) {…} return { send }; }`, whose
 * `send` the client's transport calls under its retries across hosts).
 */
function implementsTransport(fn: FunctionNode): boolean {
  if (isTransportFactoryMember(fn)) return true;
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn) return false;
  const owner = method.parent.parent;
  if (owner.type !== AST_NODE_TYPES.ClassDeclaration && owner.type !== AST_NODE_TYPES.ClassExpression) return false;
  // espree's classes have no `implements` at all.
  return (owner.implements as TSESTree.TSClassImplements[] | undefined)?.some(({ expression }) => {
    const name = expression.type === AST_NODE_TYPES.Identifier ? expression.name : expression.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(expression) : undefined;
    return name !== undefined && TRANSPORT_INTERFACE.test(name);
  }) === true;
}

/** `async function send(request) {…}` in a factory `(): Requester` that ends `return { send }`. */
function isTransportFactoryMember(fn: FunctionNode): boolean {
  const name = functionBinding(fn);
  const factory = enclosingFunction(fn);
  const returned = factory?.returnType?.typeAnnotation;
  if (!name || !factory || returned?.type !== AST_NODE_TYPES.TSTypeReference || returned.typeName.type !== AST_NODE_TYPES.Identifier) return false;
  if (!TRANSPORT_INTERFACE.test(returned.typeName.name) || factory.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  return factory.body.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ReturnStatement &&
      statement.argument?.type === AST_NODE_TYPES.ObjectExpression &&
      statement.argument.properties.some((property) => {
        const value = property.type === AST_NODE_TYPES.Property ? unwrap(property.value) : undefined;
        return value?.type === AST_NODE_TYPES.Identifier && value.name === name.name;
      }),
  );
}
