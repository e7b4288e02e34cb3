import type { TSESTree } from '@typescript-eslint/utils';
import { fileModel } from '../model/file-model';
import { COMMON_OPTIONS_SCHEMA, type CommonOptions } from '../model/rule-options';
import { enclosingQueryRetry, enclosingRetry, selfRetryLayer, wrapperRetryLayer, type RetryLayer } from '../model/retry-layers';
import { wrapperOf } from '../model/wrappers';
import { createRule } from '../util/create-rule';

export type NoNestedRetryMessageIds = 'nestedRetry' | 'retryingClient';

/** "3+1" (retries plus the first call), "?+1", "∞". */
function attempts(layer: RetryLayer): string {
  if (layer.retries === Infinity) return '∞';
  return `${layer.retries ?? '?'}+1`;
}

/** "(3+1) × (2+1) = 12", or without the total when a count is not in the file. */
function equation(outer: RetryLayer, inner: RetryLayer): string {
  const factors = `(${attempts(outer)}) × (${attempts(inner)})`;
  const a = outer.retries;
  const b = inner.retries;
  if (a === Infinity || b === Infinity) return `${factors} = ∞`;
  if (a === undefined || b === undefined) return factors;
  return `${factors} = ${(a + 1) * (b + 1)}`;
}

export default createRule<[CommonOptions], NoNestedRetryMessageIds>({
  name: 'no-nested-retry',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow retries inside retries: attempts multiply across layers',
    },
    schema: COMMON_OPTIONS_SCHEMA,
    messages: {
      nestedRetry: '{{inner}} inside {{outer}}: {{equation}} requests.',
      retryingClient: '{{inner}} retries inside {{outer}}: {{equation}} requests.',
    },
  },
  defaultOptions: [{ unresolved: 'ignore', clients: [] }],
  create(context, [options]) {
    const fileOrNothing = fileModel(context, options);
    if (!fileOrNothing) return {}; // nothing network-related in this file
    const model = fileOrNothing;
    const reported = new Set<TSESTree.Node>();
    const reportUnresolved = options.unresolved === 'report';

    /**
     * The retry around `node`. A query library's counts only when the query's own options turn
     * retrying on: its default may be turned off by a QueryClient the file does not show (or, for
     * TanStack Query, on the server), so a default is reported only with `unresolved: "report"`.
     */
    function outerRetry(node: TSESTree.Node): RetryLayer | undefined {
      const outer = enclosingRetry(model, node);
      if (outer) return outer;
      const query = enclosingQueryRetry(model, node);
      return query && (query.shown || reportUnresolved) ? query : undefined;
    }

    function report(inner: RetryLayer, outer: RetryLayer | undefined, messageId: NoNestedRetryMessageIds): void {
      if (!outer || reported.has(inner.node)) return;
      reported.add(inner.node);
      context.report({ node: inner.node, messageId, data: { inner: inner.label, outer: outer.label, equation: equation(outer, inner) } });
    }

    return {
      CallExpression(node) {
        for (const arg of node.arguments) {
          const wrapper = wrapperOf(model, node, arg);
          const inner = wrapper && wrapperRetryLayer(model, wrapper);
          if (inner) return report(inner, outerRetry(node), 'nestedRetry');
        }
        const call = model.calls.detect(node);
        const inner = call && selfRetryLayer(model, call);
        if (inner) report(inner, outerRetry(node), 'retryingClient');
      },
    };
  },
});
