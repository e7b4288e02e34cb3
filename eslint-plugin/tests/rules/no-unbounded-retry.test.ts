import type { Rule } from 'eslint';
import rule from '../../src/rules/no-unbounded-retry';
import { cjsTester, jsTester, tsTester } from '../rule-tester';

const ruleModule = rule as unknown as Rule.RuleModule;
const C = 'import { retry, handleAll, ExponentialBackoff } from "cockatiel";\n';
const forever = (retry: string) => ({ messageId: 'retriesForever', data: { retry } });
const cockatielCase = (code: string, output: string) => ({
  code: C + code,
  errors: [{ ...forever('cockatiel retry'), suggestions: [{ messageId: 'limitAttempts', data: { limit: '3' }, output: C + output }] }],
});
/** A case whose one suggestion turns `from` into `to`. */
const fixed = (code: string, retry: string, from: string, to: string) => ({
  code,
  errors: [{ ...forever(retry), suggestions: [{ messageId: 'limitAttempts', data: { limit: '3' }, output: code.replace(from, to) }] }],
});
const loop = (code: string, line = 2, column = 3) => ({ code, errors: [{ messageId: 'loopsForever', line, column }] });

const valid = [
  // fetch-retry: 3 retries unless told otherwise.
  'import fetchRetry from "fetch-retry";\nexport const f = fetchRetry(fetch);',
  'import fetchRetry from "fetch-retry";\nexport const f = fetchRetry(fetch, { retries: 10 });',
  'import fetchRetry from "fetch-retry";\nexport const f = fetchRetry(fetch, defaults);',
  // A call's own `retries` wins for that call: a number, or not fetch-retry's fetch at all.
  'import fetchRetry from "fetch-retry";\nconst f = fetchRetry(fetch);\nexport const get = (u) => f(u, { retries: 5 });',
  'export const get = (u) => fetch(u, { retries: Infinity });',
  'import fetchRetry from "fetch-retry";\nconst f = fetchRetry(fetch);\nexport const get = (u, init) => f(u, init);',
  // cockatiel with a cap
  `${C}export const p = retry(handleAll, { maxAttempts: 3 });`,
  `${C}export const p = retry(handleAll, { maxAttempts: 0 });`,
  `${C}const MAX = 5; export const p = retry(handleAll, { maxAttempts: MAX });`,
  `${C}const opts = { maxAttempts: 3, backoff: new ExponentialBackoff() }; export const p = retry(handleAll, opts);`,
  `${C}const base = { maxAttempts: 2 }; export const p = retry(handleAll, { ...base, backoff: new ExponentialBackoff() });`,
  `${C}export const p = retry(handleAll, cond ? { maxAttempts: 2 } : { maxAttempts: 4 });`,
  'import * as c from "cockatiel"; export const p = c.retry(c.handleAll, { maxAttempts: 3 });',
  'const { retry, handleAll } = require("cockatiel"); module.exports = retry(handleAll, { maxAttempts: 3 });',
  // options the file does not show: silent by default
  `${C}export const make = (opts) => retry(handleAll, opts);`,
  `${C}import { retryOptions } from "./config"; export const p = retry(handleAll, retryOptions);`,
  `${C}export const p = retry(handleAll, { ...shared });`,
  // Regression (akash-network console stripe-transaction.service.ts): a poll with no attempt cap under an
  // outer timeout, which aborts the retry's signal at its deadline and so ends it.
  'import { wrap, timeout, retry, handleWhenResult, ConstantBackoff, TimeoutStrategy } from "cockatiel";\nexport class StripeTransactionService {\n  resolveTransactionExecutor = wrap(\n    timeout(60_000, TimeoutStrategy.Aggressive),\n    retry(handleWhenResult((result) => result.status === "pending"), { maxAttempts: Infinity, backoff: new ConstantBackoff(500) }),\n  );\n}',
  'import { wrap, timeout, retry, handleAll, circuitBreaker, ConsecutiveBreaker } from "cockatiel";\nconst retryForever = retry(handleAll, {});\nconst deadline = timeout(30_000);\nexport const policy = wrap(deadline, wrap(retryForever, circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(5) })));',
  // not cockatiel's retry
  'function retry(fn, opts) { return fn; } export const p = retry(() => 1, {});',
  'import { retry } from "./retry"; export const p = retry(handleAll, {});',
  'import { retry } from "cockatiel-utils"; export const p = retry(x, {});',
  // other libraries with their finite defaults or explicit caps
  'import pRetry from "p-retry"; pRetry(() => fetch(u));',
  'import pRetry from "p-retry"; pRetry(() => fetch(u), { retries: 5 });',
  'import pRetry from "p-retry"; pRetry(() => fetch(u), { forever: false });',
  'import retry from "async-retry"; retry(async () => fetch(u), { retries: 3 });',
  'import retry from "async-retry"; retry(async () => fetch(u));',
  'import promiseRetry from "promise-retry"; promiseRetry((again) => fetch(u).catch(again), { retries: 4 });',
  'import promiseRetry from "promise-retry"; promiseRetry({ retries: 4 }, (again) => fetch(u).catch(again));',
  'import retry from "retry"; const op = retry.operation({ retries: 5 });',
  'import retry from "retry"; const op = retry.operation();',
  'import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retries: 3 });',
  'import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios);',
  // hand-written loops that can give up
  'async function withRetry(fn) {\n  for (let i = 0; ; i++) {\n    try { return await fn(); } catch (e) { if (i === 3) throw e; await sleep(1000); }\n  }\n}\nexport const get = (u) => withRetry(() => fetch(u));',
  'export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { if (Date.now() > deadline) throw e; }\n  }\n}',
  'export async function get(u) {\n  for (let i = 0; ; i++) {\n    try { return await fetch(u); } catch (e) { if (i >= 3) throw e; }\n  }\n}',
  'export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { }\n  }\n}',
  'export async function get(u) {\n  let attempt = 0;\n  while (attempt < 5) {\n    attempt++;\n    try { return await fetch(u); } catch (e) { }\n  }\n}',
  'export async function get(u, signal) {\n  while (true) {\n    signal.throwIfAborted();\n    try { return await fetch(u, { signal }); } catch (e) { }\n  }\n}',
  // an exit for some errors that also reads a counter, a clock, a signal or an object's state may bound the loop
  'export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { if (e.status === 404 || Date.now() > deadline) return null; }\n  }\n}',
  'export async function get(u) {\n  let n = 0;\n  while (true) {\n    try { return await fetch(u); } catch (e) { if (isFatal(e) && n > 2) throw e; n++; }\n  }\n}',
  'export async function get(u, signal) {\n  while (true) {\n    try { return await fetch(u, { signal }); } catch (e) { if (signal.aborted) throw e; }\n  }\n}',
  'export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { if (this.policy.isFatal(e)) throw e; }\n  }\n}',
  'export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { if (e.status === 404) { return null; } else if (stopped) { break; } }\n  }\n}',
  // cancellation is how a caller's deadline ends the loop
  'export async function get(u, signal) {\n  while (true) {\n    try { return await fetch(u, { signal }); } catch (e) { if (e.name === "AbortError") throw e; }\n  }\n}',
  'import axios from "axios";\nexport async function get(u, signal) {\n  while (true) {\n    try { return await axios.get(u, { signal, timeout: 1000 }); } catch (e) { if (axios.isCancel(e)) throw e; }\n  }\n}',
  'export async function get(u, signal) {\n  while (true) {\n    try { return await fetch(u, { signal }); } catch (e) { if (e instanceof DOMException && e.name === "TimeoutError") throw e; }\n  }\n}',
  // an exit every failure takes
  'export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { log(e); throw e; }\n  }\n}',
  'export async function get(u) {\n  let n = 0;\n  while (true) {\n    try { return await fetch(u); } catch (e) { }\n    if (++n > 3) break;\n  }\n}',
  'export async function get(u) {\n  do {\n    try { return await fetch(u); } catch (e) { console.warn(e); }\n  } while (retries-- > 0);\n}',
  // loops that are not retries: polling, work queues, pagination
  'export async function poll(u) {\n  while (true) {\n    await fetch(u);\n    await sleep(1000);\n  }\n}',
  'export async function drain(queue) {\n  while (true) {\n    const job = queue.shift();\n    if (!job) break;\n    try { await fetch(job.url); } catch (e) { }\n  }\n}',
  'export async function all(urls) {\n  for (const u of urls) {\n    try { await fetch(u); } catch (e) { }\n  }\n}',
  'export async function pages(u) {\n  let next = u;\n  while (true) {\n    try { const r = await fetch(next); next = r.headers.get("next"); } catch (e) { next = fallback; }\n  }\n}',
  // a while(true) loop with no network call
  'export async function spin() {\n  while (true) {\n    try { await work(); } catch (e) { }\n  }\n}',
  // a local fetch is not a network call
  'function fetch() {}\nexport async function get() {\n  while (true) {\n    try { return await fetch(); } catch (e) { }\n  }\n}',
];

