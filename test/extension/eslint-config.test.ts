import assert from 'node:assert/strict';
import path from 'node:path';
import { configEnablesBreakwater, eslintConfigEnablesBreakwater } from '../../src/core/eslint-config';
import { DISK, removeTrees, tree } from './disk-folders';

const ENABLING = "import breakwater from 'eslint-plugin-breakwater';\n\nexport default [breakwater.configs.recommended];\n";
const OTHER = "import js from '@eslint/js';\n\nexport default [js.configs.recommended];\n";

describe('diagnostics "auto": which ESLint config a file gets', () => {
  after(removeTrees);

  it('reads a config as enabling Breakwater by the plugin, a rule id or a config of it', () => {
    assert.ok(configEnablesBreakwater(ENABLING));
    assert.ok(configEnablesBreakwater("module.exports = [{ plugins: { breakwater }, rules: { 'breakwater/require-timeout': 'warn' } }];"));
    assert.ok(configEnablesBreakwater('export default [...tseslint.configs.recommended, breakwater.configs.strict];'));
    assert.ok(!configEnablesBreakwater(OTHER));
    assert.ok(!configEnablesBreakwater('// breakwater is a lovely word\nexport default [];'));
  });

  it('takes the nearest config from the file\'s folder up, as ESLint 10 does', async () => {
    const root = tree({
      'eslint.config.mjs': ENABLING,
      'apps/web/src/page.ts': '',
      'services/api/eslint.config.js': OTHER,
      'services/api/src/orders.ts': '',
    });
    assert.equal(await eslintConfigEnablesBreakwater(path.join(root, 'apps', 'web', 'src'), DISK), true);
    // The API has its own config, which does not run Breakwater: the extension shows its findings.
    assert.equal(await eslintConfigEnablesBreakwater(path.join(root, 'services', 'api', 'src'), DISK), false);
  });

  it('a config beside another project\'s files does not count, and no config at all means ESLint shows nothing', async () => {
    // Two roots of a multi-root workspace side by side: only one has a config that enables Breakwater.
    const root = tree({ 'web/eslint.config.ts': ENABLING, 'web/src/a.ts': '', 'api/src/b.ts': '' });
    assert.equal(await eslintConfigEnablesBreakwater(path.join(root, 'web', 'src'), DISK), true);
    assert.equal(await eslintConfigEnablesBreakwater(path.join(root, 'api', 'src'), DISK), false);
  });

  it('in a folder with several configs, takes the one ESLint takes (eslint.config.js first)', async () => {
    const root = tree({ 'eslint.config.js': OTHER, 'eslint.config.mjs': ENABLING, 'src/a.ts': '' });
    assert.equal(await eslintConfigEnablesBreakwater(path.join(root, 'src'), DISK), false);
  });
});
