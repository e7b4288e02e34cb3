/**
 * Runs a scenario through the real cockatiel package instead of the engine's policies.
 * The load and the dependency are the engine's own (shared code), and the engine's virtual
 * clock is installed as the global `setTimeout`/`clearTimeout`/`Date.now`/`performance.now`,
 * with `Math.random` seeded as the engine seeds its jitter stream. After every timer the
 * harness lets all microtasks settle, so promise chains finish at the virtual instant they
 * belong to.
 */
import {
  bulkhead,
  circuitBreaker,
  ConsecutiveBreaker,
  ConstantBackoff,
  DelegateBackoff,
  CountBreaker,
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  fallback,
  fullJitterGenerator,
  halfJitterGenerator,
  handleAll,
  handleWhen,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  noJitterGenerator,
  retry,
  SamplingBreaker,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  type IDefaultPolicyContext,
  type IPolicy,
} from 'cockatiel';
import { setMaxListeners } from 'node:events';
import { DependencyServer } from '../../src/simulator/dependency';
import { jitterSeed } from '../../src/simulator/engine';
import { startLoad } from '../../src/simulator/load';
import { isTransient, Outcome, type Backoff, type PolicyLayer, type Scenario } from '../../src/simulator/model';
import { Prng } from '../../src/simulator/random';
import { CLOCK_ORIGIN, Scheduler } from '../../src/simulator/scheduler';

class SimError extends Error {
  constructor(readonly code: number) {
    super(`simulated failure ${code}`);
  }
}

const FALLBACK_VALUE = Symbol('fallback');

export interface HarnessResult {
  startMs: Float64Array;
  endMs: Float64Array;
  outcome: Uint8Array;
  attempts: Uint16Array;
  retries: number;
  /** State changes of the first breaker, as cockatiel's `onStateChange` reports them. */
  breakerTimeline: [number, number][];
}

function codeOf(error: unknown): number {
  if (error instanceof SimError) return error.code;
  if (isBrokenCircuitError(error)) return Outcome.circuitOpen;
  if (isBulkheadRejectedError(error)) return Outcome.bulkheadRejected;
  // Not cockatiel's isTaskCancelledError: in 3.2.1 it tests for 'isBulkheadRejectedError'.
  if (error instanceof TaskCancelledError) return error.message.startsWith('Operation timed out') ? Outcome.timeout : Outcome.cancelled;
  throw error;
}

/** A Retry-After-aware backoff as users write it with cockatiel: a DelegateBackoff around a fallback. */
function retryAfterBackoff(fallback: IBackoffFactory<unknown>, retryAfterMs: number | null): IBackoffFactory<IRetryBackoffContext<unknown>> {
  return new DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<IRetryBackoffContext<unknown>> | undefined>((context, state) => {
    const error = 'error' in context.result ? context.result.error : undefined;
    if (retryAfterMs !== null && error instanceof SimError && error.code === Outcome.http429) return { delay: retryAfterMs, state };
    const next = state ? state.next(context) : (fallback as IBackoffFactory<IRetryBackoffContext<unknown>>).next(context);
    return { delay: next.duration, state: next };
  });
}

function backoffOf(spec: Backoff, retryAfterMs: number | null = null): IBackoffFactory<unknown> {
  if (spec.type === 'retryAfter') return retryAfterBackoff(backoffOf(spec.fallback), retryAfterMs) as IBackoffFactory<unknown>;
  if (spec.type === 'constant') return new ConstantBackoff(spec.delayMs);
  const options = { initialDelay: spec.initialDelayMs, maxDelay: spec.maxDelayMs, exponent: spec.exponent };
  switch (spec.jitter) {
    case 'none':
      return new ExponentialBackoff({ ...options, generator: noJitterGenerator });
    case 'full':
      return new ExponentialBackoff({ ...options, generator: fullJitterGenerator });
    case 'half':
      return new ExponentialBackoff({ ...options, generator: halfJitterGenerator });
    case 'decorrelated':
      return new ExponentialBackoff({ ...options, generator: decorrelatedJitterGenerator });
  }
}

function policyOf(layer: PolicyLayer, onRetry: () => void, retryAfterMs: number | null): IPolicy<IDefaultPolicyContext, unknown> {
  const filter = (handle: 'all' | 'transient') => (handle === 'all' ? handleAll : handleWhen((error) => isTransient(codeOf(error))));
  switch (layer.type) {
    case 'retry': {
      const policy = retry(filter(layer.handle), { maxAttempts: layer.maxAttempts ?? undefined, backoff: backoffOf(layer.backoff, retryAfterMs) });
      policy.onRetry(onRetry);
      return policy;
    }
    case 'breaker': {
      const kind = layer.breaker;
      const breaker =
        kind.type === 'consecutive'
          ? new ConsecutiveBreaker(kind.threshold)
          : kind.type === 'count'
            ? new CountBreaker({ threshold: kind.threshold, size: kind.size, minimumNumberOfCalls: kind.minimumNumberOfCalls })
            : new SamplingBreaker({ threshold: kind.threshold, duration: kind.durationMs, minimumRps: kind.minimumRps ?? undefined });
      const halfOpenAfter = layer.halfOpenAfter.type === 'constant' ? layer.halfOpenAfter.delayMs : backoffOf(layer.halfOpenAfter);
      return circuitBreaker(filter(layer.handle), { halfOpenAfter, breaker });
    }
    case 'bulkhead':
      return bulkhead(layer.limit, layer.queue);
    case 'timeout':
      return timeout(layer.timeoutMs, {
        strategy: layer.strategy === 'cooperative' ? TimeoutStrategy.Cooperative : TimeoutStrategy.Aggressive,
        abortOnReturn: layer.abortOnReturn,
      });
    case 'fallback':
      return fallback(filter(layer.handle), () => FALLBACK_VALUE);
  }
}

