/**
 * Turns untrusted input (a JSON file, a webview message, a saved panel state) into a
 * `Scenario`, filling defaults and collecting every bad field with its path, so callers can
 * show field errors instead of crashing.
 */
import type {
  Backoff,
  BaseBackoff,
  BreakerKind,
  Dependency,
  DependencyFailure,
  Handle,
  Latency,
  Load,
  Phase,
  PolicyLayer,
  Scenario,
} from './model';

export interface FieldIssue {
  /** Where, e.g. `policy[1].breaker.threshold`. */
  path: string;
  message: string;
}

export class InvalidScenarioError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
    this.name = 'InvalidScenarioError';
  }
}

/** Most requests one run may simulate: keeps a typo (a rate of 1e9) from hanging an editor. */
export const MAX_REQUESTS = 5_000_000;

type Json = Record<string, unknown>;

interface NumberRule {
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
  below?: number;
  integer?: boolean;
}

class Reader {
  readonly issues: FieldIssue[] = [];

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  object(value: unknown, path: string): Json | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
    this.fail(path, 'must be an object');
    return undefined;
  }

  number(obj: Json, key: string, path: string, fallback: number | undefined, rule: NumberRule = {}): number {
    const value = obj[key];
    const at = `${path}.${key}`;
    if (value === undefined) {
      if (fallback === undefined) this.fail(at, 'is required');
      return fallback ?? 0;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(at, 'must be a finite number');
      return fallback ?? 0;
    }
    const problem =
      rule.integer && !Number.isInteger(value)
        ? 'must be a whole number'
        : rule.min !== undefined && value < rule.min
          ? `must be at least ${rule.min}`
          : rule.max !== undefined && value > rule.max
            ? `must be at most ${rule.max}`
            : rule.above !== undefined && value <= rule.above
              ? `must be more than ${rule.above}`
              : rule.below !== undefined && value >= rule.below
                ? `must be less than ${rule.below}`
                : undefined;
    if (problem) {
      this.fail(at, problem);
      return fallback ?? (rule.min ?? (rule.above ?? 0) + 1);
    }
    return value;
  }

  choice<T extends string>(obj: Json, key: string, path: string, choices: readonly T[], fallback: T | undefined): T {
    const value = obj[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    this.fail(`${path}.${key}`, `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
    return fallback ?? choices[0];
  }

  boolean(obj: Json, key: string, path: string, fallback: boolean): boolean {
    const value = obj[key];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.fail(`${path}.${key}`, 'must be true or false');
    return fallback;
  }

  array(obj: Json, key: string, path: string): unknown[] {
    const value = obj[key];
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    this.fail(`${path}.${key}`, 'must be an array');
    return [];
  }
}

const HANDLES = ['all', 'transient'] as const;
const FAILURE_KINDS = ['network', 'hang', 'http429', 'http5xx', 'http4xx'] as const;
const DOWN_KINDS = ['network', 'hang', 'http5xx'] as const;

export function parseScenario(input: unknown): Scenario {
  const reader = new Reader();
  const root = reader.object(input, 'scenario') ?? {};
  const scenario: Scenario = {
    seed: reader.number(root, 'seed', 'scenario', 1, { integer: true, min: 0, max: 2 ** 32 - 1 }),
    durationMs: reader.number(root, 'durationMs', 'scenario', 60_000, { min: 1, max: 3_600_000 }),
    drainMs: reader.number(root, 'drainMs', 'scenario', 5000, { min: 0, max: 600_000 }),
    load: readLoad(reader, root.load, 'scenario.load'),
    dependency: readDependency(reader, root.dependency, 'scenario.dependency'),
    passesSignal: reader.boolean(root, 'passesSignal', 'scenario', true),
    policy: readPolicyLayers(reader, root.policy ?? [], 'scenario.policy'),
  };
  if (reader.issues.length === 0) {
    const requests = requestsUpperBound(scenario);
    if (requests > MAX_REQUESTS) {
      reader.fail('scenario.load', `would issue about ${Math.round(requests).toLocaleString('en-US')} requests; the limit is ${MAX_REQUESTS.toLocaleString('en-US')}`);
    }
  }
  if (reader.issues.length > 0) throw new InvalidScenarioError(reader.issues);
  return scenario;
}

/** Reads a policy on its own: an array of layers, or `{ "policy": [...] }` as in a policy file. */
export function parsePolicy(input: unknown, path = 'policy'): PolicyLayer[] {
  const reader = new Reader();
  const layers = Array.isArray(input) ? input : (reader.object(input, path) ?? {}).policy;
  const policy = readPolicyLayers(reader, layers ?? [], Array.isArray(input) ? path : `${path}.policy`);
  if (reader.issues.length > 0) throw new InvalidScenarioError(reader.issues);
  return policy;
}

function requestsUpperBound(scenario: Scenario): number {
  const load = scenario.load;
  if (load.type === 'closed') return (load.clients * scenario.durationMs) / Math.max(load.thinkTimeMs, 1);
  const peak = Math.max(load.ratePerSecond, ...load.rateChanges.map((change) => change.ratePerSecond));
  return (peak * scenario.durationMs) / 1000;
}

function readLoad(reader: Reader, input: unknown, path: string): Load {
  const obj = reader.object(input ?? {}, path) ?? {};
  const type = reader.choice(obj, 'type', path, ['open', 'closed'] as const, 'open');
  if (type === 'closed') {
    return {
      type,
      clients: reader.number(obj, 'clients', path, 50, { integer: true, min: 1, max: 100_000 }),
      thinkTimeMs: reader.number(obj, 'thinkTimeMs', path, 100, { min: 0, max: 3_600_000 }),
    };
  }
  return {
    type,
    arrivals: reader.choice(obj, 'arrivals', path, ['constant', 'poisson'] as const, 'poisson'),
    ratePerSecond: reader.number(obj, 'ratePerSecond', path, 200, { min: 0, max: 1_000_000 }),
    rateChanges: reader.array(obj, 'rateChanges', path).map((item, i) => {
      const at = `${path}.rateChanges[${i}]`;
      const change = reader.object(item, at) ?? {};
      return {
        atMs: reader.number(change, 'atMs', at, undefined, { min: 0 }),
        ratePerSecond: reader.number(change, 'ratePerSecond', at, undefined, { min: 0, max: 1_000_000 }),
      };
    }),
  };
}

function readDependency(reader: Reader, input: unknown, path: string): Dependency {
  const obj = reader.object(input ?? {}, path) ?? {};
  const failuresObj = reader.object(obj.failures ?? {}, `${path}.failures`) ?? {};
  const failures = {} as Record<DependencyFailure, number>;
  for (const kind of FAILURE_KINDS) failures[kind] = reader.number(failuresObj, kind, `${path}.failures`, 0, { min: 0, max: 1 });
  const total = FAILURE_KINDS.reduce((sum, kind) => sum + failures[kind], 0);
  if (total > 1 + 1e-9) reader.fail(`${path}.failures`, `probabilities add up to ${total}; they must add up to at most 1`);
  let capacity: Dependency['capacity'] = null;
  if (obj.capacity !== undefined && obj.capacity !== null) {
    const at = `${path}.capacity`;
    const cap = reader.object(obj.capacity, at) ?? {};
    capacity = {
      concurrency: reader.number(cap, 'concurrency', at, undefined, { integer: true, min: 1, max: 1_000_000 }),
      queue: reader.number(cap, 'queue', at, 0, { integer: true, min: 0, max: 10_000_000 }),
    };
  }
  return {
    latency: readLatency(reader, obj.latency, `${path}.latency`),
    failures,
    failFastMs: reader.number(obj, 'failFastMs', path, 5, { min: 0, max: 60_000 }),
    retryAfterMs: obj.retryAfterMs === undefined || obj.retryAfterMs === null ? null : reader.number(obj, 'retryAfterMs', path, undefined, { min: 0, max: 3_600_000 }),
    capacity,
    phases: reader.array(obj, 'phases', path).map((item, i) => readPhase(reader, item, `${path}.phases[${i}]`)),
  };
}

function readLatency(reader: Reader, input: unknown, path: string): Latency {
  const obj = reader.object(input ?? {}, path) ?? {};
  const type = reader.choice(obj, 'type', path, ['fixed', 'uniform', 'lognormal'] as const, 'lognormal');
  switch (type) {
    case 'fixed':
      return { type, ms: reader.number(obj, 'ms', path, undefined, { min: 0, max: 3_600_000 }) };
    case 'uniform': {
      const minMs = reader.number(obj, 'minMs', path, undefined, { min: 0, max: 3_600_000 });
      const maxMs = reader.number(obj, 'maxMs', path, undefined, { min: minMs, max: 3_600_000 });
      return { type, minMs, maxMs };
    }
    case 'lognormal': {
      const medianMs = reader.number(obj, 'medianMs', path, 50, { above: 0, max: 3_600_000 });
      const p99Ms = reader.number(obj, 'p99Ms', path, medianMs * 5, { min: medianMs, max: 3_600_000 });
      return { type, medianMs, p99Ms };
    }
  }
}

function readPhase(reader: Reader, input: unknown, path: string): Phase {
  const obj = reader.object(input, path) ?? {};
  const type = reader.choice(obj, 'type', path, ['outage', 'partial', 'latency', 'flapping', 'capacity'] as const, undefined);
  const startMs = reader.number(obj, 'startMs', path, undefined, { min: 0 });
  const endMs = reader.number(obj, 'endMs', path, undefined, { above: startMs });
  switch (type) {
    case 'outage':
      return { type, startMs, endMs, kind: reader.choice(obj, 'kind', path, DOWN_KINDS, 'http5xx') };
    case 'partial':
      return {
        type,
        startMs,
        endMs,
        failureRate: reader.number(obj, 'failureRate', path, undefined, { min: 0, max: 1 }),
        kind: reader.choice(obj, 'kind', path, FAILURE_KINDS, 'http5xx'),
      };
    case 'latency':
      return { type, startMs, endMs, multiplier: reader.number(obj, 'multiplier', path, undefined, { above: 0, max: 10_000 }) };
    case 'flapping':
      return {
        type,
        startMs,
        endMs,
        periodMs: reader.number(obj, 'periodMs', path, undefined, { min: 2 }),
        kind: reader.choice(obj, 'kind', path, DOWN_KINDS, 'http5xx'),
      };
    case 'capacity':
      return { type, startMs, endMs, factor: reader.number(obj, 'factor', path, undefined, { min: 0, max: 100 }) };
  }
}

function readPolicyLayers(reader: Reader, input: unknown, path: string): PolicyLayer[] {
  if (!Array.isArray(input)) {
    reader.fail(path, 'must be an array of policies, outermost first');
    return [];
  }
  return input.map((item, i) => readLayer(reader, item, `${path}[${i}]`));
}

function readLayer(reader: Reader, input: unknown, path: string): PolicyLayer {
  const obj = reader.object(input, path) ?? {};
  const type = reader.choice(obj, 'type', path, ['retry', 'breaker', 'bulkhead', 'timeout', 'fallback'] as const, undefined);
  const handle = (): Handle => reader.choice(obj, 'handle', path, HANDLES, 'all');
  switch (type) {
    case 'retry':
      return {
        type,
        handle: handle(),
        maxAttempts:
          obj.maxAttempts === null || obj.maxAttempts === undefined
            ? null
            : reader.number(obj, 'maxAttempts', path, undefined, { integer: true, min: 0, max: 1000 }),
        backoff: readBackoff(reader, obj.backoff, `${path}.backoff`, { type: 'constant', delayMs: 0 }),
      };
    case 'breaker':
      return {
        type,
        handle: handle(),
        breaker: readBreaker(reader, obj.breaker, `${path}.breaker`),
        halfOpenAfter:
          typeof obj.halfOpenAfter === 'number' || obj.halfOpenAfter === undefined
            ? { type: 'constant', delayMs: reader.number(obj, 'halfOpenAfter', path, 10_000, { min: 0, max: 86_400_000 }) }
            : readBaseBackoff(reader, obj.halfOpenAfter, `${path}.halfOpenAfter`, undefined),
      };
    case 'bulkhead':
      return {
        type,
        limit: reader.number(obj, 'limit', path, undefined, { integer: true, min: 1, max: 1_000_000 }),
        queue: reader.number(obj, 'queue', path, 0, { integer: true, min: 0, max: 10_000_000 }),
      };
    case 'timeout':
      return {
        type,
        timeoutMs: reader.number(obj, 'timeoutMs', path, undefined, { min: 0, max: 86_400_000 }),
        strategy: reader.choice(obj, 'strategy', path, ['cooperative', 'aggressive'] as const, 'cooperative'),
        abortOnReturn: reader.boolean(obj, 'abortOnReturn', path, true),
      };
    case 'fallback':
      return { type, handle: handle() };
  }
}

function readBackoff(reader: Reader, input: unknown, path: string, fallback: Backoff | undefined): Backoff {
  const obj = input === undefined ? undefined : reader.object(input, path);
  if (obj?.type !== 'retryAfter') return readBaseBackoff(reader, input, path, fallback as BaseBackoff | undefined);
  return {
    type: 'retryAfter',
    fallback: readBaseBackoff(reader, obj.fallback, `${path}.fallback`, { type: 'exponential', jitter: 'decorrelated', initialDelayMs: 128, maxDelayMs: 30_000, exponent: 2 }),
  };
}

function readBaseBackoff(reader: Reader, input: unknown, path: string, fallback: BaseBackoff | undefined): BaseBackoff {
  if (input === undefined && fallback) return fallback;
  const obj = reader.object(input, path) ?? {};
  const type = reader.choice(obj, 'type', path, ['constant', 'exponential'] as const, undefined);
  if (type === 'constant') return { type, delayMs: reader.number(obj, 'delayMs', path, undefined, { min: 0, max: 86_400_000 }) };
  const initialDelayMs = reader.number(obj, 'initialDelayMs', path, 128, { min: 0, max: 86_400_000 });
  return {
    type,
    jitter: reader.choice(obj, 'jitter', path, ['none', 'full', 'half', 'decorrelated'] as const, 'decorrelated'),
    initialDelayMs,
    maxDelayMs: reader.number(obj, 'maxDelayMs', path, 30_000, { min: initialDelayMs, max: 86_400_000 }),
    exponent: reader.number(obj, 'exponent', path, 2, { above: 0, max: 100 }),
  };
}

function readBreaker(reader: Reader, input: unknown, path: string): BreakerKind {
  const obj = reader.object(input ?? {}, path) ?? {};
  const type = reader.choice(obj, 'type', path, ['consecutive', 'count', 'sampling'] as const, 'consecutive');
  switch (type) {
    case 'consecutive':
      return { type, threshold: reader.number(obj, 'threshold', path, 5, { integer: true, min: 1, max: 1_000_000 }) };
    case 'count': {
      const size = reader.number(obj, 'size', path, undefined, { integer: true, min: 1, max: 1_000_000 });
      return {
        type,
        threshold: reader.number(obj, 'threshold', path, undefined, { above: 0, below: 1 }),
        size,
        minimumNumberOfCalls: reader.number(obj, 'minimumNumberOfCalls', path, size, { integer: true, min: 1, max: size }),
      };
    }
    case 'sampling':
      return {
        type,
        threshold: reader.number(obj, 'threshold', path, undefined, { above: 0, below: 1 }),
        durationMs: reader.number(obj, 'durationMs', path, undefined, { min: 1, max: 86_400_000 }),
        minimumRps:
          obj.minimumRps === undefined || obj.minimumRps === null
            ? null
            : reader.number(obj, 'minimumRps', path, undefined, { above: 0, max: 1_000_000 }),
      };
  }
}
