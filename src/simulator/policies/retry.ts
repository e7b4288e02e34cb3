/**
 * cockatiel 3.2 `RetryPolicy`: `maxAttempts` counts retries (3 means 4 calls); the backoff
 * sequence starts afresh for each execution; a failure is retried only if the filter handles
 * it, the caller's signal is not aborted and retries remain; the backoff sleep itself
 * cannot be aborted.
 */
import { handles, isOk, type PolicyLayer } from '../model';
import type { SimSignal } from '../signal';
import { BackoffSequence } from './backoff';
import type { Done, Inner, SimRequest, Stage, StageContext } from './stage';

export class RetryStage implements Stage {
  private readonly maxAttempts: number;

  constructor(
    private readonly layer: Extract<PolicyLayer, { type: 'retry' }>,
    private readonly context: StageContext,
  ) {
    this.maxAttempts = layer.maxAttempts ?? Infinity;
  }

  run(request: SimRequest, signal: SimSignal, inner: Inner, done: Done): void {
    const { scheduler, events } = this.context;
    const { handle } = this.layer;
    const maxAttempts = this.maxAttempts;
    let retries = 0;
    let backoff: BackoffSequence | undefined;
    const attempt = (): void => inner(request, signal, onResult);
    const onResult = (code: number): void => {
      if (isOk(code) || !handles(handle, code)) return done(code);
      if (!signal.aborted && retries < maxAttempts) {
        let delay: number;
        if (backoff) delay = backoff.next(code);
        else {
          backoff = new BackoffSequence(this.layer.backoff, this.context.random, this.context.retryAfterMs);
          delay = backoff.first(code);
        }
        retries++;
        events.retry();
        scheduler.at(scheduler.now + delay, attempt);
        return;
      }
      done(code);
    };
    attempt();
  }
}
