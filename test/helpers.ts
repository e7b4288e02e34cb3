import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

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

/**
 * Strict TypeScript errors in `files`, resolved against this repo's node_modules (the real client,
 * cockatiel and DOM types): what the fix and snippet tests require to be empty.
 */
export function typeErrors(files: readonly string[]): string[] {
  const program = ts.createProgram([...files], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
