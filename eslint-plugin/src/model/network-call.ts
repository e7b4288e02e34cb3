import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { isFunction, staticPropertyName, stringLiteral, unwrap } from '../util/ast';
import { rootOf } from './candidates';
import { FAMILY_SHAPES, type CallShape, type ClientEntry } from './catalog';
import { isLocalResourceUrl } from './local-urls';
import type { OptionsReader } from './options';
import type { ClientInstance, InstanceMethod, Origin, OriginResolver } from './resolve';
import { own } from '../util/own';

/** Where a network call's options argument is. */
export type OptionsArgument =
  | { readonly kind: 'given'; readonly node: TSESTree.Node; readonly index: number }
  /** Not passed; a fix would add it at `index`. */
  | { readonly kind: 'missing'; readonly index: number }
  /** The call's arguments do not show which one is the options (`axios(x)` with `x` a parameter). */
  | { readonly kind: 'ambiguous' }
  /** The client takes no options object (superagent builds a chain instead). */
  | { readonly kind: 'chain' };

export interface NetworkCall {
  readonly node: TSESTree.CallExpression;
  readonly entry: ClientEntry;
  readonly shape: CallShape;
  /** The member called (`get` in `axios.get(u)`), or undefined when the client itself is called. */
  readonly member?: string;
  readonly instance?: ClientInstance;
  readonly options: OptionsArgument;
}

/** Identifier names that, by near-universal convention, hold a URL rather than an options object. */
const URL_NAME = /(?:^|_)(?:url|uri|href|endpoint|link)s?$|(?:Url|Uri|Href|Endpoint|URL|URI)$|^(?:path|target)$/i;

/** The client entries of one configuration, indexed by module; shared by every file linted with it. */
export class Catalog {
  readonly byModule = new Map<string, ClientEntry[]>();

  constructor(readonly entries: readonly ClientEntry[]) {
    for (const entry of entries) {
      const list = this.byModule.get(entry.module) ?? [];
      list.push(entry);
      this.byModule.set(entry.module, list);
    }
  }

  get modules(): IterableIterator<string> {
    return this.byModule.keys();
  }
}

/** Every method name that makes a request on some client (`get`, `post`, `request`, `all` of `paginate.all`, …). */
const CLIENT_METHODS = new Set(Object.values(FAMILY_SHAPES).flatMap((shape) => Object.keys(shape.methods).map((name) => name.split('.').at(-1)!)));

/** `this.<field>.<member>`, possibly deeper (`this.a.b.c`): a member of something a class field holds. */
function isThisFieldMember(callee: TSESTree.Node): callee is TSESTree.MemberExpression {
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  let object = unwrap(callee.object);
  if (object.type !== AST_NODE_TYPES.MemberExpression) return false;
  while (object.type === AST_NODE_TYPES.MemberExpression) object = unwrap(object.object);
  return object.type === AST_NODE_TYPES.ThisExpression;
}

const CALLBACK_NAME = /^(?:on[A-Z]\w*|cb|callback|done|handler|handle[A-Z]\w*)$/;

export class NetworkCallDetector {
  private readonly cache = new Map<TSESTree.CallExpression, NetworkCall | null>();
  private names: Set<string> | undefined;

  constructor(
    private readonly catalog: Catalog,
    private readonly resolver: OriginResolver,
    private readonly options: OptionsReader,
    /** Names that can hold a client (see `clientNames`), computed on the first call looked at. */
    private readonly clientNames: () => Set<string>,
  ) {}

  /**
   * What `origin.method(...)` does to a client (the resolver asks this): `makes` a configured instance
   * (`axios.create(…)`), or `keeps` the instance it is called on (`agent.timeout(5000)` returns the agent).
   */
  instanceMethod(origin: Origin, method: string): InstanceMethod {
    const entry = this.entryAt(origin);
    if (entry === undefined || origin.path.length !== entry.root.length) return undefined;
    const shape = FAMILY_SHAPES[entry.family];
    if (shape.factories.includes(method)) return 'makes';
    return origin.instance && shape.instanceSettings?.includes(method) ? 'keeps' : undefined;
  }

