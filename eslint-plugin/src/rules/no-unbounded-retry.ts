import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { setCallOption } from '../fixes/object-edit';
import { fileModel } from '../model/file-model';
import { handRetryRerunning } from '../model/hand-retry';
import { canGiveUp, giveUpPlaces, loopsForever } from '../model/loop-bounds';
import { COMMON_OPTIONS_SCHEMA, type CommonOptions } from '../model/rule-options';
import { retryUnderOuterTimeout } from '../model/retry-deadline';
import { RETRY_NAMES, retryOption, retrySiteOf, type RetrySite } from '../model/retry-site';
import { fetchRetryCallRetries } from '../model/self-retry';
import { unwrap } from '../util/ast';
import { createRule } from '../util/create-rule';
import { leadingKeywordLoc } from '../util/trivia';

export type NoUnboundedRetryMessageIds = 'retriesForever' | 'loopsForever' | 'limitUnknown' | 'limitAttempts';

/** The attempt cap a suggestion writes: cockatiel counts retries, the others mostly retries too. */
const SUGGESTED_LIMIT = 3;

/** `Infinity`, `Number.POSITIVE_INFINITY`. */
function isInfinite(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'Infinity';
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    target.object.type === AST_NODE_TYPES.Identifier &&
    target.object.name === 'Number' &&
    target.property.type === AST_NODE_TYPES.Identifier &&
    target.property.name === 'POSITIVE_INFINITY'
  );
}

function isTrue(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal && target.value === true;
}

export default createRule<[CommonOptions], NoUnboundedRetryMessageIds>({
  name: 'no-unbounded-retry',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow retries with no cap on attempts or total time',
    },
    hasSuggestions: true,
    schema: COMMON_OPTIONS_SCHEMA,
    messages: {
      retriesForever: '{{retry}} has no attempt limit: it retries forever during an outage.',
      loopsForever: 'This retry loop has no attempt limit or deadline: it retries forever.',
      limitUnknown: 'The file does not show an attempt limit for {{retry}}.',
      limitAttempts: 'Limit it to {{limit}} retries.',
    },
  },
  defaultOptions: [{ unresolved: 'ignore', clients: [] }],
  create(context, [options]) {
    const model = fileModel(context, options);
    if (!model) return {};
    const sourceCode = context.sourceCode;
    const reportUnknown = options.unresolved === 'report';
    const reportedLoops = new Set<TSESTree.Node>();

    /** The property that caps attempts, and how this library says "forever". */
    function verdict(site: RetrySite): { state: 'forever' | 'bounded' | 'unknown'; fixKey?: string; fixNode?: TSESTree.Node } {
      const lookup = (key: string) => retryOption(model!, site, key);
      switch (site.library) {
        case 'cockatiel': {
          // cockatiel: maxAttempts omitted means Infinity.
          const max = lookup('maxAttempts');
          if (max.state === 'unknown') return { state: 'unknown' };
          if (max.state === 'present' && !isInfinite(max.value)) return { state: 'bounded' };
          // No cap on attempts, but a timeout wrapped around the retry ends it at a deadline.
          if (retryUnderOuterTimeout(model!, site.call)) return { state: 'bounded' };
          return max.state === 'absent' ? { state: 'forever', fixKey: 'maxAttempts' } : { state: 'forever', fixKey: 'maxAttempts', fixNode: max.value };
        }
        case 'p-retry':
        case 'async-retry':
        case 'promise-retry':
        case 'retry': {
          // These default to a finite count (10); only `forever: true` or `retries: Infinity` remove it.
          const forever = site.library === 'async-retry' ? { state: 'absent' as const } : lookup('forever');
          const retries = lookup('retries');
          if (forever.state === 'present' && isTrue(forever.value)) return { state: 'forever' };
          if (retries.state === 'present' && isInfinite(retries.value)) return { state: 'forever', fixKey: 'retries', fixNode: retries.value };
          if (forever.state === 'unknown' || retries.state === 'unknown') return { state: 'unknown' };
          return { state: 'bounded' };
        }
        case 'axios-retry':
        case 'fetch-retry': {
          const retries = lookup('retries');
          if (retries.state === 'present' && isInfinite(retries.value)) return { state: 'forever', fixKey: 'retries', fixNode: retries.value };
          return retries.state === 'unknown' ? { state: 'unknown' } : { state: 'bounded' };
        }
      }
    }

    function checkSite(site: RetrySite): void {
      const result = verdict(site);
      const retry = RETRY_NAMES[site.library];
      if (result.state === 'unknown') {
        if (reportUnknown) context.report({ node: site.call, messageId: 'limitUnknown', data: { retry } });
        return;
      }
      if (result.state !== 'forever') return;
      const key = result.fixKey;
      context.report({ node: site.call, messageId: 'retriesForever', data: { retry }, suggest: key ? [limitAttempts(site.call, site.optionsIndex, key, result.fixNode)] : [] });
    }

    /** "Limit it to 3 retries": `key` set in the options argument at `index` (its value `present` replaced). */
    function limitAttempts(call: TSESTree.CallExpression, index: number, key: string, present?: TSESTree.Node): TSESLint.SuggestionReportDescriptor<NoUnboundedRetryMessageIds> {
      const limit = String(SUGGESTED_LIMIT);
      // ESLint drops the suggestion when there is nothing it can edit (options built elsewhere).
      return { messageId: 'limitAttempts', data: { limit }, fix: (fixer) => setCallOption(sourceCode, fixer, call, index, key, limit, present) ?? [] };
    }

    return {
      CallExpression(node) {
        const site = retrySiteOf(model, node);
        if (site) {
          checkSite(site);
          return;
        }
        const call = model.calls.detect(node);
        if (!call) return;
        // A fetch-retry fetch told to retry forever for this one call: `f(url, { retries: Infinity })`.
        const own = fetchRetryCallRetries(model, call);
        if (own?.state === 'present' && isInfinite(own.value)) {
          context.report({ node, messageId: 'retriesForever', data: { retry: RETRY_NAMES['fetch-retry'] }, suggest: [limitAttempts(node, 1, 'retries', own.value)] });
        }
        // In place, or in a same-file helper the request is handed to (`withRetry(() => fetch(url))`).
        const retry = handRetryRerunning(model, call.node)?.retry;
        if (retry?.kind !== 'loop' || !retry.catchClause || reportedLoops.has(retry.node)) return;
        if (!loopsForever(retry.node)) return;
        if (giveUpPlaces(retry.node, retry.catchClause).some(canGiveUp)) return;
        reportedLoops.add(retry.node);
        context.report({ loc: leadingKeywordLoc(sourceCode, retry.node), messageId: 'loopsForever' });
      },
    };
  },
});
