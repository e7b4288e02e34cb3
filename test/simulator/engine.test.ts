/** Engine behaviour on scenarios small enough to work out by hand. */
import assert from 'node:assert/strict';
import {
  ConstantBackoff,
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  fullJitterGenerator,
  halfJitterGenerator,
  noJitterGenerator,
  type IBackoffFactory,
} from 'cockatiel';
import { simulate, SimulationLimitError } from '../../src/simulator/engine';
import { OUTCOME_NAMES, type BaseBackoff } from '../../src/simulator/model';
import { BackoffSequence } from '../../src/simulator/policies/backoff';
import { PRESETS, presetScenario } from '../../src/simulator/presets';
import { Prng } from '../../src/simulator/random';
import { parseScenario } from '../../src/simulator/validate';

/** One request every `everyMs`, a dependency with fixed latency and the given failures, no phases. */
function scenario(policy: unknown[], options: { everyMs?: number; durationMs?: number; latencyMs?: number; failures?: Record<string, number>; extra?: Record<string, unknown>; dependency?: Record<string, unknown> } = {}) {
  return parseScenario({
    seed: 1,
    durationMs: options.durationMs ?? 1000,
    drainMs: 5000,
    load: { type: 'open', arrivals: 'constant', ratePerSecond: 1000 / (options.everyMs ?? 100) },
    dependency: { latency: { type: 'fixed', ms: options.latencyMs ?? 10 }, failures: options.failures ?? {}, failFastMs: 1, ...options.dependency },
    policy,
    ...options.extra,
  });
}

function outcomes(result: ReturnType<typeof simulate>): string[] {
  return Array.from(result.requests!.outcome, (code) => OUTCOME_NAMES[code]);
}

