import type { Rule } from 'eslint';
import rule from '../../src/rules/valid-policy';
import { cjsTester, jsTester, tsTester } from '../rule-tester';

const ruleModule = rule as unknown as Rule.RuleModule;
const C =
  'import { retry, circuitBreaker, bulkhead, timeout, wrap, handleAll, handleWhen, ConsecutiveBreaker, ExponentialBackoff, TimeoutStrategy } from "cockatiel";\n';
const BREAKER = 'const breaker = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });\n';
const RETRY_ALL = 'const retrying = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });\n';
const COOP = 'const deadline = timeout(2000, TimeoutStrategy.Cooperative);\n';

const openCircuit = (code: string, output: string, header = C, added = 'isBrokenCircuitError') => ({
  code: header + code,
  errors: [{ messageId: 'retriesOpenCircuit', suggestions: [{ messageId: 'skipBrokenCircuit', output: header.replace(' } from "cockatiel"', `, ${added} } from "cockatiel"`) + output }] }],
});
const ignored = (code: string) => ({ code: C + COOP + code, errors: [{ messageId: 'ignoredSignal' }] });
const perCall = (code: string, kind = 'circuit breaker') => ({ code: C + code, errors: [{ messageId: 'policyPerCall', data: { kind } }] });
const halfOpen = (code: string, output: string) => ({
  code: C + code,
  errors: [{ messageId: 'shortHalfOpen', suggestions: [{ messageId: 'setInitialDelay', data: { ms: '5000' }, output: C + output }] }],
});

