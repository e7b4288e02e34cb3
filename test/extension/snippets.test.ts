import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { ROOT, typeErrors } from '../helpers';

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

  it('every body parses as JavaScript', () => {
    const linter = new Linter({ configType: 'flat' });
    for (const [name, snippet] of snippets) {
      const messages = linter.verify(`${COCKATIEL}\n${expand(snippet.body)}`, [{ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } }], 'snippet.js');
      assert.deepEqual(messages.filter((m) => m.fatal), [], name);
    }
  });
});
