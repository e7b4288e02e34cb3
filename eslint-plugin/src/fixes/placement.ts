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
 * top-level require, else after the directive prologue (`'use strict'`), else at the very start.
 * Every builder uses this one place, so inserts made together (an import, the helper, a policy)
 * land at the same offset in the order they were made — never a policy above its require.
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
  return anchor ? fixer.insertTextAfter(anchor, `${gap}${text}`) : fixer.insertTextAfterRange([0, 0], `${text}${gap}`);
}