const valid = [
  // retry inside the breaker, or a retry that skips BrokenCircuitError
  `${C}${BREAKER}${RETRY_ALL}export const policy = wrap(breaker, retrying);`,
  `${C}${BREAKER}const retrying = retry(handleWhen((e) => !isBrokenCircuitError(e)), { maxAttempts: 3 });\nexport const policy = wrap(retrying, breaker);`,
  `${C}${BREAKER}const retrying = retry(handleWhen(isRetryableError), { maxAttempts: 3 });\nexport const policy = wrap(retrying, breaker);`,
  `${C}${RETRY_ALL}export const policy = wrap(retrying, timeout(1000, TimeoutStrategy.Aggressive));`,
  `${C}${RETRY_ALL}export const policy = wrap(retrying, bulkhead(10));`,
  `${C}${BREAKER}import { retrying } from "./retrying";\nexport const policy = wrap(retrying, breaker);`,
  `${C}export const make = (r, b) => wrap(r, b);`,
  // cooperative timeouts whose callbacks pass the signal on
  `${C}${COOP}export const get = (u) => deadline.execute(({ signal }) => fetch(u, { signal }));`,
  `${C}${COOP}export const get = (u) => deadline.execute((ctx) => fetch(u, { signal: ctx.signal }));`,
  `${C}${COOP}export const get = (u) => deadline.execute((ctx) => load(u, ctx));`,
  `${C}${COOP}export const get = (u) => deadline.execute((_ctx, signal) => fetch(u, { signal }));`,
  `${C}${COOP}export const get = (u) => deadline.execute(({ signal, ...rest }) => fetch(u, { signal }));`,
  `${C}${COOP}export const get = (u) => deadline.execute(({ ...context }) => fetch(u, context));`,
  `${C}${COOP}async function load(ctx) { return fetch(u, { signal: ctx.signal }); }\nexport const get = () => deadline.execute(load);`,
  `${C}${COOP}import { load } from "./load";\nexport const get = () => deadline.execute(load);`,
  // aggressive timeouts race the call: no signal needed for them to return
  `${C}const t = timeout(2000, TimeoutStrategy.Aggressive);\nexport const get = (u) => t.execute(() => fetch(u));`,
  `${C}const t = timeout(2000, { strategy: TimeoutStrategy.Aggressive });\nexport const get = (u) => t.execute(() => fetch(u));`,
  `${C}${RETRY_ALL}export const get = (u) => retrying.execute(() => fetch(u));`,
  `${C}import { policy } from "./policy";\nexport const get = (u) => policy.execute(() => fetch(u));`,
  // a wrap with a cooperative timeout, callback passing the signal
  `${C}${COOP}${RETRY_ALL}const policy = wrap(retrying, deadline);\nexport const get = (u) => policy.execute(({ signal }) => fetch(u, { signal }));`,
  // breakers and bulkheads created once
  `${C}${BREAKER}export const get = (u) => breaker.execute(() => fetch(u));`,
  `${C}const limiter = bulkhead(10, 100);\nexport const get = (u) => limiter.execute(() => fetch(u));`,
  `${C}export class Client {\n  constructor() { this.breaker = circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) }); }\n  get(u) { return this.breaker.execute(() => fetch(u)); }\n}`,
  `${C}export class Client {\n  breaker = circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) });\n}`,
  `${C}export function makeBreaker() { return circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) }); }`,
  `${C}const cache = new Map();\nexport function breakerFor(host) {\n  let b = cache.get(host);\n  if (!b) { b = circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) }); cache.set(host, b); }\n  return b;\n}`,
  `${C}export function setup(app) { app.breaker = circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) }); }`,
  `${C}export function policyFor(ms) { const b = bulkhead(ms); return wrap(b, timeout(ms, TimeoutStrategy.Aggressive)); }`,
  `${C}let shared;\nexport function get(u) { shared ??= bulkhead(10); return shared.execute(() => fetch(u)); }`,
  // Regression (a bounded-queue factory built on cockatiel): the bulkhead lives in the object the factory
  // returns, whose method executes it on each call.
  `${C}export function boundedQueue({ limit, queue }) {\n  const policy = bulkhead(limit, queue);\n  return { execute(fn, signal) { return policy.execute(() => fn(), signal); } };\n}`,
  `${C}export const makeClient = () => { const breaker = circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) }); return (u) => breaker.execute(() => fetch(u)); };`,
  // A bulkhead made for one call that limits the call's own fan-out.
  `${C}export async function getAll(urls) {\n  const limiter = bulkhead(4, urls.length);\n  return Promise.all(urls.map((u) => limiter.execute(() => fetch(u))));\n}`,
  // halfOpenAfter with a first delay that gives the dependency time, or a number
  `${C}export const b = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });`,
  `${C}export const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff({ initialDelay: 5000, maxDelay: 60_000 }), breaker: new ConsecutiveBreaker(5) });`,
  `${C}const backoff = new ExponentialBackoff({ initialDelay: 2000 });\nexport const b = circuitBreaker(handleAll, { halfOpenAfter: backoff, breaker: new ConsecutiveBreaker(5) });`,
  `${C}export const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff(opts), breaker: new ConsecutiveBreaker(5) });`,
  `${C}export const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff({ ...base }), breaker: new ConsecutiveBreaker(5) });`,
  `${C}export const b = circuitBreaker(handleAll, breakerOptions);`,
  // not cockatiel
  'function wrap(a, b) { return [a, b]; }\nfunction retry() {}\nfunction circuitBreaker() {}\nexport const p = wrap(retry(handleAll, {}), circuitBreaker(handleAll, {}));',
  'import { wrap } from "./policies";\nexport const p = wrap(retry(handleAll, {}), breaker);',
  'function timeout() {}\nconst t = timeout(10, "optimistic");\nexport const get = () => t.execute(() => fetch(u));',
  'export function get(u) { const breaker = makeBreaker(); return breaker.execute(() => fetch(u)); }',
  'import { circuitBreaker } from "opossum-like";\nexport function get(u) { return circuitBreaker(handleAll, {}).execute(() => fetch(u)); }',
];

