import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { stringLiteral } from '../util/ast';
import { tokenStartAfter } from '../util/trivia';
import { GLOBAL_OBJECTS } from './catalog';

/**
 * Whether a file can contain anything the rules report: it imports or requires one of `modules`, or
 * reads a global through which `fetch` is reached. Most files do neither, and the rules then register
 * no listeners at all — this is what keeps Breakwater's cost on a large repo close to zero.
 *
 * A regular expression over the text rejects nearly every file first. Reading the top-level
 * statements and the global scope's references instead, which the parser has already built, cost
 * twice as much per file in the linting pipeline: those are scattered objects, the text is one.
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
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
      case AST_NODE_TYPES.ExportAllDeclaration:
      case AST_NODE_TYPES.ExportNamedDeclaration:
        if (statement.source && modules.has(statement.source.value)) return true;
        break;
      case AST_NODE_TYPES.TSImportEqualsDeclaration: {
        const reference = statement.moduleReference;
        if (reference.type === AST_NODE_TYPES.TSExternalModuleReference && modules.has(reference.expression.value)) return true;
        break;
      }
    }
  }
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return true;
  // Globals are either undeclared (in `through`) or declared by the config (`languageOptions.globals`,
  // CommonJS's `require`, ES2020's `globalThis`): look at both.
  for (const reference of globalScope.through) {
    if (readsNetworkGlobal(reference.identifier, modules, text)) return true;
  }
  for (const name of GLOBAL_NAMES) {
    const variable = globalScope.set.get(name);
    if (variable) for (const reference of variable.references) if (readsNetworkGlobal(reference.identifier, modules, text)) return true;
  }
  return importsDynamically(sourceCode, modules);
}

/**
 * `import(` followed by a quoted module among `modules` (`await import('node-fetch')`), found in the
 * text: the scopes do not record dynamic imports. It looks for `mport(`, not `import(`: a search
 * stops at each occurrence of the needle's first character, and `i` is several times more common
 * than `m` in code.
 */
function importsDynamically(sourceCode: Readonly<TSESLint.SourceCode>, modules: ReadonlySet<string>): boolean {
  const text = sourceCode.text;
  for (let at = text.indexOf('mport('); at !== -1; at = text.indexOf('mport(', at + 6)) {
    if (text[at - 1] !== 'i') continue;
    const specifier = quotedTextAt(text, tokenStartAfter(sourceCode, at + 6));
    if (specifier !== undefined && modules.has(specifier)) return true;
  }
  return false;
}

/** The text between the quotes of a string starting at `offset` (`'axios'`), or undefined. */
function quotedTextAt(text: string, offset: number): string | undefined {
  const quote = text[offset];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  const end = text.indexOf(quote, offset + 1);
  return end === -1 ? undefined : text.slice(offset + 1, end);
}

/** The globals `readsNetworkGlobal` looks at: `fetch`, `require`, and the global objects. */
const GLOBAL_NAMES = ['fetch', 'require', ...GLOBAL_OBJECTS];

/**
 * `fetch`, `<global object>.fetch` (or a computed member of one, in a file that says `fetch`), or
 * `require('<module>')`.
 */
function readsNetworkGlobal(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier, modules: ReadonlySet<string>, text: string): boolean {
  const name = identifier.name;
  if (name === 'fetch') return true;
  if (name === 'require') {
    const parent = identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== identifier) return false;
    // A computed specifier cannot be resolved, so it cannot make a client either.
    const specifier = parent.arguments[0] && stringLiteral(parent.arguments[0]);
    return specifier !== undefined && modules.has(specifier);
  }
  if (GLOBAL_OBJECTS.includes(name)) {
    // UMD bundles read `window`/`self`/`global` constantly; only `<global>.fetch` matters.
    const parent = identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
    if (parent.computed) return text.includes('fetch');
    return parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'fetch';
  }
  return false;
}

/**
 * One pass over a file's text: the word `fetch`, or a quoted client module specifier (`'axios'`,
 * `"node:https"`). A word, not a substring: `fetchUser()`, `prefetch` and "fetched" in a comment name
 * no client, and projects are full of them. The global is always a whole identifier, and `\b` treats
 * `$` and non-ASCII letters as boundaries, so this finds every file that can read it (and a few more).
 */
export function mentionPattern(modules: ReadonlySet<string>): RegExp {
  return new RegExp(`\\bfetch\\b|['"\`](?:${alternatives(modules)})['"\`]`);
}

/** Every quoted module specifier among `modules` in a text, the name captured (a global pattern, for `matchAll`). */
export function quotedModulePattern(modules: ReadonlySet<string>): RegExp {
  return new RegExp(`['"\`](${alternatives(modules)})['"\`]`, 'g');
}

function alternatives(modules: ReadonlySet<string>): string {
  return [...modules].map((module) => module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
}
