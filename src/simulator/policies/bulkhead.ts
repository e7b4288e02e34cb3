/**
 * cockatiel 3.2 `BulkheadPolicy`: run if a slot is free, else queue FIFO (no queue timeout),
 * else reject. A finished call frees its slot and re-enters the head of the queue; an item
 * whose signal was aborted while queued fails with `TaskCancelledError` and, as in 3.2.1,
 * does not pass its turn on (the starvation fixed in 4.0).
 */
import { Outcome, type PolicyLayer } from '../model';
import type { SimSignal } from '../signal';
import type { Done, Inner, SimRequest, Stage, StageContext } from './stage';

interface Queued {
  request: SimRequest;
  signal: SimSignal;
  inner: Inner;
  done: Done;
}

export class BulkheadStage implements Stage {
  private active = 0;
  private readonly queue: Queued[] = [];

  constructor(
    private readonly layer: Extract<PolicyLayer, { type: 'bulkhead' }>,
    private readonly context: StageContext,
  ) {}

  run(request: SimRequest, signal: SimSignal, inner: Inner, done: Done): void {
    if (signal.aborted) return done(Outcome.cancelled);
    if (this.active < this.layer.limit) {
      this.active++;
      inner(request, signal, (code) => {
        this.active--;
        const next = this.queue.shift();
        if (next) this.run(next.request, next.signal, next.inner, next.done);
        done(code);
      });
      return;
    }
    if (this.queue.length < this.layer.queue) {
      this.queue.push({ request, signal, inner, done });
      return;
    }
    this.context.events.bulkheadReject();
    done(Outcome.bulkheadRejected);
  }
}
