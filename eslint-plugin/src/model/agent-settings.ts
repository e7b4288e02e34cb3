import { AST_NODE_TYPES } from '../util/node-types';
import { chainHas, staticPropertyName } from '../util/ast';
import { FAMILY_SHAPES } from './catalog';
import type { FileModel } from './file-model';
import type { ClientInstance } from './resolve';
import type { Verdict } from './timeout';

/**
 * Whether a superagent agent applies `method` (`timeout`, `retry`) to every request it makes:
 * `const agent = superagent.agent(); agent.timeout(5000);`. Read from the statements on the `const`
 * that holds it; 'unknown' when the agent leaves the file's sight (passed on, exported, returned), since
 * it may be set up there. 'no' for a request not made by an agent.
 */
export function agentSettingVerdict(model: FileModel, instance: ClientInstance | undefined, method: string): Verdict {
  const declarator = instance?.factory.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return instance ? 'unknown' : 'no';
  const declaration = declarator.parent;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const' || declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return 'unknown';
  const variable = model.resolver.variableOf(declarator.id);
  if (!variable) return 'unknown';
  let verdict: Verdict = 'no';
  for (const reference of variable.references) {
    if (reference.init) continue;
    const member = reference.identifier.parent;
    const call = member?.parent;
    // Only `agent.<method>(…)` keeps the agent in sight.
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) {
      verdict = 'unknown';
      continue;
    }
    // `agent.timeout(5000)`, or further along a chain of settings (`agent.timeout(5000).retry(2)`); not
    // along a request's own chain (`agent.get(a).timeout(1000)` bounds that request only).
    const name = staticPropertyName(member);
    if (name === method || (!(name && Object.hasOwn(FAMILY_SHAPES.superagent.methods, name)) && chainHas(call, method))) return 'yes';
  }
  return verdict;
}
