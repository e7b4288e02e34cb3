import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import {
  ensureNamedImport,
  ensureRetryableHelper,
  isTypeScriptFile,
  rethrowNonRetryable,
  rethrowNonRetryableInHandler,
} from '../fixes/retryable-filter';
import { RETRYABLE_HELPER } from '../fixes/retryable-helper';
import { FAMILY_SHAPES } from '../model/catalog';
import { inspectsError } from '../model/error-filter';
import { fileModel, type FileModel } from '../model/file-model';
import { functionsHandedTo, handRetryRerunning } from '../model/hand-retry';
import { isReadinessWait } from '../model/readiness';
import { retrySiteOf } from '../model/retry-site';
import { COMMON_OPTION_PROPERTIES, type CommonOptions } from '../model/rule-options';
import { axiosRetryCalls, selfRetryVerdict } from '../model/self-retry';
import { evaluateWithStatus, readsStatus } from '../model/status';
import { throwsOnClientError } from '../model/throwing';
import { functionOfArgument, retryPolicies, wrapperOf, type Wrapper } from '../model/wrappers';
import { isFunction, numericLiteral, staticPropertyName, unwrap, walk, type FunctionNode } from '../util/ast';
import { createRule } from '../util/create-rule';
import { charAfter, charBefore, leadingKeywordLoc, skipWhitespace } from '../util/trivia';

/** The methods that make got and ky instances, whose `retry.statusCodes` this rule checks. */
const RETRYING_FACTORIES = new Set([...FAMILY_SHAPES.got.factories, ...FAMILY_SHAPES.ky.factories]);

export interface NoRetryNonRetryableOptions extends CommonOptions {
  /** HTTP statuses that fail the same way when re-sent. */
  nonRetryableStatusCodes?: number[];
}

export type NoRetryNonRetryableMessageIds =
  | 'retriesEverything'
  | 'retriesStatus'
  | 'useHandleWhen'
  | 'rethrowNonRetryable'
  | 'removeStatus';

export const DEFAULT_NON_RETRYABLE = [400, 401, 403, 404, 405, 409, 410, 422, 451];

