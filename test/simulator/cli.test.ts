/** The built `breakwater-sim` binary, run as users run it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers';

const BIN = path.join(ROOT, 'dist', 'breakwater-sim.js');

function sim(...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout + result.stderr };
}

/** The temporary folders this suite made, removed after it. */
const folders: string[] = [];

function file(name: string, contents: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'breakwater-sim-'));
  folders.push(dir);
  const target = path.join(dir, name);
  writeFileSync(target, contents);
  return target;
}

describe('breakwater-sim CLI', () => {
  after(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is the package bin', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { bin: Record<string, string> };
    assert.equal(pkg.bin['breakwater-sim'], './dist/breakwater-sim.js');
  });

  it('runs a preset with its own policies side by side', () => {
    const { status, stdout } = sim('--preset', 'retry-storm');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /Retry ×3 at once, timeout 250 ms\s+Breaker \+ jittered retry/);
    assert.match(stdout, /Recovered after the last phase\s+not within the run\s+0 ms/);
    assert.match(stdout, /Downstream attempts per request\s+3\.\d\d×\s+0\.\d\d×/);
  });

  it('runs a policy file against a preset and prints JSON', () => {
    const policy = file('policy.json', JSON.stringify([{ type: 'retry', handle: 'transient', maxAttempts: 2, backoff: { type: 'exponential', jitter: 'full' } }, { type: 'timeout', timeoutMs: 1000 }]));
    const { status, stdout } = sim('--preset', 'outage', '--policy', policy, '--json', '--seed', '9');
    assert.equal(status, 0, stdout);
    const [run] = JSON.parse(stdout) as { label: string; scenario: { seed: number; policy: unknown[] }; totals: { requests: number }; successRate: number; series: { offered: number[] } }[];
    assert.equal(run.label, policy);
    assert.equal(run.scenario.seed, 9);
    assert.equal(run.scenario.policy.length, 2);
    assert.ok(run.totals.requests > 10_000);
    assert.ok(run.successRate > 0.5 && run.successRate < 1);
    assert.equal(run.series.offered.length, 65);
  });

  it('runs a whole scenario file', () => {
    const scenario = file('scenario.json', JSON.stringify({ durationMs: 5000, load: { type: 'closed', clients: 5, thinkTimeMs: 100 }, policy: [{ type: 'timeout', timeoutMs: 500 }] }));
    const { status, stdout } = sim('--scenario', scenario);
    assert.equal(status, 0, stdout);
    assert.match(stdout, /Succeeded \(incl\. fallback\)\s+100\.0%/);
  });

  it('names the bad field of an invalid policy file', () => {
    const policy = file('policy.json', JSON.stringify([{ type: 'retry', maxAttempts: -1 }, { type: 'breaker', breaker: { type: 'sampling', threshold: 0.2 } }]));
    const { status, stdout } = sim('--preset', 'outage', '--policy', policy);
    assert.equal(status, 2);
    assert.equal(stdout.trim(), `breakwater-sim: ${policy} is not a valid policy:\n  policy.json[0].maxAttempts: must be at least 0\n  policy.json[1].breaker.durationMs: is required`);
  });

  it('explains unreadable input, unknown presets and bad flags', () => {
    assert.match(sim('--preset', 'outage', '--policy', file('policy.json', '{ nope')).stdout, /policy\.json: not valid JSON/);
    assert.match(sim('--preset', 'outage', '--policy', '/does/not/exist.json').stdout, /exist\.json: cannot read it \(ENOENT\)/);
    const unknown = sim('--preset', 'tsunami');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stdout, /unknown preset "tsunami"; one of: outage, partial-failure/);
    assert.match(sim('--preset', 'outage', '--seed', '1.5').stdout, /--seed must be a whole number/);
    assert.match(sim('--bogus').stdout, /Unknown option '--bogus'/);
    assert.equal(sim().status, 2);
  });

  it('lists the presets', () => {
    const { status, stdout } = sim('--list');
    assert.equal(status, 0);
    for (const id of ['outage', 'partial-failure', 'latency-spike', 'flapping', 'retry-storm', 'thundering-herd', 'retry-strategies']) assert.match(stdout, new RegExp(`^${id} `, 'm'));
  });
});
