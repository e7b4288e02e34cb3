/**
 * Scenarios that tell the classic stories, each with policies worth comparing. The first two
 * policies of a preset are what the panel shows as A and B.
 */
import type { PolicyLayer } from './model';

export interface PresetPolicy {
  label: string;
  policy: unknown[];
}

export interface Preset {
  id: string;
  title: string;
  /** What to look for, in one or two sentences. */
  story: string;
  /** A scenario without its policy, in the JSON form `parseScenario` reads. */
  scenario: Record<string, unknown>;
  policies: PresetPolicy[];
}

const timeout = (timeoutMs: number, strategy: 'cooperative' | 'aggressive' = 'cooperative') => ({ type: 'timeout', timeoutMs, strategy });
const jittered = (initialDelayMs = 128, maxDelayMs = 10_000) => ({ type: 'exponential', jitter: 'full', initialDelayMs, maxDelayMs });
const breaker = (threshold = 5, halfOpenAfter = 5000) => ({ type: 'breaker', handle: 'all', breaker: { type: 'consecutive', threshold }, halfOpenAfter });

export const PRESETS: Preset[] = [
  {
    id: 'outage',
    title: 'Payment API outage',
    story: 'The payment API answers 503 for 15 seconds. Retries alone quadruple the load on it while it is down and still fail; a breaker fails fast and sheds that load, at the price of a second of recovery.',
    scenario: {
      seed: 1,
      durationMs: 60_000,
      load: { type: 'open', arrivals: 'poisson', ratePerSecond: 200 },
      dependency: {
        latency: { type: 'lognormal', medianMs: 80, p99Ms: 400 },
        failures: { http5xx: 0.005 },
        phases: [{ type: 'outage', startMs: 20_000, endMs: 35_000, kind: 'http5xx' }],
      },
    },
    policies: [
      { label: 'Retry ×3', policy: [{ type: 'retry', handle: 'all', maxAttempts: 3, backoff: jittered() }, timeout(2000)] },
      { label: 'Retry + breaker', policy: [{ type: 'retry', handle: 'transient', maxAttempts: 3, backoff: jittered() }, breaker(5, 5000), timeout(2000)] },
    ],
  },
  {
    id: 'partial-failure',
    title: '30% partial failure',
    story: 'A third of requests fail for 30 seconds. Two jittered retries hide most of it; without them users see every failure.',
    scenario: {
      seed: 2,
      durationMs: 60_000,
      load: { type: 'open', arrivals: 'poisson', ratePerSecond: 200 },
      dependency: {
        latency: { type: 'lognormal', medianMs: 60, p99Ms: 300 },
        failures: { http5xx: 0.005 },
        phases: [{ type: 'partial', startMs: 15_000, endMs: 45_000, failureRate: 0.3, kind: 'http5xx' }],
      },
    },
    policies: [
      { label: 'Timeout only', policy: [timeout(2000)] },
      { label: 'Retry ×2, jittered', policy: [{ type: 'retry', handle: 'transient', maxAttempts: 2, backoff: jittered(100) }, timeout(2000)] },
    ],
  },
  {
    id: 'latency-spike',
    title: 'Latency spike',
    story: 'The dependency slows down tenfold for 15 seconds. A tight timeout with immediate retries multiplies the slow work; a looser timeout rides it out.',
    scenario: {
      seed: 3,
      durationMs: 60_000,
      load: { type: 'open', arrivals: 'poisson', ratePerSecond: 150 },
      dependency: {
        latency: { type: 'lognormal', medianMs: 50, p99Ms: 250 },
        failures: {},
        capacity: { concurrency: 100, queue: 200 },
        phases: [{ type: 'latency', startMs: 20_000, endMs: 35_000, multiplier: 10 }],
      },
    },
    policies: [
      { label: 'Timeout 200 ms, retry ×3 at once', policy: [{ type: 'retry', handle: 'all', maxAttempts: 3, backoff: { type: 'constant', delayMs: 0 } }, timeout(200)] },
      { label: 'Timeout 2 s, retry ×1 jittered', policy: [{ type: 'retry', handle: 'transient', maxAttempts: 1, backoff: jittered(200) }, timeout(2000)] },
    ],
  },
  {
    id: 'flapping',
    title: 'Flapping dependency',
    story: 'The dependency goes down for 2 of every 4 seconds. A breaker with a short half-open interval follows it; fixed retries pile onto every down period.',
    scenario: {
      seed: 4,
      durationMs: 60_000,
      load: { type: 'open', arrivals: 'poisson', ratePerSecond: 150 },
      dependency: {
        latency: { type: 'lognormal', medianMs: 40, p99Ms: 200 },
        failures: {},
        phases: [{ type: 'flapping', startMs: 10_000, endMs: 50_000, periodMs: 4000, kind: 'network' }],
      },
    },
    policies: [
      { label: 'Retry ×3, fixed 100 ms', policy: [{ type: 'retry', handle: 'all', maxAttempts: 3, backoff: { type: 'constant', delayMs: 100 } }, timeout(1000)] },
      { label: 'Breaker + retry', policy: [{ type: 'retry', handle: 'transient', maxAttempts: 2, backoff: jittered(200) }, breaker(5, 1000), timeout(1000)] },
    ],
  },
  {
    id: 'retry-storm',
    title: 'Retry storm on an overloaded service',
    story:
      'The service runs at 75% of capacity when its capacity halves for 5 seconds. Immediate retries with a tight timeout keep it overloaded long after (a metastable failure); a breaker and jittered backoff let it recover.',
    scenario: {
      seed: 5,
      durationMs: 60_000,
      load: { type: 'open', arrivals: 'poisson', ratePerSecond: 300 },
      dependency: {
        latency: { type: 'lognormal', medianMs: 40, p99Ms: 100 },
        failures: {},
        capacity: { concurrency: 16, queue: 400 },
        phases: [{ type: 'capacity', startMs: 15_000, endMs: 20_000, factor: 0.5 }],
      },
    },
    policies: [
      { label: 'Retry ×3 at once, timeout 250 ms', policy: [{ type: 'retry', handle: 'all', maxAttempts: 3, backoff: { type: 'constant', delayMs: 0 } }, timeout(250)] },
      { label: 'Breaker + jittered retry', policy: [{ type: 'retry', handle: 'transient', maxAttempts: 2, backoff: jittered(200) }, breaker(10, 2000), timeout(250)] },
    ],
  },
  {
    id: 'thundering-herd',
    title: 'Thundering herd after recovery',
    story: '300 clients lose the dependency for 10 seconds. Retrying on a fixed schedule brings them back in synchronised waves that overflow its queue; full jitter spreads them out.',
    scenario: {
      seed: 6,
      durationMs: 40_000,
      load: { type: 'closed', clients: 300, thinkTimeMs: 2000 },
      dependency: {
        latency: { type: 'lognormal', medianMs: 30, p99Ms: 120 },
        failures: {},
        capacity: { concurrency: 8, queue: 40 },
        phases: [{ type: 'outage', startMs: 10_000, endMs: 20_000, kind: 'network' }],
      },
    },
    policies: [
      { label: 'Retry every second', policy: [{ type: 'retry', handle: 'all', maxAttempts: 20, backoff: { type: 'constant', delayMs: 1000 } }, timeout(1000)] },
      { label: 'Exponential, full jitter', policy: [{ type: 'retry', handle: 'all', maxAttempts: 20, backoff: jittered(250, 4000) }, timeout(1000)] },
    ],
  },
  {
    id: 'retry-strategies',
    title: 'Immediate vs fixed vs exponential vs jittered retries',
    story: 'One outage, four ways to retry. Compare downstream load (amplification) against what users get.',
    scenario: {
      seed: 7,
      durationMs: 40_000,
      load: { type: 'open', arrivals: 'poisson', ratePerSecond: 200 },
      dependency: {
        latency: { type: 'lognormal', medianMs: 50, p99Ms: 250 },
        failures: { http5xx: 0.01 },
        phases: [{ type: 'outage', startMs: 10_000, endMs: 20_000, kind: 'http5xx' }],
      },
    },
    policies: [
      { label: 'Immediate', policy: [{ type: 'retry', handle: 'all', maxAttempts: 5, backoff: { type: 'constant', delayMs: 0 } }, timeout(1000)] },
      { label: 'Exponential, full jitter', policy: [{ type: 'retry', handle: 'all', maxAttempts: 5, backoff: jittered(100) }, timeout(1000)] },
      { label: 'Fixed 200 ms', policy: [{ type: 'retry', handle: 'all', maxAttempts: 5, backoff: { type: 'constant', delayMs: 200 } }, timeout(1000)] },
      { label: 'Exponential, no jitter', policy: [{ type: 'retry', handle: 'all', maxAttempts: 5, backoff: { type: 'exponential', jitter: 'none', initialDelayMs: 100, maxDelayMs: 10_000 } }, timeout(1000)] },
    ],
  },
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** The preset's scenario with one of its policies (or any policy) in place, ready for `parseScenario`. */
export function presetScenario(preset: Preset, policy: unknown[] | PolicyLayer[] = preset.policies[0].policy): Record<string, unknown> {
  return { ...preset.scenario, policy };
}
