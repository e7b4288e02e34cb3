import type { AST_NODE_TYPES as NodeType, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { replacePropertyValue, setCallOption } from '../fixes/object-edit';
import { ensureNamedImport } from '../fixes/retryable-filter';
import { retryDelayVerdict } from '../model/delays';
import { fileModel } from '../model/file-model';
import { handRetryRerunning } from '../model/hand-retry';
import { isLoopbackUrl } from '../model/local-urls';
import { isReadinessWait } from '../model/readiness';
import { COMMON_OPTIONS_SCHEMA, type CommonOptions } from '../model/rule-options';
import { optionsLiteral, RETRY_NAMES, retryOption, retrySiteOf, type RetrySite } from '../model/retry-site';
import { cockatielExport } from '../model/wrappers';
import { contains, numericLiteral, staticPropertyName, unwrap } from '../util/ast';
import { createRule } from '../util/create-rule';
import { leadingKeywordLoc } from '../util/trivia';

/**
 * fetch-retry's `retryDelay` as exponential backoff with full jitter: a random pause below a ceiling
 * that doubles each attempt (1 s, 2 s, 4 s, …) up to 30 s.
 */
/** fetch-retry's pause when `retryDelay` is not given: a fixed second, no jitter. */
const FETCH_RETRY_DEFAULT_DELAY_MS = 1000;

const JITTERED_FETCH_RETRY_DELAY = '(attempt) => Math.random() * Math.min(30000, 1000 * 2 ** attempt)';

export type RequireBackoffMessageIds = 'noDelay' | 'noJitter' | 'useJitteredBackoff';

type Verdict = { problem: 'noDelay' | 'noJitter'; fix?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] | undefined; fixText?: string } | undefined;


