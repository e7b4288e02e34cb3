import type { OutcomeName, Scenario } from './model';

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Everything one run produces. Plain data: it crosses worker boundaries and prints as JSON. */
export interface SimulationResult {
  scenario: Scenario;
  /** Length of the simulated run, arrivals plus drain. */
  horizonMs: number;
  /** Per-second series, index = second since the start. */
  series: {
    offered: number[];
    succeeded: number[];
    fallback: number[];
    /** Requests that ended in each failure kind, by the second they ended. */
    failed: Record<Exclude<OutcomeName, 'success' | 'fallback' | 'pending'>, number[]>;
    shortCircuited: number[];
    bulkheadRejected: number[];
    /** Attempts that reached the dependency. */
    downstream: number[];
    retries: number[];
    /** Fraction of each second the first breaker spent open / half-open. */
    breakerOpen: number[];
    breakerHalfOpen: number[];
    /** End-to-end latency of requests that finished in each second (null when none did). */
    p50: (number | null)[];
    p95: (number | null)[];
    p99: (number | null)[];
  };
  totals: {
    requests: number;
    succeeded: number;
    fallback: number;
    failed: number;
    byOutcome: Record<OutcomeName, number>;
    downstreamAttempts: number;
    retries: number;
    shortCircuited: number;
    bulkheadRejected: number;
    timeoutsFired: number;
    orphanedWork: number;
    breakerOpens: number;
    /** Longest the dependency's queue got (capacity models only). */
    dependencyMaxQueue: number;
  };
  /** Success rate as the caller sees it: succeeded plus fallback, over requests. */
  successRate: number;
  /** Downstream attempts per request. */
  amplification: number;
  latency: { all: Percentiles | null; succeeded: Percentiles | null };
  /** attemptsHistogram[n] = requests that reached the dependency n times. */
  attemptsHistogram: number[];
  /** For each phase: how long after it ended the goodput was back to its baseline (null: not within the run). */
  recovery: { phase: number; endMs: number; recoveredAfterMs: number | null }[];
  /** State changes of the first breaker: [ms since start, 0 closed | 1 open | 2 half-open]. */
  breakerTimeline: [number, number][];
  events: number;
  /** Per-request detail, only when asked for (tests, the differential suite). */
  requests?: { startMs: Float64Array; endMs: Float64Array; outcome: Uint8Array; attempts: Uint16Array };
}
