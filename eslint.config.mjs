// The repo lints itself with typescript-eslint; examples/ is linted by `npm run demo` instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'examples/**', 'scratch/**', 'test-results/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The code-server test harness is a plain CommonJS extension (VS Code requires its `main`).
    files: ['**/*.cjs', 'test/integration/harness/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/integration/*.integration.ts'],
    languageOptions: { globals: { ...globals.mocha } },
  },
);
