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

/** Applies suggestions one at a time (the first of each finding) until none is left. */
function applyAllSuggestions(code: string, filename: string): { text: string; applied: string[] } {
  let text = code;
  const applied: string[] = [];
  for (let round = 0; round < 50; round++) {
    const messages = linter.verify(text, config, filename);
    assert.ok(!messages.some((m) => m.fatal), `a fix made ${filename} unparsable:\n${text}`);
    const target = messages.find((m) => m.suggestions?.length);
    if (!target) return { text, applied };
    const suggestion = target.suggestions![0]!;
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
    assert.equal(applied.filter((a) => a.startsWith('breakwater/require-timeout')).length, 8);
    assert.equal(applied.filter((a) => a.startsWith('breakwater/no-retry-non-retryable')).length, 4);
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

  it('the helper is inserted once per file however many fixes need it', () => {
    const { text } = fixed.get('retries.ts')!;
    assert.equal(text.match(/function isRetryableError\(/g)?.length, 1);
    assert.match(text, /import \{ retry, handleAll, ExponentialBackoff, handleWhen \} from 'cockatiel';/);
    assert.match(text, /catch \(error\) \{\n {6}if \(!isRetryableError\(error\)\) throw error;\n {6}\/\/ fall through/);
  });
});
