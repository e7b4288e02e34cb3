import type { Rule } from 'eslint';
import rule from '../../src/rules/require-backoff';
import { cjsTester, jsTester, tsTester } from '../rule-tester';

const ruleModule = rule as unknown as Rule.RuleModule;
const C = 'import { retry, handleAll, ExponentialBackoff, ConstantBackoff, IterableBackoff, noJitterGenerator, fullJitterGenerator } from "cockatiel";\n';
const C2 = 'import { retry, handleAll } from "cockatiel";\n';
const suggestion = (fix: string, output: string) => ({ messageId: 'useJitteredBackoff', data: { fix }, output });

/** A cockatiel case whose suggestion makes `from` into `to` (and may add an import). */
const cockatiel = (code: string, problem: 'noDelay' | 'noJitter', from: string, to: string, header = C, newHeader = header) => ({
  code: header + code,
  errors: [{ messageId: problem, data: { retry: 'cockatiel retry' }, suggestions: [suggestion('new ExponentialBackoff()', newHeader + code.replace(from, to))] }],
});
const library = (code: string, problem: 'noDelay' | 'noJitter', retry: string, fix: string, from: string, to: string) => ({
  code,
  errors: [{ messageId: problem, data: { retry }, suggestions: [suggestion(fix, code.replace(from, to))] }],
});
const hand = (code: string, problem: 'noDelay' | 'noJitter', retry = 'This retry loop', line = 3, column = 3) => ({ code, errors: [{ messageId: problem, data: { retry }, line, column }] });

