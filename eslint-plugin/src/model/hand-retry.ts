import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { contains, isFunction, isLoop, staticPropertyName, unwrap, walk, withTypeWrappers, type FunctionNode } from '../util/ast';
import { instanceClassOf } from './class-fields';
import { localFunctionOf } from './const-binding';
import type { FileModel } from './file-model';
import { isSuccessTest, isTransientFailureTest, mayHoldForTransientFailure } from './status';

/**
 * A hand-written retry around a request: a loop, or a function that calls itself again, which
 * re-issues the same request after a transient failure (a caught error, or a 5xx/429 answer).
 * `catchClause` is set when the failure reaches the retry as an error in a `catch`;
 * `rejectionHandler` when it reaches a recursive retry through the request promise's
 * `.catch(handler)` or `.then(_, handler)`.
 */
export interface HandRetry {
  readonly kind: 'loop' | 'recursion';
  readonly node: TSESTree.Node;
  readonly catchClause?: TSESTree.CatchClause;
  readonly rejectionHandler?: FunctionNode;
  /**
   * A recursion that calls itself with a new value for a parameter the request reads: the re-issue is
   * a different request (`load(src, 'reload')` after `fetch(src, { cache })` failed, the next endpoint).
   */
  readonly changesRequest?: boolean;
}

type RetryLoop = TSESTree.ForStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement;

/** The hand-written retry that re-issues `request` (a call inside the retried code), if any. */
export function handRetryAround(model: FileModel, request: TSESTree.Node): HandRetry | undefined {
  const fn = retryScope(request);
  for (let current: TSESTree.Node | undefined = request.parent; current && current !== fn; current = current.parent) {
    if (!isLoop(current)) continue;
    // for-of / for-in walk a collection: each pass sends a different request.
    if (current.type === AST_NODE_TYPES.ForOfStatement || current.type === AST_NODE_TYPES.ForInStatement) continue;
    const loop = current as RetryLoop;
    if (variesPerIteration(model, request, loop)) continue;
    const catchClause = catchThatContinues(request, loop);
    if (catchClause) return { kind: 'loop', node: loop, catchClause };
    if (hasStatusRetry(loop.body)) return { kind: 'loop', node: loop };
  }
  return fn ? recursionAround(model, request, fn) : undefined;
}

/**
 * The function a retry around `node` must sit in. Callbacks run in place (a Promise executor, a
 * client's response callback) are looked through: `new Promise((ok, fail) => http.get(url, …))`
 * inside a retry loop is retried by that loop.
 */
function retryScope(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const parent = current.parent;
    const inlineCallback =
      (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(current as TSESTree.CallExpressionArgument) &&
      !functionBinding(current);
    if (!inlineCallback) return current;
  }
  return undefined;
}

/**
 * A request whose arguments read a variable reassigned inside the loop body, or declared in it from
 * something that varies (see variableVaries), is a new request each pass (pagination, a work queue,
 * an index over a list), not a retry. A counter named
 * for attempts (`attempt`, `retryCount`, `tries`) is the exception: it numbers the retries of the same
 * request, and retry code hands it on for a header or a log (`doFetchRequest(input, init, attempt)`).
 */
function variesPerIteration(model: FileModel, request: TSESTree.Node, loop: RetryLoop): boolean {
  const args = request.type === AST_NODE_TYPES.CallExpression ? request.arguments : [request];
  const seen = new Set<TSESLint.Scope.Variable>();
  return args.some((arg) => expressionVaries(model, arg, loop, seen));
}

/** Whether `expression` reads a variable that holds something new on each pass of `loop`. */
function expressionVaries(model: FileModel, expression: TSESTree.Node, loop: RetryLoop, seen: Set<TSESLint.Scope.Variable>): boolean {
  let varies = false;
  walk(expression, (node) => {
    if (isWaitBound(node)) return 'skip';
    if (varies || node.type !== AST_NODE_TYPES.Identifier || ATTEMPT_COUNTER.test(node.name)) return undefined;
    const variable = model.resolver.variableOf(node);
    if (!variable || seen.has(variable)) return undefined;
    seen.add(variable);
    if (variableVaries(model, variable, loop, seen)) varies = true;
    return undefined;
  });
  return varies;
}

