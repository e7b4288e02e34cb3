import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { ROOT } from './helpers';

// The built package, exactly as users load it (`npm test` builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));
const RULES = [
  'require-timeout',
  'no-unprotected-call',
  'no-retry-non-retryable',
  'require-backoff',
  'no-unbounded-retry',
  'valid-policy',
  'no-nested-retry',
  'no-retry-non-idempotent',
  'no-unbounded-concurrency',
];
const RECOMMENDED = RULES.slice(0, 6);

type Finding = { file: string; line: number; column: number; rule: string | null };

function findings(results: ESLint.LintResult[]): Finding[] {
  return results
    .flatMap((result) =>
      result.messages.map((m) => ({ file: path.relative(ROOT, result.filePath), line: m.line, column: m.column, rule: m.ruleId })),
    )
    .sort((a, b) => `${a.file}:${a.line}:${a.column}:${a.rule}`.localeCompare(`${b.file}:${b.line}:${b.column}:${b.rule}`));
}

async function lintExamples(): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'examples', 'eslint.config.mjs') });
  return eslint.lintFiles(['examples']);
}

describe('eslint-plugin-breakwater package', () => {
  it('exposes meta, every rule with a doc page, and flat configs that register it as "breakwater"', () => {
    assert.equal(plugin.meta.name, 'eslint-plugin-breakwater');
    assert.match(plugin.meta.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(Object.keys(plugin.rules).sort(), [...RULES].sort());
    for (const rule of RULES) {
      const docs = plugin.rules[rule].meta.docs;
      assert.ok(docs.url.endsWith(`eslint-plugin/docs/rules/${rule}.md`), docs.url);
      assert.ok(fs.existsSync(path.join(ROOT, 'eslint-plugin', 'docs', 'rules', `${rule}.md`)), `doc page for ${rule}`);
    }
    // The core rules plus require-backoff, no-unbounded-retry and valid-policy are recommended; strict has all.
    for (const [name, rules] of [['recommended', RECOMMENDED], ['strict', RULES]] as const) {
      const config = plugin.configs[name];
      assert.equal(config.plugins.breakwater, plugin);
      assert.deepEqual(Object.keys(config.rules).sort(), rules.map((rule) => `breakwater/${rule}`).sort());
    }
    assert.deepEqual(plugin.configs.strict.rules['breakwater/require-timeout'], ['error', { unresolved: 'report' }]);
  });

  it('the README lists every rule with its configs', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const rule of RULES) assert.match(readme, new RegExp(`\\[\`${rule}\`\\]\\(eslint-plugin/docs/rules/${rule}\\.md\\)`));
  });

  it('the npm package\'s own README links every rule\'s page, and the package ships the pages', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'eslint-plugin', 'README.md'), 'utf8');
    for (const rule of RULES) {
      assert.match(readme, new RegExp(`\\[\`${rule}\`\\]\\(docs/rules/${rule}\\.md\\)`));
      assert.ok(fs.existsSync(path.join(ROOT, 'eslint-plugin', 'docs', 'rules', `${rule}.md`)));
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'eslint-plugin', 'package.json'), 'utf8')) as { files: string[] };
    assert.ok(manifest.files.includes('docs'));
  });

  it('the demo finds the hazards planted in examples/ and none in the code done right', async () => {
    const found = findings(await lintExamples());
    assert.deepEqual(
      found.map((f) => `${f.file}:${f.line} ${f.rule}`),
      [
        'examples/order-service/src/inventory.js:16 breakwater/no-retry-non-retryable',
        'examples/order-service/src/inventory.js:25 breakwater/no-unprotected-call',
        'examples/order-service/src/inventory.js:25 breakwater/require-timeout',
        'examples/order-service/src/inventory.js:34 breakwater/no-unprotected-call',
        'examples/order-service/src/inventory.js:7 breakwater/require-backoff',
        'examples/order-service/src/inventory.js:9 breakwater/require-timeout',
        'examples/order-service/src/payments.ts:16 breakwater/no-retry-non-retryable',
        'examples/order-service/src/payments.ts:16 breakwater/require-backoff',
        'examples/order-service/src/payments.ts:16 breakwater/require-timeout',
        'examples/order-service/src/shipping.ts:22 breakwater/no-unprotected-call',
        'examples/order-service/src/shipping.ts:22 breakwater/require-timeout',
        'examples/order-service/src/shipping.ts:7 breakwater/no-retry-non-retryable',
      ],
    );
  });

  it('the ESLint CLI with --concurrency 2 reports the same findings (rules keep no state across files)', async () => {
    const expected = findings(await lintExamples());
    const cli = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
    let output: string;
    try {
      output = execFileSync(process.execPath, [cli, '--concurrency', '2', '-c', 'examples/eslint.config.mjs', '-f', 'json', 'examples'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    } catch (error) {
      output = (error as { stdout: string }).stdout; // exit code 1 only when errors are found; warnings exit 0
    }
    assert.deepEqual(findings(JSON.parse(output)), expected);
  });

  it('the README\'s CI command line writes SARIF for code scanning with every finding and its rule', async () => {
    const expected = findings(await lintExamples());
    const cli = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const out = path.join(ROOT, 'test-results', 'eslint.sarif');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const run = spawnSync(process.execPath, [cli, '-c', 'examples/eslint.config.mjs', 'examples', '--max-warnings', '0', '--format', '@microsoft/eslint-formatter-sarif', '--output-file', out], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 1, 'warnings over --max-warnings 0 fail the build');
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8')) as { version: string; runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri.replace(/^.*\/examples\//, 'examples/')}:${r.locations[0].physicalLocation.region.startLine} ${r.ruleId}`);
    assert.deepEqual(results.sort(), expected.map((f) => `${f.file}:${f.line} ${f.rule}`).sort());
    const rule = sarif.runs[0].tool.driver.rules.find((r) => r.id === 'breakwater/require-timeout');
    assert.match(rule?.helpUri ?? '', /eslint-plugin\/docs\/rules\/require-timeout\.md$/);
  });

  it('recommended leaves test files alone, strict lints them, on ESLint 10 and 9', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Linter: Linter9 } = require('eslint-v9') as { Linter: typeof Linter };
    const code = 'export const load = (url) => fetch(url);';
    const files = [
      'src/api.ts', 'src/contest.ts', 'src/testing/api.ts', 'src/tests-report/api.ts', 'src/latest/api.ts', 'src/fixtures.ts', 'src/test-utils.ts',
      'src/api.test.ts', 'src/api.spec.mjs', 'test/app.e2e-spec.ts', 'src/orders/e2e/list.e2e.ts', 'cypress/e2e/login.cy.js',
      'src/__tests__/api.ts', 'src/__mocks__/api.js', 'test/helper.js', 'packages/core/tests/server.ts', 'apps/web/__e2e__/login.ts',
      'fixtures/worker-app/src/index.ts', 'src/__fixtures__/server.ts', 'packages/test-utils/src/server.ts', 'playground/__test-utils__/responses.ts',
    ];
    for (const linter of [new Linter({ configType: 'flat', cwd: ROOT }), new Linter9({ configType: 'flat', cwd: ROOT })]) {
      const linted = (name: 'recommended' | 'strict') =>
        files.filter((file) => linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs[name]] as Linter.Config[], path.join(ROOT, file)).some((m) => m.ruleId?.startsWith('breakwater/')));
      assert.deepEqual(linted('recommended'), ['src/api.ts', 'src/contest.ts', 'src/testing/api.ts', 'src/tests-report/api.ts', 'src/latest/api.ts', 'src/fixtures.ts', 'src/test-utils.ts']);
      assert.deepEqual(linted('strict'), files);
    }
    // The globs match the path inside the project: one kept under a folder named `test` keeps its findings.
    const underTest = path.join(os.tmpdir(), 'test', 'e2e', 'project');
    const linter = new Linter({ configType: 'flat', cwd: underTest });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.recommended] as Linter.Config[];
    assert.equal(linter.verify(code, config, path.join(underTest, 'src', 'api.ts')).filter((m) => m.ruleId === 'breakwater/require-timeout').length, 1);
    assert.equal(linter.verify(code, config, path.join(underTest, 'test', 'api.ts')).length, 0);
  });

  it('works on ESLint 9 with the same findings', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Linter: Linter9 } = require('eslint-v9') as { Linter: typeof Linter };
    const v9 = new Linter9({ configType: 'flat' });
    const v10 = new Linter({ configType: 'flat' });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.recommended] as Linter.Config[];
    for (const file of ['payments.ts', 'shipping.ts', 'inventory.js']) {
      const filename = path.join(ROOT, 'examples', 'order-service', 'src', file);
      const code = fs.readFileSync(filename, 'utf8');
      const summary = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      const fromV9 = summary(v9.verify(code, config, filename));
      assert.ok(fromV9.length > 0, file);
      assert.deepEqual(fromV9, summary(v10.verify(code, config, filename)));
    }
  });
});

