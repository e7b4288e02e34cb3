import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { fileModel } from '../model/file-model';
import { freshValueCall } from '../model/fresh-values';
import { configSources, type NetworkCall } from '../model/network-call';
import { enclosingRetry, type RetryLayer } from '../model/retry-layers';
import { COMMON_OPTION_PROPERTIES, type CommonOptions } from '../model/rule-options';
import { httpMethodOf, selfRetryVerdict } from '../model/self-retry';
import { resendsOnlyUnprocessed } from '../model/unprocessed';
import { contains, staticPropertyName, stringLiteral, unwrap } from '../util/ast';
import { createRule } from '../util/create-rule';

export interface NoRetryNonIdempotentOptions extends CommonOptions {
  /** Methods that are not safe to send twice. */
  methods?: string[];
  /** Headers that make a request safe to re-send (compared case-insensitively). */
  idempotencyHeaders?: string[];
}

export type NoRetryNonIdempotentMessageIds = 'retriedWithoutKey' | 'retriedUnknownMethod' | 'freshKeyEachAttempt';

/** Whether a request names an idempotency key, with the key's value when the file shows it. */
type KeyVerdict = { readonly verdict: Verdict; readonly value?: TSESTree.Node };

type Verdict = 'yes' | 'no' | 'unknown';

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
  defaultOptions: [{ unresolved: 'ignore', clients: [], methods: ['POST', 'PATCH'], idempotencyHeaders: ['Idempotency-Key', 'X-Idempotency-Key'] }],
  create(context, [options]) {
    const fileOrNothing = fileModel(context, options);
    if (!fileOrNothing) return {};
    const model = fileOrNothing;
    const methods = new Set((options.methods ?? ['POST', 'PATCH']).map((m) => m.toUpperCase()));
    const headers = new Set((options.idempotencyHeaders ?? ['Idempotency-Key', 'X-Idempotency-Key']).map((h) => h.toLowerCase()));
    const reportUnknown = options.unresolved === 'report';

    /** Whether an object of headers names an idempotency key, and the key's value when it does. */
    function objectKey(node: TSESTree.Node): KeyVerdict {
      let target = unwrap(node);
      if (target.type === AST_NODE_TYPES.NewExpression && target.callee.type === AST_NODE_TYPES.Identifier && target.callee.name === 'Headers') {
        if (!target.arguments[0]) return { verdict: 'no' };
        target = unwrap(target.arguments[0]);
      }
      let verdict: Verdict = 'no';
      for (const branch of model.options.branches(target)) {
        if (branch.kind === 'none') continue;
        if (branch.kind === 'unknown') {
          verdict = 'unknown';
          continue;
        }
        for (const property of branch.node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            if (verdict === 'no') verdict = 'unknown';
            continue;
          }
          const name = staticPropertyName(property);
          if (name === undefined && verdict === 'no') verdict = 'unknown';
          if (name !== undefined && headers.has(name.toLowerCase())) return { verdict: 'yes', value: property.value };
        }
      }
      return { verdict };
    }

    /** Whether the request carries an idempotency key, and the key's value when the file shows it. */
    function idempotencyKey(call: NetworkCall): KeyVerdict {
      // superagent: .set('Idempotency-Key', key) in the chain.
      for (let current: TSESTree.Node | undefined = call.node.parent; current; current = current.parent) {
        if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(current.callee) === 'set') {
          const name = current.arguments[0] && stringLiteral(current.arguments[0]);
          if (name && headers.has(name.toLowerCase())) return { verdict: 'yes', value: current.arguments[1] };
        }
        if (current.type !== AST_NODE_TYPES.MemberExpression && current.type !== AST_NODE_TYPES.CallExpression) break;
      }
      let verdict: Verdict = 'no';
      for (const { node, before } of configSources(call)) {
        for (const branch of model.options.branches(node)) {
          const lookup = model.options.lookup(branch, 'headers', before);
          if (lookup.state === 'unknown') verdict = 'unknown';
          else if (lookup.state === 'present') {
            const found = objectKey(lookup.value);
            if (found.verdict === 'yes') return found;
            if (found.verdict === 'unknown') verdict = 'unknown';
          }
        }
      }
      return { verdict };
    }

    /**
     * A client that re-sends this request by itself (the model's `selfRetryVerdict`): got/ky for the
     * methods they retry, superagent's `.retry()`. Not axios-retry: its default condition skips
     * methods that are not idempotent.
     */
    function clientRetry(call: NetworkCall): RetryLayer | undefined {
      if (call.entry.family === 'axios' || selfRetryVerdict(model, call) !== 'yes') return undefined;
      const label = call.entry.family === 'superagent' ? "superagent's .retry()" : `${call.entry.family}'s retry`;
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
        const key = idempotencyKey(call);
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
