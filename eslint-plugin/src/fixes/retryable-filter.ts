import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { indentOf } from './object-edit';
import { insertAfterImports } from './placement';
import { stringLiteral, unwrap } from '../util/ast';
import { RETRYABLE_HELPER, retryableHelperText } from './retryable-helper';

type SourceCode = Readonly<TSESLint.SourceCode>;
type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
type Fixer = TSESLint.RuleFixer;

export function isTypeScriptFile(filename: string): boolean {
  return /\.[cm]?tsx?$/.test(filename);
}

/** Inserts the helper once per file (after the imports), unless the file already declares it. */
export function ensureRetryableHelper(sourceCode: SourceCode, fixer: Fixer, typescript: boolean): TSESLint.RuleFix | undefined {
  const declared = sourceCode.scopeManager?.globalScope?.set.get(RETRYABLE_HELPER)
    ?? sourceCode.scopeManager?.globalScope?.childScopes[0]?.set.get(RETRYABLE_HELPER);
  if (declared) return undefined;
  return insertAfterImports(sourceCode, fixer, retryableHelperText(typescript), '\n\n');
}

/**
 * Makes `names` importable from `module` where the file imports it by name: adds the missing ones to
 * the named import (`import { retry } from 'cockatiel'`) or to the destructured require. Returns []
 * when they are all there, undefined when no such import exists to extend.
 */
export function ensureNamedImport(
  sourceCode: SourceCode,
  fixer: Fixer,
  module: string,
  names: string | readonly string[],
): TSESLint.RuleFix[] | undefined {
  const wanted = typeof names === 'string' ? [names] : names;
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === module && statement.importKind !== 'type') {
      const named = statement.specifiers.filter(
        (specifier): specifier is TSESTree.ImportSpecifier => specifier.type === AST_NODE_TYPES.ImportSpecifier,
      );
      const missing = wanted.filter((name) => !named.some((specifier) => specifier.local.name === name));
      if (missing.length === 0) return [];
      const last = named[named.length - 1];
      if (last) return [fixer.insertTextAfter(last, `, ${missing.join(', ')}`)];
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init && unwrap(declarator.init);
        if (
          declarator.id.type !== AST_NODE_TYPES.ObjectPattern ||
          init?.type !== AST_NODE_TYPES.CallExpression ||
          init.callee.type !== AST_NODE_TYPES.Identifier ||
          init.callee.name !== 'require' ||
          stringLiteral(init.arguments[0] ?? init) !== module
        ) {
          continue;
        }
        const properties = declarator.id.properties;
        const missing = wanted.filter(
          (name) => !properties.some((p) => p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier && p.value.name === name),
        );
        if (missing.length === 0) return [];
        const last = properties[properties.length - 1];
        if (last && last.type === AST_NODE_TYPES.Property) return [fixer.insertTextAfter(last, `, ${missing.join(', ')}`)];
      }
    }
  }
  return undefined;
}

/** `if (!isRetryableError(e)) throw e;` as the catch block's first statement (naming the error if needed). */
export function rethrowNonRetryable(sourceCode: SourceCode, fixer: Fixer, clause: TSESTree.CatchClause): TSESLint.RuleFix[] | undefined {
  const param = clause.param;
  if (param && param.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = param?.name ?? 'error';
  const fixes: TSESLint.RuleFix[] = [];
  if (!param) {
    const catchKeyword = clause.range[0] + 'catch'.length;
    fixes.push(fixer.insertTextAfterRange([catchKeyword, catchKeyword], ` (${name})`));
  }
  const body = clause.body;
  const guard = `if (!${RETRYABLE_HELPER}(${name})) throw ${name};`;
  const first = body.body[0];
  if (first) {
    fixes.push(fixer.insertTextBefore(first, `${guard}\n${indentOf(sourceCode, first.loc.start.line)}`));
  } else {
    const open: TSESTree.Range = [body.range[0], body.range[0] + 1];
    const indent = indentOf(sourceCode, clause.loc.start.line);
    const multiline = body.loc.start.line !== body.loc.end.line;
    fixes.push(
      multiline
        ? fixer.insertTextAfterRange(open, `\n${indent}  ${guard}`)
        : fixer.replaceText(body, `{\n${indent}  ${guard}\n${indent}}`),
    );
  }
  return fixes;
}

/**
 * The same guard in a promise's rejection handler (`.catch((error) => …)`): first in a block body, or
 * a block made of an expression body (`(e) => { if (!isRetryableError(e)) throw e; return …; }`),
 * naming the error if the handler takes none. Undefined where the handler's shape is not plain
 * (a destructured parameter, or no `(` `)` to name the error in).
 */
export function rethrowNonRetryableInHandler(sourceCode: SourceCode, fixer: Fixer, handler: FunctionLike): TSESLint.RuleFix[] | undefined {
  const param = handler.params[0];
  if (param && param.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = param?.name ?? 'error';
  const fixes: TSESLint.RuleFix[] = [];
  const text = sourceCode.text;
  if (!param) {
    // `() =>`, `async () =>`, `function () {`: the empty parameter list, with nothing but spaces inside.
    const open = text.indexOf('(', handler.range[0]);
    const close = open === -1 ? -1 : text.indexOf(')', open);
    if (close === -1 || close > handler.body.range[0] || text.slice(open + 1, close).trim() !== '') return undefined;
    fixes.push(fixer.replaceTextRange([open, close + 1], `(${name})`));
  }
  const guard = `if (!${RETRYABLE_HELPER}(${name})) throw ${name};`;
  const body = handler.body;
  const indent = indentOf(sourceCode, handler.loc.start.line);
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const first = body.body[0];
    if (first) fixes.push(fixer.insertTextBefore(first, `${guard}\n${indentOf(sourceCode, first.loc.start.line)}`));
    else fixes.push(fixer.replaceText(body, `{\n${indent}  ${guard}\n${indent}}`));
    return fixes;
  }
  // The expression body runs from after `=>` to the arrow's end, parentheses included.
  const arrow = text.lastIndexOf('=>', body.range[0]);
  if (arrow < handler.range[0]) return undefined;
  const expression = text.slice(arrow + 2, handler.range[1]).trim();
  fixes.push(fixer.replaceTextRange([arrow + 2, handler.range[1]], ` {\n${indent}  ${guard}\n${indent}  return ${expression};\n${indent}}`));
  return fixes;
}
