/**
 * cockatiel policies as data, both ways, for the Policy Simulator:
 * - `readCockatielPolicies` finds policy definitions in a file (`const p = retry(...)`,
 *   `wrap(a, b)`, …) and reads their parameters; what the file does not show is left out and
 *   named, so the simulator can fall back to cockatiel's defaults and say so;
 * - `cockatielCode` writes a policy (the simulator's JSON form) back as cockatiel 3 code.
 *
 *   const { readCockatielPolicies, cockatielCode } = require('eslint-plugin-breakwater/dist/policies');
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './util/node-types';
import { retryableHelperText, RETRYABLE_HELPER } from './fixes/retryable-filter';
import { OriginResolver } from './model/resolve';
import { staticPropertyName, unwrap, walk } from './util/ast';

/** One policy layer in the simulator's JSON form (what `parsePolicy` reads). */
export type PolicyLayerJson = Record<string, unknown> & { type: 'retry' | 'breaker' | 'bulkhead' | 'timeout' | 'fallback' };

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
      () => false,
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
          const jitter = JITTER_GENERATORS[this.cockatielName(generator) ?? ''];
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

const POLICY_NAMES: Readonly<Record<PolicyLayerJson['type'], string>> = {
  retry: 'retryPolicy',
  breaker: 'breakerPolicy',
  bulkhead: 'bulkheadPolicy',
  timeout: 'timeoutPolicy',
  fallback: 'fallbackPolicy',
};

const GENERATOR_OF: Readonly<Record<string, string>> = {
  none: 'noJitterGenerator',
  full: 'fullJitterGenerator',
  half: 'halfJitterGenerator',
  decorrelated: 'decorrelatedJitterGenerator',
};

/** Formats a number as code: `10_000` reads better than `10000`. */
function num(value: unknown): string {
  const n = Number(value);
  return Number.isInteger(n) && Math.abs(n) >= 10_000 ? n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n);
}

/**
 * cockatiel 3 code for a policy: one `const` per layer, then `wrap` in the same order. The
 * layers are expected in the simulator's normalised form (every field present).
 */