  /** The client entry whose root is `origin`'s path or its parent (a method of the client). */
  entryAt(origin: Origin): ClientEntry | undefined {
    const entries = this.catalog.byModule.get(origin.module) ?? [];
    // The client itself first (`got` in `import { got } from 'got'`), then a client one level up.
    for (const depth of [0, 1]) {
      for (const entry of entries) {
        if (origin.path.length !== entry.root.length + depth) continue;
        if (entry.root.every((segment, i) => origin.path[i] === segment)) return entry;
      }
    }
    return undefined;
  }

  detect(node: TSESTree.CallExpression): NetworkCall | undefined {
    let result = this.cache.get(node);
    if (result === undefined) {
      result = this.compute(node) ?? null;
      this.cache.set(node, result);
    }
    return result ?? undefined;
  }

  private compute(node: TSESTree.CallExpression): NetworkCall | undefined {
    const callee = unwrap(node.callee);
    // `this.fetch()`, `store.fetch()`: only a member of a resolved client object counts. A call's
    // result can be a client too: `require('node-fetch')(url)`, `fetchRetry(fetch)(url)`.
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression && callee.type !== AST_NODE_TYPES.CallExpression) return undefined;
    // Cheap first: a callee rooted at a name that cannot hold a client needs no scope lookup.
    const root = rootOf(callee);
    if (root.kind === 'name' && !(this.names ??= this.clientNames()).has(root.name)) return undefined;
    // `this.stream.on(…)`: below a class field only a client method can be a request, and finding
    // what the field holds means reading the class's writes to it.
    if (isThisFieldMember(callee) && !CLIENT_METHODS.has(staticPropertyName(callee) ?? '')) return undefined;
    const origin = this.resolver.resolve(callee);
    if (!origin) return undefined;
    const entry = this.entryAt(origin) ?? this.entryAt({ ...origin, path: origin.path.slice(0, -1) });
    if (!entry) return undefined;
    const family = FAMILY_SHAPES[entry.family];
    // `get` in `got.get(u)`, `paginate.all` in `got.paginate.all(u)`.
    const member = origin.path.length > entry.root.length ? origin.path.slice(entry.root.length).join('.') : undefined;
    const shape = member === undefined ? family.call : own(family.methods, member);
    if (!shape) return undefined;
    // `fetch(new URL("./font.ttf", import.meta.url))`, `fetch("data:…")`: nothing crosses the network.
    const url = node.arguments[0];
    if (url && url.type !== AST_NODE_TYPES.SpreadElement && isLocalResourceUrl(url, (identifier) => this.resolver.variableOf(identifier))) return undefined;
    return { node, entry, shape, member, instance: origin.instance, options: this.locateOptions(node, shape) };
  }

  private locateOptions(node: TSESTree.CallExpression, shape: CallShape): OptionsArgument {
    const args = node.arguments;
    if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return { kind: 'ambiguous' };
    const position = shape.options;
    switch (position.kind) {
      case 'none':
        return { kind: 'chain' };
      case 'index': {
        const arg = args[position.index];
        return arg ? { kind: 'given', node: arg, index: position.index } : { kind: 'missing', index: position.index };
      }
      case 'configOrUrl': {
        if (args.length >= 2) return { kind: 'given', node: args[1]!, index: 1 };
        const first = args[0];
        if (!first) return { kind: 'ambiguous' };
        const kind = this.argumentKind(first);
        if (kind === 'object') return { kind: 'given', node: first, index: 0 };
        if (kind === 'url') return { kind: 'missing', index: 1 };
        return { kind: 'ambiguous' };
      }
      case 'nodeHttp': {
        const first = args[0];
        if (!first) return { kind: 'ambiguous' };
        const kind = this.argumentKind(first);
        if (kind === 'object') return { kind: 'given', node: first, index: 0 };
        if (kind !== 'url') return { kind: 'ambiguous' };
        const second = args[1];
        if (!second) return { kind: 'missing', index: 1 };
        const secondKind = this.argumentKind(second);
        if (secondKind === 'object') return { kind: 'given', node: second, index: 1 };
        return this.isCallback(second) ? { kind: 'missing', index: 1 } : { kind: 'ambiguous' };
      }
    }
  }

  /** A function, a function of this file by name, or a name that by convention holds a callback. */
  private isCallback(arg: TSESTree.Node): boolean {
    const target = unwrap(arg);
    if (isFunction(target)) return true;
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const def = this.resolver.variableOf(target)?.defs[0];
    if (def?.type === 'FunctionName') return true;
    if (def?.type === 'Variable' && def.node.init) return isFunction(unwrap(def.node.init));
    return CALLBACK_NAME.test(target.name);
  }

  /** Whether an argument is an options object, a URL, or cannot be told. */
  private argumentKind(arg: TSESTree.Node): 'object' | 'url' | 'unknown' {
    const target = unwrap(arg);
    if (isUrlExpression(target)) return 'url';
    const branches = this.options.branches(target);
    if (branches.every((branch) => branch.kind === 'object')) return 'object';
    if (target.type === AST_NODE_TYPES.Identifier) {
      const def = this.resolver.variableOf(target)?.defs[0];
      // A TypeScript annotation says more than the name: `(input: string)` is a URL, `(target: Options)` may not be.
      const annotation = def?.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
      if (annotation) return isUrlType(annotation) ? 'url' : isConfigType(annotation) ? 'object' : 'unknown';
      // `request(config = {}) { return this.axiosInstance(config); }`: a parameter that defaults to an object holds options.
      const declared = def?.type === 'Parameter' ? def.name.parent : undefined;
      if (declared?.type === AST_NODE_TYPES.AssignmentPattern && declared.left === def?.name && unwrap(declared.right).type === AST_NODE_TYPES.ObjectExpression) return 'object';
      if (URL_NAME.test(target.name)) return 'url';
      if (def?.type === 'Variable' && def.node.init) return this.argumentKind(def.node.init) === 'url' ? 'url' : 'unknown';
    }
    if (target.type === AST_NODE_TYPES.MemberExpression && URL_NAME.test(staticPropertyName(target) ?? '')) return 'url';
    return 'unknown';
  }
}

