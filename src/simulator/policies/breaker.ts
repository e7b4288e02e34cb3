/**
 * cockatiel 3.2 `CircuitBreakerPolicy`, state machine and all:
 * - Closed: run; report success or handled failure to the strategy (an unhandled error
 *   bypasses the breaker); results that arrive after the state changed still report as
 *   Closed, so a late failure can reopen a half-open circuit.
 * - Open: short-circuit until `halfOpenAfter` has elapsed; the first call after that is
 *   the probe (the transition is lazy: nothing happens without a call).
 * - Half-open: one probe; everyone else waits for it, then re-runs against the new state
 *   without their signal (3.2.1's behaviour), all at once if it closed.
 * - A probe that fails with an error the filter does not handle counts as a success.
 */
import { handles, isOk, Outcome, type PolicyLayer } from '../model';
import { NEVER_ABORTED, type SimSignal } from '../signal';
import { BackoffSequence } from './backoff';
import { createBreakerStrategy, type BreakerStrategy } from './breakers';
import { BreakerState, type Done, type Inner, type SimRequest, type Stage, type StageContext } from './stage';

interface Waiter {
  request: SimRequest;
  signal: SimSignal;
  inner: Inner;
  done: Done;
}

export class BreakerStage implements Stage {
  private state: BreakerState = BreakerState.closed;
  private openedAt = 0;
  private openDuration = 0;
  private halfOpenBackoff: BackoffSequence | undefined;
  private waiters: Waiter[] = [];
  private readonly strategy: BreakerStrategy;

  constructor(
    private readonly layer: Extract<PolicyLayer, { type: 'breaker' }>,
    private readonly context: StageContext,
    private readonly index: number,
  ) {
    this.strategy = createBreakerStrategy(layer.breaker, context.scheduler);
  }

  run(request: SimRequest, signal: SimSignal, inner: Inner, done: Done): void {
    switch (this.state) {
      case BreakerState.closed:
        inner(request, signal, (code) => {
          if (isOk(code)) this.strategy.success(BreakerState.closed);
          else if (handles(this.layer.handle, code) && this.strategy.failure(BreakerState.closed)) this.open();
          done(code);
        });
        return;
      case BreakerState.halfOpen:
        this.waiters.push({ request, signal, inner, done });
        return;
      case BreakerState.open:
        if (this.context.scheduler.now - this.openedAt < this.openDuration) {
          this.context.events.shortCircuit();
          return done(Outcome.circuitOpen);
        }
        this.probe(request, signal, inner, done);
        return;
    }
  }

  private probe(request: SimRequest, signal: SimSignal, inner: Inner, done: Done): void {
    this.setState(BreakerState.halfOpen);
    const waiters: Waiter[] = (this.waiters = []);
    inner(request, signal, (code) => {
      if (isOk(code)) {
        this.strategy.success(BreakerState.halfOpen);
        this.close();
      } else if (handles(this.layer.handle, code)) {
        this.strategy.failure(BreakerState.halfOpen);
        this.open();
      } else {
        this.close();
      }
      for (const waiter of waiters) {
        if (this.state === BreakerState.closed && waiter.signal.aborted) waiter.done(Outcome.cancelled);
        else this.run(waiter.request, NEVER_ABORTED, waiter.inner, waiter.done);
      }
      done(code);
    });
  }

  private open(): void {
    if (this.state === BreakerState.open) return;
    if (this.state === BreakerState.halfOpen) {
      this.openDuration = this.halfOpenBackoff!.next();
    } else {
      this.halfOpenBackoff = new BackoffSequence(this.layer.halfOpenAfter, this.context.random);
      this.openDuration = this.halfOpenBackoff.first();
    }
    this.openedAt = this.context.scheduler.now;
    this.setState(BreakerState.open);
  }

  private close(): void {
    if (this.state === BreakerState.halfOpen) this.setState(BreakerState.closed);
  }

  private setState(state: BreakerState): void {
    this.state = state;
    this.context.events.breakerState(this.index, state);
  }
}
