import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import { staticPropertyName, stringLiteral, unwrap } from '../util/ast';
import type { FileModel } from './file-model';
import { configSources, type NetworkCall } from './network-call';
import { httpMethodOf } from './self-retry';
import type { Verdict } from './timeout';

/** Methods that apply a change each time they are sent (`no-retry-non-idempotent`'s `methods` default). */
export const DEFAULT_NON_IDEMPOTENT_METHODS: readonly string[] = ['POST', 'PATCH'];

/** Headers a server de-duplicates requests on (`no-retry-non-idempotent`'s `idempotencyHeaders` default). */
export const DEFAULT_IDEMPOTENCY_HEADERS: readonly string[] = ['Idempotency-Key', 'X-Idempotency-Key'];

/** Whether a request names an idempotency key, with the key's value when the file shows it. */
export type KeyVerdict = { readonly verdict: Verdict; readonly value?: TSESTree.Node };

/** Which methods are not safe to send twice and which headers make them safe: `no-retry-non-idempotent`'s options. */
export interface IdempotencyOptions {
  readonly methods?: readonly string[];
  readonly idempotencyHeaders?: readonly string[];
}

/**
 * Whether sending the call again could apply it twice, as far as the file shows: a POST or PATCH (or
 * the methods given) with no idempotency key (or none of the headers given). A wrap that adds a retry
 * is not offered for it (see ../fixes/wrap-in-policy): a retry cannot tell a request that never arrived
 * from one whose answer was lost.
 */
export function unsafeToResend(model: FileModel, call: NetworkCall, options: IdempotencyOptions = {}): boolean {
  const method = httpMethodOf(model, call);
  if (method === undefined || !(options.methods ?? DEFAULT_NON_IDEMPOTENT_METHODS).some((unsafe) => unsafe.toUpperCase() === method)) return false;
  const headers = new Set((options.idempotencyHeaders ?? DEFAULT_IDEMPOTENCY_HEADERS).map((header) => header.toLowerCase()));
  return idempotencyKeyOf(model, call, headers).verdict === 'no';
}

/** Whether an object of headers names an idempotency key, and the key's value when it does. */
function objectKey(model: FileModel, node: TSESTree.Node, headers: ReadonlySet<string>): KeyVerdict {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression && target.callee.type === AST_NODE_TYPES.Identifier && target.callee.name === 'Headers') {
    if (!target.arguments[0]) return { verdict: 'no' };
    target = unwrap(target.arguments[0]);
  }
  let verdict: Verdict = 'no';
  for (const branch of model.options.branches(target)) {
    if (branch.kind === 'none') continue;
    if (branch.kind === 'unknown') {
      verdict = 'unknown';
      continue;
    }
    for (const property of branch.node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        if (verdict === 'no') verdict = 'unknown';
        continue;
      }
      const name = staticPropertyName(property);
      if (name === undefined && verdict === 'no') verdict = 'unknown';
      if (name !== undefined && headers.has(name.toLowerCase())) return { verdict: 'yes', value: property.value };
    }
  }
  return { verdict };
}

/**
 * Whether the request carries an idempotency key (a header among `headers`, lower-cased), and the key's
 * value when the file shows it: in the call's or its instance's `headers`, or superagent's `.set(…)`.
 */
export function idempotencyKeyOf(model: FileModel, call: NetworkCall, headers: ReadonlySet<string>): KeyVerdict {
  // superagent: .set('Idempotency-Key', key) in the chain.
  for (let current: TSESTree.Node | undefined = call.node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(current.callee) === 'set') {
      const name = current.arguments[0] && stringLiteral(current.arguments[0]);
      if (name && headers.has(name.toLowerCase())) return { verdict: 'yes', value: current.arguments[1] };
    }
    if (current.type !== AST_NODE_TYPES.MemberExpression && current.type !== AST_NODE_TYPES.CallExpression) break;
  }
  let verdict: Verdict = 'no';
  for (const { node, before } of configSources(call)) {
    for (const branch of model.options.branches(node)) {
      const lookup = model.options.lookup(branch, 'headers', before);
      if (lookup.state === 'unknown') verdict = 'unknown';
      else if (lookup.state === 'present') {
        const found = objectKey(model, lookup.value, headers);
        if (found.verdict === 'yes') return found;
        if (found.verdict === 'unknown') verdict = 'unknown';
      }
    }
  }
  return { verdict };
}
