/**
 * The panel's simulation worker: validates and runs scenarios off the UI thread, so dragging a
 * control never freezes the panel. Runs in a browser worker; imports nothing from VS Code.
 */
import { simulate, SimulationLimitError } from '../../simulator/engine';
import type { SimulationResult } from '../../simulator/result';
import { InvalidScenarioError, parseScenario, type FieldIssue } from '../../simulator/validate';

export interface WorkerRequest {
  id: number;
  scenarios: unknown[];
}

export type WorkerRun = { ok: true; result: SimulationResult; elapsedMs: number } | { ok: false; issues: FieldIssue[] };

export interface WorkerResponse {
  id: number;
  runs: WorkerRun[];
}

function run(input: unknown): WorkerRun {
  try {
    const started = performance.now();
    const result = simulate(parseScenario(input));
    return { ok: true, result, elapsedMs: performance.now() - started };
  } catch (error) {
    if (error instanceof InvalidScenarioError) return { ok: false, issues: error.issues };
    if (error instanceof SimulationLimitError) return { ok: false, issues: [{ path: 'scenario.policy', message: error.message }] };
    return { ok: false, issues: [{ path: 'scenario', message: `the simulation failed: ${String(error)}` }] };
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, scenarios } = event.data;
  const response: WorkerResponse = { id, runs: scenarios.map(run) };
  self.postMessage(response);
};