const valid = [
  // Regression (anything-llm's Gitea and GitLab RepoLoader): a recursive retry after a 429 that waits through a
  // private method, as long as the answer's Retry-After says.
  'export class Loader {\n  #wait(ms) { return new Promise((ok) => setTimeout(ok, ms)); }\n  async file(path, retries = 0) {\n    const res = await fetch(this.base + path);\n    if (res.status === 429) {\n      if (retries >= 3) return null;\n      await this.#wait((Number(res.headers.get("retry-after")) || 60) * 1000);\n      return this.file(path, retries + 1);\n    }\n    return res.text();\n  }\n}',
  // Regression (postiz heygen.provider.ts): polling a job until its `status` reads "completed" is not a retry,
  // and `timer(ms)` waits.
  'import { timer } from "./timer";\nexport async function video(id) {\n  while (true) {\n    const { data: { status, url } } = await (await fetch("https://api.example.com/status?id=" + id)).json();\n    if (status === "completed") return url;\n    await timer(3000);\n  }\n}',
  // Regression (openai-agents-js openaiTracingExporter.ts): a wait named sleepWithAbort(ms, signal), with 10% jitter on a doubling delay.
  'export async function exportItems(endpoint, payload, signal) {\n  let attempts = 0;\n  let delay = 1000;\n  while (attempts < 3) {\n    try {\n      const response = await fetch(endpoint, { method: "POST", body: JSON.stringify(payload), signal });\n      if (response.ok) break;\n      if (response.status >= 400 && response.status < 500) break;\n    } catch (error) {\n      log(error);\n    }\n    attempts++;\n    const sleepTime = delay + Math.random() * 0.1 * delay;\n    if (!(await sleepWithAbort(sleepTime, signal))) break;\n    delay = Math.min(delay * 2, 30000);\n  }\n}',
  // Regression (outline's downloadImageNode): a one-time re-issue with a new cache mode is a fallback, not a hammering retry.
  'export const download = async (src, cache) => {\n  try {\n    return await (await fetch(src, { cache })).blob();\n  } catch {\n    if (cache !== "reload") return download(src, "reload");\n    throw new Error("failed");\n  }\n};',
  // Failing over to the next endpoint at once is a different request each time.
  'export async function first(urls, i = 0) {\n  try {\n    return await fetch(urls[i]);\n  } catch (e) {\n    if (i + 1 < urls.length) return first(urls, i + 1);\n    throw e;\n  }\n}',
  // cockatiel with jittered backoff
  `${C}export const p = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });`,
  `${C}export const p = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff({ initialDelay: 200 }) });`,
  `${C}export const p = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff({ generator: fullJitterGenerator }) });`,
  `${C}const backoff = new ExponentialBackoff({ maxDelay: 10_000 }); export const p = retry(handleAll, { maxAttempts: 3, backoff });`,
  `${C}const opts = { maxAttempts: 3, backoff: new ExponentialBackoff() }; export const p = retry(handleAll, opts);`,
  'import * as c from "cockatiel"; export const p = c.retry(c.handleAll, { backoff: new c.ExponentialBackoff() });',
  // cockatiel backoffs the file does not show
  `${C}import { backoff } from "./backoff"; export const p = retry(handleAll, { maxAttempts: 3, backoff });`,
  `${C}export const make = (backoff) => retry(handleAll, { maxAttempts: 3, backoff });`,
  `${C}export const make = (opts) => retry(handleAll, opts);`,
  `${C}import { DelegateBackoff } from "cockatiel"; export const p = retry(handleAll, { backoff: new DelegateBackoff(() => Math.random() * 1000) });`,
  `${C}export const p = retry(handleAll, { ...defaults });`,
  // not cockatiel
  'function retry() {} export const p = retry(handleAll, {});',
  'import { retry } from "./my-retry"; export const p = retry(handleAll, {});',
  // p-retry and friends with randomize
  'import pRetry from "p-retry"; pRetry(() => fetch(u), { retries: 3, randomize: true });',
  'import pRetry from "p-retry"; const opts = { randomize: true }; pRetry(() => fetch(u), opts);',
  'import retry from "async-retry"; retry(async () => fetch(u), { retries: 3, randomize: true });',
  'import promiseRetry from "promise-retry"; promiseRetry((again) => fetch(u).catch(again), { randomize: true });',
  'import retry from "retry"; const op = retry.operation({ retries: 3, randomize: true });',
  'import pRetry from "p-retry"; export const go = (opts) => pRetry(() => fetch(u), opts);',
  'import pRetry from "p-retry"; pRetry(() => fetch(u), { randomize: shouldJitter });',
  // axios-retry with exponentialDelay (jittered) or a delay the file does not show
  'import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay });',
  'import axios from "axios"; import axiosRetry, { exponentialDelay } from "axios-retry"; axiosRetry(axios, { retryDelay: exponentialDelay });',
  'import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retryDelay: (n) => n * 1000 * Math.random() });',
  'import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retryDelay: computeDelay });',
  'import axios from "axios"; import axiosRetry from "axios-retry"; export const setup = (o) => axiosRetry(axios, o);',
  // hand-written retries with jitter
  'export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await sleep(Math.random() * 1000 * 2 ** i); }\n  }\n}',
  'export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await new Promise((r) => setTimeout(r, 100 * 2 ** i + Math.random() * 100)); }\n  }\n}',
  'export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await delay(jitter(100 * 2 ** i)); }\n  }\n}',
  'const backoff = (n) => Math.random() * 100 * 2 ** n;\nexport async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await sleep(backoff(i)); }\n  }\n}',
  'export async function get(u) {\n  let wait = 100;\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await sleep(wait); wait = wait * 2 + Math.random() * 50; }\n  }\n}',
  'export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await sleep(randomDelay()); }\n  }\n}',
  // hand-written retries whose delay the file does not show
  'export async function get(u, pause) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await sleep(pause); }\n  }\n}',
  'import { delayFor } from "./policy";\nexport async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await sleep(delayFor(i)); }\n  }\n}',
  // loops that are not retries
  'export async function all(urls) {\n  for (const u of urls) {\n    try { await fetch(u); } catch (e) { }\n  }\n}',
  'export async function poll(u) {\n  while (true) {\n    await fetch(u);\n    await sleep(1000);\n  }\n}',
  'export async function pages(u) {\n  let next = u;\n  while (next) {\n    const r = await fetch(next);\n    next = r.headers.get("next");\n  }\n}',
  // got and ky retry with their own jittered or fixed schedules: not judged here
  'import got from "got"; export const get = (u) => got(u, { timeout: { request: 1000 } });',
  'import ky from "ky"; export const get = (u) => ky.get(u, { timeout: 1000 });',
  // a plain call without any retry
  'export const get = (u) => fetch(u, { signal: AbortSignal.timeout(1000) });',
  // a local fetch
  'function fetch() {}\nexport async function get() {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(); } catch (e) { }\n  }\n}',
  // a same-file retry helper with jittered delays, and one nothing in the file hands a request to
  'async function withRetry(fn) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fn(); } catch (e) { await sleep(Math.random() * 100 * 2 ** i); }\n  }\n}\nexport const get = (u) => withRetry(() => fetch(u));',
  'export async function withRetry(fn) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fn(); } catch (e) { }\n  }\n}\nexport const get = (u) => withRetry(() => compute(u));',
  // Regression (gemini-cli actions_spend.ts): a loop over chunks of a list, each request's errors caught in
  // its own callback, sends each pass's own requests: not a retry.
  'export async function spend(runs) {\n  for (let i = 0; i < runs.length; i += 20) {\n    const chunk = runs.slice(i, i + 20);\n    await Promise.all(chunk.map(async (r) => {\n      try { const res = await fetch(`https://api.github.com/runs/${r.id}/jobs`); if (!res.ok) return; } catch (e) { console.error(e); }\n    }));\n  }\n}',
  // Regression (payload test/runE2E.ts, sentry's aws-serverless stack.ts, MCP cli-client auth.test.ts): a harness
  // waiting for the server it started, its only client, with a fixed pause.
  'async function waitForServer(port, timeoutMs = 60000) {\n  const url = `http://localhost:${port}/`;\n  const start = Date.now();\n  while (Date.now() - start < timeoutMs) {\n    try {\n      await fetch(url);\n      return;\n    } catch {\n      await new Promise((resolve) => setTimeout(resolve, 1000));\n    }\n  }\n  throw new Error("server did not start");\n}',
  'export async function deliverCallback(port, query) {\n  for (let attempt = 0; attempt < 50; attempt++) {\n    try { await fetch(`http://127.0.0.1:${port}/callback?${query}`); return; } catch { await new Promise((r) => setTimeout(r, 50)); }\n  }\n}',
  'const BASE = "http://localhost:3000";\nexport async function waitUp() {\n  for (let i = 0; i < 480; i++) {\n    try { await fetch(`${BASE}/__events`); return true; } catch { await sleep(250); }\n  }\n  return false;\n}',
  'export async function ready() {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch(new URL("/ready", "http://[::1]:8080")); } catch { await sleep(250); }\n  }\n}',  // Regression (dokploy update-webserver.tsx, homarr docker-runtime.mts): polling a health endpoint until the
  // service is up, at the fixed rate health endpoints are built for.
  'export const checkIsUpdateFinished = async () => {\n  try {\n    const response = await fetch("/api/health");\n    if (!response.ok) throw new Error("Health check failed");\n    location.reload();\n  } catch {\n    await new Promise((resolve) => setTimeout(resolve, 2000));\n    void checkIsUpdateFinished();\n  }\n};',
  'export const start = async (baseUrl) => {\n  const deadline = Date.now() + 120_000;\n  while (Date.now() < deadline) {\n    try {\n      const response = await fetch(`${baseUrl}/api/health/ready`);\n      if (response.ok) return;\n    } catch {}\n    await new Promise((resolve) => setTimeout(resolve, 1_000));\n  }\n};',
  'const HEALTHZ = "/healthz";\nexport async function boot(base) {\n  for (let i = 0; i < 30; i++) {\n    try { return await fetch(new URL(HEALTHZ, base)); } catch { await sleep(500); }\n  }\n}',
  // Regression (trigger.dev testcontainers webapp.ts, inngest integrationTestRunner.ts, posthog harness verify.mjs):
  // a wait named for it, asking a URL passed in.
  'export async function waitForHealthcheck(url) {\n  const deadline = Date.now() + 60000;\n  while (Date.now() < deadline) {\n    try {\n      const res = await fetch(url);\n      if (res.ok) return;\n    } catch {}\n    await new Promise((r) => setTimeout(r, 500));\n  }\n}',
  'export async function checkServerReady(apiUrl) {\n  for (let i = 0; i < 60; i++) {\n    try { const r = await fetch(apiUrl); if (r.ok) return; throw new Error("not ready"); } catch (e) { await sleep(1000); }\n  }\n}',
  'class Harness {\n  async waitUntilUp(url) {\n    for (let i = 0; i < 60; i++) {\n      try { return await fetch(url); } catch { await sleep(1000); }\n    }\n  }\n}',
  'export const api = { isAlive: async (url) => { for (let i = 0; i < 5; i++) { try { return await fetch(url); } catch { await sleep(1000); } } } };',
];

