/**
 * Collects what happens during a run into per-second counters and per-request arrays,
 * then turns them into a `SimulationResult`. Counting is O(1) per event; sorting for
 * percentiles happens once at the end.
 */
import { FAILURE_NAMES, Outcome, OUTCOME_NAMES, type OutcomeName, type Scenario } from './model';
import { BreakerState, type StageEvents } from './policies/stage';
import type { Percentiles, SimulationResult } from './result';
import { CLOCK_ORIGIN, type Scheduler } from './scheduler';

const OUTCOME_COUNT = OUTCOME_NAMES.length;
/** A phase counts as recovered from once goodput is back within this of the baseline. */
const RECOVERY_TOLERANCE = 0.05;

export class Recorder implements StageEvents {
  readonly seconds: number;
  private readonly offered: Int32Array;
  private readonly outcomes: Int32Array;
  private readonly downstream: Int32Array;
  private readonly retries: Int32Array;
  private readonly shortCircuited: Int32Array;
  private readonly bulkheadRejected: Int32Array;
  private timeoutsFired = 0;
  private orphanedWork = 0;
  private readonly breakerTimeline: [number, number][] = [];
  private count = 0;
  private start: Float64Array;
  private end: Float64Array;
  private outcome: Uint8Array;
  private attempts: Uint16Array;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly horizonMs: number,
    expectedRequests: number,
  ) {
    const seconds = (this.seconds = Math.max(1, Math.ceil(horizonMs / 1000)));
    this.offered = new Int32Array(seconds);
    this.outcomes = new Int32Array(seconds * OUTCOME_COUNT);
    this.downstream = new Int32Array(seconds);
    this.retries = new Int32Array(seconds);
    this.shortCircuited = new Int32Array(seconds);
    this.bulkheadRejected = new Int32Array(seconds);
    const capacity = Math.max(16, Math.ceil(expectedRequests));
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.outcome = new Uint8Array(capacity);
    this.attempts = new Uint16Array(capacity);
  }

  private second(): number {
    const s = Math.floor((this.scheduler.now - CLOCK_ORIGIN) / 1000);
    return s < this.seconds ? s : this.seconds - 1;
  }

  /** Registers request `id` (ids are dense and issued in order). */
  requestStarted(id: number): void {
    if (id >= this.start.length) this.grow(id + 1);
    this.count = id + 1;
    this.start[id] = this.scheduler.now - CLOCK_ORIGIN;
    this.outcome[id] = Outcome.pending;
    this.offered[this.second()]++;
  }

  requestEnded(id: number, code: number): void {
    this.end[id] = this.scheduler.now - CLOCK_ORIGIN;
    this.outcome[id] = code;
    this.outcomes[this.second() * OUTCOME_COUNT + code]++;
  }

  attemptStarted(id: number): void {
    if (this.attempts[id] < 65535) this.attempts[id]++;
    this.downstream[this.second()]++;
  }

  retry(): void {
    this.retries[this.second()]++;
  }
  shortCircuit(): void {
    this.shortCircuited[this.second()]++;
  }
  bulkheadReject(): void {
    this.bulkheadRejected[this.second()]++;
  }
  timeoutFired(): void {
    this.timeoutsFired++;
  }
  orphaned(): void {
    this.orphanedWork++;
  }
  breakerState(breaker: number, state: BreakerState): void {
    if (breaker === 0) this.breakerTimeline.push([this.scheduler.now - CLOCK_ORIGIN, state]);
  }

  private grow(minimum: number): void {
    const capacity = Math.max(minimum, this.start.length * 2);
    const grow = <T extends Float64Array | Uint8Array | Uint16Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.start = grow(this.start, (n) => new Float64Array(n));
    this.end = grow(this.end, (n) => new Float64Array(n));
    this.outcome = grow(this.outcome, (n) => new Uint8Array(n));
    this.attempts = grow(this.attempts, (n) => new Uint16Array(n));
  }

  finish(scenario: Scenario, events: number, dependencyMaxQueue: number, keepRequests: boolean): SimulationResult {
    const seconds = this.seconds;
    const n = this.count;
    const perSecond = (code: number): number[] => {
      const out = new Array<number>(seconds);
      for (let s = 0; s < seconds; s++) out[s] = this.outcomes[s * OUTCOME_COUNT + code];
      return out;
    };
    const byOutcome = {} as Record<OutcomeName, number>;
    for (const name of OUTCOME_NAMES) byOutcome[name] = 0;
    const histogram: number[] = [];
    let downstreamAttempts = 0;
    for (let i = 0; i < n; i++) {
      byOutcome[OUTCOME_NAMES[this.outcome[i]]]++;
      const a = this.attempts[i];
      downstreamAttempts += a;
      while (histogram.length <= a) histogram.push(0);
      histogram[a]++;
    }
    const failed = {} as SimulationResult['series']['failed'];
    for (const name of FAILURE_NAMES) if (name !== 'pending') failed[name] = perSecond(Outcome[name]);
    const { all, succeeded, p50, p95, p99 } = this.latencies();
    const [breakerOpen, breakerHalfOpen] = this.breakerFractions();
    const sum = (array: Int32Array): number => array.reduce((a, b) => a + b, 0);
    const failures = n - byOutcome.success - byOutcome.fallback;
    const result: SimulationResult = {
      scenario,
      horizonMs: this.horizonMs,
      series: {
        offered: Array.from(this.offered),
        succeeded: perSecond(Outcome.success),
        fallback: perSecond(Outcome.fallback),
        failed,
        shortCircuited: Array.from(this.shortCircuited),
        bulkheadRejected: Array.from(this.bulkheadRejected),
        downstream: Array.from(this.downstream),
        retries: Array.from(this.retries),
        breakerOpen,
        breakerHalfOpen,
        p50,
        p95,
        p99,
      },
      totals: {
        requests: n,
        succeeded: byOutcome.success,
        fallback: byOutcome.fallback,
        failed: failures,
        byOutcome,
        downstreamAttempts,
        retries: sum(this.retries),
        shortCircuited: sum(this.shortCircuited),
        bulkheadRejected: sum(this.bulkheadRejected),
        timeoutsFired: this.timeoutsFired,
        orphanedWork: this.orphanedWork,
        breakerOpens: this.breakerTimeline.filter(([, state]) => state === BreakerState.open).length,
        dependencyMaxQueue,
      },
      successRate: n === 0 ? 1 : (byOutcome.success + byOutcome.fallback) / n,
      amplification: n === 0 ? 0 : downstreamAttempts / n,
      latency: { all, succeeded },
      attemptsHistogram: histogram,
      recovery: this.recovery(scenario),
      breakerTimeline: this.breakerTimeline,
      events,
    };
    if (keepRequests) {
      result.requests = {
        startMs: this.start.slice(0, n),
        endMs: this.end.slice(0, n),
        outcome: this.outcome.slice(0, n),
        attempts: this.attempts.slice(0, n),
      };
    }
    return result;
  }

  /** Overall and per-second percentiles from log-bucketed histograms: O(1) per request, no sorting. */
  private latencies(): {
    all: Percentiles | null;
    succeeded: Percentiles | null;
    p50: (number | null)[];
    p95: (number | null)[];
    p99: (number | null)[];
  } {
    const seconds = this.seconds;
    const all = new LatencyHistogram();
    const succeeded = new LatencyHistogram();
    const bySecond: (LatencyHistogram | undefined)[] = new Array(seconds);
    for (let i = 0; i < this.count; i++) {
      const code = this.outcome[i];
      if (code === Outcome.pending) continue;
      const latency = this.end[i] - this.start[i];
      const bucket = bucketOf(latency);
      all.add(bucket, latency);
      if (code === Outcome.success) succeeded.add(bucket, latency);
      const s = Math.min(seconds - 1, Math.floor(this.end[i] / 1000));
      (bySecond[s] ??= new LatencyHistogram()).add(bucket, latency);
    }
    const p50: (number | null)[] = [];
    const p95: (number | null)[] = [];
    const p99: (number | null)[] = [];
    for (let s = 0; s < seconds; s++) {
      const histogram = bySecond[s];
      p50.push(histogram ? histogram.quantile(0.5) : null);
      p95.push(histogram ? histogram.quantile(0.95) : null);
      p99.push(histogram ? histogram.quantile(0.99) : null);
    }
    return { all: all.percentiles(), succeeded: succeeded.percentiles(), p50, p95, p99 };
  }

  private breakerFractions(): [number[], number[]] {
    const open = new Array<number>(this.seconds).fill(0);
    const halfOpen = new Array<number>(this.seconds).fill(0);
    const timeline = this.breakerTimeline;
    for (let i = 0; i < timeline.length; i++) {
      const [from, state] = timeline[i];
      if (state === BreakerState.closed) continue;
      const to = i + 1 < timeline.length ? timeline[i + 1][0] : this.horizonMs;
      const target = state === BreakerState.open ? open : halfOpen;
      for (let s = Math.floor(from / 1000); s < this.seconds && s * 1000 < to; s++) {
        const overlap = Math.min(to, (s + 1) * 1000) - Math.max(from, s * 1000);
        if (overlap > 0) target[s] += overlap / 1000;
      }
    }
    return [open, halfOpen];
  }

  /** Goodput by arrival second, against the goodput before the first phase began. */
  private recovery(scenario: Scenario): SimulationResult['recovery'] {
    const phases = scenario.dependency.phases;
    if (phases.length === 0) return [];
    const seconds = Math.ceil(scenario.durationMs / 1000);
    const arrivals = new Int32Array(seconds);
    const good = new Int32Array(seconds);
    for (let i = 0; i < this.count; i++) {
      const s = Math.floor(this.start[i] / 1000);
      if (s >= seconds) continue;
      arrivals[s]++;
      if (this.outcome[i] === Outcome.success) good[s]++;
    }
    const firstStart = Math.min(...phases.map((phase) => phase.startMs));
    let baseArrivals = 0;
    let baseGood = 0;
    for (let s = 0; (s + 1) * 1000 <= firstStart && s < seconds; s++) {
      baseArrivals += arrivals[s];
      baseGood += good[s];
    }
    const failures = scenario.dependency.failures;
    const baseline =
      baseArrivals > 0
        ? baseGood / baseArrivals
        : 1 - (failures.network + failures.hang + failures.http429 + failures.http5xx + failures.http4xx);
    const healthy = (s: number): boolean => arrivals[s] > 0 && good[s] / arrivals[s] >= baseline - RECOVERY_TOLERANCE;
    return phases.map((phase, index) => {
      for (let s = Math.ceil(phase.endMs / 1000); s < seconds; s++) {
        if (healthy(s) && (s + 1 >= seconds || healthy(s + 1))) {
          return { phase: index, endMs: phase.endMs, recoveredAfterMs: s * 1000 - phase.endMs };
        }
      }
      return { phase: index, endMs: phase.endMs, recoveredAfterMs: null };
    });
  }
}

