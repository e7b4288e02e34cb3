import { fileModel } from '../model/file-model';
import { freshValueCall } from '../model/fresh-values';
import { DEFAULT_IDEMPOTENCY_HEADERS, DEFAULT_NON_IDEMPOTENT_METHODS, idempotencyKeyOf } from '../model/idempotency';
import type { NetworkCall } from '../model/network-call';
import { enclosingRetry, type RetryLayer } from '../model/retry-layers';
import { COMMON_OPTION_PROPERTIES, type CommonOptions } from '../model/rule-options';
import { httpMethodOf, selfRetryVerdict } from '../model/self-retry';
import { resendsOnlyUnprocessed } from '../model/unprocessed';
import { contains } from '../util/ast';
import { createRule } from '../util/create-rule';

export interface NoRetryNonIdempotentOptions extends CommonOptions {
  /** Methods that are not safe to send twice. */
  methods?: string[];
  /** Headers that make a request safe to re-send (compared case-insensitively). */
  idempotencyHeaders?: string[];
}

export type NoRetryNonIdempotentMessageIds = 'retriedWithoutKey' | 'retriedUnknownMethod' | 'freshKeyEachAttempt';

export default createRule<[NoRetryNonIdempotentOptions], NoRetryNonIdempotentMessageIds>({
  name: 'no-retry-non-idempotent',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow retrying POST and PATCH requests that carry no idempotency key',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ...COMMON_OPTION_PROPERTIES,
          methods: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z]+$' }, uniqueItems: true, description: 'Methods that are not safe to send twice.' },
          idempotencyHeaders: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description: 'Headers that make a request safe to re-send.' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      retriedWithoutKey: '{{retry}} may apply this {{method}} twice: it has no Idempotency-Key.',
      retriedUnknownMethod: '{{retry}} re-sends a request whose method may not be safe to repeat.',
      freshKeyEachAttempt: '{{retry}} sends a new Idempotency-Key each try: make it once.',
    },
  },
  defaultOptions: [{ unresolved: 'ignore', clients: [], methods: [...DEFAULT_NON_IDEMPOTENT_METHODS], idempotencyHeaders: [...DEFAULT_IDEMPOTENCY_HEADERS] }],
  create(context, [options]) {
    const fileOrNothing = fileModel(context, options);
    if (!fileOrNothing) return {};
    const model = fileOrNothing;
    const methods = new Set((options.methods ?? DEFAULT_NON_IDEMPOTENT_METHODS).map((m) => m.toUpperCase()));
    const headers = new Set((options.idempotencyHeaders ?? DEFAULT_IDEMPOTENCY_HEADERS).map((h) => h.toLowerCase()));
    const reportUnknown = options.unresolved === 'report';

    /**
     * A client that re-sends this request by itself (the model's `selfRetryVerdict`): got/ky for the
     * methods they retry, superagent's `.retry()`, a fetch wrapped by fetch-retry. Not axios-retry: its default condition skips
     * methods that are not idempotent.
     */
    function clientRetry(call: NetworkCall): RetryLayer | undefined {
      if (call.entry.family === 'axios' || selfRetryVerdict(model, call) !== 'yes') return undefined;
      const label = call.entry.family === 'superagent' ? "superagent's .retry()" : call.entry.family === 'fetch' ? 'fetch-retry' : `${call.entry.family}'s retry`;
      return { node: call.node, label, retries: undefined };
    }

    return {
      CallExpression(node) {
        const call = model.calls.detect(node);
        if (!call) return;
        const method = httpMethodOf(model, call);
        if (method !== undefined && !methods.has(method)) return;
        if (method === undefined && !reportUnknown) return;
        const retry = clientRetry(call) ?? enclosingRetry(model, node);
        // A loop that re-sends only after 429 or 408 repeats a request the server never acted on.
        if (!retry || (retry.hand && resendsOnlyUnprocessed(model, retry.hand))) return;
        const key = idempotencyKeyOf(model, call, headers);
        if (key.verdict === 'yes') {
          // A key made inside the code the retry re-runs is a new key on each attempt. A client's own
          // retry (its node is the call) re-sends the same headers.
          const fresh = key.value && retry.node !== call.node ? freshValueCall(model, key.value) : undefined;
          if (fresh && contains(retry.node, fresh)) context.report({ node: key.value!, messageId: 'freshKeyEachAttempt', data: { retry: retry.label } });
          return;
        }
        if (key.verdict === 'unknown' && !reportUnknown) return;
        if (method === undefined) context.report({ node, messageId: 'retriedUnknownMethod', data: { retry: retry.label } });
        else context.report({ node, messageId: 'retriedWithoutKey', data: { retry: retry.label, method } });
      },
    };
  },
});