const invalid = [
  // fetch-retry told to retry forever (its default is 3).
  fixed('import fetchRetry from "fetch-retry";\nexport const f = fetchRetry(fetch, { retries: Infinity, retryDelay: (n) => Math.random() * 2 ** n * 1000 });', 'fetch-retry', 'retries: Infinity', 'retries: 3'),
  fixed('const f = require("fetch-retry")(global.fetch, { retries: Number.POSITIVE_INFINITY });\nmodule.exports = f;', 'fetch-retry', 'Number.POSITIVE_INFINITY', '3'),
  // ... or for one call, in its init.
  fixed('import fetchRetry from "fetch-retry";\nconst f = fetchRetry(fetch);\nexport const get = (u) => f(u, { retries: Infinity, signal: AbortSignal.timeout(5000) });', 'fetch-retry', 'retries: Infinity', 'retries: 3'),
  { code: 'import fetchRetry from "fetch-retry";\nexport const f = fetchRetry(fetch, defaults);', options: [{ unresolved: 'report' }], errors: [{ messageId: 'limitUnknown', data: { retry: 'fetch-retry' } }] },
  // A timeout inside the retry bounds each attempt only; a retry also run on its own, or exported, is not
  // always under the deadline.
  fixed('import { wrap, timeout, retry, handleAll } from "cockatiel";\nexport const p = wrap(retry(handleAll, {}), timeout(1000));', 'cockatiel retry', '{}', '{ maxAttempts: 3 }'),
  fixed('import { wrap, timeout, retry, handleAll } from "cockatiel";\nconst r = retry(handleAll, {});\nexport const p = wrap(timeout(1000), r);\nexport const load = () => r.execute(() => fetch("/a"));', 'cockatiel retry', '{}', '{ maxAttempts: 3 }'),
  fixed('import { wrap, timeout, retry, handleAll } from "cockatiel";\nconst r = retry(handleAll, {});\nexport const p = wrap(timeout(1000), r);\nexport { r };', 'cockatiel retry', '{}', '{ maxAttempts: 3 }'),
  fixed('import { wrap, retry, handleAll } from "cockatiel";\nimport { limit } from "./limit";\nexport const p = wrap(limit, retry(handleAll, {}));', 'cockatiel retry', '{}', '{ maxAttempts: 3 }'),
  // cockatiel without maxAttempts retries forever
  cockatielCase('export const p = retry(handleAll, {});', 'export const p = retry(handleAll, { maxAttempts: 3 });'),
  cockatielCase('export const p = retry(handleAll, { backoff: new ExponentialBackoff() });', 'export const p = retry(handleAll, { backoff: new ExponentialBackoff(), maxAttempts: 3 });'),
  cockatielCase('export const p = retry(handleAll, { maxAttempts: Infinity });', 'export const p = retry(handleAll, { maxAttempts: 3 });'),
  cockatielCase('export const p = retry(handleAll, { maxAttempts: Number.POSITIVE_INFINITY });', 'export const p = retry(handleAll, { maxAttempts: 3 });'),
  cockatielCase('export const p = retry(handleAll, { maxAttempts: (Infinity) });', 'export const p = retry(handleAll, { maxAttempts: (3) });'),
  cockatielCase(
    'export const p = retry(handleAll, {\n  backoff: new ExponentialBackoff(),\n});',
    'export const p = retry(handleAll, {\n  backoff: new ExponentialBackoff(),\n  maxAttempts: 3,\n});',
  ),
  cockatielCase('export const p = retry(handleAll, { /* forever */ });', 'export const p = retry(handleAll, { maxAttempts: 3, /* forever */ });'),
  { code: `${C}const opts = { backoff: new ExponentialBackoff() };\nexport const p = retry(handleAll, opts);`, errors: [{ ...forever('cockatiel retry'), suggestions: [] }] },
  { code: `${C}const opts = { maxAttempts: Infinity };\nexport const p = retry(handleAll, opts);`, errors: [{ ...forever('cockatiel retry'), suggestions: [{ messageId: 'limitAttempts', output: `${C}const opts = { maxAttempts: 3 };\nexport const p = retry(handleAll, opts);` }] }] },
  { code: `${C}export const p = retry(handleAll, cond ? {} : { backoff: b });`, errors: [forever('cockatiel retry')] },
  { code: 'import * as c from "cockatiel";\nexport const p = c.retry(c.handleAll, {});', errors: [{ ...forever('cockatiel retry'), suggestions: [{ messageId: 'limitAttempts', output: 'import * as c from "cockatiel";\nexport const p = c.retry(c.handleAll, { maxAttempts: 3 });' }] }] },
  fixed('import { retry as withRetry, handleAll } from "cockatiel";\nexport const p = withRetry(handleAll, {});', 'cockatiel retry', '{}', '{ maxAttempts: 3 }'),
  fixed('import { retry, handleAll } from "cockatiel";\nconst r = retry;\nexport const p = r(handleAll, {});', 'cockatiel retry', '{}', '{ maxAttempts: 3 }'),
  fixed('import { retry, handleWhen } from "cockatiel";\nexport const p = retry(handleWhen((e) => e.retryable), {});', 'cockatiel retry', '{}', '{ maxAttempts: 3 }'),
  fixed('import { retry, handleAll } from "cockatiel";\nexport class Client { policy = retry(handleAll, {}); }', 'cockatiel retry', '{}', '{ maxAttempts: 3 }'),
  fixed('import { retry, handleAll } from "cockatiel";\nexport function make() { return retry(handleAll, {}); }', 'cockatiel retry', '{}', '{ maxAttempts: 3 }'),
  // other libraries told to retry forever
  { code: 'import pRetry from "p-retry";\npRetry(() => fetch(u), { forever: true });', errors: [{ ...forever('p-retry'), suggestions: [] }] },
  { code: 'import pRetry from "p-retry";\npRetry(() => fetch(u), { retries: Infinity });', errors: [{ ...forever('p-retry'), suggestions: [{ messageId: 'limitAttempts', output: 'import pRetry from "p-retry";\npRetry(() => fetch(u), { retries: 3 });' }] }] },
  { code: 'import pRetry from "p-retry";\nconst opts = { forever: true, minTimeout: 100 };\npRetry(() => fetch(u), opts);', errors: [forever('p-retry')] },
  fixed('import retry from "async-retry";\nretry(async () => fetch(u), { retries: Infinity });', 'async-retry', 'Infinity', '3'),
  { code: 'import promiseRetry from "promise-retry";\npromiseRetry((again) => fetch(u).catch(again), { forever: true });', errors: [forever('promise-retry')] },
  fixed('import promiseRetry from "promise-retry";\npromiseRetry({ retries: Infinity }, (again) => fetch(u).catch(again));', 'promise-retry', 'Infinity', '3'),
  { code: 'import retry from "retry";\nconst op = retry.operation({ forever: true });', errors: [forever('retry.operation')] },
  fixed('import retry from "retry";\nconst op = retry.operation({ retries: Number.POSITIVE_INFINITY });', 'retry.operation', 'Number.POSITIVE_INFINITY', '3'),
  fixed('import axios from "axios";\nimport axiosRetry from "axios-retry";\naxiosRetry(axios, { retries: Infinity });', 'axios-retry', 'Infinity', '3'),
  fixed('import axios from "axios";\nimport axiosRetry from "axios-retry";\nconst api = axios.create();\naxiosRetry(api, { retries: Infinity, retryDelay: axiosRetry.exponentialDelay });', 'axios-retry', 'Infinity', '3'),
  // hand-written loops that never give up
  loop('export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { }\n  }\n}'),
  // A same-file helper the request is handed to
  loop('async function untilItWorks(fn) {\n  while (true) {\n    try { return await fn(); } catch (e) { await sleep(1000); }\n  }\n}\nexport const get = (u) => untilItWorks(() => fetch(u));'),
  loop('export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { console.error(e); }\n  }\n}'),
  loop('export async function get(u) {\n  for (;;) {\n    try { return await fetch(u); } catch (e) { await sleep(1000); }\n  }\n}'),
  loop('export async function get(u) {\n  while (1) {\n    try { return await fetch(u); } catch { continue; }\n  }\n}'),
  loop('export async function get(u) {\n  do {\n    try { return await fetch(u); } catch (e) { log(e); }\n  } while (true);\n}'),
  loop('export async function get(u) {\n  while (true) {\n    try {\n      const res = await fetch(u);\n      if (res.ok) return res.json();\n    } catch (e) {\n      await new Promise((r) => setTimeout(r, 500));\n    }\n  }\n}'),
  loop('import axios from "axios";\nexport async function get(u) {\n  while (true) {\n    try { return (await axios.get(u, { timeout: 1000 })).data; } catch (e) { }\n  }\n}', 3),
  loop('import got from "got";\nexport async function get(u) {\n  while (true) {\n    try { return await got(u, { retry: { limit: 0 } }).json(); } catch (err) { attempts++; }\n  }\n}', 3),
  loop('export const get = async (u) => {\n  for (;;) {\n    try {\n      return await fetch(u, { signal: AbortSignal.timeout(1000) });\n    } catch (e) {\n      metrics.increment("retry");\n    }\n  }\n};'),
  loop('export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { } finally { inflight--; }\n  }\n}'),
  loop('export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { errors.push(() => { throw e; }); }\n  }\n}'),
  loop('export async function get(u) {\n  while (true) {\n    await before();\n    try { return await fetch(u); } catch (e) { }\n  }\n}'),
  loop('export async function get(u) {\n  while (true) {\n    try { const r = await fetch(u); return r; } catch (e) { }\n  }\n}'),
  loop('const nodeFetch = require("node-fetch");\nmodule.exports = async function get(u) {\n  while (true) {\n    try { return await nodeFetch(u); } catch (e) { }\n  }\n};', 3),
  loop('export async function get(u) {\n  while (true) {\n    try { return await globalThis.fetch(u); } catch (e) { }\n  }\n}'),
  loop('export async function post(u, body) {\n  while (true) {\n    try { return await fetch(u, { method: "POST", body }); } catch (e) { }\n  }\n}'),
  // An exit taken only for some errors: every transient failure still loops forever (was read as a bound)
  loop('export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { if (e.status === 404) return null; }\n  }\n}'),
  loop('export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { if (!isRetryable(e)) throw e; await sleep(1000); }\n  }\n}'),
  loop('export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (err) { if (err instanceof HttpError && err.status < 500) throw err; }\n  }\n}'),
  loop('export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) {\n      switch (e.code) {\n        case "ENOTFOUND": throw e;\n        default: await sleep(500);\n      }\n    }\n  }\n}'),
  loop('export async function get(u) {\n  for (;;) {\n    try { return await fetch(u); } catch ({ status }) { if (status === 400 || status === undefined) break; }\n  }\n}'),
  loop('export async function get(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { e.isFatal?.() && shouldStopNow(e) ? rethrow(e) : null; if (e.status === 401) throw e; }\n  }\n}'),
  // unknown options, reported in strict mode
  { code: `${C}export const make = (opts) => retry(handleAll, opts);`, options: [{ unresolved: 'report' }], errors: [{ messageId: 'limitUnknown', data: { retry: 'cockatiel retry' } }] },
  { code: 'import pRetry from "p-retry";\nexport const go = (o) => pRetry(() => fetch(u), o);', options: [{ unresolved: 'report' }], errors: [{ messageId: 'limitUnknown', data: { retry: 'p-retry' } }] },
];

