import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';
import type { FileModel } from '../model/file-model';
import type { NetworkCall } from '../model/network-call';
import { unsafeToResend, type IdempotencyOptions } from '../model/idempotency';
import { protectionVerdict } from '../model/protection';
import { resolvePolicy, type Policy } from '../model/wrappers';
import { unwrap } from '../util/ast';
import { addArgument, setProperty } from './object-edit';
import { ensureRetryableHelper } from './retryable-filter';
import { RETRYABLE_HELPER } from './retryable-helper';
import { insertAfterImports } from './placement';
import { applyWithin, recordingFixer } from './text-edits';

/** The policies a quick-fix can wrap a call in. */
export type WrapKind = 'retry' | 'breaker' | 'bulkhead' | 'full';

export const WRAP_TITLES: Readonly<Record<WrapKind, string>> = {
  retry: 'Wrap in a retry with exponential backoff and jitter (cockatiel)',
  breaker: 'Wrap in a circuit breaker (cockatiel)',
  bulkhead: 'Wrap in a bulkhead (cockatiel)',
  full: 'Wrap in timeout + retry + circuit breaker + bulkhead (cockatiel)',
};

interface PolicyRecipe {
  readonly name: string;
  readonly imports: readonly string[];
  readonly needsHelper: boolean;
  /** Whether an existing policy of the file is of this kind and can be reused. */
  readonly matches: (policy: Policy) => boolean;
  readonly init: string;
}

const RETRY = `retry(handleWhen(${RETRYABLE_HELPER}), { maxAttempts: 3, backoff: new ExponentialBackoff() })`;
const BREAKER = `circuitBreaker(handleWhen(${RETRYABLE_HELPER}), { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) })`;

const RECIPES: Readonly<Record<WrapKind, PolicyRecipe>> = {
  retry: {
    name: 'retryPolicy',
    imports: ['retry', 'handleWhen', 'ExponentialBackoff'],
    needsHelper: true,
    matches: (policy) => policy.kind === 'retry',
    init: RETRY,
  },
  breaker: {
    name: 'circuitBreakerPolicy',
    imports: ['circuitBreaker', 'handleWhen', 'ConsecutiveBreaker'],
    needsHelper: true,
    matches: (policy) => policy.kind === 'circuitBreaker',
    init: BREAKER,
  },
  bulkhead: {
    name: 'bulkheadPolicy',
    imports: ['bulkhead'],
    needsHelper: false,
    matches: (policy) => policy.kind === 'bulkhead',
    init: 'bulkhead(10, 100)',
  },
  full: {
    name: 'resiliencePolicy',
    imports: ['wrap', 'bulkhead', 'retry', 'circuitBreaker', 'timeout', 'handleWhen', 'isBrokenCircuitError', 'ExponentialBackoff', 'ConsecutiveBreaker', 'TimeoutStrategy'],
    needsHelper: true,
    matches: (policy) =>
      policy.kind === 'wrap' && policy.policies.some((p) => p.kind === 'retry') && policy.policies.some((p) => p.kind === 'circuitBreaker'),
    // Outermost first: a bulkhead bounds concurrency, the retry (which never retries an open
    // circuit) goes round the breaker, and each attempt gets its own timeout.
    init: [
      'wrap(',
      '  bulkhead(10, 100),',
      `  retry(handleWhen((error) => ${RETRYABLE_HELPER}(error) && !isBrokenCircuitError(error)), { maxAttempts: 3, backoff: new ExponentialBackoff() }),`,
      `  ${BREAKER},`,
      '  timeout(10_000, TimeoutStrategy.Cooperative),',
      ')',
    ].join('\n'),
  },
};

export interface WrapEdit {
  readonly title: string;
  readonly fixes: TSESLint.RuleFix[];
}