interface VirtualTimeout {
  timer: ReturnType<Scheduler['at']>;
  unref(): VirtualTimeout;
  ref(): VirtualTimeout;
  hasRef(): boolean;
}

/** Replaces the clock and `Math.random` for the duration of `run`, then puts the real ones back. */
async function withVirtualTime<T>(scheduler: Scheduler, random: Prng, run: () => Promise<T>): Promise<T> {
  const real = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    dateNow: Date.now,
    performanceNow: performance.now,
    random: Math.random,
  };
  const virtualSetTimeout = (callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]): VirtualTimeout => {
    const handle: VirtualTimeout = {
      timer: scheduler.at(scheduler.now + Math.max(0, Number(delay) || 0), () => callback(...args)),
      unref: () => handle,
      ref: () => handle,
      hasRef: () => true,
    };
    return handle;
  };
  globalThis.setTimeout = virtualSetTimeout as unknown as typeof setTimeout;
  globalThis.clearTimeout = ((handle: VirtualTimeout | undefined) => {
    if (handle?.timer) scheduler.cancel(handle.timer);
  }) as typeof clearTimeout;
  Date.now = () => scheduler.now;
  performance.now = () => scheduler.now;
  Math.random = () => random.next();
  try {
    return await run();
  } finally {
    globalThis.setTimeout = real.setTimeout;
    globalThis.clearTimeout = real.clearTimeout;
    Date.now = real.dateNow;
    performance.now = real.performanceNow;
    Math.random = real.random;
  }
}

/**
 * cockatiel runs every signal-less execution under one shared `neverAbortedSignal`, and each
 * timeout adds (then removes) an abort listener to it; with more than ten concurrent calls
 * Node warns about a leak that is not one. Fetch that signal once and lift its limit.
 */
let neverAbortedSignalPrepared = false;
async function prepareNeverAbortedSignal(): Promise<void> {
  if (neverAbortedSignalPrepared) return;
  const signal = await retry(handleAll, { maxAttempts: 0 }).execute((context) => context.signal);
  setMaxListeners(0, signal);
  neverAbortedSignalPrepared = true;
}

export async function runWithCockatiel(scenario: Scenario): Promise<HarnessResult> {
  await prepareNeverAbortedSignal();
  const scheduler = new Scheduler();
  const random = new Prng(jitterSeed(scenario.seed));
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  let retries = 0;
  const policies = scenario.policy.map((layer) => policyOf(layer, () => retries++, scenario.dependency.retryAfterMs));
  const breakerTimeline: [number, number][] = [];
  const firstBreaker = policies.find((_, i) => scenario.policy[i].type === 'breaker') as
    | { onStateChange(listener: (state: number) => void): void }
    | undefined;
  firstBreaker?.onStateChange((state) => breakerTimeline.push([scheduler.now - CLOCK_ORIGIN, state]));
  const policy = policies.length === 0 ? undefined : policies.length === 1 ? policies[0] : wrap(...policies);

  const starts: number[] = [];
  const ends: number[] = [];
  const outcomes: number[] = [];
  const attempts: number[] = [];
  const server = new DependencyServer(scenario.dependency, scheduler, scenario.seed);
  const passesSignal = scenario.passesSignal;

  const callFor = (id: number) => {
    let attempt = 0;
    return ({ signal }: { signal: AbortSignal }): Promise<string> =>
      new Promise((resolve, reject) => {
        if (passesSignal && signal.aborted) return reject(new SimError(Outcome.timeout));
        attempts[id]++;
        let pending = true;
        const onAbort = (): void => {
          if (!pending) return;
          pending = false;
          reject(new SimError(Outcome.timeout));
        };
        server.request(id, attempt++, (code) => {
          if (!pending) return;
          pending = false;
          if (passesSignal) signal.removeEventListener('abort', onAbort);
          if (code === Outcome.success) resolve('ok');
          else reject(new SimError(code));
        });
        if (passesSignal) signal.addEventListener('abort', onAbort);
      });
  };

  await withVirtualTime(scheduler, random, async () => {
    startLoad(scenario.load, scenario.durationMs, scenario.seed, scheduler, (id, settled) => {
      starts[id] = scheduler.now - CLOCK_ORIGIN;
      ends[id] = 0;
      outcomes[id] = Outcome.pending;
      attempts[id] = 0;
      const call = callFor(id);
      const execution = policy ? policy.execute(call) : call({ signal: new AbortController().signal });
      execution.then(
        (value: unknown) => {
          ends[id] = scheduler.now - CLOCK_ORIGIN;
          outcomes[id] = value === FALLBACK_VALUE ? Outcome.fallback : Outcome.success;
          settled();
        },
        (error: unknown) => {
          ends[id] = scheduler.now - CLOCK_ORIGIN;
          outcomes[id] = codeOf(error);
          settled();
        },
      );
    });
    const end = CLOCK_ORIGIN + scenario.durationMs + scenario.drainMs;
    for (let timer = scheduler.pop(end); timer; timer = scheduler.pop(end)) {
      timer.callback!();
      await settle();
    }
  });
  return {
    startMs: Float64Array.from(starts),
    endMs: Float64Array.from(ends),
    outcome: Uint8Array.from(outcomes),
    attempts: Uint16Array.from(attempts),
    retries,
    breakerTimeline,
  };
}
