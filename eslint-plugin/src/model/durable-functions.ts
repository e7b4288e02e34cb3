import type { AST_NODE_TYPES as NodeType, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { calleePath, numericLiteral, staticPropertyName, unwrap } from '../util/ast';
import type { FileModel } from './file-model';
import type { Verdict } from './timeout';

/**
 * Durable-execution frameworks, which run a function again when it throws, with backoff: the
 * function is their retry. Inngest retries a function (and each `step.run` in it) 4 times by
 * default, `retries: 0` turns that off. Trigger.dev retries a task as its own `retry.maxAttempts`
 * says, or else as the project's trigger.config does (not in the file).
 */
const TRIGGER_MODULES = ['@trigger.dev/sdk', '@trigger.dev/sdk/v3'];
const TRIGGER_TASKS = new Set(['task', 'schemaTask', 'schedules.task']);

/** The modules of those frameworks, for `FileModel.namesAnyModule`. */
export const DURABLE_MODULES: readonly string[] = ['inngest', ...TRIGGER_MODULES];

/**
 * Whether a durable-execution framework re-runs the function at `node` (the function, or a name it
 * is passed by) when it throws: 'yes', 'no' when its options turn retrying off, 'unknown' when they
 * do not show; undefined when it is not such a function.
 */
export function durableFunctionVerdict(model: FileModel, node: TSESTree.Node): Verdict | undefined {
  let current = node;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) current = current.parent;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) return inngestFunctionVerdict(model, parent, current);
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === current && staticPropertyName(parent) === 'run') return triggerTaskVerdict(model, parent);
  return undefined;
}

/**
 * `inngest.createFunction({ id, retries? }, [trigger,] handler)`: the handler, last of two or three
 * arguments, after a configuration literal with an `id` (or v2's `name`). The client is made in
 * another module as often as not (`import { inngest } from "./client"`), so it counts when the file
 * imports `inngest` or the client's name says Inngest.
 */
function inngestFunctionVerdict(model: FileModel, call: TSESTree.CallExpression, handler: TSESTree.Node): Verdict | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'createFunction') return undefined;
  const args = call.arguments;
  if ((args.length !== 2 && args.length !== 3) || args[args.length - 1] !== handler) return undefined;
  const config = unwrap(args[0]!);
  if (config.type !== AST_NODE_TYPES.ObjectExpression || (!hasProperty(config, 'id') && !hasProperty(config, 'name'))) return undefined;
  const client = calleePath(callee.object);
  const namedInngest = client !== undefined && /inngest/i.test(client.slice(client.lastIndexOf('.') + 1));
  if (!namedInngest && !model.namesAnyModule(['inngest'])) return undefined;
  const retries = propertyOf(config, 'retries');
  if (!retries) return hasSpread(config) ? 'unknown' : 'yes';
  const count = numericLiteral(retries.value);
  return count === undefined ? 'unknown' : count > 0 ? 'yes' : 'no';
}

/** `task({ id, retry?, run })` of Trigger.dev (also `schemaTask`, `schedules.task`): its `run`. */
function triggerTaskVerdict(model: FileModel, run: TSESTree.Property): Verdict | undefined {
  const options = run.parent;
  const call = options.parent;
  if (options.type !== AST_NODE_TYPES.ObjectExpression || call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== options) return undefined;
  if (!model.namesAnyModule(TRIGGER_MODULES)) return undefined;
  const origin = model.resolver.resolve(call.callee);
  if (!origin || !TRIGGER_MODULES.includes(origin.module) || !TRIGGER_TASKS.has(origin.path.join('.'))) return undefined;
  // No `retry` here: the project's trigger.config decides.
  const retry = propertyOf(options, 'retry');
  const settings = retry && unwrap(retry.value);
  const maxAttempts = settings?.type === AST_NODE_TYPES.ObjectExpression ? propertyOf(settings, 'maxAttempts') : undefined;
  const attempts = maxAttempts && numericLiteral(maxAttempts.value);
  return attempts === undefined ? 'unknown' : attempts > 1 ? 'yes' : 'no';
}

type ObjectProperty = Extract<TSESTree.ObjectLiteralElement, { type: NodeType.Property }>;

function propertyOf(object: TSESTree.ObjectExpression, name: string): ObjectProperty | undefined {
  return object.properties.find((p): p is ObjectProperty => p.type === AST_NODE_TYPES.Property && !p.computed && staticPropertyName(p) === name);
}

function hasProperty(object: TSESTree.ObjectExpression, name: string): boolean {
  return propertyOf(object, name) !== undefined;
}

function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement);
}
