import type { TSESTree } from '@typescript-eslint/utils';
import { fileModel } from '../model/file-model';
import { protectionVerdict } from '../model/protection';
import { isHealthCheck } from '../model/readiness';
import { COMMON_OPTION_PROPERTIES, type CommonOptions } from '../model/rule-options';
import { createRule } from '../util/create-rule';

export interface NoUnprotectedCallOptions extends CommonOptions {
  /** Callees of the project's own wrappers that retry or break: `withRetry`, `resilience.execute`. */
  protectors?: string[];
}

export type NoUnprotectedCallMessageIds = 'unprotected';

export default createRule<[NoUnprotectedCallOptions], NoUnprotectedCallMessageIds>({
  name: 'no-unprotected-call',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a retry or circuit breaker around every network call',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ...COMMON_OPTION_PROPERTIES,
          protectors: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Callees of your own wrappers that retry or break, e.g. "withRetry" or "resilience.run".',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      unprotected: '{{client}} call has no retry or circuit breaker around it.',
    },
  },
  defaultOptions: [{ unresolved: 'ignore', clients: [], protectors: [] }],
  create(context, [options]) {
    const fileOrNothing = fileModel(context, options);
    if (!fileOrNothing) return {}; // nothing network-related in this file
    const model = fileOrNothing;
    const reportUnresolved = options.unresolved === 'report';
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const call = model.calls.detect(node);
        if (!call) return;
        const verdict = protectionVerdict(model, call);
        if (verdict === 'yes' || (verdict === 'unknown' && !reportUnresolved)) return;
        // A health or readiness check reports whether a dependency is up: a retry would hide that.
        if (isHealthCheck(model, call)) return;
        context.report({ node, messageId: 'unprotected', data: { client: call.entry.client } });
      },
    };
  },
});
