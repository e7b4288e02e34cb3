/**
 * cockatiel policies as data, for the Policy Simulator: `readCockatielPolicies` finds policy
 * definitions in a file (`const p = retry(...)`, `wrap(a, b)`, …) and reads their parameters; what
 * the file does not show is left out and named, so the simulator can fall back to cockatiel's
 * defaults and say so. The other way, policy to code, is ./policy-code.
 *
 *   const { readCockatielPolicies } = require('eslint-plugin-breakwater/dist/policies');
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './util/node-types';
import { OriginResolver } from './model/resolve';
import { staticPropertyName, unwrap, walk } from './util/ast';
import type { PolicyLayerJson } from './policy-code';
import { own } from './util/own';

export interface PolicyDefinition {
  /** The variable the policy is assigned to. */
  readonly name: string;
  /** The declaration, as file offsets (where a CodeLens goes). */
  readonly range: readonly [number, number];
  /** Layers in `wrap()` order, outermost first. */
  readonly layers: PolicyLayerJson[];
  /** Parameters the file does not show, in words: the simulator uses cockatiel's defaults for them. */
  readonly unknowns: string[];
}

const FACTORIES = new Set(['retry', 'circuitBreaker', 'bulkhead', 'timeout', 'fallback', 'wrap']);
const JITTER_GENERATORS: Readonly<Record<string, string>> = {
  noJitterGenerator: 'none',
  fullJitterGenerator: 'full',
  halfJitterGenerator: 'half',
  decorrelatedJitterGenerator: 'decorrelated',
};

class PolicyReader {
  private readonly resolver: OriginResolver;
  unknowns: string[] = [];

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {
    this.resolver = new OriginResolver(
      sourceCode,
      () => undefined,
    );
  }

  /** The cockatiel export a callee or constructor refers to (`retry`, `ExponentialBackoff`, …). */
  cockatielName(node: TSESTree.Node): string | undefined {
    const origin = this.resolver.resolve(node);
    return origin?.module === 'cockatiel' && origin.path.length === 1 ? origin.path[0] : undefined;
  }

  number(node: TSESTree.Node | undefined, what: string): number | undefined {
    if (!node) return undefined;
    const value = this.evaluate(this.resolver.constValue(node));
    if (value === undefined) this.unknowns.push(`${what}: \`${this.sourceCode.getText(node)}\` is not a number this file shows`);
    return value;
  }