export default createRule<[NoRetryNonRetryableOptions], NoRetryNonRetryableMessageIds>({
  name: 'no-retry-non-retryable',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow retries that re-send requests after errors that will fail the same way again (4xx)',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          ...COMMON_OPTION_PROPERTIES,
          nonRetryableStatusCodes: {
            type: 'array',
            items: { type: 'integer', minimum: 400, maximum: 499 },
            uniqueItems: true,
            description: 'HTTP statuses that are never worth re-sending.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      retriesEverything: '{{retry}} also retries 4xx errors, which fail the same way again.',
      retriesStatus: 'Retrying status {{status}} cannot succeed: the request fails the same way.',
      useHandleWhen: `Retry only retryable errors: handleWhen(${RETRYABLE_HELPER}).`,
      rethrowNonRetryable: `Rethrow errors that ${RETRYABLE_HELPER}() rejects.`,
      removeStatus: 'Remove {{status}} from the retried statuses.',
    },
  },
  defaultOptions: [{ unresolved: 'ignore', clients: [], nonRetryableStatusCodes: DEFAULT_NON_RETRYABLE }],
  create(context, [options]) {
    const fileOrNothing = fileModel(context, options);
    if (!fileOrNothing) return {}; // nothing network-related in this file
    const model = fileOrNothing;
    const statuses = options.nonRetryableStatusCodes ?? DEFAULT_NON_RETRYABLE;
    const sourceCode = context.sourceCode;
    const reported = new Set<TSESTree.Node>();

    function report(descriptor: TSESLint.ReportDescriptor<NoRetryNonRetryableMessageIds>, key: TSESTree.Node): void {
      if (reported.has(key)) return;
      reported.add(key);
      context.report(descriptor);
    }

    function helperFixes(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] {
      const helper = ensureRetryableHelper(sourceCode, fixer, isTypeScriptFile(context.filename));
      return helper ? [helper] : [];
    }

    function checkCockatiel(wrapper: Wrapper): void {
      if (!wrapper.policy) return;
      for (const policy of retryPolicies(wrapper.policy)) {
        const written = policy.handler && unwrap(policy.handler);
        // `handleAll.orWhenResult(…)` still handles every error: the `or…` builders only add to it.
        const handler = written && handlerRoot(written);
        const origin = handler && model.resolver.resolve(handler);
        if (!handler || origin?.module !== 'cockatiel' || origin.path.join('.') !== 'handleAll') continue;
        if (!retriedFunctions(wrapper).some((fn) => throwsOnClientError(model, fn, statuses))) continue;
        report(
          {
            node: handler,
            messageId: 'retriesEverything',
            data: { retry: 'retry(handleAll)' },
            // Replacing handleAll under an `or…` chain would keep what the chain adds, which may be a client error too.
            suggest: handler !== written ? [] : [
              {
                messageId: 'useHandleWhen',
                fix: (fixer) => {
                  const replacement =
                    handler.type === AST_NODE_TYPES.MemberExpression
                      ? `${sourceCode.getText(handler.object)}.handleWhen(${RETRYABLE_HELPER})`
                      : `handleWhen(${RETRYABLE_HELPER})`;
                  const imports = handler.type === AST_NODE_TYPES.MemberExpression ? [] : ensureNamedImport(sourceCode, fixer, 'cockatiel', 'handleWhen');
                  if (!imports) return [];
                  return [fixer.replaceText(handler, replacement), ...imports, ...helperFixes(fixer)];
                },
              },
            ],
          },
          handler,
        );
      }
    }

    function checkWrapperCallback(wrapper: Wrapper, label: string): void {
      const unfiltered = (fn: TSESTree.Node): boolean => throwsOnClientError(model, fn, statuses) !== undefined && !filtersInCallback(model, wrapper, fn);
      if (!retriedFunctions(wrapper).some(unfiltered)) return;
      report({ node: wrapper.call, messageId: 'retriesEverything', data: { retry: label } }, wrapper.call);
    }

    /**
     * The functions a wrapper re-runs: its callback, or, when the callback is a parameter of a helper
     * of this file (`function withRetry(fn) { return pRetry(fn); }`), every function the file hands
     * that helper. Reported at the wrapper: it is the helper that retries whatever it is given.
     */
    function retriedFunctions(wrapper: Wrapper): TSESTree.Node[] {
      const fn = functionOfArgument(model, wrapper.fn);
      if (fn) return isFunction(fn) ? [fn] : [];
      const callback = unwrap(wrapper.fn);
      return callback.type === AST_NODE_TYPES.Identifier ? functionsHandedTo(model, callback) : [];
    }

    function checkWrapper(call: TSESTree.CallExpression): void {
      for (const arg of call.arguments) {
        // Only a function, inline or named, can be the retried callback each check below reads.
        const target = unwrap(arg);
        if (!isFunction(target) && target.type !== AST_NODE_TYPES.Identifier) continue;
        const wrapper = wrapperOf(model, call, arg);
        if (!wrapper) continue;
        switch (wrapper.library) {
          case 'cockatiel':
            checkCockatiel(wrapper);
            break;
          case 'p-retry':
            if (!pRetryFilters(model, call)) checkWrapperCallback(wrapper, 'p-retry');
            break;
          case 'async-retry':
          case 'promise-retry':
          case 'retry':
            checkWrapperCallback(wrapper, wrapper.library);
            break;
          default:
            break;
        }
      }
    }

    function checkHandRetry(call: TSESTree.CallExpression): void {
      // In place, or in a same-file helper the request is handed to (`withRetry(() => axios.get(url))`).
      const found = handRetryRerunning(model, call);
      const retry = found?.retry;
      // Waiting for a service to come up, any failed answer means "not yet", a 4xx from a proxy included.
      if (retry && isReadinessWait(retry, call, (identifier) => model.resolver.variableOf(identifier))) return;
      if (found && retry?.rejectionHandler) return checkRejectionHandler(retry.rejectionHandler, found.handed === call ? undefined : found.handed);
      const clause = retry?.catchClause;
      if (!found || !retry || !clause || reported.has(clause)) return;
      const tryStatement = clause.parent as TSESTree.TryStatement;
      // What the retry re-runs: the try block in place; in a helper, the function handed to it.
      const retried = found.handed === call ? tryStatement.block : found.handed;
      if (!throwsOnClientError(model, retried, statuses)) return;
      if (!ignoresError(clause.param, clause)) return;
      report(
        {
          loc: leadingKeywordLoc(sourceCode, clause),
          messageId: 'retriesEverything',
          data: { retry: retry.kind === 'loop' ? 'This retry loop' : 'This recursive retry' },
          suggest: [
            {
              messageId: 'rethrowNonRetryable',
              fix: (fixer) => {
                const guard = rethrowNonRetryable(sourceCode, fixer, clause);
                return guard ? [...guard, ...helperFixes(fixer)] : [];
              },
            },
          ],
        },
        clause,
      );
    }

    /**
     * Whether a catch clause or rejection handler (`declaring`) never looks at the error its `param`
     * receives: it has none, or only logs, wraps or passes it on. A destructured parameter reads it.
     */
    function ignoresError(param: TSESTree.Parameter | null | undefined, declaring: TSESTree.Node): boolean {
      if (!param) return true;
      if (param.type !== AST_NODE_TYPES.Identifier) return false;
      return !inspectsError(sourceCode.getDeclaredVariables(declaring).find((variable) => variable.name === param.name));
    }

    /**
     * A recursive retry from the request promise's rejection handler (`send().catch((e) => send())`)
     * that never looks at the error; the suggestion rethrows what `isRetryableError` rejects, as in a catch.
     */
    function checkRejectionHandler(handler: FunctionNode, handed: TSESTree.Node | undefined): void {
      if (reported.has(handler)) return;
      const call = handler.parent as TSESTree.CallExpression;
      const member = unwrap(call.callee) as TSESTree.MemberExpression;
      // What the retry re-runs: the promise chain the handler is attached to; in a helper, the function handed to it.
      if (!throwsOnClientError(model, handed ?? member.object, statuses)) return;
      if (!ignoresError(handler.params[0], handler)) return;
      report(
        {
          loc: member.property.loc,
          messageId: 'retriesEverything',
          data: { retry: 'This recursive retry' },
          suggest: [
            {
              messageId: 'rethrowNonRetryable',
              fix: (fixer) => {
                const guard = handler.type !== AST_NODE_TYPES.FunctionDeclaration && rethrowNonRetryableInHandler(sourceCode, fixer, handler);
                return guard ? [...guard, ...helperFixes(fixer)] : [];
              },
            },
          ],
        },
        handler,
      );
    }

    function checkStatusList(list: TSESTree.Node): void {
      const array = unwrap(list);
      if (array.type !== AST_NODE_TYPES.ArrayExpression) return;
      for (const element of array.elements) {
        const status = element ? numericLiteral(element) : undefined;
        if (status === undefined || !statuses.includes(status)) continue;
        report(
          {
            node: element!,
            messageId: 'retriesStatus',
            data: { status },
            suggest: [{ messageId: 'removeStatus', data: { status }, fix: (fixer) => removeElement(sourceCode, fixer, element!) }],
          },
          element!,
        );
      }
    }

    /** got/ky `retry: { statusCodes: [...] }` in a call or an instance's config. */
    function checkClientRetryConfig(node: TSESTree.CallExpression): void {
      const call = model.calls.detect(node);
      const configs: TSESTree.Node[] = [];
      if (call && (call.entry.family === 'got' || call.entry.family === 'ky') && call.options.kind === 'given') {
        configs.push(call.options.node);
      }
      const callee = unwrap(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : undefined;
      // Only `got.extend(…)` / `ky.create(…)` make instances: name first, so other method calls resolve nothing.
      if (callee.type === AST_NODE_TYPES.MemberExpression && method && RETRYING_FACTORIES.has(method)) {
        const origin = model.resolver.resolve(callee.object);
        const entry = origin && model.calls.entryAt(origin);
        if (origin && (entry?.family === 'got' || entry?.family === 'ky') && model.calls.instanceMethod(origin, method) === 'makes') {
          configs.push(...node.arguments);
        }
      }
      for (const config of configs) {
        const object = unwrap(config);
        if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
        const retry = model.options.lookup({ kind: 'object', node: object }, 'retry', node);
        const retryObject = retry.state === 'present' ? unwrap(retry.value) : undefined;
        if (retryObject?.type !== AST_NODE_TYPES.ObjectExpression) continue;
        const codes = model.options.lookup({ kind: 'object', node: retryObject }, 'statusCodes', node);
        if (codes.state === 'present') checkStatusList(codes.value);
      }
    }

    /**
     * fetch-retry's `retryOn`, in the defaults of `fetchRetry(fetch, defaults)` or in the init of a call
     * through the fetch it returns: a status list naming a non-retryable status, or a function that
     * accepts one. fetch-retry re-sends on those answers as well as on network errors.
     */
    function checkFetchRetryOn(node: TSESTree.CallExpression): void {
      const configs: { node: TSESTree.Node; before: TSESTree.Node }[] = [];
      if (node.arguments[1] && retrySiteOf(model, node)?.library === 'fetch-retry') configs.push({ node: node.arguments[1], before: node });
      const call = model.calls.detect(node);
      if (call?.entry.family === 'fetch' && call.options.kind === 'given' && selfRetryVerdict(model, call) === 'yes') configs.push({ node: call.options.node, before: node });
      for (const config of configs) {
        const object = unwrap(config.node);
        if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
        const retryOn = model.options.lookup({ kind: 'object', node: object }, 'retryOn', config.before);
        if (retryOn.state !== 'present') continue;
        const value = unwrap(retryOn.value);
        if (value.type === AST_NODE_TYPES.ArrayExpression) {
          checkStatusList(value);
          continue;
        }
        if (isFunction(value)) checkRetryCondition(value);
      }
    }

    /** A function deciding whether to retry (axios-retry's `retryCondition`, fetch-retry's `retryOn`) that accepts a non-retryable status. */
    function checkRetryCondition(fn: FunctionNode): void {
      const accepted = statuses.find((status) => conditionAccepts(fn, status));
      if (accepted !== undefined) report({ node: fn, messageId: 'retriesStatus', data: { status: accepted } }, fn);
    }

    /** axios-retry `retryCondition` that accepts a non-retryable status. */
    function checkAxiosRetry(): void {
      for (const call of axiosRetryCalls(model)) {
        const config = call.arguments[1] && unwrap(call.arguments[1]);
        if (config?.type !== AST_NODE_TYPES.ObjectExpression) continue;
        const condition = model.options.lookup({ kind: 'object', node: config }, 'retryCondition', call);
        if (condition.state !== 'present') continue;
        const fn = unwrap(condition.value);
        if (isFunction(fn)) checkRetryCondition(fn);
      }
    }

    return {
      CallExpression(node: TSESTree.CallExpression) {
        checkWrapper(node);
        checkClientRetryConfig(node);
        checkFetchRetryOn(node);
        if (model.calls.detect(node)) checkHandRetry(node);
      },
      'Program:exit'() {
        checkAxiosRetry();
      },
    };
  },
});

