import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, unwrap } from '../util/ast';
import { agentSettingVerdict } from './agent-settings';
import { fieldsOf } from './class-fields';
import { timeoutSetElsewhere } from './default-timeout';
import { dispatcherVerdict } from './dispatcher';
import { mayBeForeignRequest } from './foreign-request';
import { limitsVerdict, meansNoLimit } from './no-limit';
import type { FileModel } from './file-model';
import { isUrlExpression, type NetworkCall } from './network-call';
import type { OptionsBranch } from './options';
import { raceVerdict } from './race';
import { madeByAny, type ClientInstance, type ClientTargets } from './resolve';

/** Whether a call is bounded in time, as far as the file shows. */
export type Verdict = 'yes' | 'no' | 'unknown';

/** Any of `keys` set to a bounding value in every branch of an options expression. */
function keysVerdict(model: FileModel, branches: readonly OptionsBranch[], keys: readonly string[], before: TSESTree.Node): Verdict {
  let sawUnknown = false;
  for (const branch of branches) {
    let branchVerdict: Verdict = 'no';
    for (const key of keys) {
      const lookup = model.options.lookup(branch, key, before);
      if (lookup.state === 'present' && !meansNoLimit(model, lookup.value)) {
        branchVerdict = 'yes';
        break;
      }
      if (lookup.state === 'unknown') branchVerdict = 'unknown';
    }
    // One branch that definitely runs without a timeout is enough to report.
    if (branchVerdict === 'no') return 'no';
    if (branchVerdict === 'unknown') sawUnknown = true;
  }
  return sawUnknown ? 'unknown' : 'yes';
}

function callOptionsVerdict(model: FileModel, call: NetworkCall, keys: readonly string[]): Verdict {
  return judgeCallOptions(model, call, (branches) => keysVerdict(model, branches, keys, call.node));
}

/** What `judge` makes of the call's options: 'no' when it has none, 'unknown' when the file does not show them. */
function judgeCallOptions(model: FileModel, call: NetworkCall, judge: (branches: readonly OptionsBranch[]) => Verdict): Verdict {
  switch (call.options.kind) {
    case 'given':
      return judge(model.options.branches(call.options.node));
    case 'missing':
      return 'no';
    default:
      return 'unknown';
  }
}

/** Joins independent sources of a timeout (call config, instance config, defaults): any one suffices. */
function anyOf(...verdicts: Verdict[]): Verdict {
  if (verdicts.includes('yes')) return 'yes';
  return verdicts.includes('unknown') ? 'unknown' : 'no';
}

function instanceVerdict(model: FileModel, instance: ClientInstance | undefined, keys: readonly string[]): Verdict {
  const verdicts: Verdict[] = [];
  for (let current = instance; current; current = current.parent) {
    for (const config of current.configs) {
      verdicts.push(keysVerdict(model, model.options.branches(config), keys, current.factory));
    }
  }
  return anyOf('no', ...verdicts);
}

const AXIOS_KEYS = ['timeout', 'signal', 'cancelToken'];

/**
 * Whether a call is bounded in time: by its client's options, a race against a timer, or a default the
 * project sets in another file for one of `setElsewhere` (see ./default-timeout).
 */
export function timeoutVerdict(model: FileModel, call: NetworkCall, setElsewhere: ReadonlySet<string> = NO_CLIENTS): Verdict {
  const own = clientTimeoutVerdict(model, call);
  if (own === 'yes' || (timeoutSetElsewhere(model, call, setElsewhere) && !axiosDefaultsTurnedOff(model, call))) return 'yes';
  return anyOf(own, raceVerdict(model, call));
}

const NO_CLIENTS: ReadonlySet<string> = new Set();

