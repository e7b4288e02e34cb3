import { type TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { unwrap } from '../util/ast';
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
