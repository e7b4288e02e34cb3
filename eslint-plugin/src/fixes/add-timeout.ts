import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, unwrap, withTypeWrappers } from '../util/ast';
import type { Family } from '../model/catalog';
import type { NetworkCall } from '../model/network-call';
import { addArgument, setProperty } from './object-edit';

/** How each client is given a timeout: the option and the text of its value. */
export function timeoutOption(family: Family, ms: number): { key: string; value: string; label: string } {
  switch (family) {
    case 'fetch':
    case 'node-http':
      return { key: 'signal', value: `AbortSignal.timeout(${ms})`, label: '`signal: AbortSignal.timeout()`' };
    case 'axios':
    case 'ky':
      return { key: 'timeout', value: String(ms), label: '`timeout`' };
    case 'got':
      return { key: 'timeout', value: `{ request: ${ms} }`, label: '`timeout: { request }`' };
    case 'superagent':
      return { key: 'timeout', value: String(ms), label: '`.timeout()`' };
  }
}

export interface TimeoutEdit {
  /** Text for the suggestion's description, e.g. "signal: AbortSignal.timeout(10000)". */
  readonly text: string;
  readonly fix: TSESLint.ReportFixFunction;
}

/**
 * The edit that gives a network call a timeout of `ms`, or undefined when it cannot be made safely.
 * Options written inline are merged into; options from elsewhere are spread into a new literal so that
 * other users of a shared object are not changed.
 */
export function buildTimeoutEdit(sourceCode: Readonly<TSESLint.SourceCode>, call: NetworkCall, ms: number): TimeoutEdit | undefined {
  const option = timeoutOption(call.entry.family, ms);
  if (call.entry.family === 'superagent') {
    const text = `.timeout(${ms})`;
    return { text, fix: (fixer) => fixer.insertTextAfter(call.node, text) };
  }
  const property = `${option.key}: ${option.value}`;
  const options = call.options;
  switch (options.kind) {
    case 'missing':
      return { text: property, fix: (fixer) => addArgument(sourceCode, fixer, call.node, options.index, `{ ${property} }`) };
    case 'given': {
      const target = unwrap(options.node);
      if (target.type === AST_NODE_TYPES.ObjectExpression) {
        return { text: property, fix: (fixer) => setProperty(sourceCode, fixer, target, option.key, option.value) };
      }
      const needsParens = target.type === AST_NODE_TYPES.ConditionalExpression || target.type === AST_NODE_TYPES.LogicalExpression
        || target.type === AST_NODE_TYPES.SequenceExpression;
      const spread = sourceCode.getText(options.node);
      const spreadText = needsParens && options.node === target ? `(${spread})` : spread;
      return { text: property, fix: (fixer) => fixer.replaceText(options.node, `{ ...${spreadText}, ${property} }`) };
    }
    default:
      return undefined;
  }
}

export interface InstanceTimeoutEdit extends TimeoutEdit {
  /** How the suggestion names the instance: `` `api` ``, `` `this.client` ``, or "the instance". */
  readonly instance: string;
}

/**
 * The edit that gives the axios or got instance a call goes through a timeout where the file creates
 * it (`axios.create({ baseURL })` → `axios.create({ baseURL, timeout: 10000 })`), so one edit covers
 * every call through it. Offered only when that edit fixes this call: the instance's config is an
 * object literal (or absent), and the call's own options do not set the key themselves (a
 * `timeout: 0` there would still win).
 */
export function buildInstanceTimeoutEdit(sourceCode: Readonly<TSESLint.SourceCode>, call: NetworkCall, ms: number): InstanceTimeoutEdit | undefined {
  const family = call.entry.family;
  const instance = call.instance;
  if ((family !== 'axios' && family !== 'got') || !instance || instance.configs.length > 1) return undefined;
  const option = timeoutOption(family, ms);
  if (!callLeavesKeyToInstance(call, option.key)) return undefined;
  const text = `${option.key}: ${option.value}`;
  // An instance made for this one call (`axios.create().post(url)`) is not shared: the call's own option does it.
  const holder = holderName(sourceCode, instance.factory);
  if (holder === undefined) return undefined;
  // Short enough for the suggestion to stay on one line (see test/plugin.test.ts).
  const label = holder.length <= MAX_LABEL && !holder.includes('\n') ? `\`${holder}\`` : 'the instance';
  const config = instance.configs[0];
  if (!config) {
    if (instance.factory.arguments.length > 0) return undefined;
    return { text, instance: label, fix: (fixer) => addArgument(sourceCode, fixer, instance.factory, 0, `{ ${text} }`) };
  }
  const target = unwrap(config);
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  return { text, instance: label, fix: (fixer) => setProperty(sourceCode, fixer, target, option.key, option.value) };
}

/** Whether the call's own options leave `key` to the instance: none given, or a literal without it. */
function callLeavesKeyToInstance(call: NetworkCall, key: string): boolean {
  if (call.options.kind === 'missing') return true;
  if (call.options.kind !== 'given') return false;
  const target = unwrap(call.options.node);
  return (
    target.type === AST_NODE_TYPES.ObjectExpression &&
    target.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && staticPropertyName(property) !== key)
  );
}

const MAX_LABEL = 20;

/** The name of the variable, field or property the instance made by `factory` is kept in; undefined when it is not kept. */
function holderName(sourceCode: Readonly<TSESLint.SourceCode>, factory: TSESTree.CallExpression): string | undefined {
  // `axios.create() as AxiosInstance`
  const value = withTypeWrappers(factory);
  const holder = value.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === value) {
    return holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : sourceCode.getText(holder.id);
  }
  if ((holder?.type === AST_NODE_TYPES.PropertyDefinition || holder?.type === AST_NODE_TYPES.Property) && holder.value === value) {
    return staticPropertyName(holder) ?? sourceCode.getText(holder.key);
  }
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === value) return sourceCode.getText(holder.left);
  return undefined;
}
