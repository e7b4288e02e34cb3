import type { Rule } from 'eslint';
import rule from '../../src/rules/no-retry-non-retryable';
import { retryableHelperText } from '../../src/fixes/retryable-helper';
import { cjsTester, jsTester, tsTester } from '../rule-tester';

const ruleModule = rule as unknown as Rule.RuleModule;
const AX = 'import axios from "axios";\n';
const JS_HELPER = retryableHelperText(false);
const TS_HELPER = retryableHelperText(true);

const everything = (code: string, retry: string, extra: Record<string, unknown> = {}) => ({
  code,
  ...extra,
  errors: [{ messageId: 'retriesEverything', data: { retry } }],
});

/** A hand-written retry whose catch does not look at the error; the suggestion adds the guard and helper. */
const loopCase = (before: string, catchOld: string, catchNew: string, after: string, kind = 'This retry loop', helper = JS_HELPER) => ({
  code: `${AX}${before}${catchOld}${after}`,
  errors: [
    {
      messageId: 'retriesEverything',
      data: { retry: kind },
      suggestions: [{ messageId: 'rethrowNonRetryable', output: `${AX.trimEnd()}\n\n${helper}\n${before}${catchNew}${after}` }],
    },
  ],
});

const FR = 'import fetchRetry from "fetch-retry";\n';

const status = (code: string, value: number, output?: string) => ({
  code,
  errors: [
    output === undefined
      ? { messageId: 'retriesStatus', data: { status: value } }
      : { messageId: 'retriesStatus', data: { status: value }, suggestions: [{ messageId: 'removeStatus', output }] },
  ],
});

