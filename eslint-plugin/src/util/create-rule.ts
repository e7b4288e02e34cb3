import { ESLintUtils } from '@typescript-eslint/utils';

export const DOCS_BASE_URL = 'https://github.com/breakwater/breakwater/blob/main/eslint-plugin/docs/rules/';

export interface BreakwaterDocs {
  /** Whether the rule is in the `recommended` config (all rules are in `strict`). */
  recommended: boolean;
}

export const createRule = ESLintUtils.RuleCreator<BreakwaterDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