/**
 * Whether a variable holds something new on each pass: it is assigned in the loop, or declared in it
 * from something that varies. A binding made afresh each pass from what does not change is the same
 * request again (firecrawl's `const cfg = { ...config }; cfg.data = { ...data, origin }` before
 * `instance.request(cfg)`); one made by a call (`const item = queue.shift()`) or by destructuring is
 * taken to vary.
 */
function variableVaries(model: FileModel, variable: TSESLint.Scope.Variable, loop: RetryLoop, seen: Set<TSESLint.Scope.Variable>): boolean {
  const assignedInside = variable.references.some(
    (reference) =>
      reference.isWrite() &&
      !reference.init &&
      (contains(loop.body, reference.identifier) ||
        (loop.type === AST_NODE_TYPES.ForStatement && !!loop.update && contains(loop.update, reference.identifier))),
  );
  if (assignedInside) return true;
  // Parameters of callbacks inside the loop (`new Promise((ok, fail) => …)`) are not per-pass data,
  // unless the callback walks something that is: `chunk.map((run) => fetch(run.url))` with
  // `const chunk = runs.slice(i, i + 20)` sends each pass's own requests.
  if (variable.defs.some((def) => def.type === 'Parameter' && contains(loop.body, def.name) && iteratesVaryingData(model, def.node, loop, seen))) return true;
  const declaredInside = variable.defs.filter((def) => def.type !== 'Parameter' && contains(loop.body, def.name));
  if (declaredInside.length === 0) return false;
  for (const def of declaredInside) {
    const declarator = def.node;
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return true;
    if (makesSomethingNew(declarator.init) || expressionVaries(model, declarator.init, loop, seen)) return true;
  }
  // What the loop writes into it (`cfg.data = …`) varies only if the value written does.
  return variable.references.some((reference) => {
    const member = reference.identifier.parent;
    const assignment = member?.parent;
    return (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
      assignment.left === member &&
      contains(loop.body, assignment) &&
      (makesSomethingNew(assignment.right) || expressionVaries(model, assignment.right, loop, seen))
    );
  });
}

/** Whether `fn` is the callback of a method called on something that varies per pass (`chunk.map(fn)`). */
function iteratesVaryingData(model: FileModel, fn: TSESTree.Node, loop: RetryLoop, seen: Set<TSESLint.Scope.Variable>): boolean {
  const outer = withTypeWrappers(fn);
  const call = outer.parent;
  return (
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.arguments.includes(outer as TSESTree.CallExpressionArgument) &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    expressionVaries(model, call.callee.object, loop, seen)
  );
}

/** An expression with a call, `new`, `await`, `yield` or `++` in it may give a different value each time it runs. */
function makesSomethingNew(expression: TSESTree.Node): boolean {
  let found = false;
  walk(expression, (node) => {
    if (isWaitBound(node)) return 'skip';
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.TaggedTemplateExpression:
        found = true;
        return 'skip';
      default:
        return found ? 'skip' : undefined;
    }
  }, { skipFunctions: true });
  return found;
}

/**
 * An option that bounds how long one attempt waits (`signal: controller.signal`, `timeout: 5000`), not
 * what it sends: an `AbortController` or `AbortSignal.timeout()` made afresh each pass is the usual
 * per-attempt timeout of a retry loop (dub's `fetchWithRetry`), and the request is the same one again.
 */
function isWaitBound(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Property) return false;
  const name = staticPropertyName(node);
  return name === 'signal' || name === 'timeout';
}

