import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type Range = readonly [number, number];
type Target = TSESTree.Node | TSESTree.Token | { range: Range };

/**
 * A RuleFixer that only records edits, so the edit builders written for ESLint fixers can also
 * produce text: the wrap builder reuses them to rewrite a call before wrapping it.
 */
export function recordingFixer(): TSESLint.RuleFixer {
  const at = (range: Range, text: string): TSESLint.RuleFix => ({ range: [range[0], range[1]], text });
  const fixer = {
    insertTextAfter: (target: Target, text: string) => at([target.range[1], target.range[1]], text),
    insertTextAfterRange: (range: Range, text: string) => at([range[1], range[1]], text),
    insertTextBefore: (target: Target, text: string) => at([target.range[0], target.range[0]], text),
    insertTextBeforeRange: (range: Range, text: string) => at([range[0], range[0]], text),
    remove: (target: Target) => at(target.range, ''),
    removeRange: (range: Range) => at(range, ''),
    replaceText: (target: Target, text: string) => at(target.range, text),
    replaceTextRange: (range: Range, text: string) => at(range, text),
  };
  return fixer as unknown as TSESLint.RuleFixer;
}

/**
 * Applies edits that fall inside `[start, end)` of `text` (offsets in the whole file) and returns that
 * slice. Inserts at one offset end up in the order given, as ESLint merges them: applying from the
 * end, the later of two such inserts goes in first.
 */
export function applyWithin(text: string, start: number, end: number, edits: readonly TSESLint.RuleFix[]): string {
  let slice = text.slice(start, end);
  const fromTheEnd = edits.map((edit, order) => ({ edit, order })).sort((a, b) => b.edit.range[0] - a.edit.range[0] || b.order - a.order);
  for (const { edit } of fromTheEnd) {
    slice = slice.slice(0, edit.range[0] - start) + edit.text + slice.slice(edit.range[1] - start);
  }
  return slice;
}
