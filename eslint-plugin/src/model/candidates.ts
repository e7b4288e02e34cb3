import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { stringLiteral, unwrap } from '../util/ast';
import { GLOBAL_OBJECTS } from './catalog';
import { CLIENT_WRAPPER_MODULES } from './resolve';

/** Globals through which `fetch` is reached: `fetch`, `globalThis.fetch`, `window.fetch`, … */
const GLOBAL_ROOTS = ['fetch', ...GLOBAL_OBJECTS];

/**
 * The root of a callee or initializer as the resolver follows it: the identifier at the bottom of
 * `a.b.c` or `a.b()`, a `require('m')` / `await import('m')` of a module, or something else.
 */
type Root = { kind: 'name'; name: string } | { kind: 'module'; module: string } | { kind: 'other' };

export function rootOf(node: TSESTree.Node): Root {
  let current = unwrap(node);
  for (let depth = 0; depth < 32; depth++) {
    switch (current.type) {
      case AST_NODE_TYPES.Identifier:
        return { kind: 'name', name: current.name };
      case AST_NODE_TYPES.MemberExpression:
        current = unwrap(current.object);
        continue;
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(current.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require' && current.arguments[0]) {
          const module = stringLiteral(current.arguments[0]);
          return module === undefined ? { kind: 'other' } : { kind: 'module', module };
        }
        current = callee;
        continue;
      }
      case AST_NODE_TYPES.AwaitExpression:
        if (current.argument.type === AST_NODE_TYPES.ImportExpression) {
          const module = stringLiteral(current.argument.source);
          return module === undefined ? { kind: 'other' } : { kind: 'module', module };
        }
        return { kind: 'other' };
      default:
        return { kind: 'other' };
    }
  }
  return { kind: 'other' };
}

/**
 * Names in the file that can hold an HTTP client, by name (a superset: shadowing is ignored): bindings
 * imported or required from a client module (or from one that wraps clients, such as fetch-retry),
 * the globals `fetch` is reached through, instances of the file's own classes (`const api = new
 * Api()`, for `api.client`), and — to a fixed point —
 * variables initialised from any of those (`const api = axios.create()`, `const f = fetch`).
 * A call whose callee is rooted at any other name cannot resolve to a client, so the detector skips it
 * without a scope lookup: most calls in most files.
 */
export function clientNames(sourceCode: Readonly<TSESLint.SourceCode>, modules: { has(module: string): boolean }): Set<string> {
  const holdsClients = (module: string) => modules.has(module) || CLIENT_WRAPPER_MODULES.has(module);
  const names = new Set(GLOBAL_ROOTS);
  const classes = new Set<string>();
  const instances: { name: string; constructor: TSESTree.Node }[] = [];
  const pending: { name: string; init: TSESTree.Node }[] = [];
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      for (const def of variable.defs) {
        if (def.type === 'ImportBinding') {
          const parent = def.parent as TSESTree.Node | null;
          if (parent?.type === AST_NODE_TYPES.ImportDeclaration ? holdsClients(parent.source.value) : true) names.add(variable.name);
        } else if (def.type === 'ClassName') {
          classes.add(variable.name);
        } else if (def.type === 'Variable' && def.node.init) {
          const init = unwrap(def.node.init);
          if (init.type === AST_NODE_TYPES.ClassExpression) classes.add(variable.name);
          else if (init.type === AST_NODE_TYPES.NewExpression) instances.push({ name: variable.name, constructor: unwrap(init.callee) });
          pending.push({ name: variable.name, init: def.node.init });
        }
      }
    }
  }
  for (const { name, constructor } of instances) {
    if (constructor.type === AST_NODE_TYPES.Identifier && classes.has(constructor.name)) names.add(name);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const { name, init } = pending[i]!;
      const root = rootOf(init);
      if ((root.kind === 'name' && names.has(root.name)) || (root.kind === 'module' && holdsClients(root.module))) {
        names.add(name);
        pending.splice(i, 1);
        changed = true;
      }
    }
  }
  return names;
}
