/**
 * Stands in for `require('typescript')` inside the bundle. @typescript-eslint/parser needs TypeScript
 * to parse .ts files; rather than ship ~9 MB of it in the VSIX, use the copy every VS Code (and
 * code-server) already ships for its own TypeScript support, or the workspace's.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

function loadTypeScript(): unknown {
  const candidates = [
    path.join(vscode.env.appRoot, 'extensions', 'node_modules', 'typescript'),
    ...(vscode.workspace.workspaceFolders ?? []).map((folder) => path.join(folder.uri.fsPath, 'node_modules', 'typescript')),
  ];
  for (const candidate of candidates) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(candidate);
    } catch {
      // try the next one
    }
  }
  throw new Error('Breakwater could not find TypeScript (looked in VS Code and the workspace); TypeScript files are not linted.');
}

export = loadTypeScript();
