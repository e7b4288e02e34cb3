/**
 * cockatiel 3.2's breaker strategies: they decide, on each handled failure while Closed,
 * whether to open. Ported rule by rule, including the strict `>` comparisons, the
 * `minimumRps = 5 / threshold` default and the sampling windows that rotate at most one
 * bucket per recorded call.
 */
import type { BreakerKind } from '../model';
import type { Scheduler } from '../scheduler';
import { BreakerState } from './stage';

export interface BreakerStrategy {
  success(state: BreakerState): void;
  /** Records a failure; true means "open now" (cockatiel only acts on it while Closed). */
  failure(state: BreakerState): boolean;
}

export function createBreakerStrategy(kind: BreakerKind, scheduler: Scheduler): BreakerStrategy {
  switch (kind.type) {
    case 'consecutive':
      return new ConsecutiveStrategy(kind.threshold);
    case 'count':
      return new CountStrategy(kind.threshold, kind.size, kind.minimumNumberOfCalls);
    case 'sampling':
      return new SamplingStrategy(kind.threshold, kind.durationMs, kind.minimumRps, scheduler);
  }
}

class ConsecutiveStrategy implements BreakerStrategy {
  private count = 0;
  constructor(private readonly threshold: number) {}
  success(): void {
    this.count = 0;
  }
  failure(): boolean {
    return ++this.count >= this.threshold;
  }
}

class CountStrategy implements BreakerStrategy {
  private readonly samples: (boolean | null)[];
  private current = 0;
  private successes = 0;
  private failures = 0;

  constructor(
    private readonly threshold: number,
    size: number,
    private readonly minimumNumberOfCalls: number,
  ) {
    this.samples = new Array<boolean | null>(size).fill(null);
  }

  success(state: BreakerState): void {
    if (state === BreakerState.halfOpen) {
      this.samples.fill(null);
      this.successes = 0;
      this.failures = 0;
    }
    this.sample(true);
  }

  failure(state: BreakerState): boolean {
    this.sample(false);
    if (state !== BreakerState.closed) return true;
    const total = this.successes + this.failures;
    if (total < this.minimumNumberOfCalls) return false;
    return this.failures > this.threshold * total;
  }

  private sample(success: boolean): void {
    const previous = this.samples[this.current];
    if (previous === true) this.successes--;
    else if (previous === false) this.failures--;
    this.samples[this.current] = success;
    if (success) this.successes++;
    else this.failures++;
    this.current = (this.current + 1) % this.samples.length;
  }
}

interface SamplingWindow {
  startedAt: number;
  failures: number;
  successes: number;
}

class SamplingStrategy implements BreakerStrategy {
  private readonly windows: SamplingWindow[] = [];
  private readonly windowSize: number;
  private readonly duration: number;
  private readonly minimumRpms: number;
  private current = 0;
  private failures = 0;
  private successes = 0;

  constructor(
    private readonly threshold: number,
    samplingDuration: number,
    minimumRps: number | null,
    private readonly scheduler: Scheduler,
  ) {
    const windowCount = Math.max(5, Math.ceil(samplingDuration / 1000));
    for (let i = 0; i < windowCount; i++) this.windows.push({ startedAt: 0, failures: 0, successes: 0 });
    this.windowSize = Math.round(samplingDuration / windowCount);
    this.duration = this.windowSize * windowCount;
    this.minimumRpms = minimumRps ? minimumRps / 1000 : 5 / (threshold * 1000);
  }

  success(state: BreakerState): void {
    if (state === BreakerState.halfOpen) {
      this.failures = 0;
      this.successes = 0;
      for (const window of this.windows) {
        window.failures = 0;
        window.successes = 0;
        window.startedAt = 0;
      }
    }
    this.push(true);
  }

  failure(state: BreakerState): boolean {
    this.push(false);
    if (state !== BreakerState.closed) return true;
    const total = this.successes + this.failures;
    if (total < this.duration * this.minimumRpms) return false;
    return this.failures > this.threshold * total;
  }

  private push(success: boolean): void {
    const now = this.scheduler.now;
    let window = this.windows[this.current];
    if (now - window.startedAt >= this.windowSize) {
      const next = (this.current + 1) % this.windows.length;
      this.failures -= this.windows[next].failures;
      this.successes -= this.windows[next].successes;
      window = this.windows[next] = { failures: 0, successes: 0, startedAt: now };
      this.current = next;
    }
    if (success) {
      window.successes++;
      this.successes++;
    } else {
      window.failures++;
      this.failures++;
    }
  }
}
