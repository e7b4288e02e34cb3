import assert from 'node:assert/strict';
import path from 'node:path';
import {
  addDependencyCommand,
  declaresDependency,
  findPackageManager,
  isPackageManifest,
  nearestPackageManifest,
  packageManagerIn,
} from '../../src/core/package-manager';
import { DISK, removeTrees, tree } from './disk-folders';

describe('adding cockatiel with the workspace\'s package manager', () => {
  after(removeTrees);

  it('picks the package manager from a folder\'s lockfile', () => {
    assert.equal(packageManagerIn(['package.json', 'pnpm-lock.yaml'], '{}'), 'pnpm');
    assert.equal(packageManagerIn(['yarn.lock'], undefined), 'yarn');
    assert.equal(packageManagerIn(['bun.lock'], undefined), 'bun');
    assert.equal(packageManagerIn(['bun.lockb'], undefined), 'bun');
    assert.equal(packageManagerIn(['package-lock.json'], undefined), 'npm');
    assert.equal(packageManagerIn(['npm-shrinkwrap.json'], undefined), 'npm');
    assert.equal(packageManagerIn(['package.json', 'README.md'], '{"name":"x"}'), undefined);
  });

  it('prefers package.json\'s `packageManager` field (Corepack) to a lockfile, and ignores one it does not know', () => {
    assert.equal(packageManagerIn(['package-lock.json'], '{"packageManager":"pnpm@9.12.0+sha512.abc"}'), 'pnpm');
    assert.equal(packageManagerIn([], '{"packageManager":"yarn@4.5.0"}'), 'yarn');
    assert.equal(packageManagerIn(['yarn.lock'], '{"packageManager":"deno@2"}'), 'yarn');
    assert.equal(packageManagerIn(['yarn.lock'], '{"packageManager":42}'), 'yarn');
    assert.equal(packageManagerIn(['yarn.lock'], '{ broken'), 'yarn');
  });

  it('writes the command each package manager adds a dependency with', () => {
    assert.equal(addDependencyCommand('npm', 'cockatiel@^3.2.1'), 'npm install cockatiel@^3.2.1');
    assert.equal(addDependencyCommand('pnpm', 'cockatiel@^3.2.1'), 'pnpm add cockatiel@^3.2.1');
    assert.equal(addDependencyCommand('yarn', 'cockatiel'), 'yarn add cockatiel');
    assert.equal(addDependencyCommand('bun', 'cockatiel'), 'bun add cockatiel');
  });

  it('finds a monorepo\'s package manager at its root, above the workspace package', async () => {
    const root = tree({
      'package.json': '{"name":"mono","private":true}',
      'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
      'pnpm-workspace.yaml': 'packages: ["packages/*"]\n',
      'packages/api/package.json': '{"name":"@mono/api","dependencies":{"axios":"^1.7.0"}}',
    });
    assert.equal(await findPackageManager(path.join(root, 'packages', 'api'), DISK), 'pnpm');
  });

  it('takes the nearest folder that names a package manager', async () => {
    const root = tree({
      'yarn.lock': '',
      'tools/cli/package.json': '{"name":"cli","packageManager":"bun@1.1.0"}',
      'tools/cli/src/index.ts': '',
    });
    assert.equal(await findPackageManager(path.join(root, 'tools', 'cli'), DISK), 'bun');
    assert.equal(await findPackageManager(path.join(root, 'tools'), DISK), 'yarn');
  });

  it('falls back to npm when nothing up to the root names one', async () => {
    const root = tree({ 'package.json': '{"name":"solo"}' });
    // The search stops at the temporary folder: what this machine keeps above it is not the test's.
    const manager = await findPackageManager(root, { ...DISK, parent: () => undefined });
    assert.equal(manager, 'npm');
  });

  it('finds the nearest package manifest, past a package.json that only sets the module format', async () => {
    const root = tree({
      'packages/api/package.json': '{"name":"@mono/api"}',
      'packages/api/src/esm/package.json': '{"type":"module"}',
      'packages/api/src/esm/users.ts': '',
    });
    const found = await nearestPackageManifest(path.join(root, 'packages', 'api', 'src', 'esm'), DISK);
    assert.equal(found?.folder, path.join(root, 'packages', 'api'));
    assert.equal(found?.text, '{"name":"@mono/api"}');
    assert.equal(await nearestPackageManifest(root, { ...DISK, parent: () => undefined }), undefined);
  });

  it('tells a package manifest from a package.json that only sets its folder\'s module format', () => {
    assert.equal(isPackageManifest('{"type":"module"}'), false);
    assert.equal(isPackageManifest('{"type":"commonjs","sideEffects":false}'), false);
    assert.equal(isPackageManifest('{"name":"x","type":"module"}'), true);
    assert.equal(isPackageManifest('{"private":true,"dependencies":{}}'), true);
    assert.equal(isPackageManifest('{"workspaces":["packages/*"]}'), true);
    assert.equal(isPackageManifest('{"devDependencies":{"cockatiel":"3"}}'), true);
    assert.equal(isPackageManifest('{ broken'), true);
    assert.equal(isPackageManifest('null'), true);
  });

  it('reads whether package.json lists the dependency, and never nags on a broken file', () => {
    assert.equal(declaresDependency('{"dependencies":{"cockatiel":"^3.2.1"}}', 'cockatiel'), true);
    assert.equal(declaresDependency('{"devDependencies":{"cockatiel":"3"}}', 'cockatiel'), true);
    assert.equal(declaresDependency('{"dependencies":{"axios":"1"}}', 'cockatiel'), false);
    assert.equal(declaresDependency('{ not json', 'cockatiel'), true);
  });
});