const invalid = [
  // a handle-all retry outside a breaker retries BrokenCircuitError
  openCircuit(`${BREAKER}${RETRY_ALL}export const policy = wrap(retrying, breaker);`, `${BREAKER}${RETRY_ALL.replace('handleAll', 'handleWhen((error) => !isBrokenCircuitError(error))')}export const policy = wrap(retrying, breaker);`),
  openCircuit(
    `${BREAKER}export const policy = wrap(retry(handleAll, { maxAttempts: 3 }), breaker);`,
    `${BREAKER}export const policy = wrap(retry(handleWhen((error) => !isBrokenCircuitError(error)), { maxAttempts: 3 }), breaker);`,
  ),
  openCircuit(
    `${BREAKER}${RETRY_ALL}export const policy = wrap(retrying, timeout(1000, TimeoutStrategy.Aggressive), breaker);`,
    `${BREAKER}${RETRY_ALL.replace('handleAll', 'handleWhen((error) => !isBrokenCircuitError(error))')}export const policy = wrap(retrying, timeout(1000, TimeoutStrategy.Aggressive), breaker);`,
  ),
  openCircuit(
    `${BREAKER}${RETRY_ALL}const inner = wrap(breaker, bulkhead(5));\nexport const policy = wrap(retrying, inner);`,
    `${BREAKER}${RETRY_ALL.replace('handleAll', 'handleWhen((error) => !isBrokenCircuitError(error))')}const inner = wrap(breaker, bulkhead(5));\nexport const policy = wrap(retrying, inner);`,
  ),
  openCircuit(
    `${BREAKER}${RETRY_ALL}export const policy = wrap(bulkhead(5), retrying, breaker);`,
    `${BREAKER}${RETRY_ALL.replace('handleAll', 'handleWhen((error) => !isBrokenCircuitError(error))')}export const policy = wrap(bulkhead(5), retrying, breaker);`,
  ),
  openCircuit(
    'const breaker = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) });\nexport const policy = wrap(retry(handleAll, { maxAttempts: 2 }), breaker);',
    'const breaker = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) });\nexport const policy = wrap(retry(handleWhen((error) => !isBrokenCircuitError(error)), { maxAttempts: 2 }), breaker);',
    'import { retry, circuitBreaker, wrap, handleAll, ConsecutiveBreaker } from "cockatiel";\n',
    'handleWhen, isBrokenCircuitError',
  ),
  {
    code: 'import * as c from "cockatiel";\nconst b = c.circuitBreaker(c.handleAll, { halfOpenAfter: 1000, breaker: new c.ConsecutiveBreaker(3) });\nexport const policy = c.wrap(c.retry(c.handleAll, { maxAttempts: 2 }), b);',
    errors: [
      {
        messageId: 'retriesOpenCircuit',
        suggestions: [
          {
            messageId: 'skipBrokenCircuit',
            output: 'import * as c from "cockatiel";\nconst b = c.circuitBreaker(c.handleAll, { halfOpenAfter: 1000, breaker: new c.ConsecutiveBreaker(3) });\nexport const policy = c.wrap(c.retry(c.handleWhen((error) => !c.isBrokenCircuitError(error)), { maxAttempts: 2 }), b);',
          },
        ],
      },
    ],
  },
  // cooperative timeouts whose callback drops the signal
  ignored('export const get = (u) => deadline.execute(() => fetch(u));'),
  ignored('export const get = (u) => deadline.execute(async () => { const r = await fetch(u); return r.json(); });'),
  ignored('export const get = (u) => deadline.execute((ctx) => fetch(u));'),
  ignored('export const get = (u) => deadline.execute(({ attempt }) => fetch(u));'),
  ignored('export const get = (u) => deadline.execute(function () { return fetch(u); });'),
  ignored('async function load() { return fetch(u); }\nexport const get = () => deadline.execute(load);'),
  ignored('const load = async () => fetch(u);\nexport const get = () => deadline.execute(load);'),
  { code: `${C}const t = timeout(2000, "optimistic");\nexport const get = (u) => t.execute(() => fetch(u));`, errors: [{ messageId: 'ignoredSignal' }] },
  { code: `${C}const t = timeout(2000, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: false });\nexport const get = (u) => t.execute(() => fetch(u));`, errors: [{ messageId: 'ignoredSignal' }] },
  { code: `${C}${COOP}${RETRY_ALL}const policy = wrap(retrying, deadline);\nexport const get = (u) => policy.execute(() => fetch(u));`, errors: [{ messageId: 'ignoredSignal' }] },
  { code: `${C}${COOP}${RETRY_ALL}export const get = (u) => wrap(retrying, deadline).execute(() => fetch(u));`, errors: [{ messageId: 'ignoredSignal' }] },
  { code: `${C}export const get = (u) => timeout(500, TimeoutStrategy.Cooperative).execute(() => fetch(u));`, errors: [{ messageId: 'ignoredSignal' }] },
  { code: 'import * as c from "cockatiel";\nconst t = c.timeout(500, c.TimeoutStrategy.Cooperative);\nexport const get = (u) => t.execute(() => fetch(u));', errors: [{ messageId: 'ignoredSignal' }] },
  // breakers and bulkheads made per call
  perCall('export function get(u) {\n  const breaker = circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) });\n  return breaker.execute(() => fetch(u));\n}'),
  perCall('export async function get(u) {\n  return circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) }).execute(() => fetch(u));\n}'),
  perCall('export const get = (u) => bulkhead(10).execute(() => fetch(u));', 'bulkhead'),
  perCall('export async function get(u) {\n  const limiter = bulkhead(10, 50);\n  const res = await limiter.execute(() => fetch(u));\n  return res.json();\n}', 'bulkhead'),
  perCall('export function get(u) {\n  const breaker = circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) });\n  return wrap(retry(handleWhen(isRetryableError), { maxAttempts: 2 }), breaker).execute(() => fetch(u));\n}'),
  perCall('export function get(u) {\n  const policy = wrap(circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) }), timeout(100, TimeoutStrategy.Aggressive));\n  return policy.execute(() => fetch(u));\n}'),
  perCall('export class Api {\n  get(u) {\n    const b = circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) });\n    return b.execute(() => fetch(u));\n  }\n}'),
  perCall('app.get("/orders", async (req, res) => {\n  const limiter = bulkhead(5);\n  res.json(await limiter.execute(() => fetch(url)));\n});', 'bulkhead'),
  // halfOpenAfter with ExponentialBackoff's 128 ms first delay
  halfOpen(
    'export const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff(), breaker: new ConsecutiveBreaker(5) });',
    'export const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff({ initialDelay: 5000 }), breaker: new ConsecutiveBreaker(5) });',
  ),
  halfOpen(
    'export const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff({ maxDelay: 60_000 }), breaker: new ConsecutiveBreaker(5) });',
    'export const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff({ maxDelay: 60_000, initialDelay: 5000 }), breaker: new ConsecutiveBreaker(5) });',
  ),
  halfOpen(
    'const opts = { halfOpenAfter: new ExponentialBackoff(), breaker: new ConsecutiveBreaker(5) };\nexport const b = circuitBreaker(handleAll, opts);',
    'const opts = { halfOpenAfter: new ExponentialBackoff({ initialDelay: 5000 }), breaker: new ConsecutiveBreaker(5) };\nexport const b = circuitBreaker(handleAll, opts);',
  ),
  halfOpen(
    'export const b = circuitBreaker(handleAll, {\n  halfOpenAfter: new ExponentialBackoff({}),\n  breaker: new ConsecutiveBreaker(5),\n});',
    'export const b = circuitBreaker(handleAll, {\n  halfOpenAfter: new ExponentialBackoff({ initialDelay: 5000 }),\n  breaker: new ConsecutiveBreaker(5),\n});',
  ),
  {
    code: 'import * as c from "cockatiel";\nexport const b = c.circuitBreaker(c.handleAll, { halfOpenAfter: new c.ExponentialBackoff(), breaker: new c.ConsecutiveBreaker(5) });',
    errors: [{ messageId: 'shortHalfOpen', suggestions: [{ messageId: 'setInitialDelay', output: 'import * as c from "cockatiel";\nexport const b = c.circuitBreaker(c.handleAll, { halfOpenAfter: new c.ExponentialBackoff({ initialDelay: 5000 }), breaker: new c.ConsecutiveBreaker(5) });' }] }],
  },
  ignored('export const get = (u) => deadline.execute(async function load() { return fetch(u); });'),
  ignored('export const get = (u) => deadline.execute((context) => {\n  return fetch(u);\n});'),
  ignored('export async function get(u) {\n  const res = await deadline.execute(() => fetch(u, { headers: { accept: "application/json" } }));\n  return res.json();\n}'),
  perCall('export default async function handler(req) {\n  const b = bulkhead(2);\n  return b.execute(() => fetch(req.url));\n}', 'bulkhead'),
  halfOpen(
    'export const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff, breaker: new ConsecutiveBreaker(5) });',
    'export const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff({ initialDelay: 5000 }), breaker: new ConsecutiveBreaker(5) });',
  ),
  openCircuit(
    `${BREAKER}${RETRY_ALL}export const get = (u) => wrap(retrying, breaker).execute(({ signal }) => fetch(u, { signal }));`,
    `${BREAKER}${RETRY_ALL.replace('handleAll', 'handleWhen((error) => !isBrokenCircuitError(error))')}export const get = (u) => wrap(retrying, breaker).execute(({ signal }) => fetch(u, { signal }));`,
  ),
  // several at once
  {
    code: `${C}export function get(u) {\n  const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff(), breaker: new ConsecutiveBreaker(3) });\n  return b.execute(() => fetch(u));\n}`,
    errors: [{ messageId: 'policyPerCall' }, { messageId: 'shortHalfOpen', suggestions: [{ messageId: 'setInitialDelay', output: `${C}export function get(u) {\n  const b = circuitBreaker(handleAll, { halfOpenAfter: new ExponentialBackoff({ initialDelay: 5000 }), breaker: new ConsecutiveBreaker(3) });\n  return b.execute(() => fetch(u));\n}` }] }],
  },
];

