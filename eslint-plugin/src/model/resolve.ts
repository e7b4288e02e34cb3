import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, stringLiteral, unwrap } from '../util/ast';
import { instanceFieldValue, thisFieldValue } from './class-fields';
import { constInitializer } from './const-binding';
import { canonicalModule } from './module-aliases';
import { GLOBAL_MODULE, GLOBAL_OBJECTS } from './catalog';

/**
 * Where a value comes from, as far as the file shows: a module (or the global object) and a member
 * path below it. Values made by a client factory (`axios.create(cfg)`) carry the factory call, so
 * rules can read the instance's config.
 */
export interface Origin {
  readonly module: string;
  readonly path: readonly string[];
  readonly instance?: ClientInstance;
}

/**
 * A configured client made by a factory call such as `axios.create({ timeout })` or `got.extend(a, b)`,
 * or a fetch wrapped by fetch-retry (`fetchRetry(fetch, { retries: 3 })`).
 */
export interface ClientInstance {
  readonly factory: TSESTree.CallExpression;
  readonly configs: readonly TSESTree.Node[];
  readonly parent?: ClientInstance;
  /**
   * Made by fetch-retry: a fetch that calls the one it wraps again after a failure. Its factory's
   * second argument holds fetch-retry's own defaults (`retries`, `retryDelay`, `retryOn`), not request
   * options, so `configs` is empty; each call's init goes to the wrapped fetch as it is.
   */
  readonly retryingFetch?: true;
}

/**
 * Modules whose default export wraps a client and returns it with the same call signature: a name
 * bound to one can hold a client (see ./candidates). Only fetch-retry so far.
 */
export const CLIENT_WRAPPER_MODULES: ReadonlySet<string> = new Set(['fetch-retry']);

/** fetch-retry's default export (`import fetchRetry from 'fetch-retry'`, `require('fetch-retry')`, `ns.default`). */
export function isFetchRetryExport(origin: Origin | undefined): boolean {
  return origin?.module === 'fetch-retry' && origin.path.length === 0;
}

/**
 * A client library itself (`root`: `axios.defaults.timeout = …`, `axiosRetry(axios)`) and its instances,
 * by the factory call that made each, that something in the file applies to.
 */
export interface ClientTargets {
  root: boolean;
  readonly instances: Set<TSESTree.CallExpression>;
}

/** Whether an instance, or one it was extended from, was made by one of `factories`. */
export function madeByAny(instance: ClientInstance | undefined, factories: ReadonlySet<TSESTree.CallExpression>): boolean {
  for (let current = instance; current; current = current.parent) {
    if (factories.has(current.factory)) return true;
  }
  return false;
}

const GLOBAL_OBJECT_SET = new Set(GLOBAL_OBJECTS);

/**
 * What a member call does to a client instance (from the catalog): `makes` one (`axios.create(…)`),
 * or `keeps` the one it is called on (`agent.timeout(5000)` returns the agent); undefined: neither.
 */
export type InstanceMethod = 'makes' | 'keeps' | undefined;

/** Tells the resolver what `origin.method(…)` does to a client instance. */
export type InstanceMethodTest = (origin: Origin, method: string) => InstanceMethod;

export type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** The parts of a file the resolver reads: its text and its scopes (an ESLint SourceCode has both). */
export interface ResolvedFile {
  readonly text: string;
  getScope(node: TSESTree.Node): TSESLint.Scope.Scope;
}

export class OriginResolver {
  private readonly cache = new Map<TSESTree.Node, Origin | null>();

  private readonly scopeOf: ScopeOf;
  private namesFetchRetry: boolean | undefined;

  constructor(
    private readonly file: ResolvedFile,
    private readonly instanceMethod: InstanceMethodTest,
  ) {
    this.scopeOf = (node) => file.getScope(node);
  }

  /** The origin of an expression's value, or undefined when the file does not show it. */
  resolve(node: TSESTree.Node): Origin | undefined {
    const target = unwrap(node);
    if (this.cache.has(target)) return this.cache.get(target) ?? undefined;
    // Guard against cycles (`const a = b; const b = a;`) by caching "unknown" while resolving.
    this.cache.set(target, null);
    const origin = this.compute(target);
    this.cache.set(target, origin ?? null);
    return origin;
  }