const invalid = [
  // Regression (dub fetch-with-retry.ts, missed): the AbortController made afresh each pass bounds that
  // attempt, and the loop is a retry of the same request.
  hand('export async function get(url) {\n  for (let i = 0; i < 5; i++) {\n    const controller = new AbortController();\n    const timer = setTimeout(() => controller.abort(), 5000);\n    try { return await fetch(url, { signal: controller.signal }); } catch { await sleep(250); } finally { clearTimeout(timer); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function get(url) {\n  for (let i = 0; i < 5; i++) {\n    const init = { method: "GET", signal: AbortSignal.timeout(5000) };\n    try { return await fetch(url, init); } catch { await sleep(250); }\n  }\n}', 'noJitter', undefined, 2),
  // Not this machine: a host that only starts with "localhost", a URL the file does not spell out, and a
  // loopback request with no pause at all.
  hand('export async function up() {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch("http://localhost.example.com/orders"); } catch { await sleep(250); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function up(host) {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch(`http://localhost${host}/orders`); } catch { await sleep(250); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function up(url) {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch(url); } catch { await sleep(250); }\n  }\n}', 'noJitter', undefined, 2),
  // `timer(ms)` is a fixed wait: no jitter, but not "no delay".
  hand('export async function up(url) {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch(url); } catch { await timer(250); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function up() {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch("http://127.0.0.1:3000/health"); } catch { }\n  }\n}', 'noDelay', undefined, 2),
  // Near misses of a readiness wait: one with no pause at all, a retry helper named for waiting, work whose
  // name only mentions health, a name that ends in "up" (`signUp`), and an endpoint that is not a health check.
  hand('export async function waitForServer(url) {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch(url); } catch { }\n  }\n}', 'noDelay', undefined, 2),
  hand('export async function waitAndRetry(url) {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch(url); } catch { await sleep(250); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function submitHealthRecord(url) {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch(url); } catch { await sleep(250); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function signUp(url) {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch(url); } catch { await sleep(250); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function load(id) {\n  for (let i = 0; i < 10; i++) {\n    try { return await fetch(`/api/health-records/${id}`); } catch { await sleep(250); }\n  }\n}', 'noJitter', undefined, 2),
  // The same wait with the same delay every time: no jitter.
  hand('export async function exportItems(endpoint, signal) {\n  for (let attempts = 0; attempts < 3; attempts++) {\n    try { return await fetch(endpoint, { signal }); } catch (error) { log(error); }\n    await sleepWithAbort(1000, signal);\n  }\n}', 'noJitter', undefined, 2),
  // cockatiel: no backoff means ConstantBackoff(0)
  cockatiel('export const p = retry(handleAll, { maxAttempts: 3 });', 'noDelay', '{ maxAttempts: 3 }', '{ maxAttempts: 3, backoff: new ExponentialBackoff() }'),
  cockatiel('export const p = retry(handleAll, {});', 'noDelay', '{}', '{ backoff: new ExponentialBackoff() }'),
  cockatiel('export const p = retry(handleAll);', 'noDelay', 'retry(handleAll)', 'retry(handleAll, { backoff: new ExponentialBackoff() })'),
  cockatiel('export const p = retry(handleAll, { maxAttempts: 3 });', 'noDelay', '{ maxAttempts: 3 }', '{ maxAttempts: 3, backoff: new ExponentialBackoff() }', C2, 'import { retry, handleAll, ExponentialBackoff } from "cockatiel";\n'),
  cockatiel('export const p = retry(handleAll, { maxAttempts: 3, backoff: new ConstantBackoff(0) });', 'noDelay', 'new ConstantBackoff(0)', 'new ExponentialBackoff()'),
  cockatiel('export const p = retry(handleAll, { maxAttempts: 3, backoff: new ConstantBackoff() });', 'noDelay', 'new ConstantBackoff()', 'new ExponentialBackoff()'),
  cockatiel('export const p = retry(handleAll, { maxAttempts: 3, backoff: new ConstantBackoff(500) });', 'noJitter', 'new ConstantBackoff(500)', 'new ExponentialBackoff()'),
  cockatiel('export const p = retry(handleAll, { maxAttempts: 3, backoff: new IterableBackoff([100, 200, 400]) });', 'noJitter', 'new IterableBackoff([100, 200, 400])', 'new ExponentialBackoff()'),
  cockatiel('const backoff = new ConstantBackoff(1000);\nexport const p = retry(handleAll, { maxAttempts: 3, backoff });', 'noJitter', 'backoff })', 'backoff: new ExponentialBackoff() })'),
  { code: `${C}const opts = { maxAttempts: 3 };\nexport const p = retry(handleAll, opts);`, errors: [{ messageId: 'noDelay', suggestions: [] }] },
  {
    code: `${C}export const p = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff({ generator: noJitterGenerator, initialDelay: 100 }) });`,
    errors: [{ messageId: 'noJitter', suggestions: [suggestion('decorrelatedJitterGenerator', `${C.replace('fullJitterGenerator', 'fullJitterGenerator, decorrelatedJitterGenerator')}export const p = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff({ generator: decorrelatedJitterGenerator, initialDelay: 100 }) });`)] }],
  },
  {
    code: 'import * as c from "cockatiel";\nexport const p = c.retry(c.handleAll, { maxAttempts: 2 });',
    errors: [{ messageId: 'noDelay', suggestions: [suggestion('new ExponentialBackoff()', 'import * as c from "cockatiel";\nexport const p = c.retry(c.handleAll, { maxAttempts: 2, backoff: new c.ExponentialBackoff() });')] }],
  },
  {
    code: 'import * as c from "cockatiel";\nexport const p = c.retry(c.handleAll, { backoff: new c.ExponentialBackoff({ generator: c.noJitterGenerator }) });',
    errors: [{ messageId: 'noJitter', suggestions: [suggestion('decorrelatedJitterGenerator', 'import * as c from "cockatiel";\nexport const p = c.retry(c.handleAll, { backoff: new c.ExponentialBackoff({ generator: c.decorrelatedJitterGenerator }) });')] }],
  },
  cockatiel('export class Api { policy = retry(handleAll, { maxAttempts: 3 }); }', 'noDelay', '{ maxAttempts: 3 }', '{ maxAttempts: 3, backoff: new ExponentialBackoff() }'),
  cockatiel('export const p = retry(handleAll, {\n  maxAttempts: 3,\n});', 'noDelay', '  maxAttempts: 3,\n', '  maxAttempts: 3,\n  backoff: new ExponentialBackoff(),\n'),
  // p-retry, async-retry, promise-retry, node-retry: no randomize, or minTimeout 0
  library('import pRetry from "p-retry";\npRetry(() => fetch(u), { retries: 3 });', 'noJitter', 'p-retry', 'randomize: true', '{ retries: 3 }', '{ retries: 3, randomize: true }'),
  library('import pRetry from "p-retry";\npRetry(() => fetch(u));', 'noJitter', 'p-retry', 'randomize: true', 'fetch(u))', 'fetch(u), { randomize: true })'),
  library('import pRetry from "p-retry";\npRetry(() => fetch(u), { randomize: false });', 'noJitter', 'p-retry', 'randomize: true', 'false', 'true'),
  library('import pRetry from "p-retry";\npRetry(() => fetch(u), { retries: 3, minTimeout: 0 });', 'noDelay', 'p-retry', 'minTimeout: 1000, randomize: true', '{ retries: 3, minTimeout: 0 }', '{ retries: 3, minTimeout: 1000, randomize: true }'),
  library('import pRetry from "p-retry";\npRetry(() => fetch(u), { minTimeout: 0, randomize: true });', 'noDelay', 'p-retry', 'minTimeout: 1000, randomize: true', 'minTimeout: 0', 'minTimeout: 1000'),
  library('import retry from "async-retry";\nretry(async () => fetch(u), { retries: 3 });', 'noJitter', 'async-retry', 'randomize: true', '{ retries: 3 }', '{ retries: 3, randomize: true }'),
  library('import retry from "async-retry";\nretry(async () => fetch(u), { retries: 3, minTimeout: 0 });', 'noDelay', 'async-retry', 'minTimeout: 1000, randomize: true', '{ retries: 3, minTimeout: 0 }', '{ retries: 3, minTimeout: 1000, randomize: true }'),
  library('import promiseRetry from "promise-retry";\npromiseRetry((again) => fetch(u).catch(again), { retries: 2 });', 'noJitter', 'promise-retry', 'randomize: true', '{ retries: 2 }', '{ retries: 2, randomize: true }'),
  library('import promiseRetry from "promise-retry";\npromiseRetry({ retries: 2 }, (again) => fetch(u).catch(again));', 'noJitter', 'promise-retry', 'randomize: true', '{ retries: 2 }', '{ retries: 2, randomize: true }'),
  library('import retry from "retry";\nconst op = retry.operation({ retries: 5 });', 'noJitter', 'retry.operation', 'randomize: true', '{ retries: 5 }', '{ retries: 5, randomize: true }'),
  library('import retry from "retry";\nconst op = retry.operation();', 'noJitter', 'retry.operation', 'randomize: true', 'operation()', 'operation({ randomize: true })'),
  library('import { operation } from "@zkochan/retry";\nconst op = operation({ retries: 2, randomize: false });', 'noJitter', 'retry.operation', 'randomize: true', 'randomize: false', 'randomize: true'),
  // axios-retry: no retryDelay means none at all
  library('import axios from "axios";\nimport axiosRetry from "axios-retry";\naxiosRetry(axios, { retries: 3 });', 'noDelay', 'axios-retry', 'retryDelay: axiosRetry.exponentialDelay', '{ retries: 3 }', '{ retries: 3, retryDelay: axiosRetry.exponentialDelay }'),
  library('import axios from "axios";\nimport axiosRetry from "axios-retry";\naxiosRetry(axios);', 'noDelay', 'axios-retry', 'retryDelay: axiosRetry.exponentialDelay', 'axiosRetry(axios)', 'axiosRetry(axios, { retryDelay: axiosRetry.exponentialDelay })'),
  library('import axios from "axios";\nimport axiosRetry from "axios-retry";\naxiosRetry(axios, { retryDelay: axiosRetry.linearDelay() });', 'noJitter', 'axios-retry', 'retryDelay: axiosRetry.exponentialDelay', 'axiosRetry.linearDelay()', 'axiosRetry.exponentialDelay'),
  library('import axios from "axios";\nimport axiosRetry from "axios-retry";\naxiosRetry(axios, { retryDelay: () => 1000 });', 'noJitter', 'axios-retry', 'retryDelay: axiosRetry.exponentialDelay', '() => 1000', 'axiosRetry.exponentialDelay'),
  library('import axios from "axios";\nimport axiosRetry from "axios-retry";\naxiosRetry(axios, { retryDelay: () => 0 });', 'noDelay', 'axios-retry', 'retryDelay: axiosRetry.exponentialDelay', '() => 0', 'axiosRetry.exponentialDelay'),
  library('import axios from "axios";\nimport retrying from "axios-retry";\nconst api = axios.create();\nretrying(api, { retries: 2 });', 'noDelay', 'axios-retry', 'retryDelay: retrying.exponentialDelay', '{ retries: 2 }', '{ retries: 2, retryDelay: retrying.exponentialDelay }'),
  // hand-written retries with no delay, or a fixed one
  hand('export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { }\n  }\n}', 'noDelay', undefined, 2),
  // The attempt number sent along (a header, a log) does not make each pass a new request.
  hand('export async function get(u) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try { return await fetch(u, { headers: { "x-attempt": String(attempt) } }); } catch (e) { }\n  }\n}', 'noDelay', undefined, 2),
  hand('export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    const res = await fetch(u);\n    if (res.ok || i === 2) return res;\n  }\n}', 'noDelay', undefined, 2),
  hand('export class Api {\n  async withRetry(fn) {\n    for (let i = 0; i < 3; i++) {\n      try { return await fn(); } catch (e) { }\n    }\n  }\n  get(u) { return this.withRetry(() => fetch(u)); }\n}', 'noDelay', undefined, 3, 5),
  // A same-file helper the request is handed to, reported at its loop once (the reference's `retryImmediate`).
  hand(
    'async function retryImmediate(fn, maxRetries = 3) {\n  for (let i = 0; i < maxRetries; i++) {\n    try { return await fn(); } catch (error) { if (i === maxRetries - 1) throw error; }\n  }\n}\nexport const a = (u) => retryImmediate(() => fetch(u));\nexport const b = (u) => retryImmediate(() => fetch(u));',
    'noDelay',
    undefined,
    2,
  ),
  hand('async function load() { return fetch("/x"); }\nconst withRetry = async (fn) => {\n  for (let i = 0; i < 3; i++) {\n    try { return await fn(); } catch (e) { await sleep(500); }\n  }\n};\nexport const get = () => withRetry(load);', 'noJitter'),
  hand('export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { console.warn(e); }\n  }\n}', 'noDelay', undefined, 2),
  hand('export async function get(u) {\n  let attempt = 0;\n  while (attempt < 3) {\n    attempt++;\n    try { return await fetch(u); } catch (e) { if (attempt === 3) throw e; }\n  }\n}', 'noDelay'),
  hand('export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await sleep(1000); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await sleep(100 * 2 ** i); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await new Promise((r) => setTimeout(r, 500)); }\n  }\n}', 'noJitter', undefined, 2),
  hand('export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await new Promise((r) => setTimeout(r, Math.min(100 * Math.pow(2, i), 5000))); }\n  }\n}', 'noJitter', undefined, 2),
  hand('const BASE = 200;\nexport async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await delay(BASE * (i + 1)); }\n  }\n}', 'noJitter'),
  hand('export async function get(u) {\n  let wait = 100;\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await sleep(wait); wait *= 2; }\n  }\n}', 'noJitter'),
  hand('import { setTimeout as wait } from "node:timers/promises";\nexport async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e) { await wait(250); }\n  }\n}', 'noJitter'),
  hand('import axios from "axios";\nexport async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    try { return (await axios.get(u, { timeout: 1000 })).data; } catch (e) { }\n  }\n}', 'noDelay'),
  hand('export async function get(u) {\n  for (let i = 0; i < 3; i++) {\n    const res = await fetch(u);\n    if (res.ok) return res;\n    if (res.status >= 500) continue;\n    return res;\n  }\n}', 'noDelay', undefined, 2),
  hand('export async function get(u, attempt = 0) {\n  try {\n    return await fetch(u);\n  } catch (e) {\n    if (attempt < 3) return get(u, attempt + 1);\n    throw e;\n  }\n}', 'noDelay', 'This recursive retry', 3, 18),
  // A function expression calling itself by its own name, and a retry written with the request's promise.
  hand('module.exports.get = async function get(u, attempt = 0) {\n  try {\n    return await fetch(u);\n  } catch (e) {\n    if (attempt < 3) return get(u, attempt + 1);\n    throw e;\n  }\n};', 'noDelay', 'This recursive retry', 3, 18),
  hand('export class Loader {\n  async #get(url, retries = 0) {\n    const res = await fetch(url);\n    if (retries < 3 && res.status === 503) {\n      await this.#wait(1000);\n      return this.#get(url, retries + 1);\n    }\n    return res;\n  }\n  #wait(ms) { return new Promise((ok) => setTimeout(ok, ms)); }\n}', 'noJitter', 'This recursive retry', 3, 23),
  // Regression (postiz social.abstract.ts): a method's retry of itself, with a fixed wait.
  hand('export class Social {\n  async fetch(url, options, retries = 0) {\n    const res = await fetch(url, options);\n    if (retries < 3 && res.status === 429) {\n      await timer(5000);\n      return this.fetch(url, options, retries + 1);\n    }\n    return res;\n  }\n}', 'noJitter', 'This recursive retry', 3, 23),
  hand('export function get(u, left = 3) {\n  return fetch(u).catch((e) => (left > 0 ? get(u, left - 1) : Promise.reject(e)));\n}', 'noDelay', 'This recursive retry', 2, 10),
  // The same request again: the counter changes, but the request does not read it.
  hand('export async function get(u, init, left = 3) {\n  try {\n    return await fetch(u, init);\n  } catch (e) {\n    if (left > 0) return get(u, init, left - 1);\n    throw e;\n  }\n}', 'noDelay', 'This recursive retry', 3, 18),
  hand('export function get(u, left = 3) {\n  return fetch(u).catch(() => sleep(500).then(() => get(u, left - 1)));\n}', 'noJitter', 'This recursive retry', 2, 10),
];

