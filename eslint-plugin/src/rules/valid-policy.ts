import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { addArgument, setProperty } from '../fixes/object-edit';
import { ensureNamedImport } from '../fixes/retryable-filter';
import { fileModel, type FileModel } from '../model/file-model';
import { combine } from '../model/options';
import { COMMON_OPTIONS_SCHEMA, type CommonOptions } from '../model/rule-options';
import { cockatielExport, functionOfArgument, resolvePolicy, type Policy } from '../model/wrappers';
import { enclosingFunction, isFunction, propertyNamed, staticPropertyName, stringLiteral, unwrap, withTypeWrappers } from '../util/ast';
import { createRule } from '../util/create-rule';

export type ValidPolicyMessageIds =
  | 'retriesOpenCircuit'
  | 'ignoredSignal'
  | 'policyPerCall'
  | 'shortHalfOpen'
  | 'skipBrokenCircuit'
  | 'setInitialDelay';

/** A first break long enough for a dependency to recover, with cockatiel's decorrelated jitter around it. */
const HALF_OPEN_INITIAL_DELAY = 5000;


/** The policies of a `wrap()` in order, nested wraps flattened. */
function flatten(policy: Policy): Policy[] {
  return policy.kind === 'wrap' ? policy.policies.flatMap(flatten) : [policy];
}

/** Whether a `timeout(ms, strategy)` call is cooperative (`TimeoutStrategy.Cooperative`, `'optimistic'`, or `{ strategy: … }`). */
function isCooperativeTimeout(model: FileModel, call: TSESTree.CallExpression): boolean {
  let strategy: TSESTree.Node | undefined = call.arguments[1];
  if (!strategy) return false;
  const target = unwrap(strategy);
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    strategy = propertyNamed(target, 'strategy')?.value;
    if (!strategy) return false;
  }
  const value = unwrap(strategy);
  if (stringLiteral(value) === 'optimistic') return true;
  return value.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(value) === 'Cooperative' && cockatielExport(model, value.object) === 'TimeoutStrategy';
}