/** Names of attempt counters: `attempt`, `attemptNumber`, `retries`, `retryCount`, `tries`, `tryCount`. */
const ATTEMPT_COUNTER = /attempt|retry|retries|^(?:tries|tryCount|tryNumber)$/i;

/** The catch clause between `request` and `loop` that lets the loop go round again. */
function catchThatContinues(request: TSESTree.Node, loop: RetryLoop): TSESTree.CatchClause | undefined {
  for (let current: TSESTree.Node | undefined = request.parent; current && current !== loop; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.TryStatement || !current.handler || !contains(current.block, request)) continue;
    if (canContinue(current.handler.body)) return current.handler;
  }
  return undefined;
}

/** A block that can finish normally or `continue` (rather than always throw, return or break). */
function canContinue(block: TSESTree.BlockStatement): boolean {
  const last = block.body[block.body.length - 1];
  if (!last) return true;
  if (
    last.type === AST_NODE_TYPES.ThrowStatement ||
    last.type === AST_NODE_TYPES.ReturnStatement ||
    last.type === AST_NODE_TYPES.BreakStatement
  ) {
    return containsContinue(block);
  }
  return true;
}

function containsContinue(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (child) => {
    if (child.type === AST_NODE_TYPES.ContinueStatement) found = true;
    return isLoop(child) ? 'skip' : undefined;
  }, { skipFunctions: true });
  return found;
}

function exits(node: TSESTree.Node): boolean {
  const statements = node.type === AST_NODE_TYPES.BlockStatement ? node.body : [node];
  return statements.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ReturnStatement ||
      statement.type === AST_NODE_TYPES.BreakStatement ||
      statement.type === AST_NODE_TYPES.ThrowStatement,
  );
}

/**
 * In a loop body: a transient-failure check that goes round again, or a success check that leaves.
 * `except` leaves out a part of the body (a catch clause, whose status is an error's).
 */
export function hasStatusRetry(body: TSESTree.Node, except?: TSESTree.Node): boolean {
  let found = false;
  walk(body, (node) => {
    if (found) return 'skip';
    if (isLoop(node) || node === except) return 'skip';
    if (node.type !== AST_NODE_TYPES.IfStatement) return undefined;
    if (isTransientFailureTest(node.test) && (containsContinue(node.consequent) || !exits(node.consequent))) found = true;
    else if (isSuccessTest(node.test) && exits(node.consequent)) found = true;
    return undefined;
  }, { skipFunctions: true });
  return found;
}

/** A named function that calls itself again from a catch clause or after a transient status. */
function recursionAround(model: FileModel, request: TSESTree.Node, fn: FunctionNode): HandRetry | undefined {
  for (const call of callsOfItself(model, fn, fn.body) ?? []) {
    const retry = recursionThrough(model, request, fn, call);
    if (retry) return changesRequest(model, request, fn, call) ? { ...retry, changesRequest: true } : retry;
  }
  return undefined;
}

/** The recursive retry `call` (a call of `fn` inside it) makes of `request`, if it is one. */
function recursionThrough(model: FileModel, request: TSESTree.Node, fn: FunctionNode, call: TSESTree.CallExpression): HandRetry | undefined {
  // A call from the catch of the request's try is a retry after an error, even where a status check
  // inside that catch picks which errors (`catch (e) { if (e.status === 429) return send(); throw e; }`).
  for (let current: TSESTree.Node | undefined = call.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) {
      const tryStatement = current.parent;
      if (tryStatement?.type === AST_NODE_TYPES.TryStatement && contains(tryStatement.block, request)) {
        return { kind: 'recursion', node: fn, catchClause: current };
      }
    }
  }
  // `send().catch((error) => send())` or `.then(use, (error) => send())`: a retry after an error too,
  // written with the request's promise.
  for (let current: TSESTree.Node | undefined = call.parent; current && current !== fn; current = current.parent) {
    if (isFunction(current) && isRejectionHandlerOf(current, request)) return { kind: 'recursion', node: fn, rejectionHandler: current };
  }
  for (let current: TSESTree.Node | undefined = call.parent; current && current !== fn; current = current.parent) {
    if (
      (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) &&
      contains(current.consequent, call) &&
      (isTransientFailureTest(current.test) || (mayHoldForTransientFailure(current.test) && successLeftBefore(current, fn)))
    ) {
      return { kind: 'recursion', node: fn };
    }
  }
  return undefined;
}

