import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

export const DOCS_BASE_URL = 'https://github.com/breakwater/breakwater/blob/main/eslint-plugin/docs/rules/';

export interface BreakwaterDocs {
  /** Whether the rule is in the `recommended` config (all rules are in `strict`). */
  recommended: boolean;
}

const ruleCreator = ESLintUtils.RuleCreator<BreakwaterDocs>((name) => `${DOCS_BASE_URL}${name}.md`);

type RuleArgs<Options extends readonly unknown[], MessageIds extends string> = Parameters<
  typeof ruleCreator<Options, MessageIds>
>[0];

const MAX_CACHED_OPTIONS = 64;

/**
 * `RuleCreator`, with the defaults merged into the user's options once per distinct options value
 * instead of once per file: typescript-eslint's `applyDefault` deep-clones the defaults on every
 * `create()`, which on a large repo costs more than the rules' own work. Options are never mutated.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  args: RuleArgs<Options, MessageIds>,
): ReturnType<typeof ruleCreator<Options, MessageIds>> {
  const rule = ruleCreator<Options, MessageIds>(args);
  const merged = new Map<string, Options>();
  return {
    ...rule,
    create(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>) {
      const key = context.options.length === 0 ? '' : JSON.stringify(context.options);
      let options = merged.get(key);
      if (!options) {
        options = ESLintUtils.applyDefault(args.defaultOptions as Options, context.options) as unknown as Options;
        if (merged.size >= MAX_CACHED_OPTIONS) merged.clear();
        merged.set(key, options);
      }
      return args.create(context, options as Readonly<Options>);
    },
  };
}
