/**
 * Line positions as ESLint and typescript-estree count them: a line ends at \r\n, \r, \n, U+2028 or
 * U+2029 (ECMAScript's line terminators). Lines are 1-based, columns 0-based offsets into the line.
 */

/** Whether a character code is one of ECMAScript's line terminators. */
export function isLineTerminator(char: number): boolean {
  return char === 10 || char === 13 || char === 0x2028 || char === 0x2029;
}

/** The offset where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 13 && text.charCodeAt(index + 1) === 10) continue; // \r\n: the line starts after the \n
    if (isLineTerminator(char)) starts.push(index + 1);
  }
  return starts;
}

/** The line and column of an offset. */
export function positionOf(lines: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lines[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lines[low]! };
}

/** The offset of a line and column. */
export function offsetOf(lines: readonly number[], line: number, column: number): number {
  return (lines[line - 1] ?? 0) + column;
}
