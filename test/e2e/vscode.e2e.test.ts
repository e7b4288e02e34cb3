/**
 * The extension in a real VS Code (code-server, a real Node extension host), driven as a user would
 * with Playwright and Debian's Chromium: findings in the Problems panel, quick-fixes through Ctrl+.,
 * settings followed live. Screenshots of each step go to test-results/e2e/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ROOT } from '../helpers';
import { CHROMIUM, CHROMIUM_ARGS, ensureCodeServer, packageBreakwater, startCodeServer, TEST_USER_SETTINGS, type RunningCodeServer } from './code-server';

const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const WORKSPACE = path.join(RESULTS, 'workspace');
const VSIX = path.join(RESULTS, 'breakwater.vsix');

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('extension end-to-end in code-server', function () {
  this.timeout(15 * 60_000);
  let server: RunningCodeServer;
  let browser: Browser;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS, `${name}.png`) });

  /** The file's text on disk once it contains `marker` (the save has landed). */
  function savedText(name: string, marker: string): Promise<string> {
    const file = path.join(WORKSPACE, 'src', name);
    return until(`${name} saved with ${marker}`, async () => {
      const current = fs.readFileSync(file, 'utf8');
      return current.includes(marker) && current;
    });
  }

  async function problems(): Promise<string[]> {
    return (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
  }

  async function runCommand(name: string): Promise<void> {
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${name}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  /**
   * A notification the extension shows: its toast, or its entry in the notification center, which
   * keeps every notification. VS Code hides toasts after a while and skips them in some states (one
   * run saw the notification arrive, the bell marked, and no toast; another saw neither toast nor
   * center entry within 45 s on a busy machine), so both are watched until the deadline, the center
   * is opened if no toast has come after a while, and a screenshot is kept if nothing comes.
   */
  async function notification(text: string, timeoutMs = 90_000): Promise<Locator> {
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text });
    const listed = page.locator('.notifications-center .notification-list-item', { hasText: text });
    const openCenterAt = Date.now() + 15_000;
    const deadline = Date.now() + timeoutMs;
    let centerOpened = false;
    for (;;) {
      if (await toast.isVisible()) return toast;
      if (await listed.isVisible()) return listed;
      if (!centerOpened && Date.now() > openCenterAt) {
        centerOpened = true;
        await runCommand('Notifications: Show Notifications');
      }
      if (Date.now() > deadline) {
        await shot(`failed-notification`);
        throw new Error(`no notification containing "${text}" within ${timeoutMs / 1000} s; the extension's log:\n${breakwaterLog()}`);
      }
      await page.waitForTimeout(250);
    }
  }

  /** What the extension wrote to its output channel so far (code-server keeps it under the user data's logs). */
  function breakwaterLog(): string {
    const logs = path.join(server.userDataDir, 'logs');
    const files = fs.readdirSync(logs, { recursive: true }).map(String).filter((name) => name.endsWith('Breakwater.log'));
    return files.map((name) => fs.readFileSync(path.join(logs, name), 'utf8')).join('\n');
  }

  async function openFile(relative: string): Promise<void> {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relative);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relative) }).first();
    await row.waitFor();
    await row.click();
    try {
      await page.locator('.tab.active', { hasText: path.basename(relative) }).waitFor({ timeout: 15_000 });
    } catch (error) {
      await shot(`failed-open-${path.basename(relative)}`);
      throw error;
    }
    await page.locator('.monaco-editor .view-lines').first().click();
  }

  /** Quick Open's `:line:column` (Ctrl+G is taken by the browser in code-server). */
  async function goTo(line: number, column: number): Promise<void> {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.statusbar', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
  }

  /**
   * Ctrl+. and pick `title`, until the editor of `file` shows the edit (its tab turns dirty). The menu
   * is asked for again if the first request raced the editor, and the pick is made again if the menu
   * re-rendered under the click (seen on busy machines: the click lands and nothing is applied). A
   * pick is given 30 s before it counts as lost, and an edit that lands late is never picked twice:
   * Escape and a second pick while VS Code is still applying the first may cancel the command that
   * follows the edit (the cockatiel offer after a wrap).
   */
  async function applyQuickFix(title: RegExp, file: string, screenshot?: string): Promise<void> {
    const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    const dirty = page.locator('.tab.active.dirty', { hasText: file });
    for (let pick = 1; ; pick++) {
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+.');
        try {
          await item.waitFor({ state: 'visible', timeout: 10_000 });
          break;
        } catch (error) {
          if (attempt === 4) {
            await shot('failed-quick-fix');
            throw error;
          }
          await page.keyboard.press('Escape');
        }
      }
      if (screenshot && pick === 1) await shot(screenshot);
      await item.click();
      try {
        await dirty.waitFor({ timeout: 30_000 });
        return;
      } catch (error) {
        if (pick === 3) {
          await shot('failed-quick-fix-apply');
          throw error;
        }
        process.stdout.write(`      (pick ${pick} of "${title.source}" showed no edit in 30 s; picking again)\n`);
        await page.keyboard.press('Escape');
        if (await dirty.isVisible()) return;
      }
    }
  }

  before(async function () {
    const install = ensureCodeServer();
    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), WORKSPACE, { recursive: true });
    packageBreakwater(ROOT, VSIX);
    server = await startCodeServer(install, {
      vsix: VSIX,
      folder: WORKSPACE,
      stateDir: path.join(RESULTS, 'code-server'),
      userSettings: { ...TEST_USER_SETTINGS },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Generous: on two busy cores the workbench can take a while to answer.
    page.setDefaultTimeout(45_000);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(WORKSPACE)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await page.locator('.explorer-viewlet').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows findings for a TypeScript file in the Problems panel, with the rule as code', async () => {
    await openFile('src/orders.ts');
    await runCommand('View: Focus Problems');
    const rows = await until('two Breakwater findings', async () => {
      const current = await problems();
      return current.filter((row) => row.includes('breakwater')).length === 2 && current;
    }, 90_000);
    assert.ok(rows.some((row) => /fetch call has no timeout; add `signal: AbortSignal\.timeout\(\)`\. breakwater ?\(?require-timeout\)? \[Ln 2, Col 21\]/.test(row)), rows.join('\n'));
    assert.ok(rows.some((row) => /fetch call has no retry or circuit breaker around it\. breakwater ?\(?no-unprotected-call\)? \[Ln 2, Col 21\]/.test(row)), rows.join('\n'));
    await shot('01-findings');
  });

  it('adds a timeout through Ctrl+. and the file gets exactly the plugin\'s edit', async () => {
    await openFile('src/orders.ts');
    await goTo(2, 21);
    await applyQuickFix(/Add `signal: AbortSignal\.timeout\(10000\)`/, 'orders.ts', '02-quick-fix-menu');
    await page.keyboard.press('Control+S');
    const text = await savedText('orders.ts', 'AbortSignal');
    assert.equal(
      text,
      'export async function loadOrder(id: string): Promise<unknown> {\n' +
        '  const res = await fetch(`https://api.example.com/orders/${id}`, { signal: AbortSignal.timeout(10000) });\n' +
        '  return res.json();\n' +
        '}\n',
    );
    await until('the timeout finding to go', async () => !(await problems()).some((row) => row.includes('require-timeout')));
    await shot('03-after-fix');
  });

  it('restricts a retry to retryable errors with the plugin\'s suggestion', async () => {
    await openFile('src/invoices.js');
    await goTo(7, 7);
    await applyQuickFix(/Rethrow errors that isRetryableError\(\) rejects/, 'invoices.js');
    await page.keyboard.press('Control+S');
    const text = await savedText('invoices.js', 'function isRetryableError');
    assert.match(text, /} catch \(error\) \{\n {6}if \(!isRetryableError\(error\)\) throw error;\n {6}if \(attempt === 3\) throw error;/);
    assert.equal(text.match(/function isRetryableError/g)?.length, 1);
  });

  it('wraps a call in the full cockatiel policy and offers to add cockatiel to package.json', async () => {
    await openFile('src/payments.ts');
    await goTo(2, 10);
    await applyQuickFix(/Wrap in timeout \+ retry \+ circuit breaker \+ bulkhead/, 'payments.ts', '05-wrap-menu');
    const offer = await notification('does not list');
    const message = await offer.innerText();
    assert.match(message, /The wrapped call uses cockatiel, which package\.json does not list\./);
    assert.match(message, /Run "npm install cockatiel@\^3\.2\.1"/);
    // The output channel reaches its log file a little later than the notification.
    await until('the offer in the extension\'s log', async () => /A wrap uses cockatiel, which package\.json does not list: offering "npm install cockatiel@\^3\.2\.1"\./.test(breakwaterLog()), 30_000);
    await shot('06-cockatiel-offer');
    await page.keyboard.press('Escape');
    await openFile('src/payments.ts');
    await page.keyboard.press('Control+S');
    const text = await savedText('payments.ts', 'resiliencePolicy');
    assert.match(text, /^import \{ wrap, bulkhead, retry, circuitBreaker, timeout, handleWhen, isBrokenCircuitError, ExponentialBackoff, ConsecutiveBreaker, TimeoutStrategy \} from 'cockatiel';\n/);
    assert.match(text, /return resiliencePolicy\.execute\(\(\{ signal \}\) => fetch\(`https:\/\/payments\.example\.com\/charges\/\$\{chargeId\}\/capture`, \{ method: 'POST', headers: \{ 'Idempotency-Key': `capture-\$\{chargeId\}` \}, signal: AbortSignal\.any\(\[signal, AbortSignal\.timeout\(5000\)\]\) \}\)\);/);
    await until('the unprotected finding to go', async () => !(await problems()).some((row) => row.includes('no-unprotected-call') && row.includes('payments')));
  });

  it('in a pnpm monorepo, offers `pnpm add` for the workspace package, past a package.json that only sets the module type', async () => {
    // mono/pnpm-lock.yaml is at the monorepo's root; packages/api/src/esm/package.json is `{"type": "module"}`.
    await openFile('mono/packages/api/src/esm/users.ts');
    await goTo(2, 21);
    await applyQuickFix(/Wrap in a circuit breaker/, 'users.ts');
    const offer = await notification('pnpm add');
    const message = await offer.innerText();
    assert.match(message, /The wrapped call uses cockatiel, which mono\/packages\/api\/package\.json does not list\./);
    assert.match(message, /Run "pnpm add cockatiel@\^3\.2\.1"/);
    await until('the offer in the extension\'s log', async () => /which mono\/packages\/api\/package\.json does not list: offering "pnpm add cockatiel@\^3\.2\.1"\./.test(breakwaterLog()), 30_000);
    await shot('07-monorepo-offer');
    await page.keyboard.press('Escape');
    await openFile('mono/packages/api/src/esm/users.ts');
    await page.keyboard.press('Control+S');
    const file = path.join(WORKSPACE, 'mono', 'packages', 'api', 'src', 'esm', 'users.ts');
    const text = await until('users.ts saved with the breaker', async () => {
      const current = fs.readFileSync(file, 'utf8');
      return current.includes('circuitBreakerPolicy') && current;
    });
    assert.match(text, /const res = await circuitBreakerPolicy\.execute\(\(\{ signal \}\) => fetch\(`https:\/\/users\.example\.com\/users\/\$\{id\}`, \{ signal: AbortSignal\.any\(\[signal, AbortSignal\.timeout\(5000\)\]\) \}\)\);/);
  });

  it('"Fix all Breakwater timeouts in file" adds every timeout at once', async () => {
    await openFile('src/reports.js');
    await until('the file\'s findings', async () => (await problems()).some((row) => row.startsWith('reports.js')));
    await runCommand('Source Action...');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Fix all Breakwater timeouts in file' }).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await item.click();
    await page.locator('.tab.active.dirty', { hasText: 'reports.js' }).waitFor();
    await page.keyboard.press('Control+S');
    const text = await savedText('reports.js', 'AbortSignal');
    assert.equal(
      text,
      'export async function loadReports() {\n' +
        "  const daily = await fetch('https://reports.example.com/daily', { signal: AbortSignal.timeout(10000) });\n" +
        "  const weekly = await fetch('https://reports.example.com/weekly', { method: 'GET', signal: AbortSignal.timeout(10000) });\n" +
        '  return [await daily.json(), await weekly.json()];\n' +
        '}\n',
    );
  });

  it('inserts a snippet', async () => {
    await openFile('src/policies.ts');
    await page.keyboard.type('bw-retry-jit');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'bw-retry-jitter' }).first();
    await until('the snippet suggestion', async () => {
      if (await suggestion.isVisible()) return true;
      await page.keyboard.press('Control+Space');
      return suggestion.isVisible({ timeout: 2_000 });
    });
    await shot('07-snippet');
    await suggestion.click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
    const text = await savedText('policies.ts', 'ExponentialBackoff');
    assert.equal(
      text,
      [
        'const retryPolicy = retry(handleAll, {',
        '  maxAttempts: 4,',
        '  backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 10_000 }),',
        '});',
        '',
      ].join('\n'),
    );
  });

  it('follows a settings change: turning a rule off removes its findings', async () => {
    await openFile('src/orders.ts');
    await until('the no-unprotected-call finding', async () => (await problems()).some((row) => row.includes('no-unprotected-call')));
    fs.mkdirSync(path.join(WORKSPACE, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(WORKSPACE, '.vscode', 'settings.json'), JSON.stringify({ 'breakwater.rules': { 'no-unprotected-call': 'off' } }));
    await until('no-unprotected-call to disappear', async () => {
      const rows = await problems();
      return !rows.some((row) => row.includes('no-unprotected-call')) && rows;
    }, 60_000);
    await shot('04-rule-off');
  });

  it('skips files over breakwater.maxFileSize with one status-bar notice, and lints them again under it', async () => {
    const settingsFile = path.join(WORKSPACE, '.vscode', 'settings.json');
    const settings = fs.readFileSync(settingsFile, 'utf8');
    // A file with a finding whatever the earlier steps fixed or turned off.
    fs.writeFileSync(path.join(WORKSPACE, 'src', 'large.ts'), '// A file over the 100-character limit that the next step sets.\nexport const loadReport = (url: string) => fetch(url);\n');
    await openFile('src/large.ts');
    await until('a Breakwater finding in the Problems panel', async () => (await problems()).some((row) => row.includes('breakwater')));
    const notice = page.locator('.statusbar-item', { hasText: 'Breakwater skipped' });
    try {
      // Every open file is over 100 characters: none is linted, and one notice counts them.
      fs.writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(settings), 'breakwater.maxFileSize': 100 }));
      await notice.waitFor({ state: 'visible', timeout: 60_000 });
      assert.match((await notice.textContent()) ?? '', /Breakwater skipped \d+ large files?/);
      assert.equal(await notice.count(), 1, 'one notice, not one per file');
      await until('the skipped files to lose their findings', async () => {
        const rows = await problems();
        return !rows.some((row) => row.includes('breakwater')) && rows;
      });
      await shot('05-large-files-skipped');
    } finally {
      fs.writeFileSync(settingsFile, settings);
    }
    await notice.waitFor({ state: 'hidden', timeout: 60_000 });
    await until('the findings to come back under the default limit', async () => (await problems()).some((row) => row.includes('breakwater')));
  });

  /** The simulator webview's document (code-server nests it: iframe.webview > #active-frame). */
  const simulator = () => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');

  it('"Simulate this policy" opens the Policy Simulator with the policy read from code', async () => {
    await openFile('src/resilience.ts');
    // The lenses sit above their lines: start from the top, however the editor was last scrolled
    // (CI once found it scrolled to the last line, every lens out of view).
    await goTo(1, 1);
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Simulate this policy' });
    await until('three CodeLenses', async () => (await lens.count()) === 3, 60_000);
    await shot('08-codelens');
    await lens.nth(2).click();
    const panel = simulator();
    await panel.locator('#status', { hasText: 'Simulated' }).waitFor({ timeout: 60_000 });
    assert.equal(await panel.locator('[data-policy="A"] input.label').inputValue(), 'resilient');
    assert.deepEqual(await panel.locator('[data-policy="A"] legend').allInnerTexts(), ['1. retry', '2. breaker']);
    assert.equal(await panel.locator('input[data-key="A.0.backoff.initialDelayMs"]').inputValue(), '200');
    assert.equal(await panel.locator('input[data-key="A.1.halfOpenAfter.delayMs"]').inputValue(), '10000');
    // limits.retries lives in another module: the panel names it and uses cockatiel's default (retry forever).
    assert.match(await panel.locator('[data-policy="A"] .unknowns').innerText(), /retry maxAttempts: `limits\.retries` is not a number this file shows/);
    assert.equal(await panel.locator('input[data-key="A.0.maxAttempts"]').inputValue(), '');
    await shot('09-simulator-from-code');
  });

  it('runs a preset in the panel, draws its charts and shows bad numbers as field errors', async () => {
    const panel = simulator();
    await panel.locator('#preset').selectOption('retry-storm');
    await panel.locator('#status', { hasText: '18,0' }).waitFor({ timeout: 60_000 });
    // The code-read policy A is kept; B is the preset's.
    assert.equal(await panel.locator('[data-policy="B"] input.label').inputValue(), 'Breaker + jittered retry');
    assert.equal(await panel.locator('canvas').count(), 8);
    assert.deepEqual(
      (await panel.locator('.chart .u-title').allInnerTexts()).slice(0, 4),
      ['Outcomes per second', 'Breaker state (share of each second)', 'Downstream load per second', 'Latency (ms)'],
    );
    assert.match(await panel.locator('tr[data-row="amplification"]').innerText(), /Downstream attempts per request\s+[\d.]+×\s+0\.9\d×/);
    assert.ok((await panel.locator('#differences li').count()) > 3);
    await shot('10-simulator-preset');
    // The charts sit below the controls in a side panel: capture them as an element.
    await panel.locator('.columns', { has: panel.locator('[data-charts]') }).screenshot({ path: path.join(RESULTS, '10-simulator-charts.png') });
    const field = panel.locator('input[data-key="B.2.timeoutMs"]');
    await field.fill('soon');
    await panel.locator('[data-error-for="B.2.timeoutMs"]', { hasText: 'must be a finite number' }).waitFor();
    assert.equal(await panel.locator('#status').innerText(), 'Fix the highlighted fields to run the simulation.');
    await field.fill('300');
    await panel.locator('#status', { hasText: 'Simulated' }).waitFor();
    await panel.locator('button', { hasText: 'Copy as code' }).last().click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'Copied "Breaker + jittered retry" as cockatiel code.' }).waitFor();
  });

  it('keeps the panel and its state across a window reload (webview serializer + setState)', async () => {
    await runCommand('Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    const panel = simulator();
    await panel.locator('#status', { hasText: 'Simulated' }).waitFor({ timeout: 90_000 });
    assert.equal(await panel.locator('#preset').inputValue(), 'retry-storm');
    assert.equal(await panel.locator('input[data-key="B.2.timeoutMs"]').inputValue(), '300');
    assert.equal(await panel.locator('[data-policy="A"] input.label').inputValue(), 'resilient');
    await shot('11-simulator-after-reload');
  });

  it('activates quickly (reported from the extension\'s own output)', () => {
    const text = breakwaterLog();
    const match = /Breakwater activated in ([\d.]+) ms/.exec(text);
    assert.ok(match, `no activation line in the extension's log:\n${text}`);
    process.stdout.write(`      activation: ${match[1]} ms\n`);
  });
});
