// `npm run test:electron`: the integration suite (test/integration) in VS Code's own Electron build,
// through @vscode/test-electron, on machines that can download VS Code (or have one: set
// VSCODE_EXECUTABLE to its binary). Not part of `npm test`: CI machines here cannot download VS Code,
// and `npm test` runs the same suite in code-server instead (test/e2e/integration.e2e.test.ts).
import { runTests } from '@vscode/test-electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'breakwater-electron-'));
const workspace = path.join(scratch, 'workspace');
const userData = path.join(scratch, 'user-data');
fs.cpSync(path.join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'files.autoSave': 'off' }, null, 2),
);

try {
  await runTests({
    // The stand-in takes the ESLint extension's id, for the `breakwater.diagnostics: auto` test.
    extensionDevelopmentPath: [root, path.join(root, 'test', 'integration', 'eslint-stand-in')],
    extensionTestsPath: path.join(root, 'out', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
  });
} catch (error) {
  console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error('If VS Code could not be downloaded here, set VSCODE_EXECUTABLE to a local VS Code binary, or run `npm test`, which runs the same suite in code-server.');
  process.exitCode = 1;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