// fetch-retry: a fixed `retryDelay`, 1000 ms when not given.
const FR = 'import fetchRetry from "fetch-retry";\n';
const JITTERED = '(attempt) => Math.random() * Math.min(30000, 1000 * 2 ** attempt)';
const fetchRetry = (code: string, problem: 'noDelay' | 'noJitter', from: string, to: string) => library(FR + code, problem, 'fetch-retry', 'retryDelay doubling to 30 s, randomized', from, to);
const FETCH_RETRY_INVALID = [
  fetchRetry('export const f = fetchRetry(fetch);', 'noJitter', 'fetchRetry(fetch)', `fetchRetry(fetch, { retryDelay: ${JITTERED} })`),
  fetchRetry('export const f = fetchRetry(fetch, { retries: 5 });', 'noJitter', '{ retries: 5 }', `{ retries: 5, retryDelay: ${JITTERED} }`),
  fetchRetry('export const f = fetchRetry(fetch, { retries: 5, retryDelay: 250 });', 'noJitter', 'retryDelay: 250', `retryDelay: ${JITTERED}`),
  fetchRetry('export const f = fetchRetry(fetch, { retryDelay: 0 });', 'noDelay', 'retryDelay: 0', `retryDelay: ${JITTERED}`),
  fetchRetry('const PAUSE = 2000;\nexport const f = fetchRetry((input, init) => fetch(input, init), { retryDelay: PAUSE });', 'noJitter', 'retryDelay: PAUSE', `retryDelay: ${JITTERED}`),
  // Defaults kept in a const elsewhere: reported, with no edit (the function's parameter would not get fetch-retry's type there).
  { code: `${FR}const defaults = { retries: 2, retryDelay: 500 };\nexport const f = fetchRetry(fetch, defaults);`, errors: [{ messageId: 'noJitter', data: { retry: 'fetch-retry' }, suggestions: [] }] },
];
const FETCH_RETRY_VALID = [
  `${FR}export const f = fetchRetry(fetch, { retryDelay: (attempt) => Math.random() * 2 ** attempt * 1000 });`,
  `${FR}export const f = fetchRetry(fetch, { retryDelay: backoffFor("orders") });`,
  `${FR}export const f = fetchRetry(fetch, { retries: 0 });`,
  `${FR}export const f = fetchRetry(fetch, options);`,
  `${FR}export const f = fetchRetry(fetch, { ...defaults });`,
  // A project's own module of that name is not fetch-retry.
  'import fetchRetry from "./fetch-retry";\nexport const f = fetchRetry(fetch);',
];

