import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { BreakwaterLinter } from '../../src/core/lint';
import { editorParsing } from '../../src/core/parsers';
import { DEFAULT_SETTINGS, type ExtensionSettings } from '../../src/core/settings';
import { ROOT } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wrapEditsForCall, textMayUseNetwork } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'edits'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readCockatielPolicies } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'policies')) as typeof import('../../eslint-plugin/src/policies');
// The parsers the extension ships (no tokens); test/extension/parsers.test.ts holds them to ESLint's.
const deps = { Linter, plugin, ...editorParsing, wrapEditsForCall, textMayUseNetwork };
const make = (settings: Partial<ExtensionSettings> = {}) => new BreakwaterLinter(deps, { ...DEFAULT_SETTINGS, ...settings });

/** The engine's real parsers, counting the files they parse (to see which files are parsed at all). */
function countingDeps(options: { prefilter: boolean }) {
  const counter = { parsed: 0 };
  const counting = (load: () => Linter.Parser) => (): Linter.Parser => {
    const parser = load() as { parseForESLint(code: string, options: object): Linter.ESLintParseResult };
    return {
      parseForESLint(code: string, parserOptions: object) {
        counter.parsed++;
        return parser.parseForESLint(code, parserOptions);
      },
    };
  };
  return {
    counter,
    deps: {
      ...deps,
      typescriptParser: counting(deps.typescriptParser),
      javascriptParser: counting(deps.javascriptParser),
      textMayUseNetwork: options.prefilter ? deps.textMayUseNetwork : undefined,
    },
  };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(entry.name) && !path.relative(dir, entry.parentPath).includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

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

  it('maps findings to offsets across every kind of line break ESLint counts (\\r\\n, \\r, U+2028, U+2029)', () => {
    for (const lineBreak of ['\r\n', '\r', '\u2028', '\u2029']) {
      const text = ['// load', 'export async function load(url: string) {', '  return fetch(url);', '}', ''].join(lineBreak);
      const findings = make().lint(text, 'load.ts');
      assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['fetch(url)', 'fetch(url)'], JSON.stringify(lineBreak));
    }
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

  it('offers no retry wrap for a POST without an idempotency key, by no-retry-non-idempotent\'s options', () => {
    const post = (headers: string) => `export const send = (url: string, body: string) => fetch(url, { method: 'POST', body, headers: { ${headers} }, signal: AbortSignal.timeout(1000) });\n`;
    const kinds = (linter: BreakwaterLinter, text: string) => linter.lint(text, 'send.ts').find((f) => f.ruleId === 'no-unprotected-call')!.wraps().map((w) => w.kind);
    assert.deepEqual(kinds(make(), post("'X-Request-Key': 'k'")), ['breaker', 'bulkhead']);
    assert.deepEqual(kinds(make(), post("'Idempotency-Key': 'k'")), ['full', 'retry', 'breaker', 'bulkhead']);
    const told = make({ ruleOptions: { 'no-retry-non-idempotent': { idempotencyHeaders: ['X-Request-Key'] } } });
    assert.deepEqual(kinds(told, post("'X-Request-Key': 'k'")), ['full', 'retry', 'breaker', 'bulkhead']);
    const putToo = make({ ruleOptions: { 'no-retry-non-idempotent': { methods: ['POST', 'PUT'] } } });
    assert.deepEqual(kinds(putToo, post("'Accept': 'text/plain'").replace("'POST'", "'PUT'")), ['breaker', 'bulkhead']);
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

  it('does not parse a file that names no client, fetch or resilience module (no rule could report)', () => {
    const { counter, deps: counting } = countingDeps({ prefilter: true });
    const linter = new BreakwaterLinter(counting, DEFAULT_SETTINGS);
    const before = counter.parsed;
    assert.deepEqual(linter.lint('export const sum = (a: number, b: number) => a + b;\n', 'math.ts'), []);
    assert.deepEqual(linter.lint("import { readFile } from 'node:fs/promises';\nexport const load = () => readFile('x');\n", 'files.js'), []);
    // Names that contain fetch are not the global (prefetching, a project's own fetchUser).
    assert.deepEqual(linter.lint('// prefetch the page, then fetchUser() once it is fetched\nexport async function fetchUser(id) { return load(id); }\n', 'users.js'), []);
    assert.equal(counter.parsed, before);
    assert.equal(linter.lint("export const load = (url) => fetch(url);\n", 'load.js').length, 2);
    assert.equal(counter.parsed, before + 1);
  });

  it('parses a file that names a client added by a rule\'s `clients` option', () => {
    const text = "import http from 'corp-http';\nexport const load = (url: string) => http.get(url);\n";
    const { counter, deps: counting } = countingDeps({ prefilter: true });
    assert.deepEqual(new BreakwaterLinter(counting, DEFAULT_SETTINGS).lint(text, 'load.ts'), []);
    assert.equal(counter.parsed, 0);
    const clients = [{ module: 'corp-http', family: 'axios' }];
    const withClient = new BreakwaterLinter(counting, { ...DEFAULT_SETTINGS, ruleOptions: { 'require-timeout': { clients } } });
    assert.deepEqual(withClient.lint(text, 'load.ts').map((f) => f.ruleId), ['require-timeout']);
  });

  it('skipping files by their text never changes a finding (examples, fixtures, e2e files, real client libraries)', function () {
    this.timeout(300_000);
    // The HTTP and resilience libraries' own sources: real code that uses fetch, http and each other.
    const libraries = ['axios/lib', 'got/dist/source', 'ky/distribution', 'node-fetch/src', 'superagent/lib', 'cockatiel/dist', 'p-retry', 'async-retry/lib', 'opossum/lib'];
    const files = [
      ...sourceFiles(path.join(ROOT, 'examples')),
      ...sourceFiles(path.join(ROOT, 'test', 'fixtures')),
      ...sourceFiles(path.join(ROOT, 'test', 'e2e', 'workspace')),
      ...libraries.flatMap((dir) => (fs.existsSync(path.join(ROOT, 'node_modules', dir)) ? sourceFiles(path.join(ROOT, 'node_modules', dir)) : [])),
    ].filter((file) => !file.endsWith('.d.ts') && !file.includes(`${path.sep}esm${path.sep}`));
    assert.ok(files.length > 100, `only ${files.length} files`);
    const strict = { ...DEFAULT_SETTINGS, rules: Object.fromEntries(Object.keys(DEFAULT_SETTINGS.rules).map((rule) => [rule, 'warning'])) as ExtensionSettings['rules'] };
    const filtered = new BreakwaterLinter(countingDeps({ prefilter: true }).deps, strict);
    const unfiltered = new BreakwaterLinter(countingDeps({ prefilter: false }).deps, strict);
    let withFindings = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const summary = (linter: BreakwaterLinter) => linter.lint(text, file).map((f) => `${f.ruleId} ${f.start}-${f.end} ${f.message}`);
      const expected = summary(unfiltered);
      if (expected.length > 0) withFindings++;
      assert.deepEqual(summary(filtered), expected, file);
    }
    assert.ok(withFindings > 10, `only ${withFindings} files with findings`);
  });

  it('hands out the parse its findings came from, so the CodeLens reads policies without parsing again', () => {
    const { counter, deps: counting } = countingDeps({ prefilter: true });
    const linter = new BreakwaterLinter(counting, DEFAULT_SETTINGS);
    const text = [
      "import { retry, handleAll, ExponentialBackoff } from 'cockatiel';",
      'export const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });',
      'export const load = (url: string) => policy.execute(() => fetch(url));',
      '',
    ].join('\n');
    const before = counter.parsed;
    const { findings, sourceCode } = linter.analyze(text, 'load.ts');
    assert.equal(counter.parsed, before + 1, 'one parse, with the rules');
    assert.deepEqual(findings.map((f) => f.ruleId), ['require-timeout']);
    assert.equal(sourceCode?.text, text);
    // The policies read from it are those a separate parse without rules reads.
    const fromLint = readCockatielPolicies(sourceCode as never);
    assert.deepEqual(fromLint.map((p) => p.name), ['policy']);
    assert.deepEqual(fromLint, readCockatielPolicies(linter.sourceCode(text, 'load.ts') as never));
  });

  it('hands out no parse for a file it skipped or that does not parse', () => {
    assert.equal(make().analyze('export const sum = (a: number, b: number) => a + b;\n', 'math.ts').sourceCode, undefined);
    assert.equal(make().analyze('await fetch(url, {', 'broken.ts').sourceCode, undefined);
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
