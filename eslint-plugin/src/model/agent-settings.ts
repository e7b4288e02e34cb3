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
  if (setsOnAgent(instance.factory, method)) return 'yes';
  const agent = lastSetting(instance.factory);
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
    if (setsOnAgent(reference.identifier, method)) return 'yes';
  }
  return verdict;
}

/** Whether the chain of settings called on `agent` (`agent.set(h).timeout(5000)`) includes `method`. */
function setsOnAgent(agent: TSESTree.Node, method: string): boolean {
  for (let setting = settingCalledOn(agent); setting; setting = settingCalledOn(setting.call)) {
    if (setting.name === method) return true;
  }
  return false;
}

/** The last call of the chain of settings called on `agent` (it returns the agent), or `agent` itself. */
function lastSetting(agent: TSESTree.Node): TSESTree.Node {
  let last = agent;
  for (let setting = settingCalledOn(agent); setting; setting = settingCalledOn(setting.call)) last = setting.call;
  return last;
}

/** `agent.timeout(5000)` called on `agent`: the setting's name and the call (which returns the agent). */
function settingCalledOn(agent: TSESTree.Node): { name: string; call: TSESTree.CallExpression } | undefined {
  const member = agent.parent;
  const call = member?.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== agent || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return undefined;
  const name = staticPropertyName(member);
  return name !== undefined && AGENT_SETTINGS.includes(name) ? { name, call } : undefined;
}