describe('no-unbounded-retry', () => {
  jsTester.run('no-unbounded-retry (espree)', ruleModule, {
    valid,
    invalid: invalid.filter((c) => !c.code.includes('require(')),
  });
  tsTester.run('no-unbounded-retry (typescript)', ruleModule, {
    valid: [...valid, `${C}export const p = retry(handleAll, { maxAttempts: 3 } as const);`, `${C}interface O { maxAttempts: number }\nexport const p = retry(handleAll, { maxAttempts: 3 } as O);`],
    invalid: [
      cockatielCase('export const p = retry(handleAll, {} satisfies object);', 'export const p = retry(handleAll, { maxAttempts: 3 } satisfies object);'),
      loop('export async function get(u: string): Promise<Response> {\n  while (true) {\n    try { return await fetch(u); } catch (e: unknown) { }\n  }\n}'),
      loop('export async function get(u: string): Promise<Response | null> {\n  while (true) {\n    try { return await fetch(u); } catch (e) { if ((e as HttpError).status === 404) return null; }\n  }\n}'),
      loop('export async function get(u: string): Promise<Response> {\n  while (true) {\n    try { return await fetch(u); } catch (e: unknown) { if (!isRetryable(e!)) throw e; }\n  }\n}'),
    ],
  });
  cjsTester.run('no-unbounded-retry (commonjs)', ruleModule, {
    valid: ['const { retry, handleAll } = require("cockatiel"); module.exports = retry(handleAll, { maxAttempts: 3 });'],
    invalid: invalid.filter((c) => c.code.includes('require(')).concat([
      { code: 'const { retry, handleAll } = require("cockatiel");\nmodule.exports = retry(handleAll);', errors: [{ ...forever('cockatiel retry'), suggestions: [{ messageId: 'limitAttempts', output: 'const { retry, handleAll } = require("cockatiel");\nmodule.exports = retry(handleAll, { maxAttempts: 3 });' }] }] },
    ]),
  });
});
