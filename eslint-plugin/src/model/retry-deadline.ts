import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { withTypeWrappers } from '../util/ast';
import type { FileModel } from './file-model';
import { cockatielExport, resolvePolicy } from './wrappers';

/** How many `wrap`s deep to look for a timeout outside a retry. */
const MAX_WRAP_DEPTH = 3;

/**
 * Whether a cockatiel `retry(…)` only ever runs inside a `wrap` that puts a `timeout` outside it:
 * `wrap(timeout(60_000), retry(handleWhenResult(pending), { maxAttempts: Infinity }))`. cockatiel's
 * retry goes round again only while the signal it was given is not aborted, and the outer timeout
 * aborts that signal at its deadline (cooperative or aggressive alike), so the retry's total time is
 * bounded even with no cap on attempts. A timeout inside the retry (`wrap(retry, timeout)`) bounds
 * each attempt, not the retry. A retry kept in a `const` counts only when every use of it in the file
 * is such a wrap and it is not exported.
 */
export function retryUnderOuterTimeout(model: FileModel, retryCall: TSESTree.CallExpression): boolean {
  return boundedUses(model, retryCall, 0);
}

function boundedUses(model: FileModel, policy: TSESTree.Node, depth: number): boolean {
  if (depth > MAX_WRAP_DEPTH) return false;
  const uses = usesOf(model, policy);
  return uses !== undefined && uses.length > 0 && uses.every((use) => insideWrapAfterTimeout(model, use, depth));
}

/** Where a policy's value is used: where it is written, or each reference to the `const` holding it. */
function usesOf(model: FileModel, policy: TSESTree.Node): TSESTree.Node[] | undefined {
  const outer = withTypeWrappers(policy);
  const parent = outer.parent;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator) return [outer];
  if (parent.init !== outer || parent.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declaration = parent.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const' || declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  const variable = model.resolver.variableOf(parent.id);
  if (!variable) return undefined;
  const uses: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    // `export { policy }`: used where the file does not show.
    if (reference.identifier.parent?.type === AST_NODE_TYPES.ExportSpecifier) return undefined;
    uses.push(reference.identifier);
  }
  return uses;
}

function insideWrapAfterTimeout(model: FileModel, use: TSESTree.Node, depth: number): boolean {
  const outer = withTypeWrappers(use);
  const call = outer.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || cockatielExport(model, call.callee) !== 'wrap') return false;
  const index = call.arguments.indexOf(outer as TSESTree.CallExpressionArgument);
  if (index === -1) return false;
  if (call.arguments.slice(0, index).some((argument) => resolvePolicy(model, argument)?.kind === 'timeout')) return true;
  // `wrap(timeout(…), wrap(retry(…), breaker))`: the wrap it is in may itself sit after a timeout.
  return boundedUses(model, call, depth + 1);
}
