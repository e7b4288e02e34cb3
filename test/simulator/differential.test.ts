/**
 * Fidelity, proven: every scenario runs through the engine and through the real cockatiel
 * package (3.2.1, under the same virtual clock, load, dependency and seeded `Math.random`).
 * Each request must end the same way, at the same virtual instant, after the same number of
 * downstream attempts; the breaker must change state at the same moments. That holds with
 * jitter too, because the engine draws jitter in the order cockatiel calls `Math.random()`;
 * the bar for jittered runs (aggregates within 2%) is checked on top.
 */
import assert from 'node:assert/strict';
import { simulate } from '../../src/simulator/engine';
import { OUTCOME_NAMES, type OutcomeName } from '../../src/simulator/model';
import { parseScenario } from '../../src/simulator/validate';
import { runWithCockatiel } from './cockatiel-harness';

const dependency = {
  latency: { type: 'lognormal', medianMs: 40, p99Ms: 300 },
  failures: { http5xx: 0.05, network: 0.02, http4xx: 0.02, hang: 0.01 },
  phases: [{ type: 'outage', startMs: 5000, endMs: 9000 }],
};
const base = { seed: 3, durationMs: 15_000, drainMs: 5000, load: { type: 'open', arrivals: 'poisson', ratePerSecond: 100 }, dependency };

interface Case {
  name: string;
  scenario: Record<string, unknown>;
  /** Outcomes the scenario must produce at least once, so a case cannot pass by exercising nothing. */
  exercises: OutcomeName[];
  jitter?: boolean;
}

const retry = (extra: Record<string, unknown> = {}) => ({ type: 'retry', maxAttempts: 3, backoff: { type: 'constant', delayMs: 100 }, ...extra });
const consecutive = (extra: Record<string, unknown> = {}) => ({ type: 'breaker', breaker: { type: 'consecutive', threshold: 5 }, halfOpenAfter: 1000, ...extra });
const cooperative = (timeoutMs: number) => ({ type: 'timeout', timeoutMs, strategy: 'cooperative' });
const aggressive = (timeoutMs: number) => ({ type: 'timeout', timeoutMs, strategy: 'aggressive' });
const exponential = (jitter: string) => ({ type: 'exponential', jitter });

