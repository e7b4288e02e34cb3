import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Where the extension loads TypeScript from, in order: the copy every VS Code (and code-server) ships
 * for its own TypeScript support, then the workspace's. Shipping TypeScript in the VSIX would add ~9 MB.
 */
export function typescriptLocations(): string[] {
  return [
    path.join(vscode.env.appRoot, 'extensions', 'node_modules', 'typescript'),
    ...(vscode.workspace.workspaceFolders ?? []).map((folder) => path.join(folder.uri.fsPath, 'node_modules', 'typescript')),
  ];
}