/** The timeout the client itself is given, in the call, its instance or the file's defaults. */
function clientTimeoutVerdict(model: FileModel, call: NetworkCall): Verdict {
  switch (call.entry.family) {
    case 'fetch':
      return fetchVerdict(model, call);
    case 'axios':
      return anyOf(
        callOptionsVerdict(model, call, AXIOS_KEYS),
        instanceVerdict(model, call.instance, AXIOS_KEYS),
        axiosDefaultsVerdict(model, call),
      );
    case 'got':
      return anyOf(callOptionsVerdict(model, call, ['timeout', 'signal']), instanceVerdict(model, call.instance, ['timeout']));
    case 'ky':
      return kyVerdict(model, call);
    case 'node-http':
      return anyOf(callOptionsVerdict(model, call, ['timeout', 'signal']), requestMethodVerdict(model, call.node, 'setTimeout'));
    case 'superagent':
      return anyOf(requestMethodVerdict(model, call.node, 'timeout'), agentSettingVerdict(model, call.instance, 'timeout'));
  }
}

function fetchVerdict(model: FileModel, call: NetworkCall): Verdict {
  const keys = ['signal', ...(call.entry.timeoutOptions ?? [])];
  const input = call.node.arguments[0];
  const request = input && requestSignalVerdict(model, input, keys, call.node, 0);
  const dispatcher = dispatcherVerdict(model, call);
  // A signal, or the client's own timeout options (node-fetch's `timeout`, undici request's `headersTimeout` and `bodyTimeout`).
  const own = judgeCallOptions(model, call, (branches) =>
    anyOf(keysVerdict(model, branches, ['signal'], call.node), call.entry.timeoutOptions ? limitsVerdict(model, branches, call.entry.timeoutOptions, call.node) : 'no'),
  );
  return anyOf(own, ...(request ? [request] : []), ...(dispatcher ? [dispatcher] : []));
}

/**
 * The timeout a `Request` given as fetch's input carries: `fetch(new Request(url, { signal }))`, or
 * `const req = new Request(url, { signal }); fetch(req)`, or a variable assigned one
 * (`let req; … req = new Request(url, { signal })`). A Request made from another Request keeps
 * that one's signal unless its own init sets one (`new Request(base, { method: 'POST' })`).
 * 'unknown' when the input may be a Request made elsewhere (`fetch(event.request)`, a parameter typed
 * `Request`); undefined when it is not a Request (a URL, a string, a parameter named `url`).
 */
function requestSignalVerdict(model: FileModel, input: TSESTree.Node, keys: readonly string[], before: TSESTree.Node, depth: number): Verdict | undefined {
  const value = model.resolver.constValue(input);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const assigned = depth < 3 ? assignedRequestVerdict(model, value, keys, before, depth) : undefined;
    if (assigned) return assigned;
  }
  if (value.type !== AST_NODE_TYPES.NewExpression || value.callee.type !== AST_NODE_TYPES.Identifier || value.callee.name !== 'Request') {
    if (isUrlExpression(value)) return undefined;
    return mayBeForeignRequest(model, unwrap(input)) || mayBeForeignRequest(model, value) ? 'unknown' : undefined;
  }
  const [source, init] = value.arguments;
  const own = keysVerdict(model, model.options.branches(init), keys, before);
  const inherited = source && depth < 3 ? requestSignalVerdict(model, source, keys, before, depth + 1) : undefined;
  return inherited ? anyOf(own, inherited) : own;
}

/**
 * The timeout of the Requests a variable is assigned (`let request; … request = new Request(url, { signal })`):
 * 'yes' when every value written to it is a Request with one, 'no' when one is a Request without, and
 * 'unknown' when some other value is written too. Undefined when no Request is written to it.
 */
