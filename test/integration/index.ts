/**
 * The integration suite's entry inside a VS Code extension host. `@vscode/test-electron` loads this
 * module as `extensionTestsPath` and calls `run()`; the code-server harness extension
 * (test/integration/harness) calls `runSuite()` to get the per-test results. Bundled by
 * scripts/build-integration.mjs to out/integration/index.js; mocha is resolved from the repo.
 */
import path from 'node:path';
import Mocha from 'mocha';

export interface TestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly durationMs?: number;
  readonly error?: string;
}

/** Runs every test in the suite and resolves with each one's outcome (never rejects on a failed test). */
export function runSuite(): Promise<TestResult[]> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.integration.js'));
  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(results));
      runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
      runner.on('fail', (test, error: Error) => results.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? String(error) }));
    } catch (error) {
      reject(error);
    }
  });
}

/** `@vscode/test-electron`'s entry point: fails the run when any test fails. */
export async function run(): Promise<void> {
  const results = await runSuite();
  const failed = results.filter((result) => result.state === 'failed');
  if (failed.length > 0) throw new Error(`${failed.length} of ${results.length} integration tests failed: ${failed.map((f) => f.title).join('; ')}`);
}
