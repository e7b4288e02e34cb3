/**
 * The token neighbours the fixes and reports need, read from the text and the comment list instead of
 * ESLint's token store. Between two tokens there is only whitespace and comments, so skipping those
 * from a node's edge lands on the neighbouring token's first (or last) character.
 *
 * Why not `sourceCode.getTokenAfter`: an editor host can then parse without tokens. Building and
 * indexing the tokens of a 3,000-line TypeScript file is about a third of a keystroke's lint work, and
 * no rule needs more than these few characters.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The offset just after the last character of the token that ends at or before `offset` (0 at the start). */
export function previousTokenEnd(sourceCode: SourceCode, offset: number): number {
  const text = sourceCode.text;
  let index = offset;
  while (index > 0) {
    if (/\s/.test(text[index - 1]!)) {
      index--;
      continue;
    }
    const comment = commentEndingAt(sourceCode, index);
    if (!comment) return index;
    index = comment.range[0];
  }
  return index;
}

/** The character of the token that follows `node` (`,` or `}` after a property), or '' at the end of the file. */
export function charAfter(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Token): { readonly char: string; readonly offset: number } {
  const offset = tokenStartAfter(sourceCode, node.range[1]);
  return { char: sourceCode.text[offset] ?? '', offset };
}

/** The offset of the first character at or after `offset` that is neither whitespace nor in a comment: where the next token starts. */
export function tokenStartAfter(sourceCode: SourceCode, offset: number): number {
  return skipWhitespace(sourceCode, commentsAfter(sourceCode, offset).at(-1)?.range[1] ?? offset);
}

/** The last character of the token before `node`, or '' at the start of the file. */
export function charBefore(sourceCode: SourceCode, node: TSESTree.Node): { readonly char: string; readonly offset: number } {
  const end = previousTokenEnd(sourceCode, node.range[0]);
  return { char: end > 0 ? sourceCode.text[end - 1]! : '', offset: end - 1 };
}

/** The offset of the first character at or after `offset` that is not whitespace (a token's or a comment's). */
export function skipWhitespace(sourceCode: SourceCode, offset: number): number {
  const text = sourceCode.text;
  let index = offset;
  while (index < text.length && /\s/.test(text[index]!)) index++;
  return index;
}

/** The comments that directly follow `offset`, with nothing but whitespace and other comments between. */
export function commentsAfter(sourceCode: SourceCode, offset: number): TSESTree.Comment[] {
  const comments: TSESTree.Comment[] = [];
  const text = sourceCode.text;
  let index = offset;
  while (index < text.length) {
    if (/\s/.test(text[index]!)) {
      index++;
      continue;
    }
    const comment = commentStartingAt(sourceCode, index);
    if (!comment) break;
    comments.push(comment);
    index = comment.range[1];
  }
  return comments;
}

/**
 * Where the keyword a statement or clause starts with is (`for`, `while`, `do`, `catch`): reports
 * point at it rather than at the whole loop. Keywords never span lines.
 */
export function leadingKeywordLoc(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.SourceLocation {
  const word = /^[A-Za-z]+/.exec(sourceCode.text.slice(node.range[0], node.range[0] + 16))?.[0] ?? '';
  const start = node.loc.start;
  return { start, end: { line: start.line, column: start.column + word.length } };
}

function commentStartingAt(sourceCode: SourceCode, offset: number): TSESTree.Comment | undefined {
  return search(sourceCode.getAllComments(), offset, 0);
}

function commentEndingAt(sourceCode: SourceCode, offset: number): TSESTree.Comment | undefined {
  return search(sourceCode.getAllComments(), offset, 1);
}

/** Binary search of the sorted comment list for one whose start (edge 0) or end (edge 1) is `offset`. */
function search(comments: readonly TSESTree.Comment[], offset: number, edge: 0 | 1): TSESTree.Comment | undefined {
  let low = 0;
  let high = comments.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const comment = comments[middle]!;
    const value = comment.range[edge];
    if (value === offset) return comment;
    if (value < offset) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
