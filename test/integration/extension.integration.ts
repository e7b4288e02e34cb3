/**
 * The integration suite: runs inside a real VS Code extension host (code-server in `npm test`,
 * VS Code itself through `npm run test:electron`) against the installed Breakwater extension and the
 * sample workspace (test/e2e/workspace). It goes through the VS Code API where the Playwright suite
 * goes through the UI: diagnostics as published, every quick-fix kind as the editor receives it,
 * the source action, a snippet, CodeLenses, the simulator command, live settings and
 * `breakwater.diagnostics: auto` beside the ESLint extension.
 * Edits are applied in memory and reverted, so every test starts from the files on disk.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const DOCS = 'https://github.com/breakwater/breakwater/blob/main/eslint-plugin/docs/rules/';

function fileUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the sample workspace open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function breakwaterDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'breakwater');
}

function ruleOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** The rule's finding that starts at line:character (0-based), once the file's diagnostics show it. */
function findingAt(uri: vscode.Uri, rule: string, line: number, character: number): Promise<vscode.Diagnostic> {
  return until(`${rule} at ${line + 1}:${character + 1}`, () =>
    breakwaterDiagnostics(uri).find((d) => ruleOf(d) === rule && d.range.start.line === line && d.range.start.character === character),
  );
}

async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(relative));
  return vscode.window.showTextDocument(document);
}

/** Discards in-memory edits, so the next test sees the file as it is on disk. */
async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/**
 * The quick-fixes VS Code gets for a finding's range (the API does not say which diagnostic each is
 * for). VS Code fills the providers' context from the diagnostics its main side holds, which reach
 * it after `getDiagnostics` here already shows them: under load the first request can see none, or
 * be cancelled. Every finding gets at least "Disable …" and "Show documentation", so wait for a
 * non-empty list.
 */
async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const request = () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return until('VS Code to pass the finding to the code action providers', async () => {
    // VS Code cancels a code-action request when the document changes under it (a lint publishing,
    // the previous test's revert settling): ask again, as the lightbulb does.
    const actions = await request().then(
      (result) => result,
      (error: unknown) => {
        if (error instanceof Error && (error.name === 'Canceled' || error.message === 'Canceled')) return [];
        throw error;
      },
    );
    return actions.length > 0 && actions;
  });
}