describe('valid-policy', () => {
  jsTester.run('valid-policy (espree)', ruleModule, { valid, invalid });
  tsTester.run('valid-policy (typescript)', ruleModule, {
    valid: [...valid, `${C}${COOP}export const get = (u: string) => deadline.execute(({ signal }: { signal: AbortSignal }) => fetch(u, { signal }));`],
    invalid: [
      ignored('export const get = (u: string): Promise<Response> => deadline.execute(() => fetch(u));'),
      perCall('export const get = (u: string) => (bulkhead(10) as ReturnType<typeof bulkhead>).execute(() => fetch(u));', 'bulkhead'),
      perCall('export const get = (u: string) => (bulkhead(10) satisfies BulkheadPolicy).execute(() => fetch(u));', 'bulkhead'),
      perCall('export function get(u: string) {\n  const breaker = circuitBreaker(handleAll, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) }) satisfies CircuitBreakerPolicy;\n  return breaker!.execute(() => fetch(u));\n}'),
    ],
  });
  cjsTester.run('valid-policy (commonjs)', ruleModule, {
    valid: ['const { retry, circuitBreaker, wrap, handleAll, ConsecutiveBreaker } = require("cockatiel");\nconst b = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) });\nmodule.exports = wrap(b, retry(handleAll, { maxAttempts: 2 }));'],
    invalid: [
      {
        code: 'const { retry, circuitBreaker, wrap, handleAll, ConsecutiveBreaker } = require("cockatiel");\nconst b = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) });\nmodule.exports = wrap(retry(handleAll, { maxAttempts: 2 }), b);',
        errors: [
          {
            messageId: 'retriesOpenCircuit',
            suggestions: [
              {
                messageId: 'skipBrokenCircuit',
                output: 'const { retry, circuitBreaker, wrap, handleAll, ConsecutiveBreaker, handleWhen, isBrokenCircuitError } = require("cockatiel");\nconst b = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) });\nmodule.exports = wrap(retry(handleWhen((error) => !isBrokenCircuitError(error)), { maxAttempts: 2 }), b);',
              },
            ],
          },
        ],
      },
    ],
  });
});
