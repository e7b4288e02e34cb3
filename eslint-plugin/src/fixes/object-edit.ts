import type { AST_NODE_TYPES as NodeType, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, unwrap } from '../util/ast';
import { charAfter, commentsAfter, previousTokenEnd } from '../util/trivia';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;

/** The whitespace a line starts with. */
export function indentOf(sourceCode: SourceCode, line: number): string {
  return /^\s*/.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
}

/**
 * Sets `key: valueText` in an object literal, keeping its layout: replaces the value of an existing
 * `key` property, or adds the property after the last one (one per line in a multi-line literal,
 * inline otherwise), keeping a trailing comma and any comment that ends the last line.
 */
export function setProperty(
  sourceCode: SourceCode,
  fixer: Fixer,
  object: TSESTree.ObjectExpression,
  key: string,
  valueText: string,
): TSESLint.RuleFix[] {
  const existing = object.properties.find(
    (property): property is Extract<TSESTree.ObjectLiteralElement, { type: NodeType.Property }> =>
      property.type === AST_NODE_TYPES.Property && !property.computed && staticPropertyName(property) === key,
  );
  if (existing) {
    if (existing.shorthand) return [fixer.replaceText(existing, `${key}: ${valueText}`)];
    return [fixer.replaceText(existing.value, valueText)];
  }
  // `{ signal }` rather than `{ signal: signal }`
  const text = valueText === key ? key : `${key}: ${valueText}`;
  const last = object.properties[object.properties.length - 1];
  const openBrace: TSESTree.Range = [object.range[0], object.range[0] + 1];
  if (!last) {
    // `{ /* options */ }` keeps its comment: the property goes before it.
    if (commentsAfter(sourceCode, openBrace[1]).length > 0) return [fixer.insertTextAfterRange(openBrace, ` ${text},`)];
    return [fixer.replaceText(object, `{ ${text} }`)];
  }
  const afterLast = charAfter(sourceCode, last);
  const trailingComma: TSESTree.Range | undefined = afterLast.char === ',' ? [afterLast.offset, afterLast.offset + 1] : undefined;
  const multiline = last.loc.end.line > object.loc.start.line;
  if (!multiline) {
    return trailingComma
      ? [fixer.insertTextAfterRange(trailingComma, ` ${text},`)]
      : [fixer.insertTextAfter(last, `, ${text}`)];
  }
  const indent = indentOf(sourceCode, last.loc.start.line);
  const anchorEnd = trailingComma ? trailingComma[1] : last.range[1];
  const anchorLine = sourceCode.getLocFromIndex(anchorEnd).line;
  // A comment that ends the last property's line stays on that line.
  const comments = commentsAfter(sourceCode, anchorEnd).filter((comment) => comment.loc.start.line === anchorLine);
  const lineEnd = comments[comments.length - 1]?.range[1] ?? anchorEnd;
  const property = fixer.insertTextAfterRange([lineEnd, lineEnd], `\n${indent}${text}${trailingComma ? ',' : ''}`);
  // The comma first: with no comment after the last property, both inserts are at its end, and ESLint
  // merges inserts at one offset in the order given (`}` `,` then the new line, not the other way round).
  return trailingComma ? [property] : [fixer.insertTextAfter(last, ','), property];
}

/**
 * Adds an argument at `index` of a call that has fewer arguments, filling any gap with `undefined`
 * (`axios.post(url)` gets its config as the third argument).
 */
export function addArgument(
  sourceCode: SourceCode,
  fixer: Fixer,
  call: TSESTree.CallExpression,
  index: number,
  text: string,
): TSESLint.RuleFix {
  const args = call.arguments;
  if (index < args.length) return fixer.insertTextBefore(args[index]!, `${text}, `);
  const fill = Array.from({ length: index - args.length }, () => 'undefined');
  const parts = [...fill, text].join(', ');
  // A call always ends with its closing parenthesis; what comes before it is `(`, a trailing comma, or
  // the last argument (with any parentheses of its own: `fetch((url))`).
  const closing = call.range[1] - 1;
  const before = previousTokenEnd(sourceCode, closing);
  if (args.length === 0) return fixer.insertTextBeforeRange([closing, call.range[1]], parts);
  if (sourceCode.text[before - 1] === ',') return fixer.insertTextAfterRange([before - 1, before], ` ${parts},`);
  return fixer.insertTextAfterRange([before, before], `, ${parts}`);
}

/** Replaces a property's value, spelling out a shorthand (`{ backoff }` → `{ backoff: … }`). */
export function replacePropertyValue(fixer: Fixer, value: TSESTree.Node, text: string): TSESLint.RuleFix {
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand) return fixer.replaceText(parent, `${staticPropertyName(parent)}: ${text}`);
  return fixer.replaceText(value, text);
}

/**
 * Sets option `key` of a call that takes its options object as argument `index`: replaces the value
 * the file shows (`present`, wherever it is), else adds the key to the options literal, else adds an
 * options argument. Undefined when none applies (the options are held somewhere the fix cannot edit).
 */
export function setCallOption(
  sourceCode: SourceCode,
  fixer: Fixer,
  call: TSESTree.CallExpression,
  index: number,
  key: string,
  text: string,
  present?: TSESTree.Node,
): TSESLint.RuleFix[] | undefined {
  if (present) return [replacePropertyValue(fixer, present, text)];
  const arg = call.arguments[index];
  const options = arg && arg.type !== AST_NODE_TYPES.SpreadElement ? unwrap(arg) : undefined;
  if (options?.type === AST_NODE_TYPES.ObjectExpression) return setProperty(sourceCode, fixer, options, key, text);
  if (call.arguments.length === index) return [addArgument(sourceCode, fixer, call, index, `{ ${key}: ${text} }`)];
  return undefined;
}