/** p-retry's own filters: `shouldRetry`, or an `onFailedAttempt` that throws for some errors. */
function pRetryFilters(model: FileModel, call: TSESTree.CallExpression): boolean {
  const options = call.arguments[1];
  if (!options) return false;
  for (const branch of model.options.branches(options)) {
    if (branch.kind === 'unknown') return true;
    for (const key of ['shouldRetry', 'shouldConsumeRetry']) {
      if (model.options.lookup(branch, key, call).state !== 'absent') return true;
    }
    const onFailed = model.options.lookup(branch, 'onFailedAttempt', call);
    if (onFailed.state === 'unknown') return true;
    if (onFailed.state === 'present' && containsThrow(onFailed.value)) return true;
  }
  return false;
}

function containsThrow(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (child) => {
    if (child.type === AST_NODE_TYPES.ThrowStatement) found = true;
  });
  return found;
}

/**
 * The library's stop signal, used in the retried callback: p-retry `AbortError`, async-retry `bail`,
 * promise-retry's `retry` called only under a condition, node-retry's `operation.retry(err)` likewise,
 * or a catch in the callback that inspects the error.
 */
function filtersInCallback(model: FileModel, wrapper: Wrapper, fn: TSESTree.Node): boolean {
  if (!isFunction(fn)) return true;
  let filters = false;
  walk(fn, (node) => {
    if (filters) return 'skip';
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'AbortError') filters = true;
    if (node.type === AST_NODE_TYPES.CatchClause && node.param?.type === AST_NODE_TYPES.Identifier) {
      const variable = model.sourceCode.getDeclaredVariables(node)[0];
      if (inspectsError(variable)) filters = true;
    }
    return undefined;
  });
  if (filters) return true;
  if (wrapper.library === 'async-retry') {
    const bail = fn.params[0];
    if (!bail) return false;
    if (bail.type !== AST_NODE_TYPES.Identifier) return true;
    return (model.sourceCode.getDeclaredVariables(fn).find((v) => v.name === bail.name)?.references.length ?? 0) > 0;
  }
  if (wrapper.library === 'promise-retry' || wrapper.library === 'retry') {
    return retryCallsAreConditional(model, wrapper, fn);
  }
  return false;
}

