import assert from 'node:assert/strict';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LINT_WORKER_RESOURCE_LIMITS, type DocumentVersion, type LintRequest, type LintResponses } from '../../src/core/lint-documents';
import { LintWorkerClient } from '../../src/core/lint-worker-client';
import { DEFAULT_SETTINGS, type ExtensionSettings } from '../../src/core/settings';
import type { LintWorkerData } from '../../src/lint-worker';
import { ROOT } from '../helpers';

/**
 * The lint worker as the extension ships it (dist/lint-worker.js, built by `npm run build`), started
 * the way src/host/lint-service.ts starts it, and asked through the host's client what the host asks.
 */
class WorkerClient {
  readonly worker: Worker;
  readonly logs: string[] = [];
  readonly stops: string[] = [];
  private readonly client: LintWorkerClient;

  constructor(settings: ExtensionSettings = DEFAULT_SETTINGS, answerWithinMs?: number) {
    const workerData: LintWorkerData = { settings, typescriptPaths: ['/nowhere/typescript', path.join(ROOT, 'node_modules', 'typescript')] };
    this.worker = new Worker(path.join(ROOT, 'dist', 'lint-worker.js'), { workerData, resourceLimits: LINT_WORKER_RESOURCE_LIMITS });
    this.client = new LintWorkerClient(this.worker, { log: (line) => this.logs.push(line), stopped: (reason) => this.stops.push(reason) }, answerWithinMs);
  }

  ask<Request extends LintRequest>(request: Request): Promise<LintResponses[Request['kind']]> {
    return this.client.request(request);
  }
}

const LOAD_TS = 'export async function load(url: string) {\n  return fetch(url);\n}\n';

