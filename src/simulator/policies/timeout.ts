/**
 * cockatiel `TimeoutPolicy`. The callee runs under a signal derived from the caller's;
 * at the deadline that signal is aborted. Cooperative: the outcome is whatever the callee
 * does about it (nothing, if it ignores the signal). Aggressive: the caller gets a
 * `TaskCancelledError` at once and the callee keeps running as orphaned work. With
 * `abortOnReturn` the derived signal is also aborted when the callee settles.
 */
import { Outcome, type PolicyLayer } from '../model';
import { SimSignal } from '../signal';
import type { Done, Inner, SimRequest, Stage, StageContext } from './stage';

export class TimeoutStage implements Stage {
  constructor(
    private readonly layer: Extract<PolicyLayer, { type: 'timeout' }>,
    private readonly context: StageContext,
  ) {}

  run(request: SimRequest, parent: SimSignal, inner: Inner, done: Done): void {
    const { scheduler, events } = this.context;
    const layer = this.layer;
    const signal = new SimSignal();
    let unlink: (() => void) | undefined;
    if (parent.aborted) signal.abort();
    else unlink = parent.onAbort(() => signal.abort());
    const timer = scheduler.at(scheduler.now + layer.timeoutMs, () => signal.abort());
    let running = true;
    signal.onAbort(() => {
      if (running) events.timeoutFired();
    });
    let settled = false;
    const finish = (code: number): void => {
      settled = true;
      running = false;
      if (layer.abortOnReturn) signal.abort();
      scheduler.cancel(timer);
      unlink?.();
      done(code);
    };
    if (layer.strategy === 'cooperative') {
      inner(request, signal, finish);
      return;
    }
    inner(request, signal, (code) => {
      if (!settled) finish(code);
      else events.orphaned();
    });
    if (settled) return;
    if (signal.aborted) finish(Outcome.timeout);
    else
      signal.onAbort(() => {
        if (!settled) finish(Outcome.timeout);
      });
  }
}
