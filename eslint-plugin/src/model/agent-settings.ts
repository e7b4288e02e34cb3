import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName } from '../util/ast';
import { FAMILY_SHAPES } from './catalog';
import type { FileModel } from './file-model';
import type { ClientInstance } from './resolve';
import type { Verdict } from './timeout';

const AGENT_SETTINGS: readonly string[] = FAMILY_SHAPES.superagent.instanceSettings ?? [];

/**
 * Whether a superagent agent applies `method` (`timeout`, `retry`) to every request it makes:
 * `superagent.agent().timeout(5000)`, or `const agent = superagent.agent(); agent.timeout(5000);`.
 * Read from the settings chained onto the agent's creation and the statements on the `const` that
 * holds it; 'unknown' when the agent leaves the file's sight (passed on, exported, returned), since it
 * may be set up there. 'no' for a request not made by an agent.
 */
export function agentSettingVerdict(model: FileModel, instance: ClientInstance | undefined, method: string): Verdict {
  if (!instance) return 'no';
  const made = settingsOn(instance.factory, method);
  if (made.sets) return 'yes';
  const agent = made.last;
  const declarator = agent.parent;
  // `superagent.agent().get(url)`: an agent made for this one request has no other settings.
  if (declarator?.type === AST_NODE_TYPES.MemberExpression && declarator.object === agent && declarator.parent?.type === AST_NODE_TYPES.CallExpression) return 'no';
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return 'unknown';
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
    // `agent.timeout(5000)`, or further along a chain of settings (`agent.set(h).timeout(5000)`); not
    // along a request's own chain (`agent.get(a).timeout(1000)` bounds that request only).
    if (settingsOn(reference.identifier, method).sets) return 'yes';
  }
  return verdict;
}

/**
 * The chain of settings called on `agent` (`agent.set(h).timeout(5000)`): whether it includes
 * `method`, and its last call (which returns the agent), or `agent` itself when there is none.
 */
function settingsOn(agent: TSESTree.Node, method: string): { sets: boolean; last: TSESTree.Node } {
  let sets = false;
  let last = agent;
  for (let setting = settingCalledOn(agent); setting; setting = settingCalledOn(setting.call)) {
    if (setting.name === method) sets = true;
    last = setting.call;
  }
  return { sets, last };
}

/** `agent.timeout(5000)` called on `agent`: the setting's name and the call (which returns the agent). */
function settingCalledOn(agent: TSESTree.Node): { name: string; call: TSESTree.CallExpression } | undefined {
  const member = agent.parent;
  const call = member?.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== agent || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return undefined;
  const name = staticPropertyName(member);
  return name !== undefined && AGENT_SETTINGS.includes(name) ? { name, call } : undefined;
}