describe('messages', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BUILTIN_CLIENTS, FAMILIES } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'model', 'catalog')) as typeof import('../eslint-plugin/src/model/catalog');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { timeoutOption } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'fixes', 'add-timeout')) as typeof import('../eslint-plugin/src/fixes/add-timeout');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RETRY_NAMES } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'model', 'retry-site')) as typeof import('../eslint-plugin/src/model/retry-site');
  const longest = (values: readonly string[]) => values.reduce((a, b) => (b.length > a.length ? b : a));
  /** What the rules put in each placeholder, at its longest. */
  const layerLabels = [...Object.values(RETRY_NAMES), 'this retry loop', 'this recursive retry', 'exponential-backoff', 'superagent'];
  const retryLabels = [...layerLabels, "superagent's .retry()", "got's retry", 'fetch-retry'];
  const LONGEST: Record<string, string> = {
    client: longest(BUILTIN_CLIENTS.map((entry) => entry.client)),
    option: longest(FAMILIES.map((family) => timeoutOption(family, 10000).label)),
    retry: longest(retryLabels),
    inner: longest(layerLabels),
    outer: longest(layerLabels),
    equation: '(10+1) × (10+1) = 121',
    how: longest(['Promise.allSettled over .map()', 'Promise.allSettled over a loop', 'p-map without concurrency']),
    kind: 'circuit breaker',
    method: 'DELETE',
    status: '409',
    ms: '5000',
    limit: '10',
    fix: longest(['new ExponentialBackoff()', 'minTimeout: 1000, randomize: true', 'retryDelay doubling to 30 s, randomized']),
    text: ', { signal: AbortSignal.timeout(10000) }',
  };
  /** Where a placeholder takes fewer values: the inner layer is a library's retry, or a client that retries by itself. */
  const OVERRIDES: Record<string, Record<string, string>> = {
    'no-nested-retry/nestedRetry': { inner: longest([...Object.values(RETRY_NAMES), 'exponential-backoff']) },
    'no-nested-retry/retryingClient': { inner: longest([...FAMILIES, 'axios-retry']) },
    // An instance's option (axios's or got's), and its name at the longest the suggestion quotes.
    'require-timeout/addInstanceTimeout': { text: 'timeout: { request: 10000 }', instance: `\`${'x'.repeat(20)}\`` },
  };

  it('every message fits on one line of about 80 characters, even with the longest values it takes', () => {
    // Editors show messages inline (Error Lens and the like): detail belongs on the doc page.
    const tooLong: string[] = [];
    for (const [name, rule] of Object.entries(plugin.rules as Record<string, { meta: { messages: Record<string, string> } }>)) {
      for (const [id, template] of Object.entries(rule.meta.messages)) {
        const values = { ...LONGEST, ...OVERRIDES[`${name}/${id}`] };
        const message = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
          assert.ok(key in values, `${name}/${id} has a placeholder {{${key}}} this test does not know`);
          return values[key]!;
        });
        if (message.length > 80 || message.includes('\n')) tooLong.push(`${message.length} ${name}/${id}: ${message}`);
      }
    }
    assert.deepEqual(tooLong, []);
  });
});

