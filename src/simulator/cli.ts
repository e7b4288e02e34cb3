/**
 * `breakwater-sim`: run a preset (or a scenario file) against a policy file and print a
 * summary table or JSON. For terminals and CI; the engine is the one the panel uses.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { simulate, SimulationLimitError } from './engine';
import { findPreset, PRESETS, presetScenario } from './presets';
import type { SimulationResult } from './result';
import { formatTable } from './summary';
import { InvalidScenarioError, parsePolicy, parseScenario } from './validate';

const USAGE = `Usage: breakwater-sim --preset <id> [--policy policy.json] [--seed n] [--json]
       breakwater-sim --scenario scenario.json [--policy policy.json] [--json]
       breakwater-sim --list

A policy file holds cockatiel policies in wrap() order (outermost first), e.g.
  [{ "type": "retry", "handle": "transient", "maxAttempts": 3,
     "backoff": { "type": "exponential", "jitter": "full" } },
   { "type": "breaker", "breaker": { "type": "consecutive", "threshold": 5 }, "halfOpenAfter": 10000 },
   { "type": "timeout", "timeoutMs": 2000 }]
Without --policy, a preset runs each of its own policies side by side.`;

class UsageError extends Error {}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

function withFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidScenarioError) {
      throw new UsageError(`${file} is not a valid ${file.endsWith('policy.json') ? 'policy' : 'input'}:\n${error.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`);
    }
    throw error;
  }
}

export function run(argv: string[], out: (text: string) => void): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        preset: { type: 'string' },
        scenario: { type: 'string' },
        policy: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    out(`breakwater-sim: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (values.list) {
    out(PRESETS.map((preset) => `${preset.id.padEnd(18)} ${preset.title}\n${''.padEnd(18)} ${preset.story}`).join('\n'));
    return 0;
  }
  try {
    const runs = plan(values);
    const results = runs.map(({ label, scenario }) => ({ label, result: simulate(scenario) }));
    out(values.json ? JSON.stringify(results.map(({ label, result }) => ({ label, ...withoutDetail(result) })), null, 2) : formatTable(results));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof SimulationLimitError) {
      out(`breakwater-sim: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function plan(values: { preset?: string; scenario?: string; policy?: string; seed?: string }): { label: string; scenario: ReturnType<typeof parseScenario> }[] {
  if (!values.preset && !values.scenario) throw new UsageError(`give --preset or --scenario\n\n${USAGE}`);
  if (values.preset && values.scenario) throw new UsageError('give --preset or --scenario, not both');
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new UsageError(`--seed must be a whole number from 0 to ${2 ** 32 - 1}, got ${values.seed}`);
  }
  const policyFile = values.policy;
  const policy = policyFile === undefined ? undefined : withFile(policyFile, () => parsePolicy(readJson(policyFile), policyFile.replace(/^.*[\\/]/, '')));
  const build = (input: Record<string, unknown>, source: string) =>
    withFile(source, () => parseScenario({ ...input, ...(seed === undefined ? {} : { seed }), ...(policy ? { policy } : {}) }));
  if (values.scenario) {
    const file = values.scenario;
    const input = readJson(file);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new UsageError(`${file}: a scenario must be a JSON object`);
    return [{ label: policyFile ?? file, scenario: build(input as Record<string, unknown>, file) }];
  }
  const preset = findPreset(values.preset!);
  if (!preset) throw new UsageError(`unknown preset "${values.preset}"; one of: ${PRESETS.map((p) => p.id).join(', ')}`);
  if (policy) return [{ label: policyFile!, scenario: build(presetScenario(preset, policy), `preset ${preset.id}`) }];
  return preset.policies.map(({ label, policy: presetPolicy }) => ({ label, scenario: build(presetScenario(preset, presetPolicy), `preset ${preset.id}`) }));
}

/** Per-request arrays are for tests; JSON output keeps the series and totals. */
function withoutDetail(result: SimulationResult): SimulationResult {
  return { ...result, requests: undefined };
}