function titled(actions: readonly vscode.CodeAction[], title: string): vscode.CodeAction {
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action, `no "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}

async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.edit, 'the action carries an edit');
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'VS Code applied the edit');
}

const breakwater = () => vscode.workspace.getConfiguration('breakwater');

describe('Breakwater in a VS Code extension host', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension('breakwater.breakwater');
    assert.ok(extension, 'the Breakwater extension is installed');
    await open('src/orders.ts');
    await until('the extension to activate', () => extension.isActive, 60_000);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('publishes findings with source, rule code and a link to the rule doc', async () => {
    const { document } = await open('src/orders.ts');
    const diagnostics = await until('two findings in orders.ts', () => {
      const found = breakwaterDiagnostics(document.uri);
      return found.length === 2 && found;
    });
    const byRule = new Map(diagnostics.map((d) => [ruleOf(d), d]));
    const timeout = byRule.get('require-timeout');
    assert.ok(timeout);
    assert.equal(timeout.message, 'fetch call has no timeout; add `signal: AbortSignal.timeout()`.');
    assert.deepEqual([timeout.range.start.line, timeout.range.start.character], [1, 20]);
    assert.equal(timeout.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(typeof timeout.code === 'object' && timeout.code.target.toString(), `${DOCS}require-timeout.md`);
    assert.equal(byRule.get('no-unprotected-call')?.message, 'fetch call has no retry or circuit breaker around it.');
  });

  it('offers each quick-fix kind once for a call with two findings, the timeout the one preferred', async () => {
    const { document } = await open('src/orders.ts');
    const timeout = await findingAt(document.uri, 'require-timeout', 1, 20);
    const actions = await quickFixes(document.uri, timeout);
    assert.deepEqual(actions.map((action) => action.title).sort(), [
      'Add `signal: AbortSignal.timeout(10000)`',
      'Disable breakwater/no-unprotected-call for this line',
      'Disable breakwater/require-timeout for this line',
      'Show documentation for breakwater/no-unprotected-call',
      'Show documentation for breakwater/require-timeout',
      'Wrap in a bulkhead (cockatiel)',
      'Wrap in a circuit breaker (cockatiel)',
      'Wrap in a retry with exponential backoff and jitter (cockatiel)',
      'Wrap in timeout + retry + circuit breaker + bulkhead (cockatiel)',
    ]);
    assert.deepEqual(actions.filter((action) => action.isPreferred).map((action) => action.title), ['Add `signal: AbortSignal.timeout(10000)`']);
  });

  it('adds a timeout: the file gets exactly the plugin\'s edit and the finding goes', async () => {
    const editor = await open('src/orders.ts');
    const uri = editor.document.uri;
    const timeout = await findingAt(uri, 'require-timeout', 1, 20);
    await apply(titled(await quickFixes(uri, timeout), 'Add `signal: AbortSignal.timeout(10000)`'));
    assert.equal(
      editor.document.getText(),
      'export async function loadOrder(id: string): Promise<unknown> {\n' +
        '  const res = await fetch(`https://api.example.com/orders/${id}`, { signal: AbortSignal.timeout(10000) });\n' +
        '  return res.json();\n' +
        '}\n',
    );
    await until('the timeout finding to go', () => !breakwaterDiagnostics(uri).some((d) => ruleOf(d) === 'require-timeout'));
    await revert(editor);
  });

  it('sets the timeout where an axios instance is created, which fixes every call through it', async () => {
    // A file of its own, written for this test and deleted after it, so the other tests' files stay as they are.
    const uri = fileUri('src/carrier-api.ts');
    const original =
      "import axios from 'axios';\n" +
      "const api = axios.create({ baseURL: 'https://carrier.example.com' });\n" +
      "export const quote = () => api.get('/quote');\n" +
      "export const book = (body: unknown) => api.post('/bookings', body);\n";
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await until('two timeout findings', () => breakwaterDiagnostics(uri).filter((d) => ruleOf(d) === 'require-timeout').length === 2);
      const actions = await quickFixes(uri, await findingAt(uri, 'require-timeout', 2, 27));
      // The call's own option stays the preferred fix; the instance's is offered beside it.
      assert.deepEqual(actions.filter((action) => action.isPreferred).map((action) => action.title), ['Add `timeout: 10000`']);
      await apply(titled(actions, 'Add `timeout: 10000` to `api`, for every call'));
      assert.equal(editor.document.getText(), original.replace("baseURL: 'https://carrier.example.com' }", "baseURL: 'https://carrier.example.com', timeout: 10000 }"));
      await until('both timeout findings to go', () => !breakwaterDiagnostics(uri).some((d) => ruleOf(d) === 'require-timeout'));
      await revert(editor);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });

  for (const [title, expected] of [
    ['Wrap in a retry with exponential backoff and jitter (cockatiel)', /const retryPolicy = retry\(handleWhen\(/],
    ['Wrap in a circuit breaker (cockatiel)', /const circuitBreakerPolicy = circuitBreaker\(/],
    ['Wrap in a bulkhead (cockatiel)', /const bulkheadPolicy = bulkhead\(/],
    ['Wrap in timeout + retry + circuit breaker + bulkhead (cockatiel)', /const resiliencePolicy = wrap\(/],
  ] as const) {
    it(`"${title}" wraps the call once, with the policy's signal passed to fetch`, async () => {
      const editor = await open('src/orders.ts');
      const uri = editor.document.uri;
      const finding = await findingAt(uri, 'no-unprotected-call', 1, 20);
      await apply(titled(await quickFixes(uri, finding), title));
      const text = editor.document.getText();
      assert.match(text, /^import \{[^}]+\} from 'cockatiel';\n/);
      assert.match(text, expected);
      assert.match(text, /Policy\.execute\(\(\{ signal \}\) => fetch\(`https:\/\/api\.example\.com\/orders\/\$\{id\}`, \{ signal \}\)\)/);
      // Applying a fix twice must not wrap twice. A retry or breaker protects the call, so its finding goes;
      // a bulkhead alone does not, and the finding stays, but no second bulkhead is offered for it.
      if (title === 'Wrap in a bulkhead (cockatiel)') {
        const stays = await until('the finding on the wrapped call', () =>
          breakwaterDiagnostics(uri).find((d) => ruleOf(d) === 'no-unprotected-call' && d.range.start.line > finding.range.start.line),
        );
        assert.ok(!(await quickFixes(uri, stays)).some((action) => action.title === title));
      } else {
        await until('the unprotected finding to go', () => !breakwaterDiagnostics(uri).some((d) => ruleOf(d) === 'no-unprotected-call'));
      }
      await revert(editor);
    });
  }

  it('offers a POST with no idempotency key a breaker or a bulkhead, no retry, the breaker preferred', async () => {
    const { document } = await open('src/refunds.ts');
    const finding = await findingAt(document.uri, 'no-unprotected-call', 1, 9);
    const actions = await quickFixes(document.uri, finding);
    assert.deepEqual(actions.map((action) => action.title).sort(), [
      'Disable breakwater/no-unprotected-call for this line',
      'Show documentation for breakwater/no-unprotected-call',
      'Wrap in a bulkhead (cockatiel)',
      'Wrap in a circuit breaker (cockatiel)',
    ]);
    assert.deepEqual(actions.filter((action) => action.isPreferred).map((action) => action.title), ['Wrap in a circuit breaker (cockatiel)']);
  });

  it('restricts a hand-written retry to retryable errors', async () => {
    const editor = await open('src/invoices.js');
    const uri = editor.document.uri;
    const finding = await until('the non-retryable finding', () => breakwaterDiagnostics(uri).find((d) => ruleOf(d) === 'no-retry-non-retryable'));
    await apply((await quickFixes(uri, finding)).find((action) => action.title.startsWith('Rethrow errors that isRetryableError() rejects')));
    const text = editor.document.getText();
    assert.match(text, /} catch \(error\) \{\n {6}if \(!isRetryableError\(error\)\) throw error;\n {6}if \(attempt === 3\) throw error;/);
    assert.equal(text.match(/function isRetryableError/g)?.length, 1);
    await until('the finding to go', () => !breakwaterDiagnostics(uri).some((d) => ruleOf(d) === 'no-retry-non-retryable'));
    await revert(editor);
  });

  it('disables a rule for one line with a comment', async () => {
    const editor = await open('src/orders.ts');
    const uri = editor.document.uri;
    const finding = await findingAt(uri, 'require-timeout', 1, 20);
    await apply(titled(await quickFixes(uri, finding), 'Disable breakwater/require-timeout for this line'));
    assert.equal(editor.document.lineAt(1).text, '  // eslint-disable-next-line breakwater/require-timeout');
    await until('the finding to go', () => !breakwaterDiagnostics(uri).some((d) => ruleOf(d) === 'require-timeout'));
    await revert(editor);
  });

  it('"Fix all Breakwater timeouts in file" is a source action that adds every timeout', async () => {
    const editor = await open('src/reports.js');
    const uri = editor.document.uri;
    await until('two timeout findings', () => breakwaterDiagnostics(uri).filter((d) => ruleOf(d) === 'require-timeout').length === 2);
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.breakwater.addTimeouts');
    const fixAll = actions.find((action) => action.title === 'Fix all Breakwater timeouts in file');
    assert.ok(fixAll);
    // Wrapping changes behaviour, so it is never part of a fix-all.
    const quickFixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll');
    assert.deepEqual(quickFixAll.filter((action) => /breakwater|cockatiel/i.test(action.title)), []);
    await apply(fixAll);
    assert.equal(
      editor.document.getText(),
      'export async function loadReports() {\n' +
        "  const daily = await fetch('https://reports.example.com/daily', { signal: AbortSignal.timeout(10000) });\n" +
        "  const weekly = await fetch('https://reports.example.com/weekly', { method: 'GET', signal: AbortSignal.timeout(10000) });\n" +
        '  return [await daily.json(), await weekly.json()];\n' +
        '}\n',
    );
    await revert(editor);
  });

  it('inserts a contributed snippet', async () => {
    const editor = await open('src/policies.ts');
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'typescript', name: 'Retry with exponential backoff and jitter (cockatiel)' });
    assert.equal(
      editor.document.getText(),
      ['const retryPolicy = retry(handleAll, {', '  maxAttempts: 4,', '  backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 10_000 }),', '});', ''].join('\n'),
    );
    await revert(editor);
  });

  it('shows "Simulate this policy" above each cockatiel policy and opens the simulator', async () => {
    const { document } = await open('src/resilience.ts');
    const lenses = await until('three CodeLenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
      return found.length === 3 && found;
    });
    assert.deepEqual(lenses.map((lens) => [lens.range.start.line, lens.command?.title]), [
      [3, 'Simulate this policy'],
      [4, 'Simulate this policy'],
      [6, 'Simulate this policy'],
    ]);
    await vscode.commands.executeCommand(lenses[2]!.command!.command, ...(lenses[2]!.command!.arguments ?? []));
    await until('the simulator panel', () =>
      vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('breakwater.simulator'))),
    );
  });

  it('attaches its quick-fixes to the ESLint extension\'s breakwater diagnostics', async () => {
    await breakwater().update('diagnostics', 'off', vscode.ConfigurationTarget.Workspace);
    const eslint = vscode.languages.createDiagnosticCollection('eslint-stand-in');
    try {
      const { document } = await open('src/orders.ts');
      await until('Breakwater\'s own findings to go', () => breakwaterDiagnostics(document.uri).length === 0);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(1, 20, 1, 65), 'fetch call has no timeout; add `signal: AbortSignal.timeout()`.', vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'eslint';
      diagnostic.code = { value: 'breakwater/require-timeout', target: vscode.Uri.parse(`${DOCS}require-timeout.md`) };
      eslint.set(document.uri, [diagnostic]);
      const titles = (await quickFixes(document.uri, diagnostic)).map((action) => action.title);
      assert.ok(titles.includes('Add `signal: AbortSignal.timeout(10000)`'), titles.join('\n'));
      assert.ok(titles.includes('Wrap in a circuit breaker (cockatiel)'), titles.join('\n'));
    } finally {
      eslint.dispose();
      await breakwater().update('diagnostics', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('follows settings live: a rule turned off loses its findings, a severity change shows', async () => {
    const { document } = await open('src/orders.ts');
    await until('the unprotected finding', () => breakwaterDiagnostics(document.uri).some((d) => ruleOf(d) === 'no-unprotected-call'));
    try {
      await breakwater().update('rules', { 'no-unprotected-call': 'off', 'require-timeout': 'error' }, vscode.ConfigurationTarget.Workspace);
      const after = await until('the settings to apply', () => {
        const found = breakwaterDiagnostics(document.uri);
        return found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Error && found;
      });
      assert.equal(ruleOf(after[0]!), 'require-timeout');
    } finally {
      await breakwater().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until('the default settings to apply again', () => breakwaterDiagnostics(document.uri).length === 2);
  });

  it('diagnostics "auto" leaves findings to the ESLint extension while the workspace ESLint config enables Breakwater', async () => {
    // The test runners install a stand-in that takes the ESLint extension's id (test/integration/eslint-stand-in).
    assert.ok(vscode.extensions.getExtension('dbaeumer.vscode-eslint'), 'the ESLint extension (or its stand-in) is installed');
    const { document } = await open('src/orders.ts');
    await until('the findings', () => breakwaterDiagnostics(document.uri).length === 2);
    const config = fileUri('eslint.config.mjs');
    try {
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode("import breakwater from 'eslint-plugin-breakwater';\n\nexport default [breakwater.configs.recommended];\n"));
      await until('the findings to go: ESLint shows them now', () => breakwaterDiagnostics(document.uri).length === 0);
      await breakwater().update('diagnostics', 'on', vscode.ConfigurationTarget.Workspace);
      await until('"on" to show them whatever ESLint does', () => breakwaterDiagnostics(document.uri).length === 2);
      await breakwater().update('diagnostics', undefined, vscode.ConfigurationTarget.Workspace);
      await until('"auto" to leave them to ESLint again', () => breakwaterDiagnostics(document.uri).length === 0);
    } finally {
      await breakwater().update('diagnostics', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(config);
    }
    await until('the findings to come back once the config is gone', () => breakwaterDiagnostics(document.uri).length === 2);
  });

  it('diagnostics "auto" asks the ESLint config nearest each file: only the package whose config enables Breakwater is left to ESLint', async () => {
    const { document: orders } = await open('src/orders.ts');
    const { document: users } = await open('mono/packages/api/src/esm/users.ts');
    const counts = () => [breakwaterDiagnostics(orders.uri).length, breakwaterDiagnostics(users.uri).length].join(' ');
    await until('the findings in both projects', () => counts() === '2 1');
    const config = fileUri('mono/eslint.config.mjs');
    try {
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode("import breakwater from 'eslint-plugin-breakwater';\n\nexport default [breakwater.configs.recommended];\n"));
      // The monorepo's files go to ESLint; the workspace's own files, which that config does not cover, stay.
      await until('the monorepo\'s findings to go and the others to stay', () => counts() === '2 0');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await until('the monorepo\'s findings to come back once its config is gone', () => counts() === '2 1');
  });

  it('leaves test folders alone by default, matching exclude globs inside the workspace folder', async () => {
    // The Playwright suite's copy of this workspace lives under test-results/e2e/: matched against
    // absolute paths, the default `**/e2e/**` would hide every file there.
    const { document } = await open('test/health.ts');
    try {
      await breakwater().update('exclude', [], vscode.ConfigurationTarget.Workspace);
      // Its fetch has no timeout; being a health check, it needs no retry (no-unprotected-call leaves it out).
      await until('the test helper\'s finding once nothing is excluded', () => breakwaterDiagnostics(document.uri).map(ruleOf).join() === 'require-timeout');
      await breakwater().update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await until('the findings to go under the default globs', () => breakwaterDiagnostics(document.uri).length === 0);
    } finally {
      await breakwater().update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('shows no findings and no error for a file that does not parse', async () => {
    const editor = await open('src/orders.ts');
    await until('the findings', () => breakwaterDiagnostics(editor.document.uri).length === 2);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'const = ;\n'));
    await until('the findings to clear', () => breakwaterDiagnostics(editor.document.uri).length === 0);
    await revert(editor);
    await until('the findings to come back', () => breakwaterDiagnostics(editor.document.uri).length === 2);
  });
});
