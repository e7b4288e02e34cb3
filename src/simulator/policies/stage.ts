import type { Prng } from '../random';
import type { Scheduler } from '../scheduler';
import type { SimSignal } from '../signal';

/** Receives a policy's outcome code exactly once. */
export type Done = (code: number) => void;
/** One caller's request as it travels through the chain. */
export interface SimRequest {
  readonly id: number;
  /** Attempts that have reached the dependency so far. */
  attempts: number;
}
/** Runs everything inside a policy under the given signal. */
export type Inner = (request: SimRequest, signal: SimSignal, done: Done) => void;

/**
 * One policy of a `wrap()` chain, in continuation-passing style: where cockatiel awaits a
 * promise, a stage takes a callback. Shared stages (breaker, bulkhead) keep their state
 * across requests, exactly like the cockatiel policy objects they model.
 */
export interface Stage {
  run(request: SimRequest, signal: SimSignal, inner: Inner, done: Done): void;
}

/** What stages report as it happens; the metrics recorder implements it. */
export interface StageEvents {
  retry(): void;
  shortCircuit(): void;
  bulkheadReject(): void;
  timeoutFired(): void;
  /** The dependency answered, or an aggressive timeout's callee finished, after the caller had given up. */
  orphaned(): void;
  breakerState(breaker: number, state: BreakerState): void;
}

export const BreakerState = { closed: 0, open: 1, halfOpen: 2 } as const;
export type BreakerState = (typeof BreakerState)[keyof typeof BreakerState];

export interface StageContext {
  scheduler: Scheduler;
  /** Stands in for `Math.random()`, which cockatiel's jitter generators call. */
  random: Prng;
  events: StageEvents;
  /** The dependency's Retry-After on 429s, for backoffs that honour it. */
  retryAfterMs: number | null;
}
