import * as vscode from 'vscode';
import type { FolderReader } from '../core/folders';

/** Folders through VS Code's file system, so remote and virtual workspaces work too. */
export const VSCODE_FOLDERS: FolderReader<vscode.Uri> = {
  parent(folder) {
    const parent = vscode.Uri.joinPath(folder, '..');
    return parent.path === folder.path ? undefined : parent;
  },
  async list(folder) {
    try {
      return (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
    } catch {
      return [];
    }
  },
  read: (folder, name) => readText(vscode.Uri.joinPath(folder, name)),
};

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