describe('the lint worker (dist/lint-worker.js)', function () {
  this.timeout(60_000);
  let client: WorkerClient;
  before(() => {
    client = new WorkerClient();
  });
  after(() => client.worker.terminate());

  const doc = (version: number, fileName = '/work/app/src/load.ts'): DocumentVersion => ({ uri: `file://${fileName}`, version, fileName });

  it('lints a TypeScript document with TypeScript from the paths it was given, and answers plain findings', async () => {
    const findings = await client.ask({ kind: 'lint', document: doc(1), text: LOAD_TS });
    assert.deepEqual(findings.map((f) => [f.ruleId, LOAD_TS.slice(f.start, f.end), f.severity]), [
      ['require-timeout', 'fetch(url)', 'warning'],
      ['no-unprotected-call', 'fetch(url)', 'warning'],
    ]);
    assert.equal(findings[0]!.suggestions[0]!.text, ', { signal: AbortSignal.timeout(10000) }');
    assert.match(findings[0]!.docsUrl, /require-timeout\.md$/);
  });

  it('builds the wraps of a finding from the lint of that version, and none for a version it did not lint', async () => {
    const [, unprotected] = await client.ask({ kind: 'lint', document: doc(2), text: LOAD_TS });
    const wraps = await client.ask({ kind: 'wraps', document: doc(2), ruleId: 'no-unprotected-call', start: unprotected!.start, end: unprotected!.end });
    assert.deepEqual(wraps.map((w) => w.kind), ['full', 'retry', 'breaker', 'bulkhead']);
    assert.ok(wraps.every((w) => w.fixes.length > 0));
    assert.deepEqual(await client.ask({ kind: 'wraps', document: doc(3), ruleId: 'no-unprotected-call', start: unprotected!.start, end: unprotected!.end }), []);
  });

  it('reads cockatiel policies for the CodeLens', async () => {
    const text = "import { retry, handleAll, ExponentialBackoff } from 'cockatiel';\nexport const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });\n";
    const policies = await client.ask({ kind: 'policies', document: doc(4, '/work/app/src/policy.ts'), text });
    assert.deepEqual(policies.map((p) => p.name), ['policy']);
  });

  it('answers no findings for a file that does not parse, and keeps working', async () => {
    assert.deepEqual(await client.ask({ kind: 'lint', document: doc(5), text: 'export async function load(url) { return fetch(url' }), []);
    assert.equal((await client.ask({ kind: 'lint', document: doc(6), text: LOAD_TS })).length, 2);
  });

  it('takes new settings, naming rule options the plugin rejects, and lints with them', async () => {
    const settings: ExtensionSettings = {
      ...DEFAULT_SETTINGS,
      rules: { ...DEFAULT_SETTINGS.rules, 'no-unprotected-call': 'off' },
      ruleOptions: { 'require-timeout': { defaultTimeoutMs: 'soon' } },
    };
    const { invalidOptions } = await client.ask({ kind: 'settings', settings });
    assert.deepEqual(invalidOptions.map(([rule]) => rule), ['require-timeout']);
    assert.match(invalidOptions[0]![1], /should be integer/);
    const findings = await client.ask({ kind: 'lint', document: doc(7), text: LOAD_TS });
    assert.deepEqual(findings.map((f) => f.ruleId), ['require-timeout']);
    await client.ask({ kind: 'settings', settings: DEFAULT_SETTINGS });
  });

  it('rejects a request it does not know with an error, not a crash', async () => {
    await assert.rejects(client.ask({ kind: 'nonsense' } as never), /Unknown lint request "nonsense"/);
    assert.equal((await client.ask({ kind: 'lint', document: doc(8), text: LOAD_TS })).length, 2);
    assert.equal(await client.ask({ kind: 'forget', uri: doc(8).uri, fileName: doc(8).fileName }), null);
  });

  it('fails every request once the worker has stopped, saying why', async () => {
    const doomed = new WorkerClient();
    assert.equal((await doomed.ask({ kind: 'lint', document: doc(1), text: LOAD_TS })).length, 2);
    // A lint long enough (a few hundred ms) to be in progress when the worker is stopped.
    const pending = doomed.ask({ kind: 'lint', document: doc(2), text: LOAD_TS.repeat(3000) });
    await doomed.worker.terminate();
    await assert.rejects(pending, /the lint worker stopped \(exit code 1\)/);
    await assert.rejects(doomed.ask({ kind: 'lint', document: doc(3), text: LOAD_TS }), /the lint worker stopped/);
    assert.deepEqual(doomed.stops, ['exit code 1']);
  });

  it('stops a worker that does not answer (a rule in an endless loop) and fails what waited, saying so', async () => {
    // A real worker thread that takes requests and never answers.
    const stuck = new Worker("require('node:worker_threads').parentPort.on('message', () => { for (;;); });", { eval: true });
    const stops: string[] = [];
    let exited = false;
    stuck.on('exit', () => (exited = true));
    const stuckClient = new LintWorkerClient(stuck, { log: () => undefined, stopped: (reason) => stops.push(reason) }, 300);
    await assert.rejects(stuckClient.request({ kind: 'lint', document: doc(1), text: LOAD_TS }), /the lint worker stopped \(no answer in 300 ms\)/);
    assert.deepEqual(stops, ['no answer in 300 ms']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(exited, 'the stuck worker was terminated');
  });

  it('keeps a slow but answering worker: the limit is on the wait for each answer, not for all of them', async function () {
    this.timeout(120_000);
    const limitMs = 2_500;
    const slow = new WorkerClient(DEFAULT_SETTINGS, limitMs);
    try {
      // JavaScript, so that no answer waits for TypeScript to load; the first one waits for the worker to start.
      await slow.ask({ kind: 'lint', document: doc(1, '/work/app/src/load.js'), text: 'export const load = (url) => fetch(url);\n' });
      // About 150 ms a lint here; thirty queued at once take several times the limit.
      const text = Array.from({ length: 1_500 }, (_, n) => `export async function load${n}(url) {\n  return fetch(url);\n}\n`).join('');
      const versions = Array.from({ length: 30 }, (_, i) => 100 + i);
      const started = Date.now();
      const answers = await Promise.all(versions.map((v) => slow.ask({ kind: 'lint', document: doc(v, '/work/app/src/load.js'), text })));
      const took = Date.now() - started;
      assert.deepEqual(answers.map((findings) => findings.length), versions.map(() => 3_000));
      assert.deepEqual(slow.stops, []);
      assert.ok(took > limitMs, `the batch took ${took} ms, no longer than the limit: the case proves nothing`);
    } finally {
      await slow.worker.terminate();
    }
  });
});