/**
 * Wraps a network call in a cockatiel policy: imports what it needs (merging into an existing
 * cockatiel import or require), declares the policy once at module level (or reuses one of the right
 * kind), and rewrites the call so the policy's AbortSignal reaches the request:
 * `await fetch(url, init)` → `await retryPolicy.execute(({ signal }) => fetch(url, { ...init, signal }))`.
 * Returns undefined when the call is already protected or the edit cannot be made safely.
 */
export function buildWrapEdit(model: FileModel, call: NetworkCall, kind: WrapKind, typescript: boolean, idempotency: IdempotencyOptions = {}): WrapEdit | undefined {
  const sourceCode = model.sourceCode;
  if (protectionVerdict(model, call) === 'yes' && kind !== 'bulkhead') return undefined;
  if (insideExecute(call.node)) return undefined;
  // A POST or PATCH with no idempotency key could be applied twice by a retry: a breaker or bulkhead only.
  if ((kind === 'retry' || kind === 'full') && unsafeToResend(model, call, idempotency)) return undefined;
  const recipe = RECIPES[kind];
  const fixer = recordingFixer();
  const module = moduleStyle(sourceCode);
  const existing = existingPolicy(model, recipe);
  const policyName = existing ?? recipe.name;
  if (!existing && sourceCode.scopeManager?.scopes.some((scope) => scope.set.has(recipe.name))) return undefined;

  const fixes: TSESLint.RuleFix[] = [];
  if (!existing) {
    const imports = ensureImports(sourceCode, fixer, recipe.imports, module);
    if (!imports) return undefined;
    fixes.push(...imports);
    if (recipe.needsHelper) {
      const helper = ensureRetryableHelper(sourceCode, fixer, typescript);
      if (helper) fixes.push(helper);
    }
    // After the imports and the helper, which are inserted at the same place just before it.
    fixes.push(insertAfterImports(sourceCode, fixer, `const ${policyName} = ${recipe.init};`, '\n\n'));
  }
  const callText = withSignal(model, call);
  if (callText === undefined) return undefined;
  fixes.push(fixer.replaceText(call.node, `${policyName}.execute(({ signal }) => ${callText})`));
  return { title: WRAP_TITLES[kind], fixes: mergeAtSamePosition(fixes) };
}

/** The call's text with the policy's `signal` passed on (combined with one it already has). */
function withSignal(model: FileModel, call: NetworkCall): string | undefined {
  const sourceCode = model.sourceCode;
  const node = call.node;
  const text = sourceCode.text;
  if (call.entry.family === 'superagent') return sourceCode.getText(node); // superagent takes no AbortSignal
  const fixer = recordingFixer();
  const options = call.options;
  let edits: TSESLint.RuleFix[];
  if (options.kind === 'missing') {
    edits = [addArgument(sourceCode, fixer, node, options.index, '{ signal }')];
  } else if (options.kind === 'given') {
    const target = unwrap(options.node);
    if (target.type === AST_NODE_TYPES.ObjectExpression) {
      const current = target.properties.find(
        (p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === 'signal',
      ) as TSESTree.Property | undefined;
      edits = current
        ? current.shorthand
          ? [] // already passes a variable called `signal`: the policy's, once wrapped
          : [fixer.replaceText(current.value, `AbortSignal.any([signal, ${sourceCode.getText(current.value)}])`)]
        : setProperty(sourceCode, fixer, target, 'signal', 'signal');
    } else {
      edits = [fixer.replaceText(options.node, `{ ...${sourceCode.getText(options.node)}, signal }`)];
    }
  } else {
    return undefined;
  }
  return applyWithin(text, node.range[0], node.range[1], edits);
}

/** True when the call already runs inside some `.execute(...)` callback (never wrap twice). */
function insideExecute(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = unwrap(current.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'execute') {
      if (current.arguments.some((arg) => arg.range[0] <= node.range[0] && node.range[1] <= arg.range[1])) return true;
    }
  }
  return false;
}

