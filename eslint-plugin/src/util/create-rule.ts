import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { RULE_CATALOG, type RuleName } from '../rule-names';

export const DOCS_BASE_URL = 'https://github.com/breakwater/breakwater/blob/main/eslint-plugin/docs/rules/';

export interface BreakwaterDocs {
  /** Whether the rule is in the `recommended` config (all rules are in `strict`), from ../rule-names. */
  recommended: boolean;
}

const ruleCreator = ESLintUtils.RuleCreator<BreakwaterDocs>((name) => `${DOCS_BASE_URL}${name}.md`);

type CreatorArgs<Options extends readonly unknown[], MessageIds extends string> = Parameters<typeof ruleCreator<Options, MessageIds>>[0];

/** A rule as its file states it: named from ../rule-names, which also says whether it is recommended. */
type RuleArgs<Options extends readonly unknown[], MessageIds extends string> = Omit<CreatorArgs<Options, MessageIds>, 'name' | 'meta'> & {
  readonly name: RuleName;
  readonly meta: Omit<CreatorArgs<Options, MessageIds>['meta'], 'docs'> & {
    readonly docs: Omit<CreatorArgs<Options, MessageIds>['meta']['docs'], 'recommended'>;
  };
};

const MAX_CACHED_OPTIONS = 64;

/**
 * `RuleCreator`, with the defaults merged into the user's options once per distinct options value
 * instead of once per file: typescript-eslint's `applyDefault` deep-clones the defaults on every
 * `create()`, which on a large repo costs more than the rules' own work. Options are never mutated.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  args: RuleArgs<Options, MessageIds>,
): ReturnType<typeof ruleCreator<Options, MessageIds>> {
  const docs = { ...args.meta.docs, recommended: RULE_CATALOG[args.name].recommended };
  const rule = ruleCreator<Options, MessageIds>({ ...args, meta: { ...args.meta, docs } } as CreatorArgs<Options, MessageIds>);
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
