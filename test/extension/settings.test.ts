import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, RULE_IDS, readSettings } from '../../src/core/settings';
import { ROOT } from '../helpers';

const from = (values: Record<string, unknown>) => readSettings((key) => values[key]);

describe('extension settings', () => {
  it('unset settings are the defaults, with no warning', () => {
    assert.deepEqual(from({}), { settings: DEFAULT_SETTINGS, warnings: [] });
  });

  it('valid settings are taken as given', () => {
    const { settings, warnings } = from({
      enable: false,
      diagnostics: 'on',
      rules: { 'no-unprotected-call': 'off', 'require-timeout': 'error' },
      ruleOptions: { 'require-timeout': { defaultTimeoutMs: 2500 } },
      exclude: ['**/scripts/**'],
      maxFileSize: 1000,
      debounceMs: 0,
    });
    assert.deepEqual(warnings, []);
    assert.equal(settings.enable, false);
    assert.equal(settings.diagnostics, 'on');
    assert.deepEqual(settings.rules, {
      'require-timeout': 'error',
      'no-unprotected-call': 'off',
      'no-retry-non-retryable': 'warning',
      'require-backoff': 'warning',
      'no-unbounded-retry': 'warning',
      'valid-policy': 'warning',
      'no-nested-retry': 'off',
      'no-retry-non-idempotent': 'off',
      'no-unbounded-concurrency': 'off',
    });
    assert.deepEqual(settings.ruleOptions, { 'require-timeout': { defaultTimeoutMs: 2500 } });
    assert.deepEqual(settings.exclude, ['**/scripts/**']);
    assert.equal(settings.maxFileSize, 1000);
    assert.equal(settings.debounceMs, 0);
  });

  it('each broken value falls back to its default with one warning that names it', () => {
    const { settings, warnings } = from({
      enable: 'yes',
      diagnostics: 'sometimes',
      rules: { 'require-timeout': 'loud', 'no-such-rule': 'error' },
      ruleOptions: { 'require-timeout': 5, bogus: {} },
      exclude: 'dist',
      maxFileSize: -1,
      debounceMs: 1.5,
    });
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(warnings, [
      'breakwater.enable must be true or false; using the default true.',
      'breakwater.diagnostics must be "auto", "on" or "off"; using the default "auto".',
      `breakwater.exclude must be an array of glob strings; using the default ${JSON.stringify(DEFAULT_SETTINGS.exclude)}.`,
      'breakwater.maxFileSize must be a positive whole number; using the default 500000.',
      'breakwater.debounceMs must be a whole number from 0 to 5000; using the default 150.',
      'breakwater.rules["require-timeout"] must be one of error, warning, info, hint, off; using "warning".',
      'breakwater.rules: unknown rule "no-such-rule" is ignored (known: require-timeout, no-unprotected-call, no-retry-non-retryable, require-backoff, no-unbounded-retry, valid-policy, no-nested-retry, no-retry-non-idempotent, no-unbounded-concurrency).',
      'breakwater.ruleOptions["require-timeout"] must be an object; using the rule\'s defaults.',
      'breakwater.ruleOptions: unknown rule "bogus" is ignored.',
    ]);
  });

  it('knows exactly the plugin\'s rules, and package.json documents each of them', () => {
    assert.deepEqual([...RULE_IDS].sort(), [
      'no-nested-retry',
      'no-retry-non-idempotent',
      'no-retry-non-retryable',
      'no-unbounded-concurrency',
      'no-unbounded-retry',
      'no-unprotected-call',
      'require-backoff',
      'require-timeout',
      'valid-policy',
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const documented = Object.keys(manifest.contributes.configuration.properties['breakwater.rules'].properties);
    assert.deepEqual(documented.sort(), [...RULE_IDS].sort());
  });

  it('excludes test files by default, with the globs the plugin\'s recommended config ignores, as package.json documents', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.configuration.properties['breakwater.exclude'].default, DEFAULT_SETTINGS.exclude);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const plugin = require(path.join(ROOT, 'eslint-plugin'));
    assert.deepEqual(DEFAULT_SETTINGS.exclude.slice(3), plugin.configs.recommended.ignores);
  });

  it('a non-object rules or ruleOptions value is reported once', () => {
    const { warnings } = from({ rules: ['x'], ruleOptions: 'x' });
    assert.equal(warnings.length, 2);
  });
});
