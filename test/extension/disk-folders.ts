import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FolderReader } from '../../src/core/folders';

/** The disk, as the extension reads folders through VS Code's file system. */
export const DISK: FolderReader<string> = {
  parent: (folder) => (path.dirname(folder) === folder ? undefined : path.dirname(folder)),
  list: async (folder) => {
    try {
      return fs.readdirSync(folder);
    } catch {
      return [];
    }
  },
  read: async (folder, name) => {
    try {
      return fs.readFileSync(path.join(folder, name), 'utf8');
    } catch {
      return undefined;
    }
  },
};

const made: string[] = [];

/** A folder tree under a fresh temporary directory: file paths to contents. Removed by removeTrees. */
export function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'breakwater-folders-'));
  made.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** Removes the trees made so far (for a suite's `after`). */
export function removeTrees(): void {
  for (const root of made.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}
