import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { ROOT, typeErrors } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'typed');
const OUT = path.join(ROOT, 'test-results', 'fixed-fixtures');

const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.strict] as Linter.Config[];
const linter = new Linter({ configType: 'flat' });

type Suggestion = NonNullable<Linter.LintMessage['suggestions']>[number];

/**
 * Applies suggestions one at a time until none is left: the first of each finding, or the one `pick`
 * chooses (findings it picks none for are skipped).
 */
function applyAllSuggestions(
  code: string,
  filename: string,
  pick: (suggestions: readonly Suggestion[]) => Suggestion | undefined = (suggestions) => suggestions[0],
): { text: string; applied: string[] } {
  let text = code;
  const applied: string[] = [];
  for (let round = 0; round < 50; round++) {
    const messages = linter.verify(text, config, filename);
    assert.ok(!messages.some((m) => m.fatal), `a fix made ${filename} unparsable:\n${text}`);
    const target = messages.find((m) => m.suggestions?.length && pick(m.suggestions));
    if (!target) return { text, applied };
    const suggestion = pick(target.suggestions!)!;
    applied.push(`${target.ruleId}: ${suggestion.desc}`);
    const [start, end] = suggestion.fix.range;
    text = text.slice(0, start) + suggestion.fix.text + text.slice(end);
  }
  assert.fail('suggestions did not converge: applying one keeps offering another');
}

const comments = (code: string) => (tsParser.parse(code, { comment: true }).comments ?? []).map((c) => c.value);

describe('fixes are safe: they parse, type-check against the real client and cockatiel types, keep comments, and converge', function () {
  this.timeout(120_000);
  const names = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.ts'));
  const fixed = new Map<string, { text: string; applied: string[] }>();

  before(() => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    for (const name of names) {
      const code = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
      const result = applyAllSuggestions(code, name);
      fixed.set(name, result);
      fs.writeFileSync(path.join(OUT, name), result.text);
    }
  });

  it('the fixtures type-check before any fix', () => {
    assert.deepEqual(typeErrors(names.map((name) => path.join(FIXTURES, name))), []);
  });

  it('every suggestion was applied, and the fixed files type-check', () => {
    const applied = [...fixed.values()].flatMap((result) => result.applied);
    assert.equal(applied.filter((a) => a.startsWith('breakwater/require-timeout')).length, 10);
    assert.equal(applied.filter((a) => a.startsWith('breakwater/no-retry-non-retryable')).length, 4);
    assert.equal(applied.filter((a) => a.startsWith('breakwater/require-backoff')).length, 2);
    assert.deepEqual(typeErrors(names.map((name) => path.join(OUT, name))), []);
  });

  it('the fixed files keep every comment and get no new findings that a suggestion could fix', () => {
    for (const name of names) {
      const original = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
      const { text } = fixed.get(name)!;
      for (const comment of comments(original)) assert.ok(text.includes(comment), `${name} lost ${comment}`);
      const again = linter.verify(text, config, name);
      assert.deepEqual(again.filter((m) => m.suggestions?.length), [], name);
      assert.deepEqual(again.filter((m) => m.ruleId === 'breakwater/require-timeout'), [], name);
    }
  });

  it('the suggestions that set the timeout where an instance is created type-check, and fix every call through it', () => {
    const code = fs.readFileSync(path.join(FIXTURES, 'clients.ts'), 'utf8');
    const { text, applied } = applyAllSuggestions(code, 'clients.ts', (suggestions) => suggestions.find((s) => s.messageId === 'addInstanceTimeout'));
    assert.deepEqual(applied, [
      'breakwater/require-timeout: Add `timeout: 10000` to `api`, for every call.',
      'breakwater/require-timeout: Add `timeout: { request: 10000 }` to `carrier`, for every call.',
    ]);
    assert.match(text, /const api = axios\.create\(\{ baseURL: 'https:\/\/api\.example\.com', timeout: 10000 \}\);/);
    assert.match(text, /prefixUrl: 'https:\/\/carrier\.example\.com', \/\/ the carrier's sandbox in tests\n {2}timeout: \{ request: 10000 \},\n\}\);/);
    const file = path.join(OUT, 'clients.instances.ts');
    fs.writeFileSync(file, text);
    assert.deepEqual(typeErrors([file]), []);
    const lines = (m: Linter.LintMessage) => text.split('\n')[m.line - 1]!;
    const left = linter.verify(text, config, 'clients.ts').filter((m) => m.ruleId === 'breakwater/require-timeout');
    assert.ok(!left.some((m) => /\b(api|carrier)\.(get|post)\b/.test(lines(m))), 'a call through a fixed instance is still reported');
    assert.equal(left.length, 8);
  });

  it('fetch-retry\'s delay function goes where its parameter takes fetch-retry\'s type, and a call\'s own limit replaces Infinity, keeping the comments beside them', () => {
    const { text } = fixed.get('fetch-retry.ts')!;
    assert.match(text, /const fetchWithRetry = fetchRetry\(fetch, \{ retryDelay: \(attempt\) => Math\.random\(\) \* Math\.min\(30000, 1000 \* 2 \*\* attempt\) \}\);/);
    assert.match(text, /retryDelay: \(attempt\) => Math\.random\(\) \* Math\.min\(30000, 1000 \* 2 \*\* attempt\), \/\/ half a second between attempts/);
    assert.match(text, /retries: 3, \/\/ until it answers/);
  });

  it('the helper is inserted once per file however many fixes need it', () => {
    const { text } = fixed.get('retries.ts')!;
    assert.equal(text.match(/function isRetryableError\(/g)?.length, 1);
    assert.match(text, /import \{ retry, handleAll, ExponentialBackoff, handleWhen \} from 'cockatiel';/);
    assert.match(text, /catch \(error\) \{\n {6}if \(!isRetryableError\(error\)\) throw error;\n {6}\/\/ fall through/);
  });
});