/** promise-retry's `retry(err)` / node-retry's `operation.retry(err)` reached only under a condition. */
function retryCallsAreConditional(model: FileModel, wrapper: Wrapper, fn: TSESTree.Node): boolean {
  if (!isFunction(fn)) return true;
  let sawRetry = false;
  let unconditional = false;
  const retryParam = wrapper.library === 'promise-retry' ? fn.params[0] : undefined;
  walk(fn, (node) => {
    const isRetryReference =
      wrapper.library === 'promise-retry'
        ? node.type === AST_NODE_TYPES.Identifier && retryParam?.type === AST_NODE_TYPES.Identifier && node.name === retryParam.name && node !== retryParam
        : node.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node) === 'retry';
    if (!isRetryReference) return undefined;
    sawRetry = true;
    if (!underCondition(node, fn)) unconditional = true;
    return undefined;
  });
  return sawRetry && !unconditional;
}

/** True when `node` runs only if some test (not the retry call's own result) holds. */
function underCondition(node: TSESTree.Node, fn: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current && current !== fn; current = current.parent) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) break;
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test !== current) {
      return true;
    }
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current) return true;
  }
  return false;
}

/** Whether a `retryCondition(error)` can return true for an error with `status`. */
function conditionAccepts(fn: TSESTree.Node, status: number): boolean {
  if (!isFunction(fn)) return false;
  const body = fn.body;
  const returned: TSESTree.Node[] = [];
  if (body.type !== AST_NODE_TYPES.BlockStatement) returned.push(body);
  else {
    walk(body, (node) => {
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
    }, { skipFunctions: true });
  }
  return returned.some((expression) => {
    const value = unwrap(expression);
    if (value.type === AST_NODE_TYPES.Literal && value.value === true) return guardsAdmit(expression, fn, status);
    return readsStatus(value) && evaluateWithStatus(value, status) === true;
  });
}

