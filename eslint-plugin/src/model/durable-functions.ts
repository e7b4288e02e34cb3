import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { calleePath, numericLiteral, propertyNamed, staticPropertyName, unwrap, withTypeWrappers } from '../util/ast';
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
  const setting = durableSettingOf(model, node);
  return setting && (setting.kind === 'retries' ? 'yes' : setting.kind === 'off' ? 'no' : 'unknown');
}

/** A durable function's retry: the framework, retries after the first run, and whether the file sets them (not a default). */
export interface DurableRetry {
  readonly framework: 'Inngest' | 'Trigger.dev';
  readonly retries: number;
  readonly shown: boolean;
}

/** How a durable-execution framework retries a function, as far as the file shows. */
type DurableSetting = ({ readonly kind: 'retries' } & DurableRetry) | { readonly kind: 'off' } | { readonly kind: 'not shown' };

/** The retry a durable-execution framework runs the function at `node` under; undefined when it is not a durable function or its retries are off or not shown. */
export function durableRetry(model: FileModel, node: TSESTree.Node): DurableRetry | undefined {
  const setting = durableSettingOf(model, node);
  return setting?.kind === 'retries' ? setting : undefined;
}

function durableSettingOf(model: FileModel, node: TSESTree.Node): DurableSetting | undefined {
  const current = withTypeWrappers(node);
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) return inngestFunctionSetting(model, parent, current);
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === current && staticPropertyName(parent) === 'run') return triggerTaskSetting(model, parent);
  return undefined;
}

/** Inngest's retries after the first run when the configuration does not say. */
const INNGEST_DEFAULT_RETRIES = 4;
const OFF: DurableSetting = { kind: 'off' };
const NOT_SHOWN: DurableSetting = { kind: 'not shown' };

/**
 * `inngest.createFunction({ id, retries? }, [trigger,] handler)`: the handler, last of two or three
 * arguments, after a configuration literal with an `id` (or v2's `name`). The client is made in
 * another module as often as not (`import { inngest } from "./client"`), so it counts when the file
 * imports `inngest` or the client's name says Inngest.
 */
function inngestFunctionSetting(model: FileModel, call: TSESTree.CallExpression, handler: TSESTree.Node): DurableSetting | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'createFunction') return undefined;
  const args = call.arguments;
  if ((args.length !== 2 && args.length !== 3) || args[args.length - 1] !== handler) return undefined;
  const config = unwrap(args[0]!);
  if (config.type !== AST_NODE_TYPES.ObjectExpression || (!propertyNamed(config, 'id') && !propertyNamed(config, 'name'))) return undefined;
  const client = calleePath(callee.object);
  const namedInngest = client !== undefined && /inngest/i.test(client.slice(client.lastIndexOf('.') + 1));
  if (!namedInngest && !model.namesAnyModule(['inngest'])) return undefined;
  const retries = propertyNamed(config, 'retries');
  if (!retries) return hasSpread(config) ? NOT_SHOWN : { kind: 'retries', framework: 'Inngest', retries: INNGEST_DEFAULT_RETRIES, shown: false };
  const count = numericLiteral(retries.value);
  if (count === undefined) return NOT_SHOWN;
  return count > 0 ? { kind: 'retries', framework: 'Inngest', retries: count, shown: true } : OFF;
}

/** `task({ id, retry?, run })` of Trigger.dev (also `schemaTask`, `schedules.task`): its `run`. */
function triggerTaskSetting(model: FileModel, run: TSESTree.Property): DurableSetting | undefined {
  const options = run.parent;
  const call = options.parent;
  if (options.type !== AST_NODE_TYPES.ObjectExpression || call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== options) return undefined;
  if (!model.namesAnyModule(TRIGGER_MODULES)) return undefined;
  const origin = model.resolver.resolve(call.callee);
  if (!origin || !TRIGGER_MODULES.includes(origin.module) || !TRIGGER_TASKS.has(origin.path.join('.'))) return undefined;
  // No `retry` here: the project's trigger.config decides.
  const retry = propertyNamed(options, 'retry');
  const settings = retry && unwrap(retry.value);
  const maxAttempts = settings?.type === AST_NODE_TYPES.ObjectExpression ? propertyNamed(settings, 'maxAttempts') : undefined;
  const attempts = maxAttempts && numericLiteral(maxAttempts.value);
  if (attempts === undefined) return NOT_SHOWN;
  return attempts > 1 ? { kind: 'retries', framework: 'Trigger.dev', retries: attempts - 1, shown: true } : OFF;
}

function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement);
}