describe('simulator engine', () => {
  it('is deterministic: the same scenario gives the same result, byte for byte', () => {
    const preset = PRESETS.find((p) => p.id === 'outage')!;
    const input = presetScenario(preset, preset.policies[1].policy);
    const first = JSON.stringify(simulate(parseScenario(input)));
    const second = JSON.stringify(simulate(parseScenario(structuredClone(input))));
    assert.equal(first, second);
    assert.notEqual(JSON.stringify(simulate(parseScenario({ ...input, seed: 2 }))), first, 'another seed, another run');
  });

  it('issues constant arrivals on time and counts them per second', () => {
    const result = simulate(scenario([], { everyMs: 100, durationMs: 2000 }), { keepRequests: true });
    assert.equal(result.totals.requests, 20);
    assert.deepEqual(Array.from(result.requests!.startMs.slice(0, 3)), [0, 100, 200]);
    assert.deepEqual(result.series.offered.slice(0, 2), [10, 10]);
    assert.deepEqual(Array.from(result.requests!.endMs.slice(0, 2)), [10, 110]);
    assert.equal(result.successRate, 1);
    assert.equal(result.amplification, 1);
  });

  it('counts maxAttempts as retries: maxAttempts 3 means 4 calls, spaced by the backoff', () => {
    const result = simulate(scenario([{ type: 'retry', maxAttempts: 3, backoff: { type: 'constant', delayMs: 100 } }], { failures: { http5xx: 1 }, durationMs: 1000, everyMs: 1000 }), { keepRequests: true });
    assert.equal(result.totals.requests, 1);
    assert.equal(result.requests!.attempts[0], 4);
    // 4 calls of 10 ms and 3 sleeps of 100 ms.
    assert.equal(result.requests!.endMs[0], 340);
    assert.deepEqual(outcomes(result), ['http5xx']);
    assert.equal(result.totals.retries, 3);
    assert.deepEqual(result.attemptsHistogram, [0, 0, 0, 0, 1]);
  });

  it('a Retry-After-aware backoff waits what a 429 says, and the fallback for anything else', () => {
    const retryAfter = { type: 'retry', maxAttempts: 2, backoff: { type: 'retryAfter', fallback: { type: 'constant', delayMs: 100 } } };
    const throttled = simulate(scenario([retryAfter], { failures: { http429: 1 }, everyMs: 1000, dependency: { retryAfterMs: 500 } }), { keepRequests: true });
    // 3 calls of 10 ms, 2 waits of the 500 ms Retry-After.
    assert.equal(throttled.requests!.endMs[0], 1030);
    const failing = simulate(scenario([retryAfter], { failures: { http5xx: 1 }, everyMs: 1000, dependency: { retryAfterMs: 500 } }), { keepRequests: true });
    assert.equal(failing.requests!.endMs[0], 230, 'a 5xx waits the fallback');
    const noHeader = simulate(scenario([retryAfter], { failures: { http429: 1 }, everyMs: 1000 }), { keepRequests: true });
    assert.equal(noHeader.requests!.endMs[0], 230, 'a 429 without Retry-After waits the fallback');
  });

  it('a transient-only retry does not retry a 4xx', () => {
    const result = simulate(scenario([{ type: 'retry', handle: 'transient', maxAttempts: 3 }], { failures: { http4xx: 1 }, everyMs: 1000 }), { keepRequests: true });
    assert.equal(result.requests!.attempts[0], 1);
    assert.deepEqual(outcomes(result), ['http4xx']);
  });

  it('stops a retry loop that never lets time pass, with a message that says why', () => {
    const input = scenario([{ type: 'retry' }], { failures: { network: 1 }, dependency: { failFastMs: 0 }, everyMs: 1000 });
    assert.throws(() => simulate(input, { maxEvents: 10_000 }), (error: unknown) => error instanceof SimulationLimitError && /maxAttempts or a backoff/.test(error.message));
  });

  it('opens a consecutive breaker on the nth failure and probes lazily after halfOpenAfter', () => {
    const result = simulate(
      scenario([{ type: 'breaker', breaker: { type: 'consecutive', threshold: 3 }, halfOpenAfter: 1000 }], { failures: { http5xx: 1 }, durationMs: 1500 }),
      { keepRequests: true },
    );
    // Requests 0-2 fail and open it at 210 ms; 3-12 are short-circuited (1200 − 210 < 1000);
    // 13 (at 1300 ms) is the probe, fails, and reopens it at 1310 ms; 14 is short-circuited again.
    assert.deepEqual(outcomes(result), ['http5xx', 'http5xx', 'http5xx', ...Array<string>(10).fill('circuitOpen'), 'http5xx', 'circuitOpen']);
    assert.deepEqual(result.breakerTimeline, [
      [210, 1],
      [1300, 2],
      [1310, 1],
    ]);
    assert.equal(result.totals.shortCircuited, 11);
    assert.equal(result.totals.breakerOpens, 2);
    assert.ok(Math.abs(result.series.breakerOpen[0] - 0.79) < 1e-9, `open 79% of second 0, got ${result.series.breakerOpen[0]}`);
  });

  it('makes half-open waiters wait for the probe, then run once it closes', () => {
    // Fails for the first 300 ms, then answers in 50 ms. Arrivals every 10 ms.
    const result = simulate(
      scenario([{ type: 'breaker', breaker: { type: 'consecutive', threshold: 1 }, halfOpenAfter: 400 }], {
        everyMs: 10,
        durationMs: 600,
        latencyMs: 50,
        dependency: { phases: [{ type: 'outage', startMs: 0, endMs: 300, kind: 'http5xx' }] },
      }),
      { keepRequests: true },
    );
    const names = outcomes(result);
    // Request 0 fails at 1 ms and opens the breaker; the probe arrives at 410 ms and succeeds at 460 ms.
    const probe = 41;
    assert.equal(names[probe], 'success');
    assert.equal(result.requests!.endMs[probe], 460);
    // Requests 42-45 arrived while half-open: they waited, then ran at 460 ms and ended at 510 ms.
    for (let i = probe + 1; i <= 45; i++) {
      assert.equal(names[i], 'success');
      assert.equal(result.requests!.endMs[i], 510, `waiter ${i}`);
    }
  });

  it('queues and rejects in a bulkhead', () => {
    const result = simulate(scenario([{ type: 'bulkhead', limit: 1, queue: 1 }], { latencyMs: 250, durationMs: 500 }), { keepRequests: true });
    // 0 runs 0-250; 1 queues at 100 and runs 250-500; 2 finds both taken at 200; 3 queues at 300, runs 500-750; 4 rejected.
    assert.deepEqual(outcomes(result), ['success', 'success', 'bulkheadRejected', 'success', 'bulkheadRejected']);
    assert.deepEqual(Array.from(result.requests!.endMs), [250, 500, 200, 750, 400]);
    assert.equal(result.totals.bulkheadRejected, 2);
  });

  it('a cooperative timeout aborts a hung call only if the callback passes the signal', () => {
    const hung = { failures: { hang: 1 }, everyMs: 1000 };
    const passing = simulate(scenario([{ type: 'timeout', timeoutMs: 100 }], hung), { keepRequests: true });
    assert.deepEqual(outcomes(passing), ['timeout']);
    assert.equal(passing.requests!.endMs[0], 100);
    const ignoring = simulate(scenario([{ type: 'timeout', timeoutMs: 100 }], { ...hung, extra: { passesSignal: false } }), { keepRequests: true });
    assert.deepEqual(outcomes(ignoring), ['pending']);
    assert.equal(ignoring.totals.timeoutsFired, 1, 'onTimeout fires anyway');
  });

  it('an aggressive timeout returns at the deadline and leaves the work running (orphaned)', () => {
    const result = simulate(scenario([{ type: 'timeout', timeoutMs: 100, strategy: 'aggressive' }], { latencyMs: 300, everyMs: 1000, extra: { passesSignal: false } }), { keepRequests: true });
    assert.deepEqual(outcomes(result), ['timeout']);
    assert.equal(result.requests!.endMs[0], 100);
    assert.equal(result.totals.orphanedWork, 1);
  });

  it('a fallback turns handled failures into its value', () => {
    const result = simulate(scenario([{ type: 'fallback' }], { failures: { http5xx: 1 } }), { keepRequests: true });
    assert.ok(outcomes(result).every((name) => name === 'fallback'));
    assert.equal(result.successRate, 1);
    assert.equal(result.totals.fallback, 10);
  });

  it('a dependency at capacity queues, then refuses with a fast 503', () => {
    const result = simulate(scenario([], { everyMs: 10, latencyMs: 25, durationMs: 60, dependency: { capacity: { concurrency: 1, queue: 1 } } }), { keepRequests: true });
    // 0 runs 0-25; 1 queues at 10 and runs 25-50; 2 is refused at 20 (+1 ms fail-fast);
    // 3 queues at 30 and runs 50-75; 4 is refused at 40.
    assert.deepEqual(outcomes(result).slice(0, 5), ['success', 'success', 'overloaded', 'success', 'overloaded']);
    assert.deepEqual(Array.from(result.requests!.endMs.slice(0, 5)), [25, 50, 21, 75, 41]);
    assert.equal(result.totals.dependencyMaxQueue, 1);
  });

  it('tells a metastable retry storm from a recovery', () => {
    const storm = PRESETS.find((p) => p.id === 'retry-storm')!;
    const [naive, fixed] = storm.policies.map(({ policy }) => simulate(parseScenario(presetScenario(storm, policy))));
    assert.equal(naive.recovery[0].recoveredAfterMs, null, 'immediate retries keep it down after the trigger');
    assert.ok(naive.amplification > 3);
    assert.notEqual(fixed.recovery[0].recoveredAfterMs, null);
    assert.ok(fixed.recovery[0].recoveredAfterMs! <= 2000);
  });

  it('keeps the per-second series consistent with the totals', () => {
    const preset = PRESETS.find((p) => p.id === 'flapping')!;
    const result = simulate(parseScenario(presetScenario(preset, preset.policies[1].policy)));
    const sum = (series: number[]) => series.reduce((a, b) => a + b, 0);
    assert.equal(result.series.offered.length, Math.ceil(result.horizonMs / 1000));
    assert.equal(sum(result.series.offered), result.totals.requests);
    assert.equal(sum(result.series.downstream), result.totals.downstreamAttempts);
    assert.equal(sum(result.series.succeeded), result.totals.succeeded);
    assert.equal(sum(result.series.shortCircuited), result.totals.shortCircuited);
    const failed = Object.values(result.series.failed).reduce((total, series) => total + sum(series), 0);
    assert.equal(failed + result.totals.byOutcome.pending, result.totals.failed);
    assert.equal(sum(result.attemptsHistogram), result.totals.requests);
    const p = result.latency.all!;
    assert.ok(p.p50 <= p.p95 && p.p95 <= p.p99 && p.p99 <= p.max);
  });

  describe('backoffs draw like cockatiel', () => {
    const specs: BaseBackoff[] = [
      { type: 'constant', delayMs: 70 },
      { type: 'exponential', jitter: 'none', initialDelayMs: 128, maxDelayMs: 30_000, exponent: 2 },
      { type: 'exponential', jitter: 'full', initialDelayMs: 100, maxDelayMs: 5000, exponent: 2 },
      { type: 'exponential', jitter: 'half', initialDelayMs: 100, maxDelayMs: 5000, exponent: 2 },
      { type: 'exponential', jitter: 'decorrelated', initialDelayMs: 128, maxDelayMs: 30_000, exponent: 2 },
      { type: 'exponential', jitter: 'decorrelated', initialDelayMs: 50, maxDelayMs: 1000, exponent: 3 },
    ];
    for (const spec of specs) {
      it(`${spec.type}${spec.type === 'exponential' ? ` (${spec.jitter}, exponent ${spec.exponent})` : ''}`, () => {
        const mine = new BackoffSequence(spec, new Prng(9));
        const delays = [mine.first(), ...Array.from({ length: 11 }, () => mine.next())];
        const random = new Prng(9);
        const realRandom = Math.random;
        Math.random = () => random.next();
        try {
          const generator = spec.type === 'constant' ? undefined : { none: noJitterGenerator, full: fullJitterGenerator, half: halfJitterGenerator, decorrelated: decorrelatedJitterGenerator }[spec.jitter];
          const factory: IBackoffFactory<unknown> =
            spec.type === 'constant'
              ? new ConstantBackoff(spec.delayMs)
              : new ExponentialBackoff({ generator: generator as typeof decorrelatedJitterGenerator, initialDelay: spec.initialDelayMs, maxDelay: spec.maxDelayMs, exponent: spec.exponent });
          let backoff = factory.next({ attempt: 1, signal: new AbortController().signal, result: { error: new Error() } } as never);
          const expected = [backoff.duration];
          for (let i = 0; i < 11; i++) {
            backoff = backoff.next({ attempt: i + 2, signal: new AbortController().signal, result: { error: new Error() } } as never);
            expected.push(backoff.duration);
          }
          assert.deepEqual(delays, expected);
        } finally {
          Math.random = realRandom;
        }
      });
    }
  });
});
