/**
 * The simulated dependency: latency, failures by kind, a schedule of phases and a finite
 * capacity (concurrency plus a FIFO queue). The engine and the differential harness share
 * this class, so the only thing the two ever disagree on is the policies under test.
 *
 * Rule for everything here: finish the server's own bookkeeping before answering, because
 * the engine reacts to an answer synchronously while promise code reacts a few microtasks
 * later; state must already be final either way.
 */
import { Outcome, type Dependency, type DependencyFailure, type Phase } from './model';
import { normalFrom, uniformAt } from './random';
import { CLOCK_ORIGIN, type Scheduler } from './scheduler';

/** z-score of the 99th percentile of a standard normal. */
const Z99 = 2.3263478740408408;

export type Respond = (code: number) => void;

interface Job {
  serviceMs: number;
  code: number;
  respond: Respond;
}

const FAILURE_CODES: Record<DependencyFailure, number> = {
  network: Outcome.network,
  hang: -1,
  http429: Outcome.http429,
  http5xx: Outcome.http5xx,
  http4xx: Outcome.http4xx,
};
const HANG = -1;

export class DependencyServer {
  /** Attempts in service right now. */
  busy = 0;
  /** The longest the queue got. */
  maxQueue = 0;
  private readonly queue: Job[] = [];
  private queueHead = 0;
  private readonly sigma: number;
  private readonly failureOrder: [number, number][];

  constructor(
    private readonly model: Dependency,
    private readonly scheduler: Scheduler,
    private readonly seed: number,
  ) {
    const latency = model.latency;
    this.sigma = latency.type === 'lognormal' ? Math.log(latency.p99Ms / latency.medianMs) / Z99 : 0;
    let cumulative = 0;
    this.failureOrder = [];
    for (const kind of ['network', 'hang', 'http429', 'http5xx', 'http4xx'] as const) {
      const p = model.failures[kind];
      if (p > 0) this.failureOrder.push([(cumulative += p), FAILURE_CODES[kind]]);
    }
    // When a capacity dip ends, queued work can start at once rather than at the next completion.
    for (const phase of model.phases) {
      if (phase.type === 'capacity') scheduler.at(CLOCK_ORIGIN + phase.endMs, () => this.startQueued());
    }
  }

  get queued(): number {
    return this.queue.length - this.queueHead;
  }

  /** One attempt of request `requestId` (its `attempt`-th, 0-based). `respond` is called at most once. */
  request(requestId: number, attempt: number, respond: Respond): void {
    const scheduler = this.scheduler;
    const now = scheduler.now;
    const t = now - CLOCK_ORIGIN;
    const model = this.model;
    let multiplier = 1;
    let partial: Extract<Phase, { type: 'partial' }> | undefined;
    for (const phase of model.phases) {
      if (t < phase.startMs || t >= phase.endMs) continue;
      switch (phase.type) {
        case 'outage':
          return this.failFast(phase.kind === 'hang' ? HANG : FAILURE_CODES[phase.kind], respond);
        case 'flapping':
          if ((t - phase.startMs) % phase.periodMs < phase.periodMs / 2) {
            return this.failFast(phase.kind === 'hang' ? HANG : FAILURE_CODES[phase.kind], respond);
          }
          break;
        case 'partial':
          partial = phase;
          break;
        case 'latency':
          multiplier *= phase.multiplier;
          break;
      }
    }
    const seed = this.seed;
    let code: number = Outcome.success;
    if (partial && uniformAt(seed, requestId, attempt, 3) < partial.failureRate) {
      code = FAILURE_CODES[partial.kind];
    } else {
      const u = uniformAt(seed, requestId, attempt, 0);
      for (const [threshold, failure] of this.failureOrder) {
        if (u < threshold) {
          code = failure;
          break;
        }
      }
    }
    if (code === HANG) return;
    if (code === Outcome.network) return this.failFast(code, respond);
    const serviceMs = this.latency(requestId, attempt) * multiplier;
    const capacity = model.capacity;
    if (!capacity) {
      scheduler.at(now + serviceMs, () => respond(code));
      return;
    }
    const job: Job = { serviceMs, code, respond };
    if (this.busy < this.capacityNow() && this.queued === 0) {
      this.start(job);
    } else if (this.queued < capacity.queue) {
      this.queue.push(job);
      if (this.queued > this.maxQueue) this.maxQueue = this.queued;
    } else {
      this.failFast(Outcome.overloaded, respond);
    }
  }

  private failFast(code: number, respond: Respond): void {
    if (code === HANG) return;
    this.scheduler.at(this.scheduler.now + this.model.failFastMs, () => respond(code));
  }

  private latency(requestId: number, attempt: number): number {
    const latency = this.model.latency;
    switch (latency.type) {
      case 'fixed':
        return latency.ms;
      case 'uniform':
        return latency.minMs + uniformAt(this.seed, requestId, attempt, 1) * (latency.maxMs - latency.minMs);
      case 'lognormal': {
        const z = normalFrom(uniformAt(this.seed, requestId, attempt, 1), uniformAt(this.seed, requestId, attempt, 2));
        return latency.medianMs * Math.exp(this.sigma * z);
      }
    }
  }

  private start(job: Job): void {
    this.busy++;
    this.scheduler.at(this.scheduler.now + job.serviceMs, () => {
      this.busy--;
      this.startQueued();
      job.respond(job.code);
    });
  }

  private capacityNow(): number {
    const capacity = this.model.capacity!;
    const t = this.scheduler.now - CLOCK_ORIGIN;
    let factor = 1;
    for (const phase of this.model.phases) {
      if (phase.type === 'capacity' && t >= phase.startMs && t < phase.endMs) factor = Math.min(factor, phase.factor);
    }
    return Math.floor(capacity.concurrency * factor);
  }

  private startQueued(): void {
    if (this.queued === 0) return;
    const limit = this.capacityNow();
    while (this.queued > 0 && this.busy < limit) {
      const job = this.queue[this.queueHead++];
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      this.start(job);
    }
  }
}