/**
 * Whether the `if`s around a `return true` let an answer with `status` reach it. With no `if` around
 * it, everything does. The `if`s that read the status must all hold for it (or fail, on their `else`
 * side). When only other tests guard it (`if (error) return true`, fetch-retry's "retry on a network
 * error"), the file does not show which answers get there: not judged.
 */
function guardsAdmit(node: TSESTree.Node, fn: TSESTree.Node, status: number): boolean {
  let guarded = false;
  let statusGuarded = false;
  for (let child = node, current = node.parent; current && current !== fn; child = current, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement || child === current.test) continue;
    guarded = true;
    if (!readsStatus(current.test)) continue;
    statusGuarded = true;
    if (evaluateWithStatus(current.test, status) !== (child === current.consequent)) return false;
  }
  return statusGuarded || !guarded;
}

function removeElement(sourceCode: Readonly<TSESLint.SourceCode>, fixer: TSESLint.RuleFixer, element: TSESTree.Node): TSESLint.RuleFix {
  const after = charAfter(sourceCode, element);
  // `[400, 404]` → `[400]`: the element goes with the comma after it, up to the next element or comment.
  if (after.char === ',') return fixer.removeRange([element.range[0], skipWhitespace(sourceCode, after.offset + 1)]);
  const before = charBefore(sourceCode, element);
  if (before.char === ',') return fixer.removeRange([before.offset, element.range[1]]);
  return fixer.remove(element);
}

/** cockatiel's policy builders that widen a handler (`handleAll.orWhenResult(…)`): each returns a policy handling more. */
const WIDENING_BUILDERS = new Set(['orType', 'orWhen', 'orWhenResult', 'orResultType']);

/** The handler an `or…` chain starts from: `handleAll` in `handleAll.orWhenResult((r) => r.status >= 500)`. */
function handlerRoot(handler: TSESTree.Node): TSESTree.Node {
  let current = handler;
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !WIDENING_BUILDERS.has(staticPropertyName(callee) ?? '')) break;
    current = unwrap(callee.object);
  }
  return current;
}
