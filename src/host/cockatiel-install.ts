import * as vscode from 'vscode';
import { addDependencyCommand, declaresDependency } from '../core/package-manager';

const COCKATIEL = 'cockatiel@^3.2.1';

/**
 * After a wrap: if the nearest package.json does not list cockatiel, say so and offer to add it with
 * the package manager its lockfile shows, in a terminal the user sees. (3.2 works on every Node and
 * module format; the inserted code uses nothing newer.)
 */
export async function ensureCockatiel(document: vscode.Uri, log: (line: string) => void): Promise<void> {
  for (let dir = vscode.Uri.joinPath(document, '..'); ; dir = vscode.Uri.joinPath(dir, '..')) {
    const manifest = vscode.Uri.joinPath(dir, 'package.json');
    const text = await readText(manifest);
    if (text !== undefined) {
      if (declaresDependency(text, 'cockatiel')) return;
      const relative = vscode.workspace.asRelativePath(manifest);
      const files = (await vscode.workspace.fs.readDirectory(dir)).map(([name]) => name);
      const command = addDependencyCommand(files, COCKATIEL);
      log(`A wrap uses cockatiel, which ${relative} does not list: offering "${command}".`);
      const choice = await vscode.window.showInformationMessage(
        `The wrapped call uses cockatiel, which ${relative} does not list.`,
        `Run "${command}"`,
      );
      if (choice) {
        const terminal = vscode.window.createTerminal({ name: 'Breakwater', cwd: dir });
        terminal.show();
        terminal.sendText(command);
      }
      return;
    }
    const parent = vscode.Uri.joinPath(dir, '..');
    if (parent.path === dir.path) return;
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