const valid = [
  // A same-file retry helper handed fetch (which resolves on 4xx), or one that rethrows non-retryable errors
  'async function withRetry(fn) { for (let i = 0; i < 3; i++) { try { return await fn(); } catch (e) { if (i === 2) throw e; } } }\nexport const get = (u) => withRetry(() => fetch(u));',
  `${AX}async function withRetry(fn) { for (let i = 0; i < 3; i++) { try { return await fn(); } catch (e) { if (e.response && e.response.status < 500) throw e; if (i === 2) throw e; } } }\nexport const get = (u) => withRetry(() => axios.get(u));`,
  // A helper that hands its callback on to a retry wrapper, given only calls that resolve on 4xx or that stop on them
  'import pRetry from "p-retry";\nfunction withRetry(fn) { return pRetry(fn, { retries: 3 }); }\nexport const get = (u) => withRetry(() => fetch(u));',
  'import pRetry, { AbortError } from "p-retry";\nfunction withRetry(fn) { return pRetry(fn, { retries: 3 }); }\nexport const get = (u) => withRetry(async () => { const r = await fetch(u); if (r.status === 404) throw new AbortError("gone"); if (!r.ok) throw new Error(r.statusText); return r; });',
  `${AX}import pRetry from "p-retry";\nfunction withRetry(fn) { return pRetry(fn, { retries: 3, shouldRetry: ({ error }) => isRetryable(error) }); }\nexport const get = (u) => withRetry(() => axios.get(u));`,
  `${AX}import retry from "async-retry";\nfunction withRetry(fn) { return retry(fn, { retries: 3 }); }\nexport const get = (u) => withRetry(async (bail) => { try { return await axios.get(u); } catch (e) { if (e.response?.status < 500) { bail(e); return; } throw e; } });`,
  // a helper whose callers the file does not show
  `${AX}import pRetry from "p-retry";\nexport function withRetry(fn) { return pRetry(fn, { retries: 3 }); }`,
  `${AX}import pRetry from "p-retry";\nexport class Api { withRetry(fn) { return pRetry(fn, { retries: 3 }); } }`,
  // a method handed only calls that stop on 4xx, or called on another object (not this class's method)
  `${AX}import pRetry, { AbortError } from "p-retry";\nexport class Api {\n  withRetry(fn) { return pRetry(fn, { retries: 3 }); }\n  get(u) { return this.withRetry(async () => { try { return await axios.get(u); } catch (e) { if (e.response?.status < 500) throw new AbortError(e); throw e; } }); }\n}`,
  `${AX}import pRetry from "p-retry";\nexport class Api { withRetry(fn) { return pRetry(fn, { retries: 3 }); } }\nexport const get = (api, u) => api.withRetry(() => axios.get(u));`,
  // cockatiel with a filter, or around calls that do not throw on 4xx
  'import { retry, handleType } from "cockatiel"; import axios from "axios"; const p = retry(handleType(NetworkError), { maxAttempts: 3 }); export const get = (u) => p.execute(() => axios.get(u));',
  'import { retry, handleWhen } from "cockatiel"; import axios from "axios"; const p = retry(handleWhen(isRetryable), { maxAttempts: 3 }); export const get = (u) => p.execute(() => axios.get(u));',
  'import { retry, handleAll } from "cockatiel"; const p = retry(handleAll, { maxAttempts: 3 }); export const get = (u) => p.execute(() => fetch(u));',
  // A filter widened by `or…` builders is still a filter.
  'import { retry, handleWhen } from "cockatiel"; import axios from "axios"; const p = retry(handleWhen(isRetryable).orWhenResult((r) => r.status >= 500), {}); export const get = (u) => p.execute(() => axios.get(u));',
  'import { retry, handleAll } from "cockatiel"; const p = retry(handleAll, { maxAttempts: 3 }); export const get = (u) => p.execute(async () => { const r = await fetch(u); if (r.status >= 500) throw new Error("retry"); return r; });',
  'import { retry, handleAll } from "cockatiel"; import axios from "axios"; const p = retry(handleAll, {}); export const get = (u) => p.execute(() => axios.get(u, { validateStatus: () => true }));',
  'import { retry, handleAll } from "cockatiel"; import got from "got"; const p = retry(handleAll, {}); export const get = (u) => p.execute(() => got(u, { throwHttpErrors: false }));',
  'import { policy } from "./policy"; import axios from "axios"; export const get = (u) => policy.execute(() => axios.get(u));',
  'import { circuitBreaker, handleAll, ConsecutiveBreaker } from "cockatiel"; import axios from "axios"; const b = circuitBreaker(handleAll, { halfOpenAfter: 1, breaker: new ConsecutiveBreaker(3) }); export const get = (u) => b.execute(() => axios.get(u));',
  // p-retry with AbortError, shouldRetry, or a throwing onFailedAttempt
  `${AX}import pRetry, { AbortError } from "p-retry"; export const get = (u) => pRetry(async () => { try { return await axios.get(u); } catch (e) { if (e.response?.status < 500) throw new AbortError(e); throw e; } });`,
  `${AX}import pRetry from "p-retry"; export const get = (u) => pRetry(() => axios.get(u), { shouldRetry: ({ error }) => isRetryable(error) });`,
  `${AX}import pRetry from "p-retry"; export const get = (u) => pRetry(() => axios.get(u), { onFailedAttempt: (e) => { if (e.response?.status === 404) throw e; } });`,
  `${AX}import pRetry from "p-retry"; export const get = (u, options) => pRetry(() => axios.get(u), options);`,
  'import pRetry from "p-retry"; export const get = (u) => pRetry(() => fetch(u));',
  'import pRetry, { AbortError } from "p-retry"; export const get = (u) => pRetry(async () => { const r = await fetch(u); if (r.status === 404) throw new AbortError("gone"); if (!r.ok) throw new Error(r.statusText); return r; });',
  // async-retry with bail
  `${AX}import retry from "async-retry"; export const get = (u) => retry(async (bail) => { try { return await axios.get(u); } catch (e) { if (e.response?.status === 403) { bail(e); return; } throw e; } });`,
  `${AX}import retry from "async-retry"; export const get = (u) => retry(async ({ bail }) => axios.get(u));`,
  // promise-retry and node-retry with conditions
  `${AX}import promiseRetry from "promise-retry"; export const get = (u) => promiseRetry((again) => axios.get(u).catch((e) => { if (e.code === "ETIMEDOUT") again(e); throw e; }));`,
  `${AX}import retry from "retry"; export function get(u, cb) { const op = retry.operation(); op.attempt(async () => { try { cb(null, await axios.get(u)); } catch (e) { if (e.response?.status >= 500 && op.retry(e)) return; cb(e); } }); }`,
  // Hand-written retries that look at the error
  `${AX}export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } catch (e) { if (e.response && e.response.status < 500) throw e; } } }`,
  `${AX}export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } catch (e) { if (!isRetryable(e)) throw e; } } }`,
  `${AX}export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } catch (e) { if (e instanceof HttpError) throw e; } } }`,
  `${AX}export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } catch (e) { switch (e.code) { case "ECONNRESET": continue; default: throw e; } } } }`,
  `${AX}export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } catch ({ response }) { if (response) throw response; } } }`,
  // the error read through a const copy, or destructured into its kind
  `${AX}export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } catch (error) { const e = error; if (e.response && e.response.status < 500) throw e; } } }`,
  `${AX}export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } catch (error) { const { response } = error; if (response?.status < 500) throw error; } } }`,
  `${AX}export async function get(u, n = 2) { try { return await axios.get(u); } catch (e) { if (n === 0 || e.response?.status === 404) throw e; return get(u, n - 1); } }`,
  // recursive retries written with the request's promise that look at the error
  `${AX}export function get(u, n = 2) { return axios.get(u).catch((e) => (e.response?.status >= 500 && n > 0 ? get(u, n - 1) : Promise.reject(e))); }`,
  `${AX}export function get(u, n = 2) { return axios.get(u).then((r) => r.data, (e) => { if (!isRetryable(e) || n === 0) throw e; return get(u, n - 1); }); }`,
  // fetch's promise rejects only when no answer came: a 4xx is not retried
  'export function get(u, n = 2) { return fetch(u).catch(() => (n > 0 ? get(u, n - 1) : null)); }',
  // the handler of `.then(use, handler)` does not see what `use` throws
  'export function get(u, n = 2) { return fetch(u).then((r) => { if (!r.ok) throw new Error(r.statusText); return r; }, () => (n > 0 ? get(u, n - 1) : null)); }',
  // fetch in a loop: 4xx are answers, not errors
  'export async function get(u) { for (let i = 0; i < 3; i++) { try { return await fetch(u); } catch (e) { await sleep(100); } } }',
  'export async function get(u) { for (let i = 0; i < 3; i++) { try { const r = await fetch(u); if (r.status >= 500) throw new Error("busy"); return r; } catch (e) { await sleep(100); } } }',
  // Not retries at all
  `${AX}export async function each(urls) { for (const u of urls) { try { await axios.get(u); } catch (e) { log(e); } } }`,
  `${AX}export async function get(u) { try { return await axios.get(u); } catch (e) { return null; } }`,
  // got / ky retry settings that only list retryable statuses
  'import got from "got"; export const get = (u) => got(u, { retry: { limit: 2, statusCodes: [408, 429, 500, 502, 503, 504] } });',
  'import ky from "ky"; export const api = ky.create({ retry: { limit: 2, statusCodes: [408, 413, 429, 503] } });',
  'import got from "got"; export const client = got.extend({ retry: { limit: 3 } });',
  // axios-retry conditions that reject 4xx
  'import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retryCondition: (e) => e.response?.status >= 500 });',
  'import axios from "axios"; import axiosRetry, { isNetworkOrIdempotentRequestError } from "axios-retry"; axiosRetry(axios, { retryCondition: isNetworkOrIdempotentRequestError });',
  'import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retryCondition: (e) => [429, 503].includes(e.response?.status) });',
  // Regression: a `return true` guarded by a test that does not read the status (a network error) is not "retries 4xx".
  'import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retryCondition: (e) => { if (!e.response) return true; return e.response.status >= 500; } });',
  `${FR}export const f = fetchRetry(fetch, { retryOn: [408, 429, 503] });`,
  `${FR}export const f = fetchRetry(fetch, { retryOn: (attempt, error, response) => { if (error !== null) return true; return response.status >= 500; } });`,
  `${FR}export const f = fetchRetry(fetch, { retryOn: (attempt, error, response) => attempt < 3 && (error !== null || response.status >= 500) });`,
  `${FR}export const f = fetchRetry(fetch, { retryOn: (attempt, error, response) => { if (response && response.status >= 500) { return true; } return false; } });`,
  `${FR}const f = fetchRetry(fetch);\nexport const get = (u) => f(u, { retryOn: [503], signal: AbortSignal.timeout(1) });`,
  // Not a fetch-retry fetch: its `retryOn` means nothing to fetch.
  'export const get = (u) => fetch(u, { retryOn: [404], signal: AbortSignal.timeout(1) });',
  // Configured statuses: 409 allowed when the team says so
  { code: 'import got from "got"; export const get = (u) => got(u, { retry: { statusCodes: [409, 503] } });', options: [{ nonRetryableStatusCodes: [400, 404] }] },
  // User-declared protectors are not judged: their filters are not in the file.
  { code: `${AX}export const get = (u) => withRetry(() => axios.get(u));`, settings: { breakwater: { protectors: ['withRetry'] } } },
  'import { retry, handleAll } from "cockatiel"; import { load } from "./load"; const p = retry(handleAll, {}); export const get = () => p.execute(load);',
  `${AX}import pRetry from "p-retry"; export const get = (u) => pRetry(() => u.length);`,
  `${AX}export async function get(u) { let i = 0; while (i < 3) { try { return await axios.get(u); } catch (e) { if (e.isAxiosError && !e.response) { i++; continue; } throw e; } } }`,
  `${AX}export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } catch (e) { const transient = classify(e); if (!transient) throw e; } } }`,
  // Regression (dokploy update-webserver.tsx): polling a health endpoint until the restarted server answers.
  // A failed answer means "not yet", a proxy's 404 included.
  'export const checkIsUpdateFinished = async () => {\n  try {\n    const response = await fetch("/api/health");\n    if (!response.ok) {\n      throw new Error("Health check failed");\n    }\n    location.reload();\n  } catch {\n    await new Promise((resolve) => setTimeout(resolve, 2000));\n    void checkIsUpdateFinished();\n  }\n};',
  // Regression (inngest integrationTestRunner.ts): a wait named for it, asking a URL passed in.
  'export async function checkServerReady(apiUrl, timeout) {\n  const startTime = Date.now();\n  while (Date.now() - startTime < timeout) {\n    try {\n      const response = await fetch(apiUrl);\n      if (response.ok) return;\n      throw new Error(`Server not ready at ${apiUrl}: ${response.status}`);\n    } catch (e) {\n      await new Promise((resolve) => setTimeout(resolve, 1000));\n    }\n  }\n}',
  `${AX}export async function waitForApi(u) { for (let i = 0; i < 30; i++) { try { return await axios.get(u); } catch (e) { await sleep(1000); } } }`,
];

