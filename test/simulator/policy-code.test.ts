/**
 * cockatiel code ⇄ simulator policies: the CodeLens reads policies from code, "Copy as code"
 * writes them back. Written code must type-check against the real cockatiel types and read
 * back to the same policy.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { PRESETS } from '../../src/simulator/presets';
import { parsePolicy } from '../../src/simulator/validate';
import { ROOT, typeErrors } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readCockatielPolicies } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'policies')) as typeof import('../../eslint-plugin/src/policies');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cockatielCode } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'policy-code')) as typeof import('../../eslint-plugin/src/policy-code');

const OUT = path.join(ROOT, 'test-results', 'policy-code');

function read(text: string, file = 'policy.ts') {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(text, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }], file);
  assert.deepEqual(messages.filter((m) => m.fatal), [], text);
  return readCockatielPolicies(linter.getSourceCode() as never);
}

const policies = [
  ...PRESETS.flatMap((preset) => preset.policies.map(({ label, policy }) => ({ label: `${preset.id}: ${label}`, policy }))),
  {
    label: 'every kind of layer',
    policy: [
      { type: 'fallback', handle: 'transient' },
      { type: 'retry', handle: 'all', maxAttempts: null, backoff: { type: 'exponential', jitter: 'decorrelated', initialDelayMs: 50, maxDelayMs: 2000, exponent: 3 } },
      { type: 'breaker', breaker: { type: 'count', threshold: 0.5, size: 100, minimumNumberOfCalls: 20 }, halfOpenAfter: { type: 'exponential', jitter: 'half', initialDelayMs: 1000, maxDelayMs: 60_000 } },
      { type: 'breaker', handle: 'transient', breaker: { type: 'sampling', threshold: 0.2, durationMs: 30_000, minimumRps: 10 }, halfOpenAfter: 15_000 },
      { type: 'bulkhead', limit: 10, queue: 100 },
      { type: 'timeout', timeoutMs: 2500, strategy: 'aggressive', abortOnReturn: false },
    ],
  },
];

describe('cockatiel code for simulator policies', () => {
  fs.mkdirSync(OUT, { recursive: true });
  const files: string[] = [];

  policies.forEach(({ label, policy }, index) => {
    it(`writes and reads back: ${label}`, () => {
      const normalised = parsePolicy(policy);
      const code = cockatielCode(normalised as never, { typescript: true });
      const file = path.join(OUT, `policy-${index}.ts`);
      fs.writeFileSync(file, code);
      files.push(file);
      const definitions = read(code);
      const exported = definitions.find((definition) => definition.name === 'policy');
      assert.ok(exported, code);
      assert.deepEqual(exported.unknowns.filter((u) => !u.includes('transient errors only')), [], code);
      assert.deepEqual(parsePolicy(exported.layers), normalised, code);
      // Idempotent: writing what was read gives the same code.
      assert.equal(cockatielCode(parsePolicy(exported.layers) as never, { typescript: true }), code);
    });
  });

  it('writes a Retry-After-aware backoff as a DelegateBackoff that type-checks, in TS and JS', () => {
    const policy = parsePolicy([{ type: 'retry', handle: 'transient', maxAttempts: 3, backoff: { type: 'retryAfter', fallback: { type: 'exponential', jitter: 'full' } } }]);
    const ts = cockatielCode(policy as never, { typescript: true });
    assert.match(ts, /^import \{ DelegateBackoff, ExponentialBackoff, fullJitterGenerator, handleWhen, retry, type IBackoff, type IBackoffFactory, type IRetryBackoffContext \} from 'cockatiel';/);
    assert.match(ts, /backoff: retryAfterBackoff\(new ExponentialBackoff\(\{ generator: fullJitterGenerator, initialDelay: 128, maxDelay: 30_000 \}\)\)/);
    const file = path.join(OUT, 'retry-after.ts');
    fs.writeFileSync(file, ts);
    files.push(file);
    const js = cockatielCode(policy as never, { typescript: false });
    assert.doesNotMatch(js, /: IBackoffFactory|type IBackoff|<IRetryBackoffContext/);
    const linter = new Linter({ configType: 'flat' });
    assert.deepEqual(linter.verify(js, [{ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } }], 'policy.js').filter((m) => m.fatal), []);
  });

  it('type-checks every written policy against cockatiel 3.2', () => {
    assert.ok(files.length === policies.length + 1);
    assert.deepEqual(typeErrors(files), []);
  });

  it('writes exactly what a reader would write by hand', () => {
    const code = cockatielCode(parsePolicy([{ type: 'retry', handle: 'all', maxAttempts: 3, backoff: { type: 'exponential', jitter: 'full' } }, { type: 'timeout', timeoutMs: 2000 }]) as never, { typescript: false });
    assert.equal(
      code,
      [
        "import { ExponentialBackoff, fullJitterGenerator, handleAll, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';",
        '',
        'const retryPolicy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff({ generator: fullJitterGenerator, initialDelay: 128, maxDelay: 30_000 }) });',
        'const timeoutPolicy = timeout(2000, TimeoutStrategy.Cooperative);',
        'export const policy = wrap(retryPolicy, timeoutPolicy);',
        '',
      ].join('\n'),
    );
  });

  it('reads policies as people write them, naming what the file does not show', () => {
    const definitions = read(`
      import * as c from 'cockatiel';
      import { circuitBreaker, ConsecutiveBreaker, handleAll, handleType, retry, wrap, ExponentialBackoff } from 'cockatiel';
      import { limits } from './config';
      const SECOND = 1000;
      const attempts = 4;
      export const breaker = circuitBreaker(handleAll, { halfOpenAfter: 30 * SECOND, breaker: new ConsecutiveBreaker(limits.failures) });
      const retrying = retry(handleType(TypeError), { maxAttempts: attempts, backoff: new ExponentialBackoff() });
      const bulk = c.bulkhead(5);
      export const resilient = wrap(retrying, breaker, bulk, makeTimeout());
      const notAPolicy = retry;
      function makeTimeout() { return c.timeout(1); }
    `);
    assert.deepEqual(
      definitions.map((d) => [d.name, d.layers.map((l) => l.type).join('>'), d.unknowns]),
      [
        ['breaker', 'breaker', ['ConsecutiveBreaker threshold: `limits.failures` is not a number this file shows']],
        ['retrying', 'retry', ['retry: the filter `handleType(TypeError)` is simulated as transient errors only (network, timeouts, 429, 5xx)']],
        ['bulk', 'bulkhead', []],
        [
          'resilient',
          'retry>breaker>bulkhead',
          [
            'retry: the filter `handleType(TypeError)` is simulated as transient errors only (network, timeouts, 429, 5xx)',
            'ConsecutiveBreaker threshold: `limits.failures` is not a number this file shows',
            'wrap: `makeTimeout()` is not a policy this file shows; left out',
          ],
        ],
      ],
    );
    const [breaker, retrying] = definitions;
    assert.deepEqual(breaker.layers[0], { type: 'breaker', handle: 'all', halfOpenAfter: 30_000, breaker: { type: 'consecutive' } });
    assert.deepEqual(retrying.layers[0], { type: 'retry', handle: 'transient', maxAttempts: 4, backoff: { type: 'exponential', jitter: 'decorrelated' } });
    assert.deepEqual(parsePolicy(retrying.layers)[0], {
      type: 'retry',
      handle: 'transient',
      maxAttempts: 4,
      backoff: { type: 'exponential', jitter: 'decorrelated', initialDelayMs: 128, maxDelayMs: 30_000, exponent: 2 },
    });
  });

  it('finds nothing in a file without cockatiel, or with a local function named retry', () => {
    assert.deepEqual(read(`const retry = (f: () => void) => f(); const p = retry(() => {});`), []);
    assert.deepEqual(read(`// cockatiel\nfunction retry(x: number) { return x; }\nconst p = retry(3);`), []);
  });
});