describe('bad input', () => {
  const linter = new Linter({ configType: 'flat' });

  it('invalid rule options are rejected by the schema with ESLint\'s usual message', () => {
    const cases: [string, unknown][] = [
      ['require-timeout', { unresolved: 'sometimes' }],
      ['require-timeout', { defaultTimeoutMs: -5 }],
      ['require-timeout', { timeout: 5 }],
      ['no-unprotected-call', { protectors: 'withRetry' }],
      ['no-retry-non-retryable', { nonRetryableStatusCodes: [503] }],
      ['require-timeout', { clients: [{ module: 'x', family: 'curl' }] }],
    ];
    for (const [rule, options] of cases) {
      assert.throws(
        () => linter.verify('fetch(u);', [{ plugins: { breakwater: plugin }, rules: { [`breakwater/${rule}`]: ['warn', options] } }]),
        /Key "rules": Key "breakwater\/[a-z-]+":/,
        `${rule} ${JSON.stringify(options)}`,
      );
    }
  });

  it('broken shared settings name the bad field', () => {
    const run = (settings: unknown) => () =>
      linter.verify('fetch(u);', [{ settings: { breakwater: settings } as Record<string, unknown>, ...plugin.configs.recommended }]);
    assert.throws(run({ clients: [{ module: 'x', family: 'curl' }] }), /settings\.breakwater: "clients\[0\]"\.family must be one of fetch, axios/);
    assert.throws(run({ protectors: [1] }), /"protectors" must be an array of non-empty strings/);
    assert.throws(run({ clinets: [] }), /unknown key "clinets"/);
    assert.throws(run('yes'), /expected an object/);
  });

  it('a file that does not parse yields ESLint\'s parse error and no rule crash', () => {
    for (const [code, config] of [
      ['await fetch(url, {', plugin.configs.strict],
      ['const x: = axios.get(u)', { ...plugin.configs.strict, languageOptions: { parser: tsParser } }],
    ] as const) {
      const messages = linter.verify(code, [config as Linter.Config]);
      assert.equal(messages.length, 1);
      assert.equal(messages[0]!.fatal, true);
      assert.match(messages[0]!.message, /Parsing error/);
    }
  });
});
