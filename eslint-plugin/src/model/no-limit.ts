import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, unwrap } from '../util/ast';
import type { FileModel } from './file-model';
import type { OptionsBranch } from './options';
import type { Verdict } from './timeout';

/** `0`, `Infinity`, `false`, `null` and `undefined` all mean "no timeout" to the clients we know. */
export function meansNoLimit(model: FileModel, value: TSESTree.Node, depth = 0): boolean {
  const target = unwrap(value);
  if (target.type === AST_NODE_TYPES.Literal) {
    return target.value === 0 || target.value === false || target.value === null;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    if ((target.name === 'Infinity' || target.name === 'undefined') && !model.resolver.variableOf(target)) return true;
    const variable = model.resolver.variableOf(target);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (depth < 4 && def?.type === 'Variable' && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) {
      return meansNoLimit(model, def.node.init, depth + 1);
    }
    return false;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticPropertyName(target);
    return (
      target.object.type === AST_NODE_TYPES.Identifier &&
      target.object.name === 'Number' &&
      (name === 'POSITIVE_INFINITY' || name === 'MAX_SAFE_INTEGER')
    );
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target.properties.length === 0;
  return false;
}

/**
 * Bounded when every way the options can turn out sets one of `keys` and turns none of them off: with
 * `headersTimeout: 0`, a `bodyTimeout` still leaves the wait for headers unbounded.
 */
export function limitsVerdict(model: FileModel, branches: readonly OptionsBranch[], keys: readonly string[], before: TSESTree.Node): Verdict {
  let verdict: Verdict = 'yes';
  for (const branch of branches) {
    let sets = false;
    let unknown = false;
    for (const key of keys) {
      const lookup = model.options.lookup(branch, key, before);
      if (lookup.state === 'unknown') unknown = true;
      if (lookup.state !== 'present') continue;
      if (meansNoLimit(model, lookup.value)) return 'no';
      sets = true;
    }
    if (unknown) verdict = 'unknown';
    else if (!sets) return 'no';
  }
  return verdict;
}
