/**
 * The integration suite (test/integration) inside a real VS Code extension host: code-server, which
 * cannot take `--extensionTestsPath`, runs it through a test-only harness extension and writes each
 * test's outcome to a file. The same suite runs under VS Code's Electron build with
 * `npm run test:electron` on machines that can download VS Code.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from '../helpers';
import type { TestResult } from '../integration/index';
import { CHROMIUM, CHROMIUM_ARGS, ensureCodeServer, packageBreakwater, startCodeServer, TEST_USER_SETTINGS, type RunningCodeServer } from './code-server';

const RESULTS = path.join(ROOT, 'test-results', 'integration');
const WORKSPACE = path.join(RESULTS, 'workspace');

describe('integration suite in a code-server extension host', function () {
  this.timeout(15 * 60_000);
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let outcome: { results?: TestResult[]; error?: string };

  before(async function () {
    const install = ensureCodeServer();
    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), WORKSPACE, { recursive: true });
    const vsix = path.join(RESULTS, 'breakwater.vsix');
    const harness = path.join(RESULTS, 'harness.vsix');
    // Takes the ESLint extension's id, so the suite can test `breakwater.diagnostics: auto` offline.
    const eslintStandIn = path.join(RESULTS, 'eslint-stand-in.vsix');
    packageBreakwater(ROOT, vsix);
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-integration.mjs')], { cwd: ROOT, stdio: 'inherit' });
    for (const [folder, out] of [['harness', harness], ['eslint-stand-in', eslintStandIn]] as const) {
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
        { cwd: path.join(ROOT, 'test', 'integration', folder), stdio: 'ignore' },
      );
    }
    const resultsFile = path.join(RESULTS, 'results.json');
    server = await startCodeServer(install, {
      vsix: [vsix, harness, eslintStandIn],
      folder: WORKSPACE,
      stateDir: path.join(RESULTS, 'code-server'),
      userSettings: {
        ...TEST_USER_SETTINGS,
        'breakwaterIntegration.suite': path.join(ROOT, 'out', 'integration', 'index.js'),
        'breakwaterIntegration.results': resultsFile,
      },
    });
    // code-server starts an extension host for a connected window: open one and wait for the harness.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(WORKSPACE)}`);
    const deadline = Date.now() + 10 * 60_000;
    while (!fs.existsSync(resultsFile)) {
      if (Date.now() > deadline) {
        await page.screenshot({ path: path.join(RESULTS, 'timed-out.png') });
        throw new Error('the integration suite wrote no results within 10 minutes');
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    outcome = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs every test of the suite in the extension host, and each passes', () => {
    assert.equal(outcome.error, undefined, outcome.error);
    const results = outcome.results ?? [];
    for (const result of results) process.stdout.write(`      ${result.state === 'passed' ? '✓' : '✗'} [host] ${result.title}\n`);
    const failures = results.filter((result) => result.state === 'failed');
    assert.deepEqual(failures.map((f) => `${f.title}\n${f.error}`), []);
    assert.ok(results.length >= 16, `only ${results.length} tests ran`);
  });
});
