/**
 * The simulator's vocabulary: what a scenario is made of and how outcomes are coded.
 * Everything here is plain data so a scenario can cross a worker boundary, live in a
 * webview's saved state, or be read from a JSON file.
 */

/** How a request (or one attempt) ended. Codes are small integers so hot paths and typed arrays stay cheap. */
export const Outcome = {
  success: 0,
  /** The caller got the fallback policy's value instead of the dependency's. */
  fallback: 1,
  network: 2,
  http429: 3,
  http5xx: 4,
  http4xx: 5,
  /** The dependency was at capacity and refused the request (a fast 503). */
  overloaded: 6,
  /** A timeout policy gave up: the request was aborted or a `TaskCancelledError` was thrown. */
  timeout: 7,
  /** cockatiel's `BrokenCircuitError`: the breaker was open and the call never ran. */
  circuitOpen: 8,
  /** cockatiel's `BulkheadRejectedError`: no execution slot and no queue slot. */
  bulkheadRejected: 9,
  /** cockatiel's `TaskCancelledError` for a call whose signal was already aborted. */
  cancelled: 10,
  /** Still running when the simulation ended (a hang no timeout catches). */
  pending: 11,
} as const;
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];
export type OutcomeName = keyof typeof Outcome;
export const OUTCOME_NAMES = Object.keys(Outcome) as OutcomeName[];
export const FAILURE_NAMES = OUTCOME_NAMES.filter((name) => Outcome[name] > Outcome.fallback) as Exclude<OutcomeName, 'success' | 'fallback'>[];

export function isOk(code: number): boolean {
  return code <= Outcome.fallback;
}

/** Errors a transient-only filter handles: the ones a later attempt can get past. */
export function isTransient(code: number): boolean {
  return (
    code === Outcome.network ||
    code === Outcome.http429 ||
    code === Outcome.http5xx ||
    code === Outcome.overloaded ||
    code === Outcome.timeout
  );
}

/**
 * Which failures a policy handles. `all` is cockatiel's `handleAll` (which also handles
 * `BrokenCircuitError` and `BulkheadRejectedError`); `transient` is
 * `handleWhen(isRetryableError)` as Breakwater's quick-fixes write it.
 */
export type Handle = 'all' | 'transient';

export function handles(filter: Handle, code: number): boolean {
  return filter === 'all' ? code > Outcome.fallback : isTransient(code);
}

export type Backoff =
  | BaseBackoff
  /** Waits what a 429's Retry-After says; any other failure waits the fallback (a cockatiel DelegateBackoff). */
  | { type: 'retryAfter'; fallback: BaseBackoff };

export type BaseBackoff =
  | { type: 'constant'; delayMs: number }
  | {
      type: 'exponential';
      /** cockatiel's generators: none, full, half and decorrelated (the default). */
      jitter: 'none' | 'full' | 'half' | 'decorrelated';
      initialDelayMs: number;
      maxDelayMs: number;
      exponent: number;
    };

export type BreakerKind =
  | { type: 'consecutive'; threshold: number }
  | { type: 'count'; threshold: number; size: number; minimumNumberOfCalls: number }
  | { type: 'sampling'; threshold: number; durationMs: number; minimumRps: number | null };

export type PolicyLayer =
  | {
      type: 'retry';
      handle: Handle;
      /** Retries after the first call, as cockatiel counts them; `null` = omitted = forever. */
      maxAttempts: number | null;
      backoff: Backoff;
    }
  | { type: 'breaker'; handle: Handle; breaker: BreakerKind; halfOpenAfter: BaseBackoff }
  | { type: 'bulkhead'; limit: number; queue: number }
  | { type: 'timeout'; timeoutMs: number; strategy: 'cooperative' | 'aggressive'; abortOnReturn: boolean }
  | { type: 'fallback'; handle: Handle };
export type PolicyType = PolicyLayer['type'];

export type Latency =
  | { type: 'fixed'; ms: number }
  | { type: 'uniform'; minMs: number; maxMs: number }
  /** Lognormal with the given median and 99th percentile: a realistic long tail. */
  | { type: 'lognormal'; medianMs: number; p99Ms: number };

/** Failure kinds a dependency can produce by itself. `hang` never answers. */
export type DependencyFailure = 'network' | 'hang' | 'http429' | 'http5xx' | 'http4xx';

export type Phase =
  | { type: 'outage'; startMs: number; endMs: number; kind: 'network' | 'hang' | 'http5xx' }
  | { type: 'partial'; startMs: number; endMs: number; failureRate: number; kind: DependencyFailure }
  | { type: 'latency'; startMs: number; endMs: number; multiplier: number }
  /** Alternates down (first half of each period) and up. */
  | { type: 'flapping'; startMs: number; endMs: number; periodMs: number; kind: 'network' | 'hang' | 'http5xx' }
  /** Capacity drops to `factor` of normal: the classic trigger of a metastable failure. */
  | { type: 'capacity'; startMs: number; endMs: number; factor: number };

export interface Dependency {
  latency: Latency;
  /** Probability of each failure kind on a normal attempt (they add up to at most 1). */
  failures: Record<DependencyFailure, number>;
  /** How long a refused connection or a load balancer's 503 takes. */
  failFastMs: number;
  /** The Retry-After a 429 carries, in ms; null = none. cockatiel's own backoffs ignore it. */
  retryAfterMs: number | null;
  /** Concurrency and FIFO queue of the dependency; `null` = unlimited. */
  capacity: { concurrency: number; queue: number } | null;
  phases: Phase[];
}

export type Load =
  | {
      type: 'open';
      arrivals: 'constant' | 'poisson';
      ratePerSecond: number;
      /** Later rate changes: from `atMs` on, arrivals come at `ratePerSecond`. */
      rateChanges: { atMs: number; ratePerSecond: number }[];
    }
  | { type: 'closed'; clients: number; thinkTimeMs: number };

export interface Scenario {
  seed: number;
  /** Arrivals stop after this long. */
  durationMs: number;
  /** Extra time after the last arrival for requests in flight to finish. */
  drainMs: number;
  load: Load;
  dependency: Dependency;
  /** Whether the wrapped callback hands cockatiel's `signal` to the request, as Breakwater's quick-fixes write it. */
  passesSignal: boolean;
  /** Policies in `wrap()` order: the first is the outermost. */
  policy: PolicyLayer[];
}