  /**
   * The expression a `const` identifier stands for, followed up to a few steps (`const b = a`); the
   * expression itself (unwrapped) when it is not such an identifier.
   */
  constValue(node: TSESTree.Node, depth = 0): TSESTree.Node {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier || depth > 5) return target;
    const variable = this.variableOf(target);
    const init = variable && constInitializer(variable);
    return init ? this.constValue(init, depth + 1) : target;
  }

  /** The variable an identifier refers to, if it is declared in the file. */
  variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    const variable = ASTUtils.findVariable(this.scopeOf(identifier), identifier);
    return variable && variable.defs.length > 0 ? variable : undefined;
  }

  private compute(node: TSESTree.Node): Origin | undefined {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.resolveIdentifier(node);
      case AST_NODE_TYPES.MemberExpression: {
        const name = staticPropertyName(node);
        if (name === undefined) return undefined;
        // `this.client`, set once by its class: `this.client = axios.create(…)`.
        if (unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) {
          const value = thisFieldValue(node, this.file, this.scopeOf);
          return value ? this.resolve(value) : undefined;
        }
        const object = this.resolve(node.object);
        if (object) return member(object, name);
        // `api.client`, where `const api = new Api()` and the class sets `client` once.
        const value = instanceFieldValue(node, (identifier) => this.variableOf(identifier), this.file, this.scopeOf);
        return value ? this.resolve(value) : undefined;
      }
      case AST_NODE_TYPES.CallExpression:
        return this.resolveCall(node);
      case AST_NODE_TYPES.AwaitExpression:
        return node.argument.type === AST_NODE_TYPES.ImportExpression ? moduleOrigin(node.argument.source) : undefined;
      default:
        return undefined;
    }
  }

  private resolveCall(node: TSESTree.CallExpression): Origin | undefined {
    const callee = unwrap(node.callee);
    if (
      callee.type === AST_NODE_TYPES.Identifier &&
      callee.name === 'require' &&
      node.arguments.length === 1 &&
      !this.variableOf(callee)
    ) {
      return moduleOrigin(node.arguments[0]!);
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return this.resolveWrappedClient(node);
    const method = staticPropertyName(callee);
    if (method === undefined) return undefined;
    // `ns.default(fetch)`: a namespace import's default export, called.
    if (method === 'default') return this.resolveWrappedClient(node);
    const object = this.resolve(callee.object);
    // `globalThis.fetch.bind(globalThis)`: the same function. Not with bound arguments, which would
    // shift where the call's own arguments (its options) sit.
    if (method === 'bind' && node.arguments.length <= 1) return object;
    if (!object) return undefined;
    const kind = this.instanceMethod(object, method);
    if (kind === 'keeps') return object;
    if (kind !== 'makes') return undefined;
    return {
      module: object.module,
      path: object.path,
      instance: { factory: node, configs: node.arguments, parent: object.instance },
    };
  }

  /**
   * `fetchRetry(fetch, defaults)` (also `require('fetch-retry')(fetch)`): the client it is given,
   * marked as retrying. Only a client the file shows counts, so the wrap of an unknown value is still unknown.
   */
  private resolveWrappedClient(node: TSESTree.CallExpression): Origin | undefined {
    const wrapped = node.arguments[0];
    if (!wrapped || wrapped.type === AST_NODE_TYPES.SpreadElement) return undefined;
    // Most files never name the module: no call in them can be its wrap, and no callee needs resolving.
    this.namesFetchRetry ??= this.file.text.includes('fetch-retry');
    if (!this.namesFetchRetry) return undefined;
    if (!isFetchRetryExport(this.resolve(node.callee))) return undefined;
    const client = this.resolve(wrapped);
    if (!client) return undefined;
    return { module: client.module, path: client.path, instance: { factory: node, configs: [], parent: client.instance, retryingFetch: true } };
  }

  private resolveIdentifier(identifier: TSESTree.Identifier): Origin | undefined {
    const variable = ASTUtils.findVariable(this.scopeOf(identifier), identifier);
    if (!variable || variable.defs.length === 0) {
      // An undeclared name (or a configured global) is a property of the global object.
      if (identifier.name === 'undefined') return undefined;
      return { module: GLOBAL_MODULE, path: GLOBAL_OBJECT_SET.has(identifier.name) ? [] : [identifier.name] };
    }
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (def.type === 'ImportBinding') return importOrigin(def.node);
    if (def.type !== 'Variable') return undefined;
    const declarator = def.node;
    if (!declarator.init || !isSingleAssignment(variable)) return undefined;
    const path = patternPath(declarator.id, identifier.name);
    if (!path) return undefined;
    const base = this.resolve(declarator.init);
    if (!base) return undefined;
    return path.reduce<Origin>(member, base);
  }
}

/** True when a variable is written only by its declaration (a `const`, or a `let` never reassigned). */
export function isSingleAssignment(variable: TSESLint.Scope.Variable): boolean {
  let writes = 0;
  for (const reference of variable.references) {
    if (reference.isWrite()) writes++;
  }
  return writes <= 1;
}

function member(origin: Origin, name: string): Origin {
  // `require('axios').default`, `import * as ns` then `ns.default`: the default export is the module value.
  if (origin.path.length === 0 && name === 'default' && origin.module !== GLOBAL_MODULE) return origin;
  if (origin.module === GLOBAL_MODULE && origin.path.length === 0 && GLOBAL_OBJECT_SET.has(name)) return origin;
  return { module: origin.module, path: [...origin.path, name], instance: origin.instance };
}

function moduleOrigin(source: TSESTree.Node): Origin | undefined {
  const specifier = stringLiteral(source);
  return specifier === undefined ? undefined : { module: canonicalModule(specifier), path: [] };
}

function importOrigin(node: TSESTree.Node): Origin | undefined {
  if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    const reference = node.moduleReference;
    return reference.type === AST_NODE_TYPES.TSExternalModuleReference ? moduleOrigin(reference.expression) : undefined;
  }
  const declaration = node.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  if (declaration.importKind === 'type') return undefined;
  const module = canonicalModule(declaration.source.value);
  switch (node.type) {
    case AST_NODE_TYPES.ImportDefaultSpecifier:
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return { module, path: [] };
    case AST_NODE_TYPES.ImportSpecifier: {
      if (node.importKind === 'type') return undefined;
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
      return { module, path: imported === 'default' ? [] : [imported] };
    }
    default:
      return undefined;
  }
}

/** The member path that leads from a destructured value to `name` (`const { a: { b } } = x` → [a, b]). */
export function patternPath(pattern: TSESTree.Node, name: string): string[] | undefined {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return pattern.name === name ? [] : undefined;
    case AST_NODE_TYPES.AssignmentPattern:
      return patternPath(pattern.left, name);
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = staticPropertyName(property);
        const rest = patternPath(property.value, name);
        if (rest) return key === undefined ? undefined : [key, ...rest];
      }
      return undefined;
    default:
      return undefined;
  }
}