/**
 * Whether code before `node` in `fn` has already returned on success (`if (res.status === 200) return
 * res;`), so a later test about the status only sees failures, even where it also reads the body
 * (postiz's `res.status === 429 || json.includes('Rate limit')`, which on its own may hold for a 200).
 */
function successLeftBefore(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current: TSESTree.Node = node; current.parent && current !== fn; current = current.parent) {
    const block = current.parent;
    if (block.type !== AST_NODE_TYPES.BlockStatement) continue;
    for (const statement of block.body) {
      if (statement === current) break;
      if (statement.type === AST_NODE_TYPES.IfStatement && isSuccessTest(statement.test) && exits(statement.consequent)) return true;
    }
  }
  return false;
}

/** Whether `call` passes `fn` a new value for a parameter the request's arguments read. */
function changesRequest(model: FileModel, request: TSESTree.Node, fn: FunctionNode, call: TSESTree.CallExpression): boolean {
  if (request.type !== AST_NODE_TYPES.CallExpression) return false;
  const read = new Set<TSESLint.Scope.Variable>();
  for (const arg of request.arguments) {
    walk(arg, (node) => {
      const variable = node.type === AST_NODE_TYPES.Identifier ? model.resolver.variableOf(node) : undefined;
      if (variable) read.add(variable);
      return undefined;
    });
  }
  return fn.params.some((param, index) => {
    const name = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    const variable = name.type === AST_NODE_TYPES.Identifier ? model.resolver.variableOf(name) : undefined;
    if (!variable || !read.has(variable)) return false;
    const passed = call.arguments[index];
    if (!passed || passed.type === AST_NODE_TYPES.SpreadElement) return false;
    const value = unwrap(passed);
    return !(value.type === AST_NODE_TYPES.Identifier && model.resolver.variableOf(value) === variable);
  });
}

/** Whether `handler` handles the rejection of a promise chain that contains `request`: `.catch(handler)`, `.then(_, handler)`. */
function isRejectionHandlerOf(handler: TSESTree.Node, request: TSESTree.Node): boolean {
  const call = handler.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !contains(callee.object, request)) return false;
  const method = staticPropertyName(callee);
  return (method === 'catch' && call.arguments[0] === handler) || (method === 'then' && call.arguments[1] === handler);
}

/**
 * A named function's calls of itself inside `within`, as scope analysis finds them: by the name it is
 * bound to, and by a function expression's own name (`module.exports.load = function load() { … load() }`).
 * A method's calls of itself are `this.<name>(…)` in its own instance code (postiz's
 * `async fetch(url, options, identifier, totalRetries)`, which returns `this.fetch(…, totalRetries + 1)`
 * after a 429). Undefined when it has no name.
 */
export function callsOfItself(model: FileModel, fn: FunctionNode, within: TSESTree.Node): TSESTree.CallExpression[] | undefined {
  if (fn.parent?.type === AST_NODE_TYPES.MethodDefinition) return ownMethodCalls(fn, within);
  const variables = new Set<TSESLint.Scope.Variable>();
  for (const name of [functionBinding(fn), fn.type === AST_NODE_TYPES.FunctionExpression ? fn.id : undefined]) {
    const variable = name ? model.resolver.variableOf(name) : undefined;
    if (variable) variables.add(variable);
  }
  if (variables.size === 0) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  for (const variable of variables) {
    for (const reference of variable.references) {
      const call = reference.identifier.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier && contains(within, call)) calls.push(call);
    }
  }
  return calls;
}

