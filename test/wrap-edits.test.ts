import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { ROOT, typeErrors } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wrapEditsForCall } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'edits')) as typeof import('../eslint-plugin/src/edits');

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'unprotected');
const OUT = path.join(ROOT, 'test-results', 'wrapped');
const KINDS = ['full', 'retry', 'breaker', 'bulkhead'] as const;

const config = (file: string) =>
  [
    ...(file.endsWith('.ts') ? [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }] : [{ files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' as const } }]),
    { plugins: { breakwater: plugin }, rules: { 'breakwater/no-unprotected-call': 'warn' } },
  ] as Linter.Config[];

/** Wraps every unprotected call of a file in `kind`, one at a time, as a user applying the quick-fix would. */
function wrapAll(file: string, kind: (typeof KINDS)[number]): { text: string; wrapped: number } {
  const linter = new Linter({ configType: 'flat' });
  let text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  let wrapped = 0;
  const skipped = new Set<string>();
  for (let round = 0; round < 20; round++) {
    const messages = linter.verify(text, config(file), file);
    assert.deepEqual(messages.filter((m) => m.fatal), [], `${kind} made ${file} unparsable:\n${text}`);
    const sourceCode = linter.getSourceCode();
    const lines = sourceCode.lines;
    const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
    const target = messages
      .map((m) => [offset(m.line, m.column), offset(m.endLine!, m.endColumn!)] as const)
      .find((range) => !skipped.has(range.join()));
    if (!target) return { text, wrapped };
    const edit = wrapEditsForCall(sourceCode as never, target, { typescript: file.endsWith('.ts') }).find((e) => e.kind === kind);
    if (!edit) {
      skipped.add(target.join());
      continue;
    }
    for (const fix of [...edit.fixes].sort((a, b) => b.range[0] - a.range[0])) {
      text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
    }
    wrapped++;
  }
  assert.fail('wrapping did not converge');
}

describe('wrapping calls in cockatiel policies (the extension\'s quick-fixes, built in the plugin)', function () {
  this.timeout(120_000);
  const results = new Map<string, { text: string; wrapped: number }>();

  before(() => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    for (const kind of KINDS) {
      for (const file of ['clients.ts', 'undici.ts', 'legacy.cjs', 'strict.cjs', 'script.mjs', 'header.ts', 'no-trailing-comma.mjs', 'configs.ts']) {
        const result = wrapAll(file, kind);
        results.set(`${kind}/${file}`, result);
        fs.mkdirSync(path.join(OUT, kind), { recursive: true });
        fs.writeFileSync(path.join(OUT, kind, file), result.text);
      }
    }
  });

  it('wraps each unprotected call once, with the policy declared once and one cockatiel import', () => {
    for (const kind of KINDS) {
      const { text, wrapped } = results.get(`${kind}/clients.ts`)!;
      assert.equal(wrapped, 3, kind);
      assert.equal(text.match(/\.execute\(\(\{ signal \}\) =>/g)?.length, 3, kind);
      assert.equal(text.match(/from 'cockatiel'/g)?.length, 1, kind);
      assert.equal(text.match(/^const \w+Policy = /gm)?.length, 1, kind);
      assert.ok(text.includes('// keep this comment'), kind);
    }
  });

  it('passes the policy\'s signal on, combined with a signal the call already had', () => {
    const { text } = results.get('retry/clients.ts')!;
    assert.equal(
      text,
      [
        "import axios from 'axios';",
        "import { retry, handleWhen, ExponentialBackoff } from 'cockatiel';",
        '',
        '/** Network errors and 408, 429 and 5xx answers may succeed if retried; other HTTP errors will not. */',
        'function isRetryableError(error: unknown): boolean {',
        '  const { status, statusCode, response } = (error ?? {}) as {',
        '    status?: number;',
        '    statusCode?: number;',
        '    response?: { status?: number; statusCode?: number };',
        '  };',
        '  const code = response?.status ?? response?.statusCode ?? status ?? statusCode;',
        "  return typeof code !== 'number' || code === 408 || code === 429 || code >= 500;",
        '}',
        '',
        'const retryPolicy = retry(handleWhen(isRetryableError), { maxAttempts: 3, backoff: new ExponentialBackoff() });',
        '',
        '// Each call below has a timeout but nothing retries it.',
        'export async function loadUser(id: string): Promise<unknown> {',
        '  const res = await retryPolicy.execute(({ signal }) => fetch(`https://api.example.com/users/${id}`, {',
        "    headers: { accept: 'application/json' }, // keep this comment",
        '    signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]),',
        '  }));',
        '  return res.json();',
        '}',
        '',
        'export async function loadInvoice(id: string) {',
        '  const { data } = await retryPolicy.execute(({ signal }) => axios.get<{ id: string }>(`/invoices/${id}`, { timeout: 5000, signal }));',
        '  return data;',
        '}',
        '',
        "export const ping = (init: RequestInit) => retryPolicy.execute(({ signal }) => fetch('https://api.example.com/ping', { ...init, signal }));",
        '',
      ].join('\n'),
    );
  });

  it('the wrapped TypeScript type-checks against the real cockatiel, axios and DOM types', () => {
    assert.deepEqual(typeErrors(KINDS.map((kind) => path.join(OUT, kind, 'clients.ts'))), []);
  });

  it('wraps undici\'s request() as fetch, its signal beside its own timeouts, and type-checks against undici\'s types', () => {
    for (const kind of KINDS) {
      const { text, wrapped } = results.get(`${kind}/undici.ts`)!;
      assert.equal(wrapped, 1, kind);
      assert.match(text, /\.execute\(\(\{ signal \}\) => request\(`https:\/\/stock\.example\.com\/items\/\$\{sku\}`, \{\n {4}headersTimeout: 5000, \/\/ the stock service answers fast or not at all\n {4}bodyTimeout: 5000,\n {4}signal,\n {2}\}\)\);/, kind);
    }
    assert.deepEqual(typeErrors(KINDS.map((kind) => path.join(OUT, kind, 'undici.ts'))), []);
  });

  it('CommonJS files get a require, after the existing ones', () => {
    const { text, wrapped } = results.get('breaker/legacy.cjs')!;
    assert.equal(wrapped, 1);
    assert.match(text, /^'use strict';\nconst axios = require\('axios'\);\nconst \{ circuitBreaker, handleWhen, ConsecutiveBreaker \} = require\('cockatiel'\);\n/);
    assert.match(text, /await circuitBreakerPolicy\.execute\(\(\{ signal \}\) => axios\.get\(`\/orders\/\$\{id\}`, \{ timeout: 5000, signal \}\)\);/);
  });

  it('a script with only \'use strict\' gets its require after the directive and the policy after the require', () => {
    const { text, wrapped } = results.get('retry/strict.cjs')!;
    assert.equal(wrapped, 1);
    assert.match(
      text,
      /^'use strict';\nconst \{ retry, handleWhen, ExponentialBackoff \} = require\('cockatiel'\);\n\n\/\*\* Network errors[\s\S]*\n\nconst retryPolicy = retry\(/,
    );
  });

  it('a file with no imports gets the import below its #! line, its header and its pragmas, and above the doc comment of its first statement', () => {
    for (const kind of KINDS) {
      const script = results.get(`${kind}/script.mjs`)!;
      assert.equal(script.wrapped, 1, kind);
      // Above the `#!` line the script would not parse; above `// @ts-check`, TypeScript would no longer check it.
      assert.match(script.text, /^#!\/usr\/bin\/env node\n\/\/ Copyright 2026 Example Corp\. Licensed under the MIT licence\.\n\n\/\/ @ts-check\nimport \{ [^}]+ \} from 'cockatiel';\n\n/, kind);
      assert.match(script.text, /\n\nconst \w+Policy = [^;]+;\n\n\/\*\* Reads the price list once\. \*\/\nasync function loadPrices\(url\) \{\n/, kind);
      const header = results.get(`${kind}/header.ts`)!;
      assert.equal(header.wrapped, 1, kind);
      assert.match(header.text, /^\/\*\*\n \* @license\n \* Copyright 2026 Example Corp\.\n \*\/\n\n\/\* eslint-disable @typescript-eslint\/no-explicit-any \*\/\nimport \{ [^}]+ \} from 'cockatiel';\n\n/, kind);
      assert.match(header.text, /;\n\n\/\*\* How long the status service takes to answer, in ms\. \*\/\nexport async function ping/, kind);
    }
    assert.deepEqual(typeErrors(KINDS.map((kind) => path.join(OUT, kind, 'header.ts'))), []);
  });

  it('adds the signal after a last property with no trailing comma, the comma first (vendure\'s stellate-plugin)', () => {
    for (const kind of KINDS) {
      const { text, wrapped } = results.get(`${kind}/no-trailing-comma.mjs`)!;
      assert.equal(wrapped, kind === 'full' || kind === 'retry' ? 0 : 1, kind); // a POST gets no retry
      if (!wrapped) continue;
      assert.ok(
        text.includes(
          [
            `Policy.execute(({ signal }) => fetch(apiUrl, {`,
            "    method: 'POST',",
            '    headers: { Authorization: `Bearer ${token}` },',
            '    body: JSON.stringify({',
            "      query: '{ organizations { id } }',",
            '    }),',
            '    signal',
            '  }));',
          ].join('\n'),
        ),
        `${kind}:\n${text}`,
      );
    }
  });

  it('wraps axios(config) when TypeScript types the config as one or it defaults to one, spreading it (hoppscotch\'s CLI, Flowise, plane)', () => {
    for (const kind of KINDS) {
      const { text, wrapped } = results.get(`${kind}/configs.ts`)!;
      assert.equal(wrapped, 3, kind);
      assert.match(text, /\.execute\(\(\{ signal \}\) => this\.axiosInstance\(\{ \.\.\.config, signal \}\)\);/, kind);
      assert.match(text, /\.execute\(\(\{ signal \}\) => axios\(\{ \.\.\.requestConfig, signal \}\)\);/, kind);
      assert.match(text, /\.execute\(\(\{ signal \}\) => axios\(\{ \.\.\.currentConfig, signal \}\)\);/, kind);
    }
    assert.deepEqual(typeErrors(KINDS.map((kind) => path.join(OUT, kind, 'configs.ts'))), []);
  });

  it('offers no retry for a POST or PATCH without an idempotency key, which a retry could apply twice', () => {
    const linter = new Linter({ configType: 'flat' });
    const offered = (code: string) => {
      linter.verify(code, config('calls.ts'), 'calls.ts');
      const sourceCode = linter.getSourceCode();
      const start = code.indexOf('return ') + 'return '.length;
      const call = code.slice(start).match(/^[^;]*\)/)![0];
      return wrapEditsForCall(sourceCode as never, [start, start + call.length], { typescript: true }).map((edit) => edit.kind);
    };
    const fn = (body: string) => `import axios from 'axios';\nimport got from 'got';\nexport function send(url: string, body: string, key: string) {\n  return ${body};\n}\n`;
    assert.deepEqual(offered(fn("fetch(url, { method: 'POST', body })")), ['breaker', 'bulkhead']);
    assert.deepEqual(offered(fn("fetch(url, { method: 'patch', body })")), ['breaker', 'bulkhead']);
    assert.deepEqual(offered(fn('axios.post(url, body)')), ['breaker', 'bulkhead']);
    assert.deepEqual(offered(fn('got.post(url, { body })')), ['breaker', 'bulkhead']);
    // With a key every attempt shares, or a method that is safe to repeat, or one the file does not show.
    assert.deepEqual(offered(fn("fetch(url, { method: 'POST', body, headers: { 'Idempotency-Key': key } })")), ['full', 'retry', 'breaker', 'bulkhead']);
    assert.deepEqual(offered(fn("axios.post(url, body, { headers: { 'x-idempotency-key': key } })")), ['full', 'retry', 'breaker', 'bulkhead']);
    assert.deepEqual(offered(fn("fetch(url, { method: 'PUT', body })")), ['full', 'retry', 'breaker', 'bulkhead']);
    assert.deepEqual(offered(fn('fetch(url)')), ['full', 'retry', 'breaker', 'bulkhead']);
    assert.deepEqual(offered(fn('axios.request({ url, method: key })')), ['full', 'retry', 'breaker', 'bulkhead']);
  });

  it('is idempotent: a wrapped call is never offered a second wrap', () => {
    for (const kind of ['full', 'retry', 'breaker'] as const) {
      const linter = new Linter({ configType: 'flat' });
      const { text } = results.get(`${kind}/clients.ts`)!;
      assert.deepEqual(linter.verify(text, config('clients.ts'), 'clients.ts'), [], `${kind} leaves unprotected calls`);
    }
  });
});