/** A module-level `const` already holding a policy of the recipe's kind. */
function existingPolicy(model: FileModel, recipe: PolicyRecipe): string | undefined {
  for (const statement of model.sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
      const policy = resolvePolicy(model, declarator.init);
      if (policy && recipe.matches(policy)) return declarator.id.name;
    }
  }
  return undefined;
}

type ModuleStyle = 'esm' | 'cjs';

function moduleStyle(sourceCode: Readonly<TSESLint.SourceCode>): ModuleStyle {
  // A script or CommonJS file cannot take an import statement.
  if (sourceCode.ast.sourceType !== 'module') return 'cjs';
  const body = sourceCode.ast.body;
  if (body.some((s) => s.type === AST_NODE_TYPES.ImportDeclaration || s.type.startsWith('Export'))) return 'esm';
  return /\brequire\s*\(/.test(sourceCode.text) ? 'cjs' : 'esm';
}

/** Adds the names to the file's cockatiel import (or require), or a new one after the last import. */
function ensureImports(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  names: readonly string[],
  style: ModuleStyle,
): TSESLint.RuleFix[] | undefined {
  const body = sourceCode.ast.body;
  const wanted = [...new Set(names)];
  for (const statement of body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === 'cockatiel' && statement.importKind !== 'type') {
      const named = statement.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === AST_NODE_TYPES.ImportSpecifier);
      const last = named[named.length - 1];
      if (!last) continue;
      const missing = wanted.filter((name) => !named.some((s) => s.local.name === name));
      if (missing.some((name) => declaredElsewhere(sourceCode, name))) return undefined;
      return missing.length ? [fixer.insertTextAfter(last, `, ${missing.join(', ')}`)] : [];
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init && unwrap(declarator.init);
        if (
          declarator.id.type === AST_NODE_TYPES.ObjectPattern &&
          init?.type === AST_NODE_TYPES.CallExpression &&
          init.callee.type === AST_NODE_TYPES.Identifier &&
          init.callee.name === 'require' &&
          init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
          init.arguments[0].value === 'cockatiel'
        ) {
          const props = declarator.id.properties;
          const last = props[props.length - 1];
          if (!last || last.type !== AST_NODE_TYPES.Property) return undefined;
          const have = props.flatMap((p) => (p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier ? [p.value.name] : []));
          const missing = wanted.filter((name) => !have.includes(name));
          if (missing.some((name) => declaredElsewhere(sourceCode, name))) return undefined;
          return missing.length ? [fixer.insertTextAfter(last, `, ${missing.join(', ')}`)] : [];
        }
      }
    }
  }
  if (wanted.some((name) => declaredElsewhere(sourceCode, name))) return undefined;
  const text = style === 'esm' ? `import { ${wanted.join(', ')} } from 'cockatiel';` : `const { ${wanted.join(', ')} } = require('cockatiel');`;
  return [insertAfterImports(sourceCode, fixer, text, '\n')];
}

/** A name the file already declares at module level for something else. */
function declaredElsewhere(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  const scopes = sourceCode.scopeManager?.scopes ?? [];
  const module = scopes.find((scope) => scope.type === 'module') ?? scopes[0];
  const variable = module?.set.get(name);
  if (!variable) return false;
  return !variable.defs.every((def) => def.type === 'ImportBinding' && def.parent?.type === AST_NODE_TYPES.ImportDeclaration && def.parent.source.value === 'cockatiel');
}


/** Several inserts at one offset (import, helper, policy) become one edit, in the order they were made. */
function mergeAtSamePosition(fixes: TSESLint.RuleFix[]): TSESLint.RuleFix[] {
  const merged: TSESLint.RuleFix[] = [];
  for (const fix of fixes) {
    const same = merged.find((m) => m.range[0] === fix.range[0] && m.range[1] === fix.range[1] && fix.range[0] === fix.range[1]);
    if (same) (same as { text: string }).text += fix.text;
    else merged.push({ range: [fix.range[0], fix.range[1]], text: fix.text });
  }
  return merged;
}