const cases: Case[] = [
  { name: 'no policy at all: hangs stay pending', scenario: { ...base, policy: [] }, exercises: ['success', 'http5xx', 'pending'] },
  { name: 'constant retry inside nothing, per-attempt cooperative timeout', scenario: { ...base, policy: [retry(), cooperative(500)] }, exercises: ['success', 'http5xx'] },
  {
    name: 'retry (exponential, no jitter) outside a consecutive breaker',
    scenario: { ...base, policy: [retry({ backoff: exponential('none') }), consecutive(), cooperative(500)] },
    exercises: ['success', 'circuitOpen'],
  },
  {
    name: 'breaker outside a transient-only retry with full jitter, aggressive timeout',
    scenario: { ...base, policy: [{ type: 'breaker', breaker: { type: 'count', threshold: 0.3, size: 50 }, halfOpenAfter: 1000 }, retry({ handle: 'transient', maxAttempts: 2, backoff: exponential('full') }), aggressive(300)] },
    exercises: ['success', 'circuitOpen', 'http4xx'],
    jitter: true,
  },
  { name: 'half jitter', scenario: { ...base, policy: [retry({ backoff: exponential('half') }), cooperative(400)] }, exercises: ['success', 'http5xx'], jitter: true },
  { name: 'decorrelated jitter (cockatiel default)', scenario: { ...base, policy: [retry({ maxAttempts: 5, backoff: { type: 'exponential' } }), cooperative(400)] }, exercises: ['success', 'http5xx'], jitter: true },
  {
    name: 'exponential no-jitter with exponent and cap',
    scenario: { ...base, policy: [retry({ maxAttempts: 6, backoff: { type: 'exponential', jitter: 'none', initialDelayMs: 50, maxDelayMs: 400, exponent: 3 } }), cooperative(400)] },
    exercises: ['success', 'http5xx'],
  },
  { name: 'retry forever against an outage', scenario: { ...base, policy: [retry({ maxAttempts: null, backoff: { type: 'constant', delayMs: 250 } }), cooperative(300)] }, exercises: ['success'] },
  {
    name: 'handle-all retry outside a breaker keeps retrying BrokenCircuitError',
    scenario: { ...base, policy: [retry({ maxAttempts: 4, backoff: { type: 'constant', delayMs: 50 } }), consecutive({ halfOpenAfter: 2000 }), cooperative(300)] },
    exercises: ['circuitOpen'],
  },
  {
    name: 'transient-only retry outside a breaker gives up on BrokenCircuitError',
    scenario: { ...base, policy: [retry({ handle: 'transient', backoff: { type: 'constant', delayMs: 50 } }), consecutive(), cooperative(300)] },
    exercises: ['circuitOpen', 'success'],
  },
  {
    name: 'transient breaker: 4xx bypasses it and a 4xx probe closes it',
    scenario: { ...base, dependency: { ...dependency, failures: { http4xx: 0.3, http5xx: 0.05 } }, policy: [consecutive({ handle: 'transient', breaker: { type: 'consecutive', threshold: 3 } })] },
    exercises: ['circuitOpen', 'http4xx', 'success'],
  },
  {
    name: 'sampling breaker with the default minimumRps',
    scenario: { ...base, load: { type: 'open', arrivals: 'poisson', ratePerSecond: 300 }, policy: [{ type: 'breaker', breaker: { type: 'sampling', threshold: 0.2, durationMs: 5000 }, halfOpenAfter: 1500 }, cooperative(500)] },
    exercises: ['circuitOpen', 'success'],
  },
  {
    name: 'sampling breaker with an explicit minimumRps',
    scenario: { ...base, policy: [{ type: 'breaker', breaker: { type: 'sampling', threshold: 0.5, durationMs: 2000, minimumRps: 2 }, halfOpenAfter: 800 }, cooperative(500)] },
    exercises: ['circuitOpen', 'success'],
  },
  {
    name: 'count breaker with a minimum number of calls',
    scenario: { ...base, policy: [{ type: 'breaker', breaker: { type: 'count', threshold: 0.5, size: 20, minimumNumberOfCalls: 10 }, halfOpenAfter: 700 }, cooperative(500)] },
    exercises: ['circuitOpen', 'success'],
  },
  {
    name: 'halfOpenAfter as a default ExponentialBackoff (128 ms first break)',
    scenario: { ...base, policy: [consecutive({ halfOpenAfter: { type: 'exponential' } }), cooperative(500)] },
    exercises: ['circuitOpen', 'success'],
    jitter: true,
  },
  {
    name: 'total-deadline timeout outside a retry: the backoff sleep is not interrupted',
    scenario: { ...base, policy: [cooperative(450), retry({ maxAttempts: 5, backoff: { type: 'constant', delayMs: 200 } })] },
    exercises: ['timeout', 'success'],
  },
  {
    name: 'aggressive timeout around a callback that ignores the signal (zombie work)',
    scenario: { ...base, passesSignal: false, policy: [retry({ maxAttempts: 1 }), aggressive(60)] },
    exercises: ['timeout', 'success'],
  },
  {
    name: 'cooperative timeout around a callback that ignores the signal does nothing',
    scenario: { ...base, passesSignal: false, policy: [cooperative(200)] },
    exercises: ['pending', 'success'],
  },
  {
    name: 'bulkhead with a queue, behind a fallback',
    scenario: { ...base, policy: [{ type: 'fallback' }, { type: 'bulkhead', limit: 4, queue: 8 }, cooperative(400)] },
    exercises: ['fallback', 'success'],
  },
  {
    name: 'timeout outside a bulkhead: queued calls time out and cancel (3.2.1 dequeue)',
    scenario: { ...base, policy: [cooperative(150), { type: 'bulkhead', limit: 3, queue: 20 }] },
    exercises: ['timeout', 'bulkheadRejected', 'success'],
  },
  {
    name: 'transient fallback does not catch BrokenCircuitError',
    scenario: { ...base, policy: [{ type: 'fallback', handle: 'transient' }, consecutive(), cooperative(300)] },
    exercises: ['fallback', 'circuitOpen'],
  },
  {
    name: 'closed-loop clients with think time',
    scenario: { ...base, load: { type: 'closed', clients: 30, thinkTimeMs: 200 }, policy: [retry({ handle: 'transient', backoff: exponential('full') }), consecutive(), cooperative(400)] },
    exercises: ['success', 'circuitOpen'],
    jitter: true,
  },
  {
    name: 'metastable retry storm on a capacity-limited dependency',
    scenario: {
      ...base,
      durationMs: 20_000,
      load: { type: 'open', arrivals: 'poisson', ratePerSecond: 150 },
      dependency: {
        latency: { type: 'lognormal', medianMs: 40, p99Ms: 120 },
        failures: {},
        capacity: { concurrency: 8, queue: 100 },
        phases: [{ type: 'capacity', startMs: 5000, endMs: 8000, factor: 0.4 }],
      },
      policy: [retry({ maxAttempts: 3, backoff: { type: 'constant', delayMs: 0 } }), cooperative(250)],
    },
    exercises: ['success', 'timeout', 'overloaded'],
  },
  {
    name: 'flapping dependency behind a breaker',
    scenario: { ...base, dependency: { ...dependency, phases: [{ type: 'flapping', startMs: 3000, endMs: 12_000, periodMs: 2000, kind: 'network' }] }, policy: [retry({ handle: 'transient' }), consecutive({ halfOpenAfter: 500 })] },
    exercises: ['success', 'circuitOpen'],
  },
  {
    name: '30% partial failure with retries',
    scenario: { ...base, dependency: { ...dependency, phases: [{ type: 'partial', startMs: 3000, endMs: 10_000, failureRate: 0.3, kind: 'http5xx' }] }, policy: [retry({ handle: 'transient', maxAttempts: 2 }), cooperative(500)] },
    exercises: ['success', 'http5xx'],
  },
  {
    name: 'latency spike against a per-attempt timeout, constant arrivals and a rate change',
    scenario: {
      ...base,
      load: { type: 'open', arrivals: 'constant', ratePerSecond: 50, rateChanges: [{ atMs: 6000, ratePerSecond: 120 }] },
      dependency: { ...dependency, latency: { type: 'uniform', minMs: 20, maxMs: 90 }, phases: [{ type: 'latency', startMs: 4000, endMs: 9000, multiplier: 8 }] },
      policy: [retry({ maxAttempts: 2, backoff: exponential('none') }), aggressive(300)],
    },
    exercises: ['success', 'timeout'],
  },
  {
    name: 'a DelegateBackoff that honours Retry-After on 429s, jittered fallback otherwise',
    scenario: {
      ...base,
      dependency: { ...dependency, failures: { http429: 0.2, http5xx: 0.05 }, retryAfterMs: 700 },
      policy: [retry({ maxAttempts: 3, backoff: { type: 'retryAfter', fallback: exponential('full') } }), cooperative(400)],
    },
    exercises: ['success', 'http429'],
    jitter: true,
  },
  {
    name: 'everything: fallback, retry, breaker, bulkhead, timeout',
    scenario: {
      ...base,
      policy: [{ type: 'fallback' }, retry({ handle: 'transient', backoff: exponential('full') }), consecutive(), { type: 'bulkhead', limit: 6, queue: 6 }, cooperative(300)],
    },
    exercises: ['success', 'fallback'],
    jitter: true,
  },
];

