import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import path from 'node:path';
import { realSourceFiles, ROOT } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));

describe('robustness on real code', function () {
  this.timeout(600_000);

  it('lints at least 5,000 real .js/.ts files with every rule on, in strict mode, and no rule throws', () => {
    const files = realSourceFiles(Number.POSITIVE_INFINITY);
    assert.ok(files.length >= 5000, `found only ${files.length} files`);
    const linter = new Linter({ configType: 'flat' });
    const rules = plugin.configs.strict.rules;
    const js = (sourceType: 'module' | 'script') => [{ languageOptions: { ecmaVersion: 'latest' as const, sourceType }, plugins: { breakwater: plugin }, rules }];
    const ts = [{ files: ['**/*'], languageOptions: { parser: tsParser }, plugins: { breakwater: plugin }, rules }];
    let parsed = 0;
    let findings = 0;
    for (const file of files) {
      const code = fs.readFileSync(file, 'utf8');
      // Lint under a neutral name: flat config ignores anything under node_modules/.
      const name = `corpus/${path.basename(file)}`;
      let messages: Linter.LintMessage[];
      try {
        if (/\.[cm]?ts$/.test(file)) messages = linter.verify(code, ts as Linter.Config[], name);
        else {
          messages = linter.verify(code, js('module') as Linter.Config[], name);
          if (messages.some((m) => m.fatal)) messages = linter.verify(code, js('script') as Linter.Config[], name);
        }
      } catch (error) {
        assert.fail(`a rule threw on ${path.relative(ROOT, file)}: ${(error as Error).stack}`);
      }
      if (!messages.some((m) => m.fatal)) parsed++;
      findings += messages.filter((m) => m.ruleId?.startsWith('breakwater/')).length;
    }
    assert.ok(parsed >= 5000, `only ${parsed} files parsed`);
    const declarations = files.filter((file) => /\.d\.[cm]?ts$/.test(file)).length;
    assert.ok(files.length - declarations >= 2500, 'mostly executable code, not just declarations');
    console.log(`      linted ${files.length} files (${parsed} parsed), ${findings} breakwater findings in strict mode`);
  });
});
