import assert from 'node:assert/strict';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { BreakwaterLinter } from '../../src/core/lint';
import { DEFAULT_SETTINGS, type ExtensionSettings } from '../../src/core/settings';
import { ROOT } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wrapEditsForCall } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'edits'));
const deps = { Linter, plugin, typescriptParser: () => tsParser as unknown as Linter.Parser, wrapEditsForCall };
const make = (settings: Partial<ExtensionSettings> = {}) => new BreakwaterLinter(deps, { ...DEFAULT_SETTINGS, ...settings });

describe('extension lint engine', () => {
  it('returns findings with offsets, severities, doc links and suggestion edits', () => {
    const text = 'export async function load(url: string) {\n  return fetch(url);\n}\n';
    const findings = make().lint(text, '/work/app/src/load.ts');
    assert.deepEqual(
      findings.map((f) => [f.ruleId, text.slice(f.start, f.end), f.severity]),
      [
        ['require-timeout', 'fetch(url)', 'warning'],
        ['no-unprotected-call', 'fetch(url)', 'warning'],
      ],
    );
    const [timeout] = findings;
    assert.match(timeout!.docsUrl, /docs\/rules\/require-timeout\.md$/);
    const afterUrl = text.indexOf('fetch(url') + 'fetch(url'.length;
    assert.deepEqual(timeout!.suggestions, [
      { desc: 'Add `signal: AbortSignal.timeout(10000)`.', range: [afterUrl, afterUrl], text: ', { signal: AbortSignal.timeout(10000) }' },
    ]);
  });

  it('offers the plugin\'s cockatiel wraps for network-call findings, and none once wrapped', () => {
    const text = 'export const load = (url: string) => fetch(url, { signal: AbortSignal.timeout(1000) });\n';
    const [finding] = make().lint(text, 'load.ts');
    assert.equal(finding!.ruleId, 'no-unprotected-call');
    assert.deepEqual(finding!.wraps().map((w) => w.kind), ['full', 'retry', 'breaker', 'bulkhead']);
    const retry = finding!.wraps().find((w) => w.kind === 'retry')!;
    let wrapped = text;
    for (const fix of [...retry.fixes].sort((a, b) => b.range[0] - a.range[0])) {
      wrapped = wrapped.slice(0, fix.range[0]) + fix.text + wrapped.slice(fix.range[1]);
    }
    assert.match(wrapped, /retryPolicy\.execute\(\(\{ signal \}\) => fetch\(url, \{ signal: AbortSignal\.any\(\[signal, AbortSignal\.timeout\(1000\)\]\) \}\)\)/);
    assert.deepEqual(make().lint(wrapped, 'load.ts'), []);
  });

  it('routes each request of an unbounded fan-out through a bulkhead, the one wrap it offers', () => {
    const text = 'export const loadAll = (ids: string[]) =>\n  Promise.all(ids.map((id) => fetch(`https://api/items/${id}`, { signal: AbortSignal.timeout(1000) })));\n';
    const only = (rule: string) => make({ rules: Object.fromEntries(Object.keys(DEFAULT_SETTINGS.rules).map((r) => [r, r === rule ? 'warning' : 'off'])) as ExtensionSettings['rules'] });
    const [finding] = only('no-unbounded-concurrency').lint(text, 'load.ts');
    assert.equal(finding!.ruleId, 'no-unbounded-concurrency');
    assert.deepEqual(finding!.wraps().map((w) => w.kind), ['bulkhead']);
    let wrapped = text;
    for (const fix of [...finding!.wraps()[0]!.fixes].sort((a, b) => b.range[0] - a.range[0])) {
      wrapped = wrapped.slice(0, fix.range[0]) + fix.text + wrapped.slice(fix.range[1]);
    }
    assert.match(wrapped, /Promise\.all\(ids\.map\(\(id\) => bulkheadPolicy\.execute\(\(\{ signal \}\) => fetch\(/);
    assert.deepEqual(only('no-unbounded-concurrency').lint(wrapped, 'load.ts'), [], 'the bulkhead limits the fan-out');
  });

  it('follows per-rule severities and options from settings', () => {
    const linter = make({
      rules: { ...DEFAULT_SETTINGS.rules, 'require-timeout': 'error', 'no-unprotected-call': 'off', 'no-retry-non-retryable': 'warning' },
      ruleOptions: { 'require-timeout': { defaultTimeoutMs: 2500 } },
    });
    const findings = linter.lint('fetch(u);', 'a.js');
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['require-timeout', 'error']]);
    assert.equal(findings[0]!.suggestions[0]!.text, ', { signal: AbortSignal.timeout(2500) }');
  });

  it('invalid rule options are set aside with ESLint\'s message, and the rule runs with its defaults', () => {
    const linter = make({ ruleOptions: { 'require-timeout': { defaultTimeoutMs: 'soon' } } });
    assert.match(linter.invalidOptions.get('require-timeout')!, /breakwater\/require-timeout.*Value "soon" should be integer/);
    assert.equal(linter.lint('fetch(u);', 'a.js')[0]!.suggestions[0]!.text, ', { signal: AbortSignal.timeout(10000) }');
  });

  it('a file that does not parse gives no findings and no exception', () => {
    assert.deepEqual(make().lint('await fetch(url, {', 'broken.ts'), []);
    assert.deepEqual(make().lint('const = ;', 'broken.js'), []);
  });

  it('lints JSX, CommonJS and scripts', () => {
    const linter = make();
    assert.equal(linter.lint('export const A = () => <b onClick={() => fetch("/x")} />;', 'a.jsx').length, 2);
    assert.equal(linter.lint('const axios = require("axios"); axios.get(u);', 'a.cjs').length, 2);
    assert.equal(linter.lint('with (o) { fetch(u); }', 'legacy.js').length, 2);
  });
});