function tally(outcomes: Uint8Array): Record<OutcomeName, number> {
  const counts = Object.fromEntries(OUTCOME_NAMES.map((name) => [name, 0])) as Record<OutcomeName, number>;
  for (const code of outcomes) counts[OUTCOME_NAMES[code]]++;
  return counts;
}

describe('simulator: differential against cockatiel 3.2.1', function () {
  this.timeout(60_000);
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const scenario = parseScenario(testCase.scenario);
      const engine = simulate(scenario, { keepRequests: true });
      const real = await runWithCockatiel(scenario);
      const mine = engine.requests!;
      const counts = tally(real.outcome);
      for (const outcome of testCase.exercises) assert.ok(counts[outcome] > 0, `the scenario never produced ${outcome}: ${JSON.stringify(counts)}`);
      if (testCase.jitter) {
        // The bar for jittered runs: aggregates within 2%.
        const engineCounts = tally(mine.outcome);
        for (const name of OUTCOME_NAMES) {
          assert.ok(Math.abs(engineCounts[name] - counts[name]) <= Math.max(1, 0.02 * counts[name]), `${name}: engine ${engineCounts[name]}, cockatiel ${counts[name]}`);
        }
      }
      assert.equal(mine.outcome.length, real.outcome.length, 'request count');
      for (let i = 0; i < real.outcome.length; i++) {
        const where = `request ${i} (started at ${real.startMs[i].toFixed(3)} ms)`;
        assert.equal(OUTCOME_NAMES[mine.outcome[i]], OUTCOME_NAMES[real.outcome[i]], `${where}: outcome`);
        assert.equal(mine.attempts[i], real.attempts[i], `${where}: downstream attempts`);
        if (real.outcome[i] !== 11) assert.equal(mine.endMs[i], real.endMs[i], `${where}: end time`);
      }
      assert.equal(engine.totals.retries, real.retries, 'retries (onRetry events)');
      assert.deepEqual(engine.breakerTimeline, real.breakerTimeline, 'breaker state changes');
    });
  }
});
