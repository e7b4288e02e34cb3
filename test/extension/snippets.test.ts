import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { ROOT, typeErrors } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));

interface Snippet {
  scope: string;
  prefix: string;
  description: string;
  body: string[];
}

const FILE = path.join(ROOT, 'snippets', 'resilience.code-snippets');
const snippets = Object.entries(JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, Snippet>);

/** The text a snippet inserts when every placeholder keeps its default. */
export function expand(body: readonly string[]): string {
  const DOLLAR = '\u0000';
  return body
    .join('\n')
    .replace(/\\\$/g, DOLLAR)
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(new RegExp(DOLLAR, 'g'), '$');
}

const COCKATIEL = 'import { retry, circuitBreaker, bulkhead, timeout, handleAll, handleWhen, ConsecutiveBreaker, ConstantBackoff, ExponentialBackoff, noJitterGenerator, TimeoutStrategy } from "cockatiel";';
const TS_PRELUDE = `${COCKATIEL}\ndeclare const cache: Map<string, unknown>;\n`;

describe('snippets', () => {
  it('cover every pattern, one prefix each, for JavaScript and TypeScript', () => {
    const prefixes = snippets.map(([, s]) => s.prefix);
    assert.deepEqual(prefixes, [
      'bw-breaker', 'bw-retry-fixed', 'bw-retry-exponential', 'bw-retry-jitter', 'bw-retry-retryable', 'bw-bulkhead',
      'bw-timeout', 'bw-fallback', 'bw-degradation', 'bw-health', 'bw-heartbeat', 'bw-failover',
    ]);
    for (const [, snippet] of snippets) assert.equal(snippet.scope, 'javascript,typescript,javascriptreact,typescriptreact');
  });

  it('every body type-checks as strict TypeScript against the real cockatiel types', () => {
    const dir = path.join(ROOT, 'test-results', 'snippets');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const files = snippets.map(([, snippet]) => {
      const file = path.join(dir, `${snippet.prefix}.ts`);
      fs.writeFileSync(file, `${TS_PRELUDE}${expand(snippet.body)}\nexport {};\n`);
      return file;
    });
    const errors = typeErrors(files);
    assert.deepEqual(errors, []);
  });

  it("draws from Breakwater's strict rules only the findings of the pattern it shows", () => {
    // A snippet shows one pattern: the fixed and exponential retry strategies have no jitter, and a timeout,
    // a fallback or a failover alone is no retry or breaker. The health check asks each dependency once, as a
    // health check should (regression: no-unprotected-call reported it).
    const expected: Record<string, string[]> = {
      'bw-retry-fixed': ['2 require-backoff'],
      'bw-retry-exponential': ['2 require-backoff'],
      'bw-timeout': ['3 no-unprotected-call'],
      'bw-fallback': ['4 no-unprotected-call'],
      'bw-failover': ['7 no-unprotected-call', '11 no-unprotected-call'],
    };
    const linter = new Linter({ configType: 'flat' });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { breakwater: plugin }, rules: plugin.configs.strict.rules }];
    for (const [, snippet] of snippets) {
      const messages = linter.verify(`${COCKATIEL}\n${expand(snippet.body)}\nexport {};\n`, config, 'snippet.ts');
      const findings = messages.map((m) => `${m.line} ${m.ruleId?.replace('breakwater/', '')}`);
      assert.deepEqual(findings, expected[snippet.prefix] ?? [], snippet.prefix);
    }
  });

  it('every body parses as JavaScript', () => {
    const linter = new Linter({ configType: 'flat' });
    for (const [name, snippet] of snippets) {
      const messages = linter.verify(`${COCKATIEL}\n${expand(snippet.body)}`, [{ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } }], 'snippet.js');
      assert.deepEqual(messages.filter((m) => m.fatal), [], name);
    }
  });
});