function assignedRequestVerdict(model: FileModel, identifier: TSESTree.Identifier, keys: readonly string[], before: TSESTree.Node, depth: number): Verdict | undefined {
  const variable = model.resolver.variableOf(identifier);
  if (!variable) return undefined;
  const verdicts: Verdict[] = [];
  let requests = 0;
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const written = plainWrite(reference.identifier) ? reference.writeExpr : undefined;
    const verdict = written ? requestSignalVerdict(model, written, keys, before, depth + 1) : undefined;
    if (verdict !== undefined) requests++;
    verdicts.push(verdict ?? 'unknown');
  }
  if (requests === 0) return undefined;
  return verdicts.includes('no') ? 'no' : verdicts.includes('unknown') ? 'unknown' : 'yes';
}

/** `name = value` or `let name = value`: the whole value is written to the name (not `+=`, not destructured). */
function plainWrite(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator) return parent.id === identifier;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.left === identifier;
}

/** ky has a 10 s default: only an explicit `timeout: false` (in the call or the instance it uses) is unbounded. */
function kyVerdict(model: FileModel, call: NetworkCall): Verdict {
  const setsFalse = (branches: readonly OptionsBranch[], before: TSESTree.Node): Verdict | 'unset' => {
    let result: Verdict | 'unset' = 'unset';
    for (const branch of branches) {
      const lookup = model.options.lookup(branch, 'timeout', before);
      if (lookup.state === 'present') {
        const value = unwrap(lookup.value);
        if (value.type === AST_NODE_TYPES.Literal && value.value === false) return 'no';
        result = 'yes';
      }
    }
    return result;
  };
  if (call.options.kind === 'given') {
    const own = setsFalse(model.options.branches(call.options.node), call.node);
    if (own !== 'unset') return own;
  }
  for (let current = call.instance; current; current = current.parent) {
    for (const config of [...current.configs].reverse()) {
      const inherited = setsFalse(model.options.branches(config), current.factory);
      if (inherited !== 'unset') return inherited;
    }
  }
  return 'yes';
}

/**
 * `req.setTimeout(…)` on node's request, `.timeout(…)` in a superagent chain: look along the chain
 * and at the variable the request is stored in. A request handed elsewhere (returned, passed on) may
 * get its timeout there, so that is unknown.
 */
function requestMethodVerdict(model: FileModel, call: TSESTree.CallExpression, method: string): Verdict {
  let current: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return 'no';
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      if (staticPropertyName(parent) === method) return 'yes';
      const next: TSESTree.Node | undefined = parent.parent;
      if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== parent) return 'unknown';
      current = next;
      continue;
    }
    if (
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression
    ) {
      current = parent;
      continue;
    }
    return usageVerdict(model, current, parent, method);
  }
}

function usageVerdict(model: FileModel, value: TSESTree.Node, parent: TSESTree.Node, method: string): Verdict {
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.AwaitExpression:
      return 'no';
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== value || parent.id.type !== AST_NODE_TYPES.Identifier) return 'unknown';
      const variable = model.resolver.variableOf(parent.id);
      if (!variable) return 'unknown';
      return variableVerdict(variable, method);
    }
    default:
      return 'unknown';
  }
}

function variableVerdict(variable: TSESLint.Scope.Variable, method: string): Verdict {
  let verdict: Verdict = 'no';
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      if (staticPropertyName(parent) === method) return 'yes';
      continue;
    }
    // `await req`, `req.then(...)` are fine; handing the request to other code might set the timeout there.
    if (parent?.type === AST_NODE_TYPES.AwaitExpression) continue;
    verdict = 'unknown';
  }
  return verdict;
}

/** `axios.defaults.timeout = …` or `<instance>.defaults.timeout = …` anywhere in the file. */
function axiosDefaultsVerdict(model: FileModel, call: NetworkCall): Verdict {
  return targets(axiosDefaults(model).bounded, call) ? 'yes' : 'no';
}

/**
 * Whether the file turns axios's default timeout off for the call (`axios.defaults.timeout = 0`, or on
 * the instance it goes through): a default set in another file (`timeoutSetElsewhere`) then does not hold.
 */
