/** The text that silences `rule` on the line starting at `lineText`, placed above it with the same indentation. */
export function disableNextLineComment(lineText: string, rule: string): string {
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  return `${indent}// eslint-disable-next-line breakwater/${rule}\n`;
}
