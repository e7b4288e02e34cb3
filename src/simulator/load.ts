/**
 * Who calls the dependency, and when: open-loop arrivals (constant or Poisson, with rate
 * changes) or closed-loop clients with think time. Shared by the engine and the harness so
 * both number requests identically.
 */
import type { Load } from './model';
import { uniformAt } from './random';
import { CLOCK_ORIGIN, type Scheduler } from './scheduler';

/** Starts request `requestId`; `settled` must be called once it ends (closed-loop clients wait for it). */
export type Issue = (requestId: number, settled: () => void) => void;

const noop = (): void => {};

export function startLoad(load: Load, durationMs: number, seed: number, scheduler: Scheduler, issue: Issue): void {
  if (load.type === 'open') startOpenLoop(load, durationMs, seed, scheduler, issue);
  else startClosedLoop(load, durationMs, seed, scheduler, issue);
}

function startOpenLoop(load: Extract<Load, { type: 'open' }>, durationMs: number, seed: number, scheduler: Scheduler, issue: Issue): void {
  const changes = [...load.rateChanges].sort((a, b) => a.atMs - b.atMs);
  const rateAt = (t: number): number => {
    let rate = load.ratePerSecond;
    for (const change of changes) if (change.atMs <= t) rate = change.ratePerSecond;
    return rate;
  };
  const boundaryAfter = (t: number): number => {
    for (const change of changes) if (change.atMs > t) return change.atMs;
    return Infinity;
  };
  let draws = 0;
  const gapAt = (rate: number): number =>
    load.arrivals === 'constant' ? 1000 / rate : (-Math.log(1 - uniformAt(seed, draws++, 0, 101)) * 1000) / rate;
  /** The first arrival strictly after `from` (relative ms), or Infinity. */
  const nextAfter = (from: number, first: boolean): number => {
    let t = from;
    for (;;) {
      const rate = rateAt(t);
      const boundary = boundaryAfter(t);
      if (rate > 0) {
        const at = first && load.arrivals === 'constant' ? t : t + gapAt(rate);
        if (at < boundary) return at;
      }
      if (boundary === Infinity) return Infinity;
      t = boundary;
      first = load.arrivals === 'constant';
    }
  };
  let requestId = 0;
  const arrive = (t: number): void => {
    const next = nextAfter(t, false);
    if (next < durationMs) scheduler.at(CLOCK_ORIGIN + next, () => arrive(next));
    issue(requestId++, noop);
  };
  const first = nextAfter(0, true);
  if (first < durationMs) scheduler.at(CLOCK_ORIGIN + first, () => arrive(first));
}

function startClosedLoop(load: Extract<Load, { type: 'closed' }>, durationMs: number, seed: number, scheduler: Scheduler, issue: Issue): void {
  let requestId = 0;
  const end = CLOCK_ORIGIN + durationMs;
  for (let client = 0; client < load.clients; client++) {
    const run = (): void => {
      issue(requestId++, () => {
        const next = scheduler.now + load.thinkTimeMs;
        if (next < end) scheduler.at(next, run);
      });
    };
    // Stagger the first requests across one think time so clients do not start in lockstep.
    const start = CLOCK_ORIGIN + uniformAt(seed, client, 0, 202) * Math.max(load.thinkTimeMs, 1);
    if (start < end) scheduler.at(start, run);
  }
}
