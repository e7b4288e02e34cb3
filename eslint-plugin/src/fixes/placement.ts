import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { unwrap } from '../util/ast';

/** An import, or a top-level `const x = require('…')` (including a destructured one). */
export function isImportLike(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) return true;
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  return statement.declarations.every((declarator) => {
    let init = declarator.init && unwrap(declarator.init);
    while (init?.type === AST_NODE_TYPES.MemberExpression) init = unwrap(init.object);
    return (
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require'
    );
  });
}

/**
 * Inserts `text` where module-level code that needs the imports belongs: after the last import or
 * top-level require, else after the directive prologue (`'use strict'`), else after the file's header
 * (see headerEnd). Every builder uses this one place, so inserts made together (an import, the
 * helper, a policy) land at the same offset in the order they were made — never a policy above its require.
 */
export function insertAfterImports(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  text: string,
  gap: '\n' | '\n\n',
): TSESLint.RuleFix {
  const body = sourceCode.ast.body;
  const imports = body.filter(isImportLike);
  let prologueEnd: TSESTree.ProgramStatement | undefined;
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) break;
    prologueEnd = statement;
  }
  const anchor = imports[imports.length - 1] ?? prologueEnd;
  if (anchor) return fixer.insertTextAfter(anchor, `${gap}${text}`);
  const start = headerEnd(sourceCode);
  // A header comment that shares its line with what follows (`/* @jsx h */ fetch(url)`) gets a line break of its own.
  const sameLine = start > 0 && sourceCode.text[start - 1] !== '\n';
  // Each insert is followed by a blank line: with no imports before it, the only import inserted here is
  // cockatiel's, and a blank line sets it apart from the helper or policy inserted after it.
  return fixer.insertTextAfterRange([start, start], `${sameLine ? '\n' : ''}${text}\n\n`);
}

/**
 * Where code may go at the top of a file with no imports: after a `#!` line (code above it does not
 * parse), after comments that must stay first (`// @ts-check`, `/* @jsx h *\/`, `/* eslint-disable *\/`:
 * TypeScript and ESLint read them only there), and after a header set apart by a blank line (a licence,
 * a description of the file). A comment right above the first statement documents it and stays with it.
 * The offset is the start of the line of what follows the header, or 0.
 */
function headerEnd(sourceCode: Readonly<TSESLint.SourceCode>): number {
  const text = sourceCode.text;
  const firstStatement = sourceCode.ast.body[0]?.range[0] ?? text.length;
  let end = text.startsWith('#!') ? lineEnd(text, 0) : 0;
  const leading = sourceCode.getAllComments().filter((comment) => comment.range[1] <= firstStatement && comment.range[0] >= end);
  leading.forEach((comment, index) => {
    const next = leading[index + 1]?.range[0] ?? firstStatement;
    if (PRAGMA.test(comment.value) || /\n[ \t]*\r?\n/.test(text.slice(comment.range[1], next))) end = comment.range[1];
  });
  if (end === 0) return 0;
  // The start of the next line with code or a comment on it, so the insert keeps the header's blank line above it.
  const after = leading.find((comment) => comment.range[0] >= end)?.range[0] ?? firstStatement;
  const lineStart = text.lastIndexOf('\n', after - 1) + 1;
  return lineStart > end ? lineStart : end;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

/** Comments that tools read only at the top of a file: TypeScript's and Flow's pragmas, JSX pragmas, ESLint's and JSHint's directives. */
const PRAGMA = /^\s*\*?\s*(?:@|eslint|global\b|globals\b|jshint\b|exported\b)/;
