/**
 * The simulation engine: a discrete-event run of load → policies → dependency on a virtual
 * clock. Deterministic: the same scenario (seed included) gives the same result, byte for byte.
 */
import { DependencyServer } from './dependency';
import { startLoad } from './load';
import { Recorder } from './metrics';
import { Outcome, type PolicyLayer, type Scenario } from './model';
import { BreakerStage } from './policies/breaker';
import { BulkheadStage } from './policies/bulkhead';
import { FallbackStage } from './policies/fallback';
import { RetryStage } from './policies/retry';
import type { Inner, Stage, StageContext } from './policies/stage';
import { TimeoutStage } from './policies/timeout';
import { Prng } from './random';
import type { SimulationResult } from './result';
import { CLOCK_ORIGIN, Scheduler } from './scheduler';
import { NEVER_ABORTED } from './signal';

export interface SimulateOptions {
  /** Keep per-request arrays in the result (tests and the differential suite use them). */
  keepRequests?: boolean;
  /** Stop with an error after this many timer callbacks (guards against zero-delay retry loops). */
  maxEvents?: number;
}

export const DEFAULT_MAX_EVENTS = 20_000_000;

export class SimulationLimitError extends Error {
  constructor(readonly events: number) {
    super(
      `The simulation stopped after ${events.toLocaleString('en-US')} events: a retry with no delay and no attempt limit ` +
        'against a failing dependency (or a breaker that is open) loops without end. Add maxAttempts or a backoff.',
    );
    this.name = 'SimulationLimitError';
  }
}

/** The seed of the jitter stream: cockatiel's `Math.random()` in the differential harness gets the same. */
export function jitterSeed(seed: number): number {
  return (seed ^ 0x5bd1e995) >>> 0;
}

export function createStages(policy: readonly PolicyLayer[], context: StageContext): Stage[] {
  let breakers = 0;
  return policy.map((layer): Stage => {
    switch (layer.type) {
      case 'retry':
        return new RetryStage(layer, context);
      case 'breaker':
        return new BreakerStage(layer, context, breakers++);
      case 'bulkhead':
        return new BulkheadStage(layer, context);
      case 'timeout':
        return new TimeoutStage(layer, context);
      case 'fallback':
        return new FallbackStage(layer);
    }
  });
}

/** Runs a scenario that `parseScenario` has accepted. */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const scheduler = new Scheduler();
  const horizonMs = scenario.durationMs + scenario.drainMs;
  const recorder = new Recorder(scheduler, horizonMs, expectedRequests(scenario));
  const context: StageContext = { scheduler, random: new Prng(jitterSeed(scenario.seed)), events: recorder, retryAfterMs: scenario.dependency.retryAfterMs };
  const server = new DependencyServer(scenario.dependency, scheduler, scenario.seed);
  const stages = createStages(scenario.policy, context);
  const passesSignal = scenario.passesSignal;

  const callDependency: Inner = (request, signal, done) => {
    if (passesSignal && signal.aborted) return done(Outcome.timeout);
    const id = request.id;
    recorder.attemptStarted(id);
    let pending = true;
    let unlink: (() => void) | undefined;
    server.request(id, request.attempts++, (code) => {
      if (!pending) return recorder.orphaned();
      pending = false;
      unlink?.();
      done(code);
    });
    if (passesSignal) {
      unlink = signal.onAbort(() => {
        if (!pending) return;
        pending = false;
        done(Outcome.timeout);
      });
    }
  };
  // The chain is built once; the request object carries what differs between callers.
  const chain = new Array<Inner>(stages.length + 1);
  chain[stages.length] = callDependency;
  for (let i = stages.length - 1; i >= 0; i--) {
    const stage = stages[i];
    const inner = chain[i + 1];
    chain[i] = (request, signal, done) => stage.run(request, signal, inner, done);
  }
  const outer = chain[0];

  startLoad(scenario.load, scenario.durationMs, scenario.seed, scheduler, (id, settled) => {
    recorder.requestStarted(id);
    outer({ id, attempts: 0 }, NEVER_ABORTED, (code) => {
      recorder.requestEnded(id, code);
      settled();
    });
  });

  const end = CLOCK_ORIGIN + horizonMs;
  for (let timer = scheduler.pop(end); timer; timer = scheduler.pop(end)) {
    timer.callback!();
    if (scheduler.fired > maxEvents) throw new SimulationLimitError(scheduler.fired);
  }
  return recorder.finish(scenario, scheduler.fired, server.maxQueue, options.keepRequests ?? false);
}

function expectedRequests(scenario: Scenario): number {
  const load = scenario.load;
  if (load.type === 'closed') return (load.clients * scenario.durationMs) / Math.max(load.thinkTimeMs, 10);
  const peak = Math.max(load.ratePerSecond, ...load.rateChanges.map((change) => change.ratePerSecond));
  return (peak * scenario.durationMs) / 1000 + 16;
}
