import * as vscode from 'vscode';
import { addDependencyCommand, declaresDependency, findPackageManager, nearestPackageManifest } from '../core/package-manager';
import { VSCODE_FOLDERS } from './vscode-folders';

const COCKATIEL = 'cockatiel@^3.2.1';

/**
 * After a wrap: if the nearest package.json does not list cockatiel, say so and offer to add it with
 * the package manager the project uses (see findPackageManager: in a monorepo, the root's), in a
 * terminal the user sees, run in that package's folder. (3.2 works on every Node and
 * module format; the inserted code uses nothing newer.)
 */
export async function ensureCockatiel(document: vscode.Uri, log: (line: string) => void): Promise<void> {
  const found = await nearestPackageManifest(vscode.Uri.joinPath(document, '..'), VSCODE_FOLDERS);
  if (!found || declaresDependency(found.text, 'cockatiel')) return;
  const dir = found.folder;
  const relative = vscode.workspace.asRelativePath(vscode.Uri.joinPath(dir, 'package.json'));
  const command = addDependencyCommand(await findPackageManager(dir, VSCODE_FOLDERS), COCKATIEL);
  log(`A wrap uses cockatiel, which ${relative} does not list: offering "${command}".`);
  const choice = await vscode.window.showInformationMessage(`The wrapped call uses cockatiel, which ${relative} does not list.`, `Run "${command}"`);
  if (choice) {
    const terminal = vscode.window.createTerminal({ name: 'Breakwater', cwd: dir });
    terminal.show();
    terminal.sendText(command);
  }
}