export function cockatielCode(layers: readonly PolicyLayerJson[], options: { typescript: boolean; name?: string }): string {
  const imports = new Set<string>();
  const use = (name: string): string => (imports.add(name), name);
  let needsHelper = false;
  const handler = (handle: unknown): string => {
    if (handle === 'all') return use('handleAll');
    needsHelper = true;
    return `${use('handleWhen')}(${RETRYABLE_HELPER})`;
  };
  let needsRetryAfter = false;
  const backoff = (spec: Record<string, unknown>): string => {
    if (spec.type === 'retryAfter') {
      needsRetryAfter = true;
      use('DelegateBackoff');
      return `retryAfterBackoff(${backoff(spec.fallback as Record<string, unknown>)})`;
    }
    if (spec.type === 'constant') return `new ${use('ConstantBackoff')}(${num(spec.delayMs)})`;
    return `new ${use('ExponentialBackoff')}({ generator: ${use(GENERATOR_OF[String(spec.jitter)] ?? 'decorrelatedJitterGenerator')}, initialDelay: ${num(spec.initialDelayMs)}, maxDelay: ${num(spec.maxDelayMs)}${spec.exponent !== 2 && spec.jitter === 'decorrelated' ? `, exponent: ${num(spec.exponent)}` : ''} })`;
  };
  const counts = new Map<string, number>();
  const names: string[] = [];
  const lines: string[] = [];
  for (const layer of layers) {
    const base = POLICY_NAMES[layer.type];
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    const name = seen === 0 ? base : `${base}${seen + 1}`;
    names.push(name);
    let expression: string;
    switch (layer.type) {
      case 'retry': {
        const parts = [];
        if (layer.maxAttempts !== null && layer.maxAttempts !== undefined) parts.push(`maxAttempts: ${num(layer.maxAttempts)}`);
        const spec = layer.backoff as Record<string, unknown> | undefined;
        if (spec && !(spec.type === 'constant' && spec.delayMs === 0)) parts.push(`backoff: ${backoff(spec)}`);
        expression = `${use('retry')}(${handler(layer.handle)}, { ${parts.join(', ')} })`.replace('{  }', '{}');
        break;
      }
      case 'breaker': {
        const kind = layer.breaker as Record<string, unknown>;
        const halfOpen = layer.halfOpenAfter as Record<string, unknown>;
        const halfOpenAfter = halfOpen.type === 'constant' ? num(halfOpen.delayMs) : backoff(halfOpen);
        let breaker: string;
        if (kind.type === 'consecutive') breaker = `new ${use('ConsecutiveBreaker')}(${num(kind.threshold)})`;
        else if (kind.type === 'count') {
          breaker = `new ${use('CountBreaker')}({ threshold: ${num(kind.threshold)}, size: ${num(kind.size)}${kind.minimumNumberOfCalls !== kind.size ? `, minimumNumberOfCalls: ${num(kind.minimumNumberOfCalls)}` : ''} })`;
        } else {
          breaker = `new ${use('SamplingBreaker')}({ threshold: ${num(kind.threshold)}, duration: ${num(kind.durationMs)}${kind.minimumRps ? `, minimumRps: ${num(kind.minimumRps)}` : ''} })`;
        }
        expression = `${use('circuitBreaker')}(${handler(layer.handle)}, { halfOpenAfter: ${halfOpenAfter}, breaker: ${breaker} })`;
        break;
      }
      case 'bulkhead':
        expression = `${use('bulkhead')}(${num(layer.limit)}${layer.queue ? `, ${num(layer.queue)}` : ''})`;
        break;
      case 'timeout': {
        const strategy = `${use('TimeoutStrategy')}.${layer.strategy === 'aggressive' ? 'Aggressive' : 'Cooperative'}`;
        expression = `${use('timeout')}(${num(layer.timeoutMs)}, ${layer.abortOnReturn === false ? `{ strategy: ${strategy}, abortOnReturn: false }` : strategy})`;
        break;
      }
      case 'fallback':
        expression = `${use('fallback')}(${handler(layer.handle)}, () => undefined /* TODO: the value to serve instead */)`;
        break;
    }
    lines.push(`const ${name} = ${expression};`);
  }
  const policyName = options.name ?? 'policy';
  if (names.length > 1) lines.push(`export const ${policyName} = ${use('wrap')}(${names.join(', ')});`);
  else if (names.length === 1) lines[0] = lines[0].replace(`const ${names[0]} =`, `export const ${policyName} =`);
  const types = needsRetryAfter && options.typescript ? ['type IBackoff', 'type IBackoffFactory', 'type IRetryBackoffContext'] : [];
  const specifiers = [...[...imports].sort((a, b) => a.localeCompare(b)), ...types];
  const header = `import { ${specifiers.join(', ')} } from 'cockatiel';`;
  const helpers = [needsHelper ? retryableHelperText(options.typescript) : '', needsRetryAfter ? retryAfterHelperText(options.typescript) : ''].filter(Boolean);
  return `${header}${helpers.map((helper) => `\n\n${helper}`).join('')}\n\n${lines.join('\n')}\n`;
}

/** A cockatiel DelegateBackoff that waits what a 429's Retry-After asks for, else steps `fallback`. */
function retryAfterHelperText(typescript: boolean): string {
  const t = (text: string) => (typescript ? text : '');
  return [
    `/** Waits what a 429's Retry-After header asks for (seconds or an HTTP date); any other failure waits \`fallback\`. */`,
    `function retryAfterBackoff(fallback${t(': IBackoffFactory<IRetryBackoffContext<unknown>>')}) {`,
    `  return new DelegateBackoff${t('<IRetryBackoffContext<unknown>, IBackoff<IRetryBackoffContext<unknown>> | undefined>')}((context, state) => {`,
    `    const error = 'error' in context.result ? context.result.error : undefined;`,
    `    const response = (error${t(' as { response?: { status?: number; headers?: unknown } } | undefined')})?.response;`,
    `    const headers = response?.headers${t(' as ({ get?: (name: string) => string | null } & Record<string, unknown>) | undefined')};`,
    `    const header = typeof headers?.get === 'function' ? headers.get('retry-after') : headers?.['retry-after'];`,
    `    if (response?.status === 429 && typeof header === 'string') {`,
    `      const wait = /^\\d+$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();`,
    `      if (Number.isFinite(wait)) return { delay: Math.max(0, wait), state };`,
    `    }`,
    `    const next = state ? state.next(context) : fallback.next(context);`,
    `    return { delay: next.duration, state: next };`,
    `  });`,
    `}`,
  ].join('\n');
}
