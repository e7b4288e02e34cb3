import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { stringLiteral } from '../util/ast';

/** Global objects through which a file can reach `fetch` as a member (`globalThis.fetch`). */
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

/**
 * Whether a file can contain anything the rules report: it imports or requires one of `modules`, or
 * reads a global through which `fetch` is reached. Most files do neither, and the rules then register
 * no listeners at all — this is what keeps Breakwater's cost on a large repo close to zero.
 */
export function mayUseNetwork(
  sourceCode: Readonly<TSESLint.SourceCode>,
  modules: ReadonlySet<string>,
  mentionsClient: RegExp = mentionPattern(modules),
): boolean {
  // Cheapest first: a file whose text names neither fetch nor any client module in quotes cannot use one.
  const text = sourceCode.text;
  if (!mentionsClient.test(text)) return false;
  for (const statement of sourceCode.ast.body) {
    if (
      (statement.type === AST_NODE_TYPES.ImportDeclaration ||
        statement.type === AST_NODE_TYPES.ExportAllDeclaration ||
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration) &&
      statement.source &&
      modules.has(statement.source.value)
    ) {
      return true;
    }
    if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return true;
  }
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return true;
  // Globals are either undeclared (in `through`) or declared by the config (`languageOptions.globals`,
  // CommonJS's `require`, ES2020's `globalThis`): look at both.
  const references = [...globalScope.through];
  for (const name of ['fetch', 'require', ...GLOBAL_OBJECTS]) {
    references.push(...(globalScope.set.get(name)?.references ?? []));
  }
  for (const reference of references) {
    const identifier = reference.identifier;
    const name = identifier.type === AST_NODE_TYPES.Identifier ? identifier.name : '';
    if (name === 'fetch') return true;
    const parent = identifier.parent;
    if (GLOBAL_OBJECTS.has(name)) {
      // UMD bundles read `window`/`self`/`global` constantly; only `<global>.fetch` matters.
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
        if (parent.computed || (parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'fetch')) return true;
      }
      continue;
    }
    if (name === 'require' && parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) {
      // A computed specifier cannot be resolved, so it cannot make a client either.
      const specifier = parent.arguments[0] && stringLiteral(parent.arguments[0]);
      if (specifier !== undefined && modules.has(specifier)) return true;
    }
  }
  // `await import('node-fetch')`: its module name is in the text (checked above) and so is `import(`.
  return text.includes('import(');
}

/** One pass over a file's text: `fetch`, or a quoted client module specifier (`'axios'`, `"node:https"`). */
export function mentionPattern(modules: ReadonlySet<string>): RegExp {
  return new RegExp(`fetch|['"\`](?:${alternatives(modules)})['"\`]`);
}

/** Every quoted module specifier among `modules` in a text, the name captured (a global pattern, for `matchAll`). */
export function quotedModulePattern(modules: ReadonlySet<string>): RegExp {
  return new RegExp(`['"\`](${alternatives(modules)})['"\`]`, 'g');
}

function alternatives(modules: ReadonlySet<string>): string {
  return [...modules].map((module) => module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
}