describe('no-retry-non-retryable', () => {
  jsTester.run('no-retry-non-retryable (espree)', ruleModule, {
    valid,
    invalid: [
      // `handleAll.orWhenResult(…)` still handles every error (once read as a filter). No suggestion: replacing
      // handleAll would keep what the chain adds.
      everything(
        'import { retry, handleAll } from "cockatiel"; import axios from "axios"; const p = retry(handleAll.orWhenResult((r) => r.status >= 500), {}); export const get = (u) => p.execute(() => axios.get(u));',
        'retry(handleAll)',
      ),
      everything(
        'import * as c from "cockatiel"; import axios from "axios"; const p = c.retry(c.handleAll.orType(TimeoutError).orWhen(isGone), {}); export const get = (u) => p.execute(() => axios.get(u));',
        'retry(handleAll)',
      ),
      // cockatiel handleAll → handleWhen(isRetryableError)
      {
        code: 'import { retry, handleAll } from "cockatiel";\nimport axios from "axios";\nconst policy = retry(handleAll, { maxAttempts: 3 });\nexport const get = (u) => policy.execute(() => axios.get(u));',
        errors: [
          {
            messageId: 'retriesEverything',
            data: { retry: 'retry(handleAll)' },
            suggestions: [
              {
                messageId: 'useHandleWhen',
                output: `import { retry, handleAll, handleWhen } from "cockatiel";\nimport axios from "axios";\n\n${JS_HELPER}\nconst policy = retry(handleWhen(isRetryableError), { maxAttempts: 3 });\nexport const get = (u) => policy.execute(() => axios.get(u));`,
              },
            ],
          },
        ],
      },
      {
        code: 'import * as c from "cockatiel";\nimport got from "got";\nconst policy = c.wrap(c.retry(c.handleAll, { maxAttempts: 2 }), c.circuitBreaker(c.handleAll, {}));\nexport const get = (u) => policy.execute(() => got(u));',
        errors: [
          {
            messageId: 'retriesEverything',
            suggestions: [
              {
                messageId: 'useHandleWhen',
                output: `import * as c from "cockatiel";\nimport got from "got";\n\n${JS_HELPER}\nconst policy = c.wrap(c.retry(c.handleWhen(isRetryableError), { maxAttempts: 2 }), c.circuitBreaker(c.handleAll, {}));\nexport const get = (u) => policy.execute(() => got(u));`,
              },
            ],
          },
        ],
      },
      {
        code: 'import { retry, handleAll, handleWhen } from "cockatiel";\nimport ky from "ky";\n\nfunction isRetryableError(e) { return true; }\nconst policy = retry(handleAll, {});\nexport const get = (u) => policy.execute(() => ky.get(u));',
        errors: [
          {
            messageId: 'retriesEverything',
            suggestions: [
              {
                messageId: 'useHandleWhen',
                output: 'import { retry, handleAll, handleWhen } from "cockatiel";\nimport ky from "ky";\n\nfunction isRetryableError(e) { return true; }\nconst policy = retry(handleWhen(isRetryableError), {});\nexport const get = (u) => policy.execute(() => ky.get(u));',
              },
            ],
          },
        ],
      },
      {
        code: 'import { retry, handleAll } from "cockatiel";\nconst policy = retry(handleAll, {});\nexport const get = (u) => policy.execute(async () => { const r = await fetch(u); if (!r.ok) throw new Error(r.statusText); return r; });',
        errors: [{ messageId: 'retriesEverything', suggestions: [{ messageId: 'useHandleWhen', output: `import { retry, handleAll, handleWhen } from "cockatiel";\n\n${JS_HELPER}\nconst policy = retry(handleWhen(isRetryableError), {});\nexport const get = (u) => policy.execute(async () => { const r = await fetch(u); if (!r.ok) throw new Error(r.statusText); return r; });` }] }],
      },
      {
        code: 'import { retry, handleAll } from "cockatiel";\nimport axios from "axios";\nconst policy = retry(handleAll, {});\nasync function load(u) { return axios.get(u); }\nexport const get = (u) => policy.execute(() => load(u));',
        errors: [{ messageId: 'retriesEverything', suggestions: [{ messageId: 'useHandleWhen', output: `import { retry, handleAll, handleWhen } from "cockatiel";\nimport axios from "axios";\n\n${JS_HELPER}\nconst policy = retry(handleWhen(isRetryableError), {});\nasync function load(u) { return axios.get(u); }\nexport const get = (u) => policy.execute(() => load(u));` }] }],
      },
      // p-retry, async-retry, promise-retry, node-retry
      everything(`${AX}import pRetry from "p-retry"; export const get = (u) => pRetry(() => axios.get(u));`, 'p-retry'),
      everything(`${AX}import pRetry from "p-retry"; export const get = (u) => pRetry(() => axios.get(u), { retries: 5 });`, 'p-retry'),
      everything('import pRetry from "p-retry"; export const get = (u) => pRetry(async () => { const r = await fetch(u); if (!r.ok) throw new Error(r.statusText); return r; });', 'p-retry'),
      everything('import pRetry from "p-retry"; export const get = (u) => pRetry(async () => { const r = await fetch(u); if (r.status >= 400) throw new Error("http"); return r; });', 'p-retry'),
      everything('import pRetry from "p-retry"; export const get = (u) => pRetry(async () => { const r = await fetch(u); if (r.ok) return r; throw new Error("http"); });', 'p-retry'),
      everything('import ky from "ky"; import pRetry from "p-retry"; export const get = (u) => pRetry(() => ky.post(u).json());', 'p-retry'),
      everything('import request from "superagent"; import pRetry from "p-retry"; export const get = (u) => pRetry(() => request.get(u).timeout(1));', 'p-retry'),
      everything(`${AX}import pRetry from "p-retry"; export const get = (u) => pRetry(() => axios.get(u), { onFailedAttempt: (e) => console.warn(e) });`, 'p-retry'),
      everything(`${AX}import retry from "async-retry"; export const get = (u) => retry(async () => axios.get(u));`, 'async-retry'),
      everything(`${AX}import retry from "async-retry"; export const get = (u) => retry(async (bail) => axios.get(u), { retries: 3 });`, 'async-retry'),
      everything(`${AX}import promiseRetry from "promise-retry"; export const get = (u) => promiseRetry((again) => axios.get(u).catch(again));`, 'promise-retry'),
      everything(`${AX}import retry from "retry"; export function get(u, cb) { const op = retry.operation(); op.attempt(async () => { try { cb(null, await axios.get(u)); } catch (e) { if (op.retry(e)) return; cb(e); } }); }`, 'retry'),
      everything(`${AX}import pRetry from "p-retry"; async function load(u) { return axios.get(u); } export const get = (u) => pRetry(() => load(u));`, 'p-retry'),
      everything(`${AX}import pRetry from "p-retry"; const load = async (u) => axios.get(u); export const get = (u) => pRetry(() => load(u));`, 'p-retry'),
      everything(`${AX}import pRetry from "p-retry"; export const get = (u) => pRetry(async () => { try { return await axios.get(u); } catch (e) { console.error("failed", e.message); throw e; } });`, 'p-retry'),
      // A helper of the same file that hands its callback on to a retry wrapper, reported at the wrapper
      everything(`${AX}import pRetry from "p-retry";\nfunction withRetry(fn) { return pRetry(fn, { retries: 3 }); }\nexport const get = (u) => withRetry(() => axios.get(u));`, 'p-retry'),
      everything(`${AX}import pRetry from "p-retry";\nconst withRetry = (fn, retries = 3) => pRetry(fn, { retries });\nconst load = () => axios.get("/status");\nexport const get = () => withRetry(load);`, 'p-retry'),
      everything(`${AX}import pRetry from "p-retry";\nfunction withRetry(fn) { return pRetry(fn); }\nconst viaHelper = (g) => withRetry(g);\nexport const get = (u) => viaHelper(() => axios.get(u));`, 'p-retry'),
      everything(`${AX}import retry from "async-retry";\nfunction withRetry(fn) { return retry(fn, { retries: 3 }); }\nexport const get = (u) => withRetry(async () => axios.get(u));`, 'async-retry'),
      // …or a method of a class that does so, called through `this`
      everything(`${AX}import pRetry from "p-retry";\nexport class Api {\n  withRetry(fn) { return pRetry(fn, { retries: 3 }); }\n  get(u) { return this.withRetry(() => axios.get(u)); }\n}`, 'p-retry'),
      // …also from a field initializer, whose arrow function keeps the instance's `this`.
      everything(`${AX}import pRetry from "p-retry";\nexport class Api {\n  withRetry(fn) { return pRetry(fn, { retries: 3 }); }\n  get = (u) => this.withRetry(() => axios.get(u));\n}`, 'p-retry'),
      {
        code: 'import { retry, handleAll } from "cockatiel";\nimport axios from "axios";\nconst policy = retry(handleAll, { maxAttempts: 3 });\nconst guarded = (fn) => policy.execute(fn);\nexport const get = (u) => guarded(() => axios.get(u));',
        errors: [
          {
            messageId: 'retriesEverything',
            data: { retry: 'retry(handleAll)' },
            suggestions: [
              {
                messageId: 'useHandleWhen',
                output: `import { retry, handleAll, handleWhen } from "cockatiel";\nimport axios from "axios";\n\n${JS_HELPER}\nconst policy = retry(handleWhen(isRetryableError), { maxAttempts: 3 });\nconst guarded = (fn) => policy.execute(fn);\nexport const get = (u) => guarded(() => axios.get(u));`,
              },
            ],
          },
        ],
      },
      // A same-file retry helper handed an axios call (the reference's `retryImmediate`), reported at the helper's catch
      loopCase(
        'async function retryImmediate(fn, maxRetries = 3) { for (let i = 0; i < maxRetries; i++) { try { return await fn(); } ',
        'catch (error) { if (i === maxRetries - 1) throw error; } ',
        'catch (error) { if (!isRetryableError(error)) throw error;\nif (i === maxRetries - 1) throw error; } ',
        '} }\nexport const get = (u) => retryImmediate(() => axios.get(u));',
      ),
      // Hand-written loops and recursion
      // Near misses of a readiness wait: a retry helper named for waiting, work whose name only mentions
      // health, and an endpoint that is not a health check.
      loopCase(
        'export async function waitAndRetry(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } ',
        'catch (e) { await sleep(100); } ',
        'catch (e) { if (!isRetryableError(e)) throw e;\nawait sleep(100); } ',
        '} }',
      ),
      loopCase(
        'export async function submitHealthRecord(u) { for (let i = 0; i < 3; i++) { try { return await axios.post(u); } ',
        'catch (e) { await sleep(100); } ',
        'catch (e) { if (!isRetryableError(e)) throw e;\nawait sleep(100); } ',
        '} }',
      ),
      loopCase(
        'export async function load(id) { for (let i = 0; i < 3; i++) { try { return await axios.get(`/api/health-records/${id}`); } ',
        'catch (e) { await sleep(100); } ',
        'catch (e) { if (!isRetryableError(e)) throw e;\nawait sleep(100); } ',
        '} }',
      ),
      loopCase(
        'export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } ',
        'catch (e) { if (i === 2) throw e; } ',
        'catch (e) { if (!isRetryableError(e)) throw e;\nif (i === 2) throw e; } ',
        '} }',
      ),
      loopCase(
        'export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } ',
        'catch { await sleep(100); } ',
        'catch (error) { if (!isRetryableError(error)) throw error;\nawait sleep(100); } ',
        '} }',
      ),
      // a copy of the error that is only logged does not inspect it
      loopCase(
        'export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } ',
        'catch (e) { const failure = e; console.warn(failure); } ',
        'catch (e) { if (!isRetryableError(e)) throw e;\nconst failure = e; console.warn(failure); } ',
        '} }',
      ),
      loopCase(
        'export async function get(u) { for (let i = 0; i < 3; i++) { try { return await axios.get(u); } ',
        'catch (e) {} ',
        'catch (e) {\n  if (!isRetryableError(e)) throw e;\n} ',
        '} }',
      ),
      loopCase(
        'export async function get(u) {\n  let attempt = 0;\n  while (true) {\n    try {\n      return await axios.get(u);\n    } ',
        'catch (err) {\n      attempt++;\n      if (attempt >= 3) throw err;\n      logger.warn("retrying", err);\n    }',
        'catch (err) {\n      if (!isRetryableError(err)) throw err;\n      attempt++;\n      if (attempt >= 3) throw err;\n      logger.warn("retrying", err);\n    }',
        '\n  }\n}',
      ),
      loopCase(
        'export async function get(u) { let last; for (let i = 0; i < 3; i++) { try { return await axios.get(u); } ',
        'catch (e) { last = e; } ',
        'catch (e) { if (!isRetryableError(e)) throw e;\nlast = e; } ',
        '} throw last; }',
      ),
      loopCase(
        'export async function get(u) { let i = 0; do { try { const r = await fetch(u); if (!r.ok) throw new Error(String(r.status)); return r; } ',
        'catch (e) { i++; } ',
        'catch (e) { if (!isRetryableError(e)) throw e;\ni++; } ',
        '} while (i < 3); }',
      ),
      loopCase(
        'export async function get(u, n = 3) { try { return await axios.get(u); } ',
        'catch (e) { if (n <= 0) throw e; return get(u, n - 1); }',
        'catch (e) { if (!isRetryableError(e)) throw e;\nif (n <= 0) throw e; return get(u, n - 1); }',
        ' }',
        'This recursive retry',
      ),
      loopCase(
        'export const get = async (u, n = 3) => { try { return (await axios.get(u)).data; } ',
        'catch (e) { console.log(`retry ${e.message}`); return n ? get(u, n - 1) : undefined; }',
        'catch (e) { if (!isRetryableError(e)) throw e;\nconsole.log(`retry ${e.message}`); return n ? get(u, n - 1) : undefined; }',
        ' };',
        'This recursive retry',
      ),
      // handing the error to Promise.reject rethrows it; it does not inspect it
      loopCase(
        'export async function get(u, n = 3) { try { return await axios.get(u); } ',
        'catch (e) { if (n <= 0) return Promise.reject(e); return get(u, n - 1); }',
        'catch (e) { if (!isRetryableError(e)) throw e;\nif (n <= 0) return Promise.reject(e); return get(u, n - 1); }',
        ' }',
        'This recursive retry',
      ),
      // Recursive retries written with the request's promise, reported at `catch`/`then`; the suggestion
      // puts the same guard in the handler (made a block, and given a parameter where it has none).
      {
        code: `${AX}export function get(u, n = 2) { return axios.get(u).catch((e) => (n > 0 ? get(u, n - 1) : Promise.reject(e))); }`,
        errors: [
          {
            messageId: 'retriesEverything',
            data: { retry: 'This recursive retry' },
            line: 2,
            column: 53,
            suggestions: [
              {
                messageId: 'rethrowNonRetryable',
                output: `${AX.trimEnd()}\n\n${JS_HELPER}\nexport function get(u, n = 2) { return axios.get(u).catch((e) => {\n  if (!isRetryableError(e)) throw e;\n  return (n > 0 ? get(u, n - 1) : Promise.reject(e));\n}); }`,
              },
            ],
          },
        ],
      },
      {
        code: `${AX}module.exports.get = function get(u, n = 2) { return axios.get(u).then((r) => r.data, () => get(u, n - 1)); };`,
        errors: [
          {
            messageId: 'retriesEverything',
            data: { retry: 'This recursive retry' },
            line: 2,
            column: 67,
            suggestions: [
              {
                messageId: 'rethrowNonRetryable',
                output: `${AX.trimEnd()}\n\n${JS_HELPER}\nmodule.exports.get = function get(u, n = 2) { return axios.get(u).then((r) => r.data, (error) => {\n  if (!isRetryableError(error)) throw error;\n  return get(u, n - 1);\n}); };`,
              },
            ],
          },
        ],
      },
      {
        code: 'export function get(u, n = 2) {\n  return fetch(u)\n    .then((r) => { if (!r.ok) throw new Error(r.statusText); return r.json(); })\n    .catch(async function (e) {\n      console.warn(e);\n      return n > 0 ? get(u, n - 1) : null;\n    });\n}',
        errors: [
          {
            messageId: 'retriesEverything',
            data: { retry: 'This recursive retry' },
            line: 4,
            column: 6,
            suggestions: [
              {
                messageId: 'rethrowNonRetryable',
                output: `${JS_HELPER}\n\nexport function get(u, n = 2) {\n  return fetch(u)\n    .then((r) => { if (!r.ok) throw new Error(r.statusText); return r.json(); })\n    .catch(async function (e) {\n      if (!isRetryableError(e)) throw e;\n      console.warn(e);\n      return n > 0 ? get(u, n - 1) : null;\n    });\n}`,
              },
            ],
          },
        ],
      },
      // got / ky statusCodes
      status(
        'import got from "got"; export const get = (u) => got(u, { retry: { limit: 2, statusCodes: [404, 500] } });',
        404,
        'import got from "got"; export const get = (u) => got(u, { retry: { limit: 2, statusCodes: [500] } });',
      ),
      status(
        'import got from "got"; export const client = got.extend({ retry: { statusCodes: [500, 502, 409] } });',
        409,
        'import got from "got"; export const client = got.extend({ retry: { statusCodes: [500, 502] } });',
      ),
      status(
        'import ky from "ky"; export const api = ky.create({ retry: { limit: 3, statusCodes: [401] } });',
        401,
        'import ky from "ky"; export const api = ky.create({ retry: { limit: 3, statusCodes: [] } });',
      ),
      status(
        'import ky from "ky"; export const get = (u) => ky.get(u, { retry: { statusCodes: [422, 503] } });',
        422,
        'import ky from "ky"; export const get = (u) => ky.get(u, { retry: { statusCodes: [503] } });',
      ),
      {
        code: 'import got from "got"; export const get = (u) => got(u, { retry: { statusCodes: [400, 403, 503] } });',
        errors: [
          { messageId: 'retriesStatus', data: { status: 400 }, suggestions: [{ messageId: 'removeStatus', output: 'import got from "got"; export const get = (u) => got(u, { retry: { statusCodes: [403, 503] } });' }] },
          { messageId: 'retriesStatus', data: { status: 403 }, suggestions: [{ messageId: 'removeStatus', output: 'import got from "got"; export const get = (u) => got(u, { retry: { statusCodes: [400, 503] } });' }] },
        ],
      },
      // axios-retry retryCondition
      status('import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retryCondition: () => true });', 400),
      status('import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retryCondition: (e) => e.response?.status >= 400 });', 400),
      status('import axios from "axios"; import axiosRetry from "axios-retry"; const api = axios.create(); axiosRetry(api, { retryCondition: (e) => { return e.response.status !== 200; } });', 400),
      status('import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retryCondition: (e) => [404, 503].includes(e.response?.status) });', 404),
      status('import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retryCondition: (e) => { if (e.response?.status >= 400) return true; return false; } });', 400),
      // fetch-retry `retryOn`: a status list, or a function (its README's "4xx or 5xx" example), in the defaults or a call's init
      status(`${FR}export const f = fetchRetry(fetch, { retryOn: [404, 503] });`, 404, `${FR}export const f = fetchRetry(fetch, { retryOn: [503] });`),
      status(`${FR}export const f = fetchRetry(fetch, {\n  retryOn: function (attempt, error, response) {\n    if (error !== null || response.status >= 400) {\n      return true;\n    }\n  },\n});`, 400),
      status(`${FR}const f = fetchRetry(fetch);\nexport const get = (u) => f(u, { retryOn: [422, 503], signal: AbortSignal.timeout(1) });`, 422, `${FR}const f = fetchRetry(fetch);\nexport const get = (u) => f(u, { retryOn: [503], signal: AbortSignal.timeout(1) });`),
      // Options
      { ...status('import got from "got"; export const get = (u) => got(u, { retry: { statusCodes: [418] } });', 418, 'import got from "got"; export const get = (u) => got(u, { retry: { statusCodes: [] } });'), options: [{ nonRetryableStatusCodes: [418] }] },
      everything(`${AX}import pRetry from "p-retry"; export const get = (u) => pRetry(() => axios.get(u), { retries: 1 });`, 'p-retry', { settings: { breakwater: {} } }),
      everything('import http from "@acme/http"; import pRetry from "p-retry"; export const get = (u) => pRetry(() => http.get(u));', 'p-retry', {
        options: [{ clients: [{ module: '@acme/http', family: 'axios' }] }],
      }),
      everything(`${AX}import pRetry from "p-retry"; export const get = (u) => pRetry(() => axios.get(u, { headers }).then((r) => r.data));`, 'p-retry', {
        options: [{ nonRetryableStatusCodes: [404] }],
      }),
    ].filter((item) => !('skip' in item)),
  });

  tsTester.run('no-retry-non-retryable (typescript-eslint parser)', ruleModule, {
    valid: [
      ...valid,
      `${AX}export async function get(u: string) { for (let i = 0; i < 3; i++) { try { return await axios.get<User>(u); } catch (e: unknown) { if (axios.isAxiosError(e) && e.response!.status < 500) throw e; } } }`,
      // regression (pnpm network/fetch): the catch reads the error through a typed copy before op.retry
      `${AX}import { operation } from "@zkochan/retry";\nexport function get(u: string): Promise<unknown> {\n  const op = operation({ retries: 2 });\n  return new Promise((resolve, reject) => {\n    op.attempt(async () => {\n      try { resolve(await axios.get(u)); } catch (error: unknown) {\n        const err = error as Error & { code?: string };\n        if (err.code === "SELF_SIGNED_CERT_IN_CHAIN") { reject(error); return; }\n        if (!op.retry(err)) reject(op.mainError());\n      }\n    });\n  });\n}`,
    ],
    invalid: [
      {
        code: 'import { retry, handleAll } from "cockatiel";\nimport axios from "axios";\nconst policy = retry(handleAll, { maxAttempts: 3 });\nexport const get = (u: string) => policy.execute(() => axios.get<User>(u));',
        filename: 'client.ts',
        errors: [
          {
            messageId: 'retriesEverything',
            suggestions: [
              {
                messageId: 'useHandleWhen',
                output: `import { retry, handleAll, handleWhen } from "cockatiel";\nimport axios from "axios";\n\n${TS_HELPER}\nconst policy = retry(handleWhen(isRetryableError), { maxAttempts: 3 });\nexport const get = (u: string) => policy.execute(() => axios.get<User>(u));`,
              },
            ],
          },
        ],
      },
      {
        ...loopCase(
          'export async function get(u: string): Promise<unknown> { for (let i = 0; i < 3; i++) { try { return (await axios.get<User>(u))!.data; } ',
          'catch (e: unknown) { if (i === 2) throw e; } ',
          'catch (e: unknown) { if (!isRetryableError(e)) throw e;\nif (i === 2) throw e; } ',
          '} }',
          'This retry loop',
          TS_HELPER,
        ),
        filename: 'client.mts',
      },
    ],
  });

  cjsTester.run('no-retry-non-retryable (CommonJS)', ruleModule, {
    valid: ['const pRetry = require("p-retry"); module.exports = (u) => pRetry(() => fetch(u));'],
    invalid: [
      {
        code: 'const { retry, handleAll } = require("cockatiel");\nconst axios = require("axios");\nconst p = retry(handleAll, {});\nmodule.exports = (u) => p.execute(() => axios.get(u));',
        errors: [
          {
            messageId: 'retriesEverything',
            suggestions: [
              {
                messageId: 'useHandleWhen',
                output: `const { retry, handleAll, handleWhen } = require("cockatiel");\nconst axios = require("axios");\n\n${JS_HELPER}\nconst p = retry(handleWhen(isRetryableError), {});\nmodule.exports = (u) => p.execute(() => axios.get(u));`,
              },
            ],
          },
        ],
      },
      everything('const pRetry = require("p-retry"); const got = require("got"); module.exports = (u) => pRetry(() => got(u));', 'p-retry'),
    ],
  });
});
