// The config `npm run demo` lints examples/ with: the plugin's recommended config, and the
// typescript-eslint parser for TypeScript files. Also usable as `npx eslint -c examples/eslint.config.mjs examples`.
import tsParser from '@typescript-eslint/parser';
import { createRequire } from 'node:module';

const plugin = createRequire(import.meta.url)('../eslint-plugin');

export default [
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },
  plugin.configs.recommended,
];
