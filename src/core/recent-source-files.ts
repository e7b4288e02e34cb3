/**
 * The TypeScript SourceFile of each file the extension parsed last, so that the next version of the
 * file is parsed with TypeScript's incremental parser (`SourceFile.update`, what tsserver does on every
 * keystroke) instead of from scratch: on a 3,000-line file that is about a fifth of a keystroke's lint.
 * The incremental parser gives the same tree as a fresh parse for any change, however large, as long as
 * the change range is right; here it is computed from the two texts, so it always is
 * (test/extension/recent-source-files.test.ts compares the two on real files under random edits).
 */

/** The part of TypeScript's SourceFile used here. */
export interface UpdatableSourceFile {
  readonly text: string;
  /** TypeScript's incremental parse of `newText`; this SourceFile must not be used afterwards. */
  update?(newText: string, change: TextChangeRange): UpdatableSourceFile;
}

/** TypeScript's `TextChangeRange`: `span` of the old text replaced by `newLength` characters. */
export interface TextChangeRange {
  readonly span: { readonly start: number; readonly length: number };
  readonly newLength: number;
}

/** The smallest range whose replacement turns `before` into `after`: what lies between their common prefix and suffix. */
export function changeBetween(before: string, after: string): TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { span: { start, length: before.length - start - tail }, newLength: after.length - start - tail };
}

/** The last SourceFile of at most `capacity` files, the least recently parsed dropped first. */
export class RecentSourceFiles {
  private readonly files = new Map<string, UpdatableSourceFile>();

  constructor(private readonly capacity = 4) {}

  /**
   * The file's last SourceFile brought up to `text`, or undefined when none was kept (or this
   * TypeScript cannot update one). The kept one is taken out either way: updating it invalidates it.
   */
  take(filePath: string, text: string): UpdatableSourceFile | undefined {
    const last = this.files.get(filePath);
    if (!last) return undefined;
    this.files.delete(filePath);
    if (last.text === text) return last;
    return last.update?.(text, changeBetween(last.text, text));
  }

  /** Whether a SourceFile of the file is kept. */
  has(filePath: string): boolean {
    return this.files.has(filePath);
  }

  /** Drops the file's SourceFile: the editor closed it, so its next parse, if any, starts afresh. */
  forget(filePath: string): void {
    this.files.delete(filePath);
  }

  keep(filePath: string, sourceFile: UpdatableSourceFile): void {
    this.files.delete(filePath);
    this.files.set(filePath, sourceFile);
    if (this.files.size > this.capacity) this.files.delete(this.files.keys().next().value!);
  }
}