/** Latencies are bucketed on a log scale 1% wide from 0.01 ms, so a reported percentile is within 0.5% of the exact one. */
const BUCKET_RATIO = 1.01;
const LOG_RATIO = Math.log(BUCKET_RATIO);
const SMALLEST_MS = 0.01;
/** Enough buckets for the longest possible run (an hour plus drain). */
const BUCKETS = 2 + Math.ceil(Math.log(5_000_000 / SMALLEST_MS) / LOG_RATIO);

function bucketOf(latency: number): number {
  if (latency < SMALLEST_MS) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(latency / SMALLEST_MS) / LOG_RATIO));
}

/** The middle of a bucket (geometric), clamped to what was actually seen. */
function bucketValue(bucket: number): number {
  return bucket === 0 ? 0 : SMALLEST_MS * Math.pow(BUCKET_RATIO, bucket - 0.5);
}

class LatencyHistogram {
  private readonly counts = new Int32Array(BUCKETS);
  private total = 0;
  private min = Infinity;
  private max = -Infinity;

  add(bucket: number, latency: number): void {
    this.counts[bucket]++;
    this.total++;
    if (latency < this.min) this.min = latency;
    if (latency > this.max) this.max = latency;
  }

  /** Nearest-rank quantile. */
  quantile(q: number): number {
    const target = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket];
      if (seen >= target) return Math.min(this.max, Math.max(this.min, bucketValue(bucket)));
    }
    return this.max;
  }

  percentiles(): Percentiles | null {
    if (this.total === 0) return null;
    return { p50: this.quantile(0.5), p95: this.quantile(0.95), p99: this.quantile(0.99), max: this.max };
  }
}