/** `this.<name>(…)` calls inside `within` that reach `method` (see ownMethod). */
function ownMethodCalls(method: FunctionNode, within: TSESTree.Node): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  walk(within, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && ownMethod(callee) === method) calls.push(node);
  });
  return calls;
}

/** A hand-written retry in a helper function of this file, and the call in it that re-runs what it was handed. */
export interface HelperRetry {
  readonly retry: HandRetry;
  readonly request: TSESTree.CallExpression;
  /** The function handed to the helper, which the retry re-runs (the request itself for a retry in place). */
  readonly handed: TSESTree.Node;
}

/**
 * The hand-written retry inside a function of this file that `argument` is handed to: a helper such as
 * `async function withRetry(fn) { for (…) { try { return await fn(); } catch (e) { … } } }`, so
 * `withRetry(() => fetch(url))` retries the request. The helper must call that parameter inside a
 * loop or a self-call that goes round again after a failure, as a retry written in place would.
 */
export function retryHelperOf(model: FileModel, call: TSESTree.CallExpression, argument: TSESTree.Node): Omit<HelperRetry, 'handed'> | undefined {
  const param = helperParameter(model, call, argument);
  if (!param) return undefined;
  for (const reference of model.resolver.variableOf(param)?.references ?? []) {
    const use = reference.identifier.parent;
    if (use?.type !== AST_NODE_TYPES.CallExpression || use.callee !== reference.identifier) continue;
    const retry = handRetryAround(model, use);
    if (retry) return { retry, request: use };
  }
  return undefined;
}

/**
 * The parameter that receives `argument` when `call` calls a function of this file: a function or
 * `const` it declares once (`withRetry(() => fetch(url))`), or a method of the same class
 * (`this.call(() => fetch(url))`). Undefined when the callee is anything else.
 */
export function helperParameter(model: FileModel, call: TSESTree.CallExpression, argument: TSESTree.Node): TSESTree.Identifier | undefined {
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  if (index < 0) return undefined;
  let param = helperCalled(model, call)?.params[index];
  if (param?.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
  return param?.type === AST_NODE_TYPES.Identifier ? param : undefined;
}

/** The function of this file a call runs: one declared once by name, or the class's own method (`this.run(…)`). */
export function helperCalled(model: FileModel, call: TSESTree.CallExpression): FunctionNode | undefined {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier ? localFunction(model, callee) : ownMethod(callee);
}

/** How far to follow a parameter handed on from helper to helper (`withRetry(fn)` calling `retrying(fn)`). */
const MAX_FORWARDING_DEPTH = 3;

/**
 * The functions this file hands to a helper through its parameter `param` (or a use of it), the inverse of `helperParameter`: for
 * `fn` in `function withRetry(fn) { return pRetry(fn); }`, the `() => axios.get(url)` of each
 * `withRetry(() => axios.get(url))`, inline or by name, and through helpers that hand their own
 * parameter on: helpers called by name (a function or `const` declared once), and methods called as
 * `this.<name>(…)` within their class.
 */
export function functionsHandedTo(model: FileModel, param: TSESTree.Identifier, depth = 0): FunctionNode[] {
  const def = model.resolver.variableOf(param)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node)) return [];
  const helper = def.node;
  const declared = def.name;
  const index = helper.params.findIndex((p) => p === declared || (p.type === AST_NODE_TYPES.AssignmentPattern && p.left === declared));
  if (index < 0) return [];
  const handed: FunctionNode[] = [];
  for (const call of callsOf(model, helper)) {
    const argument = call.arguments[index];
    const target = argument && unwrap(argument);
    if (!target) continue;
    if (isFunction(target)) {
      handed.push(target);
    } else if (target.type === AST_NODE_TYPES.Identifier) {
      const named = localFunction(model, target);
      if (named) handed.push(named);
      else if (depth < MAX_FORWARDING_DEPTH) handed.push(...functionsHandedTo(model, target, depth + 1));
    }
  }
  return handed;
}

