import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from 'eslint';

/** Runs JavaScript cases with espree (ESLint's default parser). */
export const jsTester = new RuleTester({
  languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
});

/** Runs cases with @typescript-eslint/parser (no type information, as in editors and CI). */
export const tsTester = new RuleTester({
  languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
});

/** Runs CommonJS scripts. */
export const cjsTester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } });
