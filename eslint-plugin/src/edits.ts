/**
 * Edit builders for hosts other than ESLint (the VS Code extension): the same model and the same
 * builders the rules use, so a network call and its fixes mean one thing everywhere.
 *
 *   const { wrapEditsForCall } = require('eslint-plugin-breakwater/dist/edits');
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './util/node-types';
import { buildWrapEdit, type WrapKind } from './fixes/wrap-in-policy';
import { modelOfSourceCode } from './model/file-model';
import type { UserClient } from './model/catalog';
import type { IdempotencyOptions } from './model/idempotency';

export { WRAP_TITLES, type WrapKind } from './fixes/wrap-in-policy';
export { textMayUseNetwork } from './model/file-model';

export interface HostEdit {
  readonly kind: WrapKind;
  readonly title: string;
  /** Non-overlapping replacements in file offsets. */
  readonly fixes: readonly { readonly range: readonly [number, number]; readonly text: string }[];
}

const KINDS: readonly WrapKind[] = ['full', 'retry', 'breaker', 'bulkhead'];

/**
 * The cockatiel wraps that apply to the network call spanning `range` (a finding's range): none when
 * the range is not a network call, the call is already protected, or an edit cannot be made safely.
 */
export function wrapEditsForCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  range: readonly [number, number],
  options: {
    typescript: boolean;
    settings?: Record<string, unknown>;
    clients?: UserClient[];
    protectors?: string[];
    /** `no-retry-non-idempotent`'s `methods` and `idempotencyHeaders`: which requests get no retry wrap. */
    idempotency?: IdempotencyOptions;
  },
): HostEdit[] {
  const model = modelOfSourceCode(sourceCode, options.settings, options);
  if (!model) return [];
  const node = callAt(sourceCode, range);
  const call = node && model.calls.detect(node);
  if (!call) return [];
  return KINDS.flatMap((kind) => {
    const edit = buildWrapEdit(model, call, kind, options.typescript, options.idempotency);
    return edit ? [{ kind, title: edit.title, fixes: edit.fixes.map((f) => ({ range: f.range, text: f.text })) }] : [];
  });
}

function callAt(sourceCode: Readonly<TSESLint.SourceCode>, range: readonly [number, number]): TSESTree.CallExpression | undefined {
  for (let node: TSESTree.Node | null | undefined = sourceCode.getNodeByRangeIndex(range[0]); node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.CallExpression && node.range[0] === range[0] && node.range[1] === range[1]) return node;
    if (node.range[0] < range[0]) break;
  }
  return undefined;
}
