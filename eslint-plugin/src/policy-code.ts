/**
 * `cockatielCode` writes a policy in the Policy Simulator's JSON form back as cockatiel 3 code. Text
 * only (no AST), so the extension host can load it without the parser's types:
 *
 *   const { cockatielCode } = require('eslint-plugin-breakwater/dist/policy-code');
 */
import { RETRYABLE_HELPER, retryableHelperText } from './fixes/retryable-helper';
import { own } from './util/own';

/** One policy layer in the simulator's JSON form (what `parsePolicy` reads). */
export type PolicyLayerJson = Record<string, unknown> & { type: 'retry' | 'breaker' | 'bulkhead' | 'timeout' | 'fallback' };

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
    return `new ${use('ExponentialBackoff')}({ generator: ${use(own(GENERATOR_OF, String(spec.jitter)) ?? 'decorrelatedJitterGenerator')}, initialDelay: ${num(spec.initialDelayMs)}, maxDelay: ${num(spec.maxDelayMs)}${spec.exponent !== 2 && spec.jitter === 'decorrelated' ? `, exponent: ${num(spec.exponent)}` : ''} })`;
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
