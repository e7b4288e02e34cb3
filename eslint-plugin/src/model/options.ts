import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, unwrap, walk } from '../util/ast';
import { localFunctionOf } from './const-binding';
import { isSingleAssignment, type OriginResolver } from './resolve';

/**
 * One way an options argument can turn out: an object literal the file shows (with the variable that
 * holds it, so later `opts.timeout = …` assignments count), no options at all, or something the file
 * does not show (a parameter, an import, a call's result).
 */
export type OptionsBranch =
  | { readonly kind: 'object'; readonly node: TSESTree.ObjectExpression; readonly variable?: TSESLint.Scope.Variable }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown' };

export type PropertyLookup =
  | { readonly state: 'absent' }
  | { readonly state: 'present'; readonly value: TSESTree.Node }
  | { readonly state: 'unknown' };

const ABSENT: PropertyLookup = { state: 'absent' };
const UNKNOWN_BRANCH: OptionsBranch = { kind: 'unknown' };
const UNKNOWN: PropertyLookup = { state: 'unknown' };

export class OptionsReader {
  constructor(private readonly resolver: OriginResolver) {}

  /** Every object an expression may evaluate to, following `const` aliases and both arms of conditionals. */
  branches(node: TSESTree.Node | undefined, depth = 0): OptionsBranch[] {
    if (!node) return [{ kind: 'none' }];
    if (depth > 8) return [UNKNOWN_BRANCH];
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.ObjectExpression:
        return [{ kind: 'object', node: target }];
      case AST_NODE_TYPES.ConditionalExpression:
        return [...this.branches(target.consequent, depth + 1), ...this.branches(target.alternate, depth + 1)];
      case AST_NODE_TYPES.LogicalExpression:
        // `opts ?? {}` and `opts || {}`: either side may be what the call gets.
        return [...this.branches(target.left, depth + 1), ...this.branches(target.right, depth + 1)];
      case AST_NODE_TYPES.Literal:
        return target.value === null ? [{ kind: 'none' }] : [UNKNOWN_BRANCH];
      case AST_NODE_TYPES.Identifier: {
        if (target.name === 'undefined' && !this.resolver.variableOf(target)) return [{ kind: 'none' }];
        const variable = this.resolver.variableOf(target);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (
          !variable ||
          def?.type !== 'Variable' ||
          def.node.id.type !== AST_NODE_TYPES.Identifier ||
          !def.node.init ||
          !isSingleAssignment(variable)
        ) {
          return [UNKNOWN_BRANCH];
        }
        return this.branches(def.node.init, depth + 1).map((branch) =>
          branch.kind === 'object' && !branch.variable ? { ...branch, variable } : branch,
        );
      }
      case AST_NODE_TYPES.CallExpression:
        return this.returnedBranches(target, depth);
      default:
        return [UNKNOWN_BRANCH];
    }
  }

  /**
   * What a call of a same-file function may return: `fetch(url, init())` with `function init() {
   * return { headers, signal: AbortSignal.timeout(5000) }; }`. Only objects the function returns as
   * literals count: an object it builds in a variable and changes before returning is unknown (a later
   * `opts.signal = …` would be looked for before the call, not before the return). A function that may
   * end without a `return`, or is async or a generator, is unknown too.
   */
  private returnedBranches(call: TSESTree.CallExpression, depth: number): OptionsBranch[] {
    const callee = unwrap(call.callee);
    const variable = callee.type === AST_NODE_TYPES.Identifier ? this.resolver.variableOf(callee) : undefined;
    const fn = variable && localFunctionOf(variable);
    if (!fn || fn.async || fn.generator) return [UNKNOWN_BRANCH];
    const returned: (TSESTree.Node | undefined)[] = [];
    if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
      const last = fn.body.body.at(-1);
      if (last?.type !== AST_NODE_TYPES.ReturnStatement && last?.type !== AST_NODE_TYPES.ThrowStatement) return [UNKNOWN_BRANCH];
      walk(
        fn.body,
        (node) => {
          if (node.type === AST_NODE_TYPES.ReturnStatement) returned.push(node.argument ?? undefined);
        },
        { skipFunctions: true },
      );
    } else {
      returned.push(fn.body);
    }
    return returned.flatMap((value) =>
      this.branches(value, depth + 1).map((branch) => (branch.kind === 'object' && branch.variable ? UNKNOWN_BRANCH : branch)),
    );
  }

  /**
   * What `key` is in one branch at the point `before` in the source: the last property that sets it
   * (spreads of objects the file shows are followed), or a later `opts.key = value` assignment.
   */
  lookup(branch: OptionsBranch, key: string, before: TSESTree.Node, depth = 0): PropertyLookup {
    if (branch.kind === 'none') return ABSENT;
    if (branch.kind === 'unknown' || depth > 8) return UNKNOWN;
    let result: PropertyLookup = ABSENT;
    for (const property of branch.node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = combine(this.branches(property.argument).map((b) => this.lookup(b, key, before, depth + 1)));
        // An explicit earlier value survives a spread whose contents we cannot see: assume the common case.
        if (spread.state === 'present' || (spread.state === 'unknown' && result.state === 'absent')) result = spread;
      } else if (staticPropertyName(property) === key) {
        result = { state: 'present', value: property.value };
      } else if (property.computed && staticPropertyName(property) === undefined && result.state === 'absent') {
        result = UNKNOWN;
      }
    }
    if (branch.variable) {
      const assigned = this.assignedLater(branch.variable, key, before);
      if (assigned) result = assigned;
    }
    return result;
  }

  /** `opts.key = value` (or a mutation we cannot read, such as `Object.assign(opts, x)`) before `before`. */
  private assignedLater(variable: TSESLint.Scope.Variable, key: string, before: TSESTree.Node): PropertyLookup | undefined {
    let result: PropertyLookup | undefined;
    for (const reference of variable.references) {
      const identifier = reference.identifier;
      if (identifier.range[0] >= before.range[0]) continue;
      const parent = identifier.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
        const assignment = parent.parent;
        if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent) {
          const name = staticPropertyName(parent);
          if (name === key) result = { state: 'present', value: assignment.right };
          else if (name === undefined && !result) result = UNKNOWN;
        }
      } else if (
        parent?.type === AST_NODE_TYPES.CallExpression &&
        parent.arguments[0] === identifier &&
        isObjectAssign(parent.callee) &&
        !result
      ) {
        result = UNKNOWN;
      }
    }
    return result;
  }
}

function isObjectAssign(callee: TSESTree.Node): boolean {
  const target = unwrap(callee);
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    target.object.type === AST_NODE_TYPES.Identifier &&
    target.object.name === 'Object' &&
    staticPropertyName(target) === 'assign'
  );
}

/** Joins the lookups of several branches: present only if every branch sets it. */
export function combine(lookups: readonly PropertyLookup[]): PropertyLookup {
  if (lookups.length === 0) return ABSENT;
  if (lookups.every((lookup) => lookup.state === 'present')) return lookups[0]!;
  if (lookups.some((lookup) => lookup.state === 'unknown')) return UNKNOWN;
  return ABSENT;
}
