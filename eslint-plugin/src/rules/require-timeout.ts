import type { TSESTree } from '@typescript-eslint/utils';
import { buildInstanceTimeoutEdit, buildTimeoutEdit, timeoutOption } from '../fixes/add-timeout';
import { fileModel } from '../model/file-model';
import { COMMON_OPTION_PROPERTIES, type CommonOptions } from '../model/rule-options';
import { instanceTimeoutTurnedOff, timeoutVerdict } from '../model/timeout';
import { createRule } from '../util/create-rule';

export interface RequireTimeoutOptions extends CommonOptions {
  /** The value the suggestions insert, in milliseconds. */
  defaultTimeoutMs?: number;
  /** Clients whose default timeout the project sets in another file (`axios.defaults.timeout` in a setup module). */
  timeoutSetElsewhere?: string[];
}

export type RequireTimeoutMessageIds = 'missingTimeout' | 'timeoutDisabled' | 'addTimeout' | 'addInstanceTimeout';

export default createRule<[RequireTimeoutOptions], RequireTimeoutMessageIds>({
  name: 'require-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a timeout on every network call, so a hung dependency cannot hang the caller',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          ...COMMON_OPTION_PROPERTIES,
          defaultTimeoutMs: {
            type: 'integer',
            minimum: 1,
            maximum: 2147483647,
            description: 'Timeout the suggestions insert, in milliseconds.',
          },
          timeoutSetElsewhere: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Clients, by the name findings use ("axios", "fetch", "got"…), whose default timeout the project sets in another file, such as axios.defaults.timeout in a setup module.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      missingTimeout: '{{client}} call has no timeout; add {{option}}.',
      timeoutDisabled: '{{client}} call sets `timeout: false` and can hang forever.',
      addTimeout: 'Add `{{text}}`.',
      addInstanceTimeout: 'Add `{{text}}` to {{instance}}, for every call.',
    },
  },
  defaultOptions: [{ unresolved: 'ignore', defaultTimeoutMs: 10000, clients: [], timeoutSetElsewhere: [] }],
  create(context, [options]) {
    const fileOrNothing = fileModel(context, options);
    if (!fileOrNothing) return {}; // nothing network-related in this file
    const model = fileOrNothing;
    const reportUnresolved = options.unresolved === 'report';
    const ms = options.defaultTimeoutMs ?? 10000;
    const setElsewhere = new Set(options.timeoutSetElsewhere ?? []);

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const call = model.calls.detect(node);
        if (!call) return;
        const verdict = timeoutVerdict(model, call, setElsewhere);
        if (verdict === 'yes' || (verdict === 'unknown' && !reportUnresolved)) return;
        const edit = buildTimeoutEdit(context.sourceCode, call, ms);
        // The call's own option first: the smallest change. The instance's covers every call through it.
        const instanceEdit = instanceTimeoutTurnedOff(model, call) ? undefined : buildInstanceTimeoutEdit(context.sourceCode, call, ms);
        const family = call.entry.family;
        context.report({
          node,
          messageId: family === 'ky' ? 'timeoutDisabled' : 'missingTimeout',
          data: { client: call.entry.client, option: timeoutOption(family, ms).label },
          suggest: [
            ...(edit ? [{ messageId: 'addTimeout' as const, data: { text: edit.text }, fix: edit.fix }] : []),
            ...(instanceEdit
              ? [{ messageId: 'addInstanceTimeout' as const, data: { text: instanceEdit.text, instance: instanceEdit.instance }, fix: instanceEdit.fix }]
              : []),
          ],
        });
      },
    };
  },
});