function axiosDefaultsTurnedOff(model: FileModel, call: NetworkCall): boolean {
  return call.entry.family === 'axios' && targets(axiosDefaults(model).unbounded, call);
}

/**
 * Whether the file turns off the default timeout of the axios instance the call goes through
 * (`api.defaults.timeout = 0`), which overrides what the instance was created with: a timeout added
 * to `axios.create(…)` would not hold.
 */
export function instanceTimeoutTurnedOff(model: FileModel, call: NetworkCall): boolean {
  return call.entry.family === 'axios' && madeByAny(call.instance, axiosDefaults(model).unbounded.instances);
}

function targets(facts: ClientTargets, call: NetworkCall): boolean {
  return facts.root || madeByAny(call.instance, facts.instances);
}

/** The clients whose `defaults.timeout` (or `.signal`) the file sets to a limit, and those it sets to none. */
interface AxiosDefaults {
  readonly bounded: ClientTargets;
  readonly unbounded: ClientTargets;
}

const defaultsCache = new WeakMap<FileModel, AxiosDefaults>();

function axiosDefaults(model: FileModel): AxiosDefaults {
  const cached = defaultsCache.get(model);
  if (cached) return cached;
  const facts: AxiosDefaults = { bounded: { root: false, instances: new Set() }, unbounded: { root: false, instances: new Set() } };
  const scopeManager = model.sourceCode.scopeManager;
  // Every reference of every variable is looked at below: not worth it in a file that never says `defaults`.
  const scopes = model.sourceCode.text.includes('defaults') ? (scopeManager?.scopes ?? []) : [];
  for (const scope of scopes) {
    for (const variable of scope.variables) {
      for (const reference of variable.references) {
        const assigned = defaultsTimeoutAssignment(model, reference.identifier);
        if (!assigned) continue;
        const origin = model.resolver.resolve(reference.identifier);
        const entry = origin && model.calls.entryAt(origin);
        if (!origin || entry?.family !== 'axios' || origin.path.length !== entry.root.length) continue;
        const into = facts[assigned];
        if (origin.instance) into.instances.add(origin.instance.factory);
        else into.root = true;
      }
    }
  }
  // `this.client.defaults.timeout = …` in the class that made `this.client` (finding it walks each class).
  for (const scope of scopes) {
    if (scope.type !== 'class') continue;
    for (const field of fieldsOf(scope.block as TSESTree.ClassDeclaration).values()) {
      for (const write of field.memberWrites) {
        const chain = write.left;
        const defaults = chain.type === AST_NODE_TYPES.MemberExpression ? chain.object : undefined;
        const target = defaults?.type === AST_NODE_TYPES.MemberExpression ? defaults.object : undefined;
        const assigned = target && defaultsTimeoutAssignment(model, target);
        if (!assigned) continue;
        const origin = model.resolver.resolve(target);
        if (origin?.instance && model.calls.entryAt(origin)?.family === 'axios') facts[assigned].instances.add(origin.instance.factory);
      }
    }
  }
  defaultsCache.set(model, facts);
  return facts;
}

/** `x.defaults.timeout = …` where `identifier` is `x`: whether the value is a limit or none (`0`, `Infinity`). */
function defaultsTimeoutAssignment(model: FileModel, identifier: TSESTree.Node): keyof AxiosDefaults | undefined {
  const defaults = identifier.parent;
  if (defaults?.type !== AST_NODE_TYPES.MemberExpression || defaults.object !== identifier) return undefined;
  if (staticPropertyName(defaults) !== 'defaults') return undefined;
  const timeout = defaults.parent;
  if (timeout?.type !== AST_NODE_TYPES.MemberExpression || timeout.object !== defaults) return undefined;
  const key = staticPropertyName(timeout);
  if (key !== 'timeout' && key !== 'signal') return undefined;
  const assignment = timeout.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== timeout) return undefined;
  return meansNoLimit(model, assignment.right) ? 'unbounded' : 'bounded';
}
