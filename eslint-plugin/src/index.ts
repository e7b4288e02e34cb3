import type { TSESLint } from '@typescript-eslint/utils';
import { RULE_CATALOG, RULE_NAMES, type RuleName } from './rule-names';
import { rules } from './rules';
import { TEST_FILE_GLOBS } from './test-files';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- read at run time so the version is never stale
const { name, version } = require('../package.json') as { name: string; version: string };

type RuleEntry = TSESLint.SharedConfig.RuleEntry;

function rulesFor(filter: (name: RuleName) => boolean, entry: RuleEntry): Record<string, RuleEntry> {
  return Object.fromEntries(RULE_NAMES.filter(filter).map((rule) => [`breakwater/${rule}`, entry]));
}

const plugin = {
  meta: { name, version, namespace: 'breakwater' },
  rules,
  configs: {} as Record<'recommended' | 'strict', TSESLint.FlatConfig.Config>,
};

// Recommended: the rules that matter everywhere, as warnings, outside test files (see ./test-files).
plugin.configs.recommended = {
  name: 'breakwater/recommended',
  ignores: [...TEST_FILE_GLOBS],
  plugins: { breakwater: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: rulesFor((rule) => RULE_CATALOG[rule].recommended, 'warn'),
};

// Strict: every rule, as errors, in every file, and report calls whose options the file does not show.
plugin.configs.strict = {
  name: 'breakwater/strict',
  plugins: { breakwater: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: rulesFor(() => true, ['error', { unresolved: 'report' }]),
};

export = plugin;