describe('require-backoff', () => {
  jsTester.run('require-backoff (espree)', ruleModule, {
    valid: [...valid, ...FETCH_RETRY_VALID],
    invalid: [...invalid.filter((c) => !c.code.includes('NEVER')), ...FETCH_RETRY_INVALID],
  });
  tsTester.run('require-backoff (typescript)', ruleModule, {
    valid: [...valid, `${C}export const p = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() as ExponentialBackoff<unknown> });`],
    invalid: [
      cockatiel('export const p = retry(handleAll, { maxAttempts: 3 } as const);', 'noDelay', '{ maxAttempts: 3 }', '{ maxAttempts: 3, backoff: new ExponentialBackoff() }'),
      fetchRetry('export const f = fetchRetry(fetch, { retries: 2 } satisfies RequestInitRetryParams<typeof fetch>);', 'noJitter', '{ retries: 2 }', `{ retries: 2, retryDelay: ${JITTERED} }`),
      hand('export async function get(u: string): Promise<Response | undefined> {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(u); } catch (e: unknown) { }\n  }\n}', 'noDelay', undefined, 2),
    ],
  });
  cjsTester.run('require-backoff (commonjs)', ruleModule, {
    valid: ['const { retry, handleAll, ExponentialBackoff } = require("cockatiel");\nmodule.exports = retry(handleAll, { backoff: new ExponentialBackoff() });'],
    invalid: [
      library('module.exports = require("fetch-retry")(global.fetch);', 'noJitter', 'fetch-retry', 'retryDelay doubling to 30 s, randomized', '(global.fetch)', `(global.fetch, { retryDelay: ${JITTERED} })`),
      {
        code: 'const { retry, handleAll } = require("cockatiel");\nmodule.exports = retry(handleAll, { maxAttempts: 3 });',
        errors: [{ messageId: 'noDelay', suggestions: [suggestion('new ExponentialBackoff()', 'const { retry, handleAll, ExponentialBackoff } = require("cockatiel");\nmodule.exports = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });')] }],
      },
    ],
  });
});