/** An expression that is a URL, never options or a Request: a string, a template, a concatenation, `new URL(…)`. */
export function isUrlExpression(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (stringLiteral(target) !== undefined || target.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (target.type === AST_NODE_TYPES.BinaryExpression) return target.operator === '+';
  return target.type === AST_NODE_TYPES.NewExpression && target.callee.type === AST_NODE_TYPES.Identifier && target.callee.name === 'URL';
}

/**
 * A type that can only be an options object: an object type written out, or a named one called a
 * config or options (`AxiosRequestConfig`, hoppscotch's `RequestConfig`), which no URL type is.
 */
function isConfigType(type: TSESTree.TypeNode): boolean {
  if (type.type === AST_NODE_TYPES.TSTypeLiteral) return true;
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = type.typeName.type === AST_NODE_TYPES.TSQualifiedName ? type.typeName.right.name : type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : '';
  return /(?:Config|Options)$/.test(name);
}

/** A type annotation of `string`, `URL`, a string literal type, or a union of those (with `undefined` or `null`: not options either). */
function isUrlType(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    const values = type.types.filter((member) => member.type !== AST_NODE_TYPES.TSUndefinedKeyword && member.type !== AST_NODE_TYPES.TSNullKeyword);
    return values.length > 0 && values.every(isUrlType);
  }
  switch (type.type) {
    case AST_NODE_TYPES.TSStringKeyword:
    case AST_NODE_TYPES.TSTemplateLiteralType:
      return true;
    case AST_NODE_TYPES.TSLiteralType:
      return type.literal.type === AST_NODE_TYPES.Literal && typeof type.literal.value === 'string';
    case AST_NODE_TYPES.TSTypeReference:
      return type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'URL' && !type.typeArguments;
    default:
      return false;
  }
}

/** A config that applies to a call, with the node before which later assignments to it count. */
export interface ConfigSource {
  readonly node: TSESTree.Node;
  readonly before: TSESTree.Node;
}

/** The call's own options (when given) and the configs of the instance chain it came from, nearest first. */
export function configSources(call: NetworkCall): ConfigSource[] {
  const sources: ConfigSource[] = [];
  if (call.options.kind === 'given') sources.push({ node: call.options.node, before: call.node });
  for (let current = call.instance; current; current = current.parent) {
    for (const config of current.configs) sources.push({ node: config, before: current.factory });
  }
  return sources;
}
