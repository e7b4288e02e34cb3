/**
 * `npm run bench:sim`: how fast the simulator engine is. Prints ratios against the targets
 * instead of failing: speed depends on the machine, so it is measured here, not asserted in tests.
 *   1. throughput of a retry + breaker policy, simulated requests per second of wall time (target ≥ 1,000,000);
 *   2. a 60 s, 200 rps scenario recomputed, as the panel does when a slider moves (target well under 100 ms);
 *   3. a sweep of 400 scenarios (target: seconds).
 */
import { simulate } from '../src/simulator/engine';
import { PRESETS, presetScenario } from '../src/simulator/presets';
import { parseScenario } from '../src/simulator/validate';

const retryBreaker = [
  { type: 'retry', handle: 'transient', maxAttempts: 3, backoff: { type: 'exponential', jitter: 'full' } },
  { type: 'breaker', breaker: { type: 'consecutive', threshold: 5 }, halfOpenAfter: 2000 },
];
const dependency = {
  latency: { type: 'lognormal', medianMs: 40, p99Ms: 300 },
  failures: { http5xx: 0.02, network: 0.01 },
  phases: [{ type: 'outage', startMs: 20_000, endMs: 35_000, kind: 'http5xx' }],
};

function best(runs: number, run: () => void): number {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

function median(runs: number, run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const big = parseScenario({ seed: 1, durationMs: 600_000, load: { type: 'open', arrivals: 'poisson', ratePerSecond: 2000 }, dependency, policy: retryBreaker });
const requests = simulate(big).totals.requests;
const bigMs = best(3, () => simulate(big));
const throughput = requests / (bigMs / 1000);
console.log(`1. retry + breaker: ${requests.toLocaleString('en-US')} requests in ${bigMs.toFixed(0)} ms (best of 3) = ${Math.round(throughput).toLocaleString('en-US')} requests/s; ratio to target 1,000,000/s: ${(throughput / 1e6).toFixed(2)}`);

const small = parseScenario({ seed: 1, durationMs: 60_000, load: { type: 'open', arrivals: 'poisson', ratePerSecond: 200 }, dependency, policy: retryBreaker });
simulate(small);
const smallMs = median(21, () => simulate(small));
console.log(`2. 60 s at 200 rps (${simulate(small).totals.requests.toLocaleString('en-US')} requests): median ${smallMs.toFixed(1)} ms of 21; ratio to the 100 ms budget: ${(smallMs / 100).toFixed(2)}`);

const sweep: ReturnType<typeof parseScenario>[] = [];
for (let i = 0; sweep.length < 400; i++) {
  const preset = PRESETS[i % PRESETS.length];
  const { policy } = preset.policies[i % preset.policies.length];
  sweep.push(parseScenario({ ...presetScenario(preset, policy), seed: i + 1 }));
}
const sweepStart = performance.now();
let sweepRequests = 0;
for (const scenario of sweep) sweepRequests += simulate(scenario).totals.requests;
const sweepMs = performance.now() - sweepStart;
console.log(`3. sweep of ${sweep.length} preset scenarios (${sweepRequests.toLocaleString('en-US')} requests): ${(sweepMs / 1000).toFixed(2)} s`);