/**
 * The calls the file makes to a helper: by its name (a function or `const` declared once), or, for a
 * method, as `this.<name>(…)` from the instance code of its own class (what `helperParameter` reads
 * the other way round).
 */
function callsOf(model: FileModel, helper: FunctionNode): TSESTree.CallExpression[] {
  const binding = functionBinding(helper);
  const variable = binding && localFunction(model, binding) === helper ? model.resolver.variableOf(binding) : undefined;
  if (variable) {
    return variable.references.flatMap((reference) => {
      const call = reference.identifier.parent;
      return call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier ? [call] : [];
    });
  }
  const method = helper.parent;
  return method?.type === AST_NODE_TYPES.MethodDefinition ? ownMethodCalls(helper, method.parent) : [];
}

/**
 * The retry helper that re-runs code at `node`: one its enclosing function is handed to, inline
 * (`withRetry(() => fetch(url))`) or by name (`withRetry(load)`).
 */
export function helperRetryAround(model: FileModel, node: TSESTree.Node): HelperRetry | undefined {
  for (let fn = node.parent; fn; fn = fn.parent) {
    if (!isFunction(fn)) continue;
    const parent = fn.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      const found = retryHelperOf(model, parent, fn);
      if (found) return { ...found, handed: fn };
    }
    const binding = functionBinding(fn);
    for (const reference of (binding && model.resolver.variableOf(binding)?.references) || []) {
      const use = reference.identifier.parent;
      if (use?.type !== AST_NODE_TYPES.CallExpression || use.callee === reference.identifier) continue;
      const found = retryHelperOf(model, use, reference.identifier);
      if (found) return { ...found, handed: fn };
    }
  }
  return undefined;
}

/**
 * The hand-written retry that re-runs `request`, in place or in a same-file helper its function is
 * handed to, with the call the retry re-runs (`request` itself, or the helper's `fn()`).
 */
export function handRetryRerunning(model: FileModel, request: TSESTree.Node): HelperRetry | undefined {
  const inPlace = handRetryAround(model, request);
  if (inPlace) return { retry: inPlace, request: request as TSESTree.CallExpression, handed: request };
  return helperRetryAround(model, request);
}

/** The function an identifier names when the file declares it once: `function f() {}` or `const f = () => …`. */
function localFunction(model: FileModel, identifier: TSESTree.Identifier): FunctionNode | undefined {
  const variable = model.resolver.variableOf(identifier);
  return variable && localFunctionOf(variable);
}

/**
 * The method `this.name(…)` calls when the call sits in the instance code of the class that defines
 * it: a method, constructor or field initializer (arrow functions keep `this`; any other function in
 * between rebinds it, and then nothing is known).
 */
function ownMethod(callee: TSESTree.Node): FunctionNode | undefined {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = memberName(callee);
  const owner = instanceClassOf(callee);
  if (!name || !owner) return undefined;
  const methods = owner.body.body.filter(
    (other): other is TSESTree.MethodDefinition =>
      other.type === AST_NODE_TYPES.MethodDefinition &&
      other.value.type === AST_NODE_TYPES.FunctionExpression &&
      !other.static &&
      !other.computed &&
      other.kind === 'method' &&
      memberName(other) === name,
  );
  const method = methods.length === 1 ? methods[0]!.value : undefined;
  return method?.type === AST_NODE_TYPES.FunctionExpression ? method : undefined;
}

/** A member's name as `this.<name>` reaches it: `send`, or `#send` for a private one. */
function memberName(node: TSESTree.MemberExpression | TSESTree.MethodDefinition): string | undefined {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  return key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${key.name}` : staticPropertyName(node);
}

/** The identifier a function is called by: its own name, or the `const` it is assigned to. */
export function functionBinding(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && unwrap(parent.init!) === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id;
  }
  return undefined;
}
