import assert from 'node:assert/strict';
import { addDependencyCommand, declaresDependency } from '../../src/core/package-manager';

describe('adding cockatiel with the workspace\'s package manager', () => {
  it('picks the package manager from the lockfile', () => {
    assert.equal(addDependencyCommand(['package.json', 'pnpm-lock.yaml'], 'cockatiel@^3.2.1'), 'pnpm add cockatiel@^3.2.1');
    assert.equal(addDependencyCommand(['yarn.lock'], 'cockatiel'), 'yarn add cockatiel');
    assert.equal(addDependencyCommand(['bun.lock'], 'cockatiel'), 'bun add cockatiel');
    assert.equal(addDependencyCommand(['package-lock.json'], 'cockatiel'), 'npm install cockatiel');
    assert.equal(addDependencyCommand([], 'cockatiel'), 'npm install cockatiel');
  });

  it('reads whether package.json lists the dependency, and never nags on a broken file', () => {
    assert.equal(declaresDependency('{"dependencies":{"cockatiel":"^3.2.1"}}', 'cockatiel'), true);
    assert.equal(declaresDependency('{"devDependencies":{"cockatiel":"3"}}', 'cockatiel'), true);
    assert.equal(declaresDependency('{"dependencies":{"axios":"1"}}', 'cockatiel'), false);
    assert.equal(declaresDependency('{ not json', 'cockatiel'), true);
  });
});
