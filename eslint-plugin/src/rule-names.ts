/**
 * The plugin's rules by name, in the order the docs and the extension's settings list them, and
 * whether each is in the `recommended` config (every rule is in `strict`). No rule code here, so a
 * host that only needs the names (the extension's settings) does not load the rules; `rules/index.ts`
 * maps exactly these names to the rules (the compiler checks both ways), and each rule's
 * `meta.docs.recommended` is read from here.
 */
export const RULE_CATALOG = {
  'require-timeout': { recommended: true },
  'no-unprotected-call': { recommended: true },
  'no-retry-non-retryable': { recommended: true },
  'require-backoff': { recommended: true },
  'no-unbounded-retry': { recommended: true },
  'valid-policy': { recommended: true },
  'no-nested-retry': { recommended: false },
  'no-retry-non-idempotent': { recommended: false },
  'no-unbounded-concurrency': { recommended: false },
} as const satisfies Record<string, { readonly recommended: boolean }>;

export type RuleName = keyof typeof RULE_CATALOG;

export const RULE_NAMES = Object.keys(RULE_CATALOG) as RuleName[];