/** Whether a callback hands the policy's signal on: it takes `{ signal }`, or a context it reads or passes along. */
function usesSignal(model: FileModel, fn: TSESTree.Node): boolean {
  if (!isFunction(fn)) return true;
  const [first, second] = fn.params;
  if (second) return true; // (context, signal): cockatiel passes the signal second too
  if (!first) return false;
  const param = first.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
  if (param.type === AST_NODE_TYPES.ObjectPattern) {
    return param.properties.some((p) => p.type === AST_NODE_TYPES.RestElement || staticPropertyName(p) === 'signal');
  }
  if (param.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = model.sourceCode.getDeclaredVariables(fn).find((v) => v.name === param.name);
  return !variable || variable.references.length > 0;
}

export default createRule<[CommonOptions], ValidPolicyMessageIds>({
  name: 'valid-policy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow cockatiel policy compositions that do not do what they appear to',
    },
    hasSuggestions: true,
    schema: COMMON_OPTIONS_SCHEMA,
    messages: {
      retriesOpenCircuit: 'This retry of every error wraps a breaker: it retries BrokenCircuitError too.',
      ignoredSignal: 'This cooperative timeout cannot stop the call: its callback drops the signal.',
      policyPerCall: 'This {{kind}} is made per call, so it keeps no state: create it once.',
      shortHalfOpen: 'halfOpenAfter: ExponentialBackoff starts at 128 ms: probes come almost at once.',
      skipBrokenCircuit: 'Retry every error except BrokenCircuitError.',
      setInitialDelay: 'Start at {{ms}} ms (initialDelay).',
    },
  },
  defaultOptions: [{ unresolved: 'ignore', clients: [] }],
  create(context, [options]) {
    // Only cockatiel policies are judged. The shared model first: the other rules have built it
    // already, and it rules out most files without another pass over their text.
    const fileOrNothing = fileModel(context, options);
    if (!fileOrNothing || !fileOrNothing.namesAnyModule(['cockatiel'])) return {};
    const model = fileOrNothing;
    const sourceCode = context.sourceCode;
    const reported = new Set<TSESTree.Node>();

    function checkWrap(call: TSESTree.CallExpression): void {
      const policy = resolvePolicy(model, call);
      if (policy?.kind !== 'wrap') return;
      const layers = flatten(policy);
      layers.forEach((layer, index) => {
        if (layer.kind !== 'retry' || !layer.handler) return;
        const handler = unwrap(layer.handler);
        if (cockatielExport(model, handler) !== 'handleAll' || reported.has(handler)) return;
        if (!layers.slice(index + 1).some((inner) => inner.kind === 'circuitBreaker')) return;
        reported.add(handler);
        context.report({
          node: handler,
          messageId: 'retriesOpenCircuit',
          suggest: [
            {
              messageId: 'skipBrokenCircuit',
              fix: (fixer) => {
                if (handler.type === AST_NODE_TYPES.MemberExpression) {
                  const ns = sourceCode.getText(handler.object);
                  return fixer.replaceText(handler, `${ns}.handleWhen((error) => !${ns}.isBrokenCircuitError(error))`);
                }
                const imports = ensureNamedImport(sourceCode, fixer, 'cockatiel', ['handleWhen', 'isBrokenCircuitError']);
                if (!imports) return [];
                return [fixer.replaceText(handler, 'handleWhen((error) => !isBrokenCircuitError(error))'), ...imports];
              },
            },
          ],
        });
      });
    }

    function checkExecute(call: TSESTree.CallExpression): void {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'execute' || !call.arguments[0]) return;
      const policy = resolvePolicy(model, callee.object);
      if (!policy || policy.kind === 'opaque') return;
      const cooperative = flatten(policy).some((layer) => layer.kind === 'timeout' && isCooperativeTimeout(model, layer.node));
      if (!cooperative) return;
      const fn = functionOfArgument(model, call.arguments[0]);
      if (!fn || usesSignal(model, fn)) return;
      context.report({ node: call.arguments[0], messageId: 'ignoredSignal' });
    }

    /** `circuitBreaker(...)`/`bulkhead(...)` made inside a function and only executed there. */
    function checkPerCall(call: TSESTree.CallExpression, kind: 'circuit breaker' | 'bulkhead'): void {
      const fn = enclosingFunction(call);
      if (!fn) return;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor') return;
      if (!usedOnlyHere(call, fn, 0)) return;
      context.report({ node: call, messageId: 'policyPerCall', data: { kind } });
    }

    /** Whether a policy value is only executed (directly or through `wrap`) inside `fn`, never kept. */
    function usedOnlyHere(node: TSESTree.Node, fn: TSESTree.Node, depth: number): boolean {
      if (depth > 3) return false;
      const current = withTypeWrappers(node);
      const parent = current.parent;
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
        // Executed in a function nested in this one (a method of an object it returns, a callback): that
        // closure may keep the policy past this call, or limit a fan-out within it.
        return (
          staticPropertyName(parent) === 'execute' &&
          parent.parent?.type === AST_NODE_TYPES.CallExpression &&
          parent.parent.callee === parent &&
          enclosingFunction(parent) === fn
        );
      }
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
        return cockatielExport(model, parent.callee) === 'wrap' && usedOnlyHere(parent, fn, depth + 1);
      }
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = sourceCode.getDeclaredVariables(parent).find((v) => v.name === (parent.id as TSESTree.Identifier).name);
        const uses = variable?.references.filter((r) => r.identifier !== parent.id) ?? [];
        return uses.length > 0 && uses.every((use) => usedOnlyHere(use.identifier, fn, depth + 1));
      }
      return false;
    }

    function checkHalfOpen(call: TSESTree.CallExpression): void {
      const optionsNode = call.arguments[1];
      if (!optionsNode || optionsNode.type === AST_NODE_TYPES.SpreadElement) return;
      const lookup = combine(model.options.branches(optionsNode).map((branch) => model.options.lookup(branch, 'halfOpenAfter', call)));
      if (lookup.state !== 'present') return;
      const value = unwrap(lookup.value);
      if (value.type !== AST_NODE_TYPES.NewExpression || cockatielExport(model, value.callee) !== 'ExponentialBackoff') return;
      const arg = value.arguments[0];
      const argTarget = arg && unwrap(arg);
      if (arg && argTarget?.type !== AST_NODE_TYPES.ObjectExpression) return;
      if (argTarget?.type === AST_NODE_TYPES.ObjectExpression && argTarget.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement || staticPropertyName(p) === 'initialDelay')) return;
      const ms = String(HALF_OPEN_INITIAL_DELAY);
      context.report({
        node: value,
        messageId: 'shortHalfOpen',
        suggest: [
          {
            messageId: 'setInitialDelay',
            data: { ms },
            fix: (fixer): TSESLint.RuleFix | TSESLint.RuleFix[] =>
              argTarget?.type === AST_NODE_TYPES.ObjectExpression
                ? setProperty(sourceCode, fixer, argTarget, 'initialDelay', ms)
                : sourceCode.getText(value).endsWith(')')
                  ? addArgument(sourceCode, fixer, value as unknown as TSESTree.CallExpression, 0, `{ initialDelay: ${ms} }`)
                  : fixer.insertTextAfter(value, `({ initialDelay: ${ms} })`),
          },
        ],
      });
    }

    return {
      CallExpression(node) {
        const name = cockatielExport(model, node.callee);
        if (name === 'wrap') checkWrap(node);
        else if (name === 'circuitBreaker') {
          checkHalfOpen(node);
          checkPerCall(node, 'circuit breaker');
        } else if (name === 'bulkhead') checkPerCall(node, 'bulkhead');
        else checkExecute(node);
      },
    };
  },
});
