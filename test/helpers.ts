import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

/**
 * Real JavaScript and TypeScript sources already on disk (under node_modules: the HTTP clients,
 * resilience libraries and tooling this repo installs), sorted so runs are repeatable.
 */
export function realSourceFiles(limit: number, maxBytes = 150_000): string[] {
  const files: string[] = [];
  const stack = [path.join(ROOT, 'node_modules')];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.bin' && entry.name !== 'eslint-plugin-breakwater') stack.push(full);
      } else if (/\.(c|m)?(js|ts)$/.test(entry.name) && !entry.name.endsWith('.min.js')) {
        const size = fs.statSync(full).size;
        if (size > 0 && size <= maxBytes) files.push(full);
      }
    }
  }
  return files.sort().slice(0, limit);
}
