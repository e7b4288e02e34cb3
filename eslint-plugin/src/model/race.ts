import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { isFunction, staticPropertyName, unwrap } from '../util/ast';
import { containsWait, isWaitCall } from './delays';
import type { FileModel } from './file-model';
import type { NetworkCall } from './network-call';
import type { Verdict } from './timeout';
import { functionOfArgument } from './wrappers';

/**
 * Whether a request is raced against a timer: `await Promise.race([fetch(url), timedOut])`. The
 * caller stops waiting when the timer fires, as with cockatiel's aggressive timeout, so a hung
 * dependency cannot hang it (the request itself runs on until the socket gives up).
 * 'yes' when another entry visibly waits: a `new Promise` that calls `setTimeout`, a call such as
 * `sleep(ms)` or `setTimeout(ms)` from `timers/promises`, or a `const` or same-file function that does;
 * 'unknown' when another entry is something the file does not show; 'no' when the request is not
 * raced, or raced only against other requests.
 */
export function raceVerdict(model: FileModel, call: NetworkCall): Verdict {
  const race = raceAround(model, call.node);
  if (!race) return 'no';
  let verdict: Verdict = 'no';
  for (const element of race.contenders.elements) {
    if (!element || element === race.entry) continue;
    if (element.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
    const contender = contenderVerdict(model, element);
    if (contender === 'yes') return 'yes';
    if (contender === 'unknown') verdict = 'unknown';
  }
  return verdict;
}

/** The `Promise.race([…])` the request is an entry of, itself or through `.then()`/`.catch()`. */
function raceAround(model: FileModel, request: TSESTree.CallExpression): { contenders: TSESTree.ArrayExpression; entry: TSESTree.Node } | undefined {
  let entry: TSESTree.Node = request;
  for (;;) {
    const parent: TSESTree.Node | undefined = entry.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.AwaitExpression) {
      entry = parent;
    } else if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === entry && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      entry = parent.parent; // fetch(url).then(…)
    } else {
      break;
    }
  }
  const contenders = entry.parent;
  const race = contenders?.parent;
  if (contenders?.type !== AST_NODE_TYPES.ArrayExpression || race?.type !== AST_NODE_TYPES.CallExpression || race.arguments[0] !== contenders) return undefined;
  const callee = unwrap(race.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'race') return undefined;
  if (callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Promise' || model.resolver.variableOf(callee.object)) return undefined;
  return { contenders, entry };
}

/** Whether one other entry of the race is a timer ('unknown': the file does not show what it is). */
function contenderVerdict(model: FileModel, element: TSESTree.Node): Verdict {
  let target = model.resolver.constValue(element);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  // `sleep(ms).then(() => { throw … })`: the chain's first call decides.
  while (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || unwrap(callee.object).type !== AST_NODE_TYPES.CallExpression) break;
    if (!['then', 'catch', 'finally'].includes(staticPropertyName(callee) ?? '')) break;
    target = unwrap(callee.object);
  }
  if (target.type === AST_NODE_TYPES.NewExpression) {
    const executor = target.arguments[0] && unwrap(target.arguments[0]);
    const isPromise = unwrap(target.callee).type === AST_NODE_TYPES.Identifier && (unwrap(target.callee) as TSESTree.Identifier).name === 'Promise';
    if (isPromise && executor && isFunction(executor)) return containsWait(executor) ? 'yes' : 'unknown';
    return 'unknown';
  }
  if (target.type !== AST_NODE_TYPES.CallExpression) return 'unknown';
  if (model.calls.detect(target)) return 'no'; // another request: racing two does not bound either
  if (isWaitCall(target)) return 'yes';
  const helper = functionOfArgument(model, target.callee);
  return helper && isFunction(helper) && containsWait(helper) ? 'yes' : 'unknown';
}
