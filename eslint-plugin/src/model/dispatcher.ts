import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, unwrap } from '../util/ast';
import { GLOBAL_MODULE } from './catalog';
import type { FileModel } from './file-model';
import { limitsVerdict } from './no-limit';
import { isUrlExpression, type NetworkCall } from './network-call';
import type { OptionsBranch } from './options';
import type { Verdict } from './timeout';

/**
 * Node's fetch (global, or undici's own) sends each request through undici's dispatcher: the one in
 * its init (`dispatcher: new Agent({ headersTimeout: 10_000, bodyTimeout: 10_000 })`), else the
 * process's global one (`setGlobalDispatcher(…)`). The dispatcher's `headersTimeout` and `bodyTimeout`
 * bound the wait for the answer's headers and between chunks of its body. Their defaults (300 s each)
 * are not counted as a timeout, as for a fetch with no signal; a dispatcher that sets them is.
 * Where each undici dispatcher class takes those options: `new Agent(options)`, `new Pool(origin, options)`.
 */
const OPTIONS_ARGUMENT: Readonly<Record<string, number>> = {
  Agent: 0,
  ProxyAgent: 0,
  EnvHttpProxyAgent: 0,
  Client: 1,
  Pool: 1,
  BalancedPool: 1,
};

const TIMEOUT_KEYS = ['headersTimeout', 'bodyTimeout'] as const;

/**
 * The timeout a fetch gets from undici's dispatcher; undefined for fetches that do not use one
 * (node-fetch, cross-fetch). 'unknown' when the dispatcher is one the file does not show (a parameter,
 * a project's `getProxyDispatcher(url)`): it may set timeouts, so the rule stays silent by default.
 */
export function dispatcherVerdict(model: FileModel, call: NetworkCall): Verdict | undefined {
  if (call.entry.family !== 'fetch' || (call.entry.module !== GLOBAL_MODULE && call.entry.module !== 'undici')) return undefined;
  if (call.options.kind === 'missing') return globalDispatcherVerdict(model);
  if (call.options.kind !== 'given') return 'unknown';
  let verdict: Verdict = 'yes';
  for (const branch of model.options.branches(call.options.node)) {
    const branchVerdict = initDispatcherVerdict(model, branch, call.node);
    if (branchVerdict === 'no') return 'no';
    if (branchVerdict === 'unknown') verdict = 'unknown';
  }
  return verdict;
}

function initDispatcherVerdict(model: FileModel, branch: OptionsBranch, before: TSESTree.Node): Verdict {
  const lookup = model.options.lookup(branch, 'dispatcher', before);
  switch (lookup.state) {
    case 'absent':
      return globalDispatcherVerdict(model);
    case 'unknown':
      return 'unknown';
    case 'present':
      return dispatcherValueVerdict(model, lookup.value, 0);
  }
}

/** The timeouts of a dispatcher value: a `new Agent(…)` the file shows, possibly through a `const`. */
function dispatcherValueVerdict(model: FileModel, node: TSESTree.Node, depth: number): Verdict {
  const value = model.resolver.constValue(node);
  // `dispatcher: undefined` sends through the global dispatcher.
  if ((value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined' && !model.resolver.variableOf(value)) || (value.type === AST_NODE_TYPES.Literal && value.value === null)) {
    return depth === 0 ? globalDispatcherVerdict(model) : 'unknown';
  }
  // `agent.compose(interceptors.retry())` keeps the agent's timeouts.
  if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(value.callee) === 'compose' && depth < 3) {
    return dispatcherValueVerdict(model, value.callee.object, depth + 1);
  }
  if (value.type !== AST_NODE_TYPES.NewExpression) return 'unknown';
  const origin = model.resolver.resolve(value.callee);
  if (origin?.module !== 'undici' || origin.path.length !== 1) return 'unknown';
  const [name] = origin.path as [string];
  // `new RetryAgent(dispatcher, options)` sends through the dispatcher it wraps.
  if (name === 'RetryAgent') {
    const inner = value.arguments[0];
    return inner && inner.type !== AST_NODE_TYPES.SpreadElement && depth < 3 ? dispatcherValueVerdict(model, inner, depth + 1) : 'unknown';
  }
  const index = OPTIONS_ARGUMENT[name];
  if (index === undefined) return 'unknown';
  if (value.arguments.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
  const options = value.arguments[index];
  // `new ProxyAgent('http://proxy:8080')`, `new ProxyAgent(process.env.HTTPS_PROXY)`: a URL alone sets no timeout.
  if (options && (isUrlExpression(options) || isEnvironmentVariable(options))) return 'no';
  return limitsVerdict(model, model.options.branches(options), TIMEOUT_KEYS, value);
}

/** `process.env.NAME`: a string, never an options object. */
function isEnvironmentVariable(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
  const env = unwrap(target.object);
  return (
    env.type === AST_NODE_TYPES.MemberExpression &&
    staticPropertyName(env) === 'env' &&
    env.object.type === AST_NODE_TYPES.Identifier &&
    env.object.name === 'process'
  );
}

const globalVerdicts = new WeakMap<FileModel, Verdict>();

/**
 * The timeouts of the global dispatcher, when this file sets it (`setGlobalDispatcher(new Agent({ … }))`):
 * every fetch in the process that names no dispatcher uses it. 'no' when the file does not set it.
 */
function globalDispatcherVerdict(model: FileModel): Verdict {
  const cached = globalVerdicts.get(model);
  if (cached) return cached;
  const verdicts: Verdict[] = [];
  const { text } = model.sourceCode;
  // Found by name in the text (rare), then checked to be undici's function called with a dispatcher.
  for (const match of text.includes('setGlobalDispatcher') ? text.matchAll(/\bsetGlobalDispatcher\b/g) : []) {
    const call = setGlobalDispatcherCall(model, model.sourceCode.getNodeByRangeIndex(match.index) as TSESTree.Node | null);
    const argument = call?.arguments[0];
    if (argument) verdicts.push(argument.type === AST_NODE_TYPES.SpreadElement ? 'unknown' : dispatcherValueVerdict(model, argument, 1));
  }
  const verdict: Verdict = verdicts.length === 0 || verdicts.includes('no') ? 'no' : verdicts.includes('unknown') ? 'unknown' : 'yes';
  globalVerdicts.set(model, verdict);
  return verdict;
}

/** The `setGlobalDispatcher(…)` call whose callee contains `node`, when it is undici's. */
function setGlobalDispatcherCall(model: FileModel, node: TSESTree.Node | null): TSESTree.CallExpression | undefined {
  if (node?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const callee = node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node ? node.parent : node;
  const call = callee.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || unwrap(call.callee) !== callee) return undefined;
  const origin = model.resolver.resolve(callee);
  return origin?.module === 'undici' && origin.path.length === 1 && origin.path[0] === 'setGlobalDispatcher' ? call : undefined;
}
