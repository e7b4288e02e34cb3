/** Untrusted scenario and policy input: defaults filled, every bad field named with its path. */
import assert from 'node:assert/strict';
import { InvalidScenarioError, parsePolicy, parseScenario } from '../../src/simulator/validate';

function issues(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidScenarioError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  assert.fail('expected InvalidScenarioError');
}

describe('simulator input validation', () => {
  it('fills every default for an empty scenario', () => {
    const scenario = parseScenario({});
    assert.equal(scenario.durationMs, 60_000);
    assert.deepEqual(scenario.load, { type: 'open', arrivals: 'poisson', ratePerSecond: 200, rateChanges: [] });
    assert.deepEqual(scenario.dependency.latency, { type: 'lognormal', medianMs: 50, p99Ms: 250 });
    assert.equal(scenario.passesSignal, true);
    assert.deepEqual(scenario.policy, []);
  });

  it('reads cockatiel defaults into policies', () => {
    const [retry, breaker, timeout] = parsePolicy([{ type: 'retry', backoff: { type: 'exponential' } }, { type: 'breaker' }, { type: 'timeout', timeoutMs: 100 }]);
    assert.deepEqual(retry, { type: 'retry', handle: 'all', maxAttempts: null, backoff: { type: 'exponential', jitter: 'decorrelated', initialDelayMs: 128, maxDelayMs: 30_000, exponent: 2 } });
    assert.deepEqual(breaker, { type: 'breaker', handle: 'all', breaker: { type: 'consecutive', threshold: 5 }, halfOpenAfter: { type: 'constant', delayMs: 10_000 } });
    assert.deepEqual(timeout, { type: 'timeout', timeoutMs: 100, strategy: 'cooperative', abortOnReturn: true });
    assert.deepEqual(parsePolicy({ policy: [{ type: 'retry' }] })[0].type, 'retry');
  });

  it('names every bad field at once', () => {
    assert.deepEqual(
      issues(() =>
        parseScenario({
          durationMs: -5,
          load: { type: 'open', ratePerSecond: 'fast' },
          dependency: { failures: { http5xx: 0.7, network: 0.6 }, phases: [{ type: 'outage', startMs: 10, endMs: 5 }] },
          policy: [{ type: 'retry', maxAttempts: 2.5 }, { type: 'breaker', breaker: { type: 'count', threshold: 1.5, size: 10 } }, { type: 'sideways' }],
        }),
      ),
      [
        'scenario.durationMs: must be at least 1',
        'scenario.load.ratePerSecond: must be a finite number',
        'scenario.dependency.failures: probabilities add up to 1.2999999999999998; they must add up to at most 1',
        'scenario.dependency.phases[0].endMs: must be more than 10',
        'scenario.policy[0].maxAttempts: must be a whole number',
        'scenario.policy[1].breaker.threshold: must be less than 1',
        'scenario.policy[2].type: must be one of "retry", "breaker", "bulkhead", "timeout", "fallback"',
      ],
    );
  });

  it('rejects non-objects, NaN, Infinity and wrong shapes without throwing anything else', () => {
    for (const bad of [null, 42, 'x', [], { load: [] }, { policy: {} }, { seed: Number.NaN }, { durationMs: Infinity }, { dependency: { latency: { type: 'uniform', minMs: 50, maxMs: 10 } } }]) {
      assert.ok(issues(() => parseScenario(bad)).length > 0, JSON.stringify(bad));
    }
    assert.deepEqual(issues(() => parsePolicy('nope')), ['policy: must be an object']);
  });

  it('refuses scenarios too large to run in an editor', () => {
    assert.deepEqual(issues(() => parseScenario({ durationMs: 3_600_000, load: { ratePerSecond: 100_000 } })), [
      'scenario.load: would issue about 360,000,000 requests; the limit is 5,000,000',
    ]);
  });
});