  private evaluate(node: TSESTree.Node): number | undefined {
    const target = this.resolver.constValue(node);
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'number') return target.value;
    if (target.type === AST_NODE_TYPES.Identifier && target.name === 'Infinity') return Infinity;
    if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '-') {
      const value = this.evaluate(target.argument);
      return value === undefined ? undefined : -value;
    }
    if (target.type === AST_NODE_TYPES.BinaryExpression && target.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
      const left = this.evaluate(target.left);
      const right = this.evaluate(target.right);
      if (left === undefined || right === undefined) return undefined;
      switch (target.operator) {
        case '*':
          return left * right;
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '/':
          return left / right;
      }
    }
    return undefined;
  }

  /** Properties of an object literal argument, by name. */
  properties(node: TSESTree.Node | undefined, what: string): Map<string, TSESTree.Node> {
    const out = new Map<string, TSESTree.Node>();
    if (!node) return out;
    const target = this.resolver.constValue(node);
    if (target.type !== AST_NODE_TYPES.ObjectExpression) {
      this.unknowns.push(`${what}: \`${this.sourceCode.getText(node)}\` is not an object this file shows`);
      return out;
    }
    for (const property of target.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        this.unknowns.push(`${what}: a spread (\`${this.sourceCode.getText(property)}\`) is not read`);
        continue;
      }
      const name = staticPropertyName(property);
      if (name !== undefined) out.set(name, property.value);
    }
    return out;
  }

  handle(node: TSESTree.Node | undefined, what: string): 'all' | 'transient' {
    const target = node && this.resolver.constValue(node);
    if (target && this.cockatielName(target) === 'handleAll') return 'all';
    if (target) this.unknowns.push(`${what}: the filter \`${this.sourceCode.getText(node!)}\` is simulated as transient errors only (network, timeouts, 429, 5xx)`);
    return 'transient';
  }

  backoff(node: TSESTree.Node, what: string): Record<string, unknown> | undefined {
    const target = this.resolver.constValue(node);
    if (target.type === AST_NODE_TYPES.NewExpression) {
      const name = this.cockatielName(target.callee);
      if (name === 'ConstantBackoff') {
        const delayMs = this.number(target.arguments[0], `${what} delay`);
        return delayMs === undefined ? undefined : { type: 'constant', delayMs };
      }
      if (name === 'ExponentialBackoff') {
        const options = this.properties(target.arguments[0], `${what} options`);
        const out: Record<string, unknown> = { type: 'exponential', jitter: 'decorrelated' };
        const generator = options.get('generator');
        if (generator) {
          const jitter = own(JITTER_GENERATORS, this.cockatielName(generator) ?? '');
          if (jitter) out.jitter = jitter;
          else this.unknowns.push(`${what}: the generator \`${this.sourceCode.getText(generator)}\` is simulated as decorrelated jitter`);
        }
        for (const [key, field] of [['initialDelay', 'initialDelayMs'], ['maxDelay', 'maxDelayMs'], ['exponent', 'exponent']] as const) {
          const value = options.has(key) ? this.number(options.get(key), `${what} ${key}`) : undefined;
          if (value !== undefined) out[field] = value;
        }
        return out;
      }
    }
    this.unknowns.push(`${what}: \`${this.sourceCode.getText(node)}\` is not a backoff this file shows`);
    return undefined;
  }

  /** The layers of a policy expression, or undefined when it is not a cockatiel policy. */
  layers(node: TSESTree.Node, depth = 0): PolicyLayerJson[] | undefined {
    const target = this.resolver.constValue(node);
    if (target.type !== AST_NODE_TYPES.CallExpression || depth > 8) return undefined;
    const name = this.cockatielName(target.callee);
    if (!name || !FACTORIES.has(name)) return undefined;
    const args = target.arguments;
    switch (name) {
      case 'wrap': {
        const out: PolicyLayerJson[] = [];
        for (const arg of args) {
          const inner = this.layers(arg, depth + 1);
          if (inner) out.push(...inner);
          else this.unknowns.push(`wrap: \`${this.sourceCode.getText(arg)}\` is not a policy this file shows; left out`);
        }
        return out;
      }
      case 'retry': {
        const layer: PolicyLayerJson = { type: 'retry', handle: this.handle(args[0], 'retry') };
        const options = this.properties(args[1], 'retry options');
        const maxAttempts = options.has('maxAttempts') ? this.number(options.get('maxAttempts'), 'retry maxAttempts') : undefined;
        layer.maxAttempts = maxAttempts === undefined || maxAttempts === Infinity ? null : maxAttempts;
        const backoff = options.get('backoff');
        if (backoff) {
          const read = this.backoff(backoff, 'retry backoff');
          if (read) layer.backoff = read;
        }
        return [layer];
      }
      case 'circuitBreaker': {
        const layer: PolicyLayerJson = { type: 'breaker', handle: this.handle(args[0], 'circuitBreaker') };
        const options = this.properties(args[1], 'circuitBreaker options');
        const halfOpenAfter = options.get('halfOpenAfter');
        if (halfOpenAfter) {
          const value = this.resolver.constValue(halfOpenAfter);
          if (value.type === AST_NODE_TYPES.NewExpression) {
            const backoff = this.backoff(value, 'halfOpenAfter');
            if (backoff) layer.halfOpenAfter = backoff;
          } else {
            const ms = this.number(halfOpenAfter, 'halfOpenAfter');
            if (ms !== undefined) layer.halfOpenAfter = ms;
          }
        }
        const breaker = options.get('breaker');
        if (breaker) {
          const read = this.breaker(breaker);
          if (read) layer.breaker = read;
        }
        return [layer];
      }
      case 'bulkhead': {
        const layer: PolicyLayerJson = { type: 'bulkhead', limit: this.number(args[0], 'bulkhead limit') ?? 10 };
        const queue = args[1] ? this.number(args[1], 'bulkhead queue') : 0;
        if (queue !== undefined) layer.queue = queue;
        return [layer];
      }
      case 'timeout': {
        const layer: PolicyLayerJson = { type: 'timeout', timeoutMs: this.number(args[0], 'timeout duration') ?? 10_000 };
        const strategyNode = args[1] && this.resolver.constValue(args[1]);
        let strategy: TSESTree.Node | undefined = strategyNode;
        if (strategyNode?.type === AST_NODE_TYPES.ObjectExpression) {
          const options = this.properties(strategyNode, 'timeout options');
          strategy = options.get('strategy');
          const abortOnReturn = options.get('abortOnReturn');
          if (abortOnReturn?.type === AST_NODE_TYPES.Literal && typeof abortOnReturn.value === 'boolean') layer.abortOnReturn = abortOnReturn.value;
        }
        if (strategy) {
          const text = this.sourceCode.getText(strategy);
          if (/Aggressive|['"]aggressive['"]/.test(text)) layer.strategy = 'aggressive';
          else if (/Cooperative|['"]optimistic['"]/.test(text)) layer.strategy = 'cooperative';
          else this.unknowns.push(`timeout strategy: \`${text}\` is simulated as cooperative`);
        }
        return [layer];
      }
      default:
        return [{ type: 'fallback', handle: this.handle(args[0], 'fallback') }];
    }
  }

  private breaker(node: TSESTree.Node): Record<string, unknown> | undefined {
    const target = this.resolver.constValue(node);
    const name = target.type === AST_NODE_TYPES.NewExpression ? this.cockatielName(target.callee) : undefined;
    if (target.type === AST_NODE_TYPES.NewExpression && name === 'ConsecutiveBreaker') {
      const threshold = this.number(target.arguments[0], 'ConsecutiveBreaker threshold');
      return threshold === undefined ? { type: 'consecutive' } : { type: 'consecutive', threshold };
    }
    if (target.type === AST_NODE_TYPES.NewExpression && (name === 'CountBreaker' || name === 'SamplingBreaker')) {
      const options = this.properties(target.arguments[0], `${name} options`);
      const out: Record<string, unknown> = { type: name === 'CountBreaker' ? 'count' : 'sampling' };
      const fields = name === 'CountBreaker' ? [['threshold', 'threshold'], ['size', 'size'], ['minimumNumberOfCalls', 'minimumNumberOfCalls']] : [['threshold', 'threshold'], ['duration', 'durationMs'], ['minimumRps', 'minimumRps']];
      for (const [key, field] of fields) {
        const value = options.has(key) ? this.number(options.get(key), `${name} ${key}`) : undefined;
        if (value !== undefined) out[field] = value;
      }
      return out;
    }
    this.unknowns.push(`breaker: \`${this.sourceCode.getText(node)}\` is not a breaker this file shows`);
    return undefined;
  }
}

/** Every `const`/`let` declaration in the file whose value is a cockatiel policy. */
export function readCockatielPolicies(sourceCode: Readonly<TSESLint.SourceCode>): PolicyDefinition[] {
  if (!sourceCode.text.includes('cockatiel')) return [];
  const out: PolicyDefinition[] = [];
  walk(sourceCode.ast, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init) {
      const reader = new PolicyReader(sourceCode);
      const init = unwrap(node.init);
      const layers = init.type === AST_NODE_TYPES.CallExpression ? reader.layers(init) : undefined;
      if (layers && layers.length > 0) {
        const declaration = node.parent?.type === AST_NODE_TYPES.VariableDeclaration ? node.parent : node;
        const statement = declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ? declaration.parent : declaration;
        out.push({ name: node.id.name, range: statement.range, layers, unknowns: reader.unknowns });
      }
    }
  });
  return out;
}
