/**
 * The cockatiel behaviour the rules rely on, pinned against the real package: if an upgrade changes
 * it, these fail before the rules give wrong advice.
 */
import assert from 'node:assert/strict';
import { ConstantBackoff, handleAll, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';

const failing = () => {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    run: async () => {
      calls++;
      throw new Error('down');
    },
  };
};

describe('cockatiel semantics the rules rely on', () => {
  for (const strategy of [TimeoutStrategy.Aggressive, TimeoutStrategy.Cooperative]) {
    it(`an outer ${strategy} timeout ends a retry that has no cap on attempts (no-unbounded-retry)`, async () => {
      const dependency = failing();
      const policy = wrap(timeout(40, strategy), retry(handleAll, { maxAttempts: Infinity, backoff: new ConstantBackoff(5) }));
      await assert.rejects(policy.execute(dependency.run));
      assert.ok(dependency.calls > 1, `retried (${dependency.calls} calls)`);
      // The backoff's sleep cannot be aborted, so one attempt may still start after the deadline; then
      // the retry sees its aborted signal and stops for good.
      const atDeadline = dependency.calls;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const afterwards = dependency.calls;
      assert.ok(afterwards - atDeadline <= 1, `${afterwards - atDeadline} attempts after the deadline`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(dependency.calls, afterwards, 'the retry stopped');
    });
  }

  it('a timeout inside the retry bounds each attempt, not the retry: every attempt runs', async () => {
    const dependency = failing();
    const policy = wrap(retry(handleAll, { maxAttempts: 20, backoff: new ConstantBackoff(1) }), timeout(5, TimeoutStrategy.Aggressive));
    await assert.rejects(policy.execute(dependency.run));
    assert.equal(dependency.calls, 21);
  });

  it('maxAttempts counts retries: maxAttempts 2 makes three calls', async () => {
    const dependency = failing();
    await assert.rejects(retry(handleAll, { maxAttempts: 2 }).execute(dependency.run));
    assert.equal(dependency.calls, 3);
  });
});
