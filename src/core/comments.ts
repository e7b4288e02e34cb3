/**
 * The comments of a TypeScript file, found from its text and its ESTree.
 *
 * Why not typescript-estree's `comment: true`: it finds comments by asking TypeScript for every node's
 * children, which builds a node for every punctuation token of the file; on a 3,000-line file that is
 * about a third of the parse. Comments are rarer than that: outside string, template, regular
 * expression and JSX text literals, every `//` or `/*` starts one. So this looks at each such pair of
 * characters in the text and drops those inside a literal of the AST.
 *
 * test/extension/parsers.test.ts holds the result to typescript-estree's on hundreds of real files.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { isLineTerminator, lineStarts, positionOf } from './lines';

type VisitorKeys = Record<string, readonly string[] | undefined>;

/** Nodes whose text can hold `//` or `/*` that does not start a comment. */
const LITERALS = new Set(['Literal', 'TemplateElement', 'JSXText']);

const SLASH = 47;
const STAR = 42;

export function commentsOf(text: string, ast: TSESTree.Program, visitorKeys: VisitorKeys): TSESTree.Comment[] {
  const candidates = commentOpenings(text);
  if (candidates.length === 0) return [];
  const literals = literalRanges(ast, visitorKeys);
  const lines = lineStarts(text);
  const comments: TSESTree.Comment[] = [];
  let literal = 0;
  let scannedTo = 0;
  for (const start of candidates) {
    if (start < scannedTo) continue; // inside the comment found last (`// see /* … */`)
    while (literal < literals.length && literals[literal]![1] <= start) literal++;
    if (literal < literals.length && literals[literal]![0] <= start) continue;
    const line = text.charCodeAt(start + 1) === SLASH;
    const end = line ? lineEnd(text, start) : text.indexOf('*/', start + 2) + 2;
    // An unterminated block comment does not parse, so the file never gets here with one.
    const range: TSESTree.Range = [start, end];
    comments.push({
      type: (line ? 'Line' : 'Block') as TSESTree.Comment['type'],
      value: text.slice(start + 2, line ? end : end - 2),
      range,
      loc: { start: positionOf(lines, start), end: positionOf(lines, end) },
    } as TSESTree.Comment);
    scannedTo = end;
  }
  return comments;
}

/** Offsets of every `//` and `/*` in the text, in order. */
function commentOpenings(text: string): number[] {
  const openings: number[] = [];
  for (let index = text.indexOf('/'); index !== -1; index = text.indexOf('/', index + 1)) {
    const next = text.charCodeAt(index + 1);
    if (next === SLASH || next === STAR) openings.push(index);
  }
  return openings;
}

/** The ranges of the AST's literal nodes, sorted by start (literals never nest). */
function literalRanges(ast: TSESTree.Program, visitorKeys: VisitorKeys): TSESTree.Range[] {
  const ranges: TSESTree.Range[] = [];
  const stack: TSESTree.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (LITERALS.has(node.type)) {
      ranges.push(node.range);
      continue;
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, TSESTree.Node | (TSESTree.Node | null)[] | null | undefined>)[key];
      if (!child) continue;
      if (Array.isArray(child)) {
        for (const element of child) if (element) stack.push(element);
      } else {
        stack.push(child);
      }
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Where a `//` comment ends: before the next line terminator (ECMAScript's four), or at the end of the text. */
function lineEnd(text: string, start: number): number {
  for (let index = start + 2; index < text.length; index++) {
    if (isLineTerminator(text.charCodeAt(index))) return index;
  }
  return text.length;
}