export default createRule<[CommonOptions], RequireBackoffMessageIds>({
  name: 'require-backoff',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a delay with jitter between retries',
    },
    hasSuggestions: true,
    schema: COMMON_OPTIONS_SCHEMA,
    messages: {
      noDelay: '{{retry}} retries with no delay: it hammers a failing dependency.',
      noJitter: '{{retry}} has no jitter: clients that fail together retry together.',
      useJitteredBackoff: 'Use exponential backoff with jitter: {{fix}}.',
    },
  },
  defaultOptions: [{ unresolved: 'ignore', clients: [] }],
  create(context, [options]) {
    const fileOrNothing = fileModel(context, options);
    if (!fileOrNothing) return {};
    const model = fileOrNothing;
    const sourceCode = context.sourceCode;
    const reported = new Set<TSESTree.Node>();

    /** `new ExponentialBackoff()` named as the file names cockatiel (`c.ExponentialBackoff` for a namespace). */
    function exponentialBackoff(site: RetrySite, fixer: TSESLint.RuleFixer): { text: string; imports: TSESLint.RuleFix[] } | undefined {
      const callee = unwrap(site.call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) return { text: `new ${sourceCode.getText(callee.object)}.ExponentialBackoff()`, imports: [] };
      const imports = ensureNamedImport(sourceCode, fixer, 'cockatiel', 'ExponentialBackoff');
      return imports ? { text: 'new ExponentialBackoff()', imports } : undefined;
    }

    function setOption(fixer: TSESLint.RuleFixer, site: RetrySite, key: string, text: string, present?: TSESTree.Node) {
      return setCallOption(sourceCode, fixer, site.call, site.optionsIndex, key, text, present);
    }

    function cockatiel(site: RetrySite): Verdict {
      const backoff = retryOption(model, site, 'backoff');
      const addBackoff = (fixer: TSESLint.RuleFixer) => {
        const made = exponentialBackoff(site, fixer);
        const edit = made && setOption(fixer, site, 'backoff', made.text, backoff.state === 'present' ? backoff.value : undefined);
        return made && edit ? [...edit, ...made.imports] : undefined;
      };
      const fixText = 'new ExponentialBackoff()';
      if (backoff.state === 'unknown') return undefined;
      if (backoff.state === 'absent') return { problem: 'noDelay', fix: addBackoff, fixText };
      const value = model.resolver.constValue(backoff.value);
      if (value.type !== AST_NODE_TYPES.NewExpression) return undefined;
      switch (cockatielExport(model, value.callee)) {
        case 'ConstantBackoff': {
          const ms = value.arguments[0] ? numericLiteral(value.arguments[0]) : 0;
          return { problem: ms === 0 ? 'noDelay' : 'noJitter', fix: addBackoff, fixText };
        }
        case 'IterableBackoff':
          return { problem: 'noJitter', fix: addBackoff, fixText };
        case 'ExponentialBackoff': {
          const options = value.arguments[0] && model.resolver.constValue(value.arguments[0]);
          if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
          const generator = options.properties.find(
            (p): p is Extract<TSESTree.ObjectLiteralElement, { type: NodeType.Property }> => p.type === AST_NODE_TYPES.Property && staticPropertyName(p) === 'generator',
          );
          if (!generator || cockatielExport(model, generator.value) !== 'noJitterGenerator') return undefined;
          return {
            problem: 'noJitter',
            fixText: 'decorrelatedJitterGenerator',
            fix: (fixer) => {
              const target = unwrap(generator.value);
              if (target.type === AST_NODE_TYPES.MemberExpression) return [fixer.replaceText(target.property, 'decorrelatedJitterGenerator')];
              const imports = ensureNamedImport(sourceCode, fixer, 'cockatiel', 'decorrelatedJitterGenerator');
              return imports ? [fixer.replaceText(generator.value, 'decorrelatedJitterGenerator'), ...imports] : undefined;
            },
          };
        }
        default:
          return undefined;
      }
    }

    /** p-retry, async-retry, promise-retry, node-retry: node-retry's `minTimeout` and `randomize`. */
    function nodeRetryFamily(site: RetrySite): Verdict {
      const minTimeout = retryOption(model, site, 'minTimeout');
      const randomize = retryOption(model, site, 'randomize');
      if (minTimeout.state === 'present' && numericLiteral(minTimeout.value) === 0) {
        return {
          problem: 'noDelay',
          fixText: 'minTimeout: 1000, randomize: true',
          fix: (fixer) => [replacePropertyValue(fixer, minTimeout.value, '1000'), ...(optionsLiteral(site) ? (setOption(fixer, site, 'randomize', 'true') ?? []) : [])],
        };
      }
      if (randomize.state === 'unknown' || minTimeout.state === 'unknown') return undefined;
      const value = randomize.state === 'present' ? unwrap(randomize.value) : undefined;
      if (value && !(value.type === AST_NODE_TYPES.Literal && value.value === false)) return undefined;
      const fix = (fixer: TSESLint.RuleFixer) => setOption(fixer, site, 'randomize', 'true', randomize.state === 'present' ? randomize.value : undefined);
      return { problem: 'noJitter', fix, fixText: 'randomize: true' };
    }

    function axiosRetry(site: RetrySite): Verdict {
      const delay = retryOption(model, site, 'retryDelay');
      const exponential = `${site.calleeText}.exponentialDelay`;
      const fix = (fixer: TSESLint.RuleFixer) => setOption(fixer, site, 'retryDelay', exponential, delay.state === 'present' ? delay.value : undefined);
      if (delay.state === 'unknown') return undefined;
      // axios-retry's default delay is none at all; its exponentialDelay adds 20% jitter, linearDelay none.
      if (delay.state === 'absent') return { problem: 'noDelay', fix, fixText: `retryDelay: ${exponential}` };
      const value = unwrap(delay.value);
      const member = value.type === AST_NODE_TYPES.CallExpression ? unwrap(value.callee) : value;
      const name = member.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(member) : undefined;
      const origin = member.type === AST_NODE_TYPES.MemberExpression ? model.resolver.resolve(member.object) : undefined;
      if (origin?.module === 'axios-retry' && name === 'linearDelay') return { problem: 'noJitter', fix, fixText: `retryDelay: ${exponential}` };
      if (origin?.module === 'axios-retry' && name === 'noDelay') return { problem: 'noDelay', fix, fixText: `retryDelay: ${exponential}` };
      if ((value.type === AST_NODE_TYPES.ArrowFunctionExpression && value.body.type !== AST_NODE_TYPES.BlockStatement && numericLiteral(value.body) !== undefined)) {
        return { problem: numericLiteral(value.body) === 0 ? 'noDelay' : 'noJitter', fix, fixText: `retryDelay: ${exponential}` };
      }
      return undefined;
    }

    /**
     * fetch-retry: a fixed `retryDelay` (1000 ms when not given) or none. A delay function is left
     * alone: it is where backoff and jitter go. Fixed where the defaults are written at the call, where
     * the delay function's parameter takes fetch-retry's type.
     */
    function fetchRetry(site: RetrySite): Verdict {
      const retries = retryOption(model, site, 'retries');
      if (retries.state === 'present' && numericLiteral(retries.value) === 0) return undefined;
      const delay = retryOption(model, site, 'retryDelay');
      if (delay.state === 'unknown') return undefined;
      const ms = delay.state === 'absent' ? FETCH_RETRY_DEFAULT_DELAY_MS : numericLiteral(model.resolver.constValue(delay.value));
      if (ms === undefined) return undefined;
      const literal = optionsLiteral(site);
      const editable = site.call.arguments.length === 1 || (literal !== undefined && (delay.state === 'absent' || contains(literal, delay.value)));
      return {
        problem: ms === 0 ? 'noDelay' : 'noJitter',
        fixText: 'retryDelay doubling to 30 s, randomized',
        fix: editable ? (fixer) => setOption(fixer, site, 'retryDelay', JITTERED_FETCH_RETRY_DELAY, delay.state === 'present' ? delay.value : undefined) : undefined,
      };
    }

    function checkSite(site: RetrySite): void {
      const verdict =
        site.library === 'cockatiel' ? cockatiel(site) : site.library === 'axios-retry' ? axiosRetry(site) : site.library === 'fetch-retry' ? fetchRetry(site) : nodeRetryFamily(site);
      if (!verdict) return;
      const fix = verdict.fix;
      context.report({
        node: site.call,
        messageId: verdict.problem,
        data: { retry: RETRY_NAMES[site.library] },
        suggest: fix ? [{ messageId: 'useJitteredBackoff', data: { fix: verdict.fixText ?? '' }, fix: (fixer) => fix(fixer) ?? [] }] : [],
      });
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
        // In place, or in a same-file helper the request is handed to (`withRetry(() => fetch(url))`).
        const found = handRetryRerunning(model, call.node);
        if (!found || reported.has(found.retry.node)) return;
        const { retry, request } = found;
        // A different request each time (`cache: 'reload'`, the next endpoint) is a fallback, not hammering.
        if (retry.changesRequest) return;
        const scope = retry.kind === 'loop' ? (retry.node as TSESTree.WhileStatement).body : retry.node;
        const verdict = retryDelayVerdict(model, scope, request);
        if (verdict !== 'none' && verdict !== 'constant') return;
        // A harness waiting for the server it started (`http://localhost:${port}/health`) is its only
        // client: nothing retries in step with it, so a fixed pause is right there. So is a wait for a
        // service to come up: a health endpoint is built to be asked at a fixed rate.
        const variableOf = (identifier: TSESTree.Identifier) => model.resolver.variableOf(identifier);
        if (verdict === 'constant' && ((call.node.arguments[0] && isLoopbackUrl(call.node.arguments[0], variableOf)) || isReadinessWait(retry, call.node, variableOf))) return;
        reported.add(retry.node);
        const what = retry.kind === 'loop' ? 'This retry loop' : 'This recursive retry';
        const loc = retry.kind === 'loop' ? leadingKeywordLoc(sourceCode, retry.node) : request.loc;
        context.report({ loc, messageId: verdict === 'none' ? 'noDelay' : 'noJitter', data: { retry: what } });
      },
    };
  },
});
