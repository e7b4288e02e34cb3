import type { Rule } from 'eslint';
import rule from '../../src/rules/no-unprotected-call';
import { cjsTester, jsTester, tsTester } from '../rule-tester';

const ruleModule = rule as unknown as Rule.RuleModule;
const T = '{ signal: AbortSignal.timeout(1) }';
const COCKATIEL = 'import { retry, circuitBreaker, bulkhead, timeout, wrap, handleAll, ConsecutiveBreaker, TimeoutStrategy } from "cockatiel";\n';

const unprotected = (code: string, client = 'fetch', extra: Record<string, unknown> = {}) => ({
  code,
  ...extra,
  errors: [{ messageId: 'unprotected', data: { client } }],
});

const RQ = 'import { useQuery, useInfiniteQuery, useMutation, queryOptions } from "@tanstack/react-query";\n';

const valid = [
  // TanStack Query retries a query function 3 times by default (regression: TanStack/query examples)
  `${RQ}export const usePosts = () => useQuery({ queryKey: ["posts"], queryFn: async () => (await fetch("/posts", ${T})).json() });`,
  `${RQ}async function fetchPosts() { return (await fetch("/posts", ${T})).json(); }\nexport const usePosts = () => useQuery({ queryKey: ["posts"], queryFn: fetchPosts, retry: 5 });`,
  `${RQ}export const postsQuery = queryOptions({ queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}), retry: (count, error) => count < 2 });`,
  `${RQ}export const usePages = () => useInfiniteQuery({ queryKey: ["p"], queryFn: ({ pageParam }) => fetch(\`/p?cursor=\${pageParam}\`, ${T}), initialPageParam: 0, getNextPageParam: () => 1 });`,
  `import { createQuery } from "@tanstack/svelte-query";\nexport const posts = createQuery(() => ({ queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}) }));`,
  `import { useQuery } from "react-query";\nexport const usePosts = () => useQuery("posts", () => fetch("/posts", ${T}));`,
  `import * as rq from "@tanstack/vue-query";\nexport const usePosts = () => rq.useQuery({ queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}) });`,
  `${RQ}export const usePosts = (defaults) => useQuery({ ...defaults, queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}), retry: 2 });`,
  `import { useQueries } from "@tanstack/react-query";\nexport const useBoth = () => useQueries({ queries: [{ queryKey: ["a"], queryFn: () => fetch("/a", ${T}) }, { queryKey: ["b"], queryFn: () => fetch("/b", ${T}) }] });`,
  // one query per item, built by a `.map()` callback (expression or block body)
  `import { useQueries } from "@tanstack/react-query";\nexport const useAll = (ids) => useQueries({ queries: ids.map((id) => ({ queryKey: ["item", id], queryFn: () => fetch(\`/items/\${id}\`, ${T}) })) });`,
  `import { useQueries } from "@tanstack/react-query";\nexport const useAll = (ids) => useQueries({ queries: ids.map((id) => { return { queryKey: ["item", id], queryFn: () => fetch(\`/items/\${id}\`, ${T}) }; }) });`,
  // regression (TanStack/query examples/react/default-query-function): a QueryClient's default queryFn
  `import { QueryClient } from "@tanstack/react-query";\nconst defaultQueryFn = async ({ queryKey }) => (await fetch(\`/api/\${queryKey[0]}\`, ${T})).json();\nexport const client = new QueryClient({ defaultOptions: { queries: { queryFn: defaultQueryFn } } });`,
  // SWR retries a failed fetcher with exponential backoff by default
  `import useSWR from "swr";\nexport const usePosts = () => useSWR("/posts", (url) => fetch(url, ${T}).then((r) => r.json()));`,
  `import useSWRInfinite from "swr/infinite";\nconst fetcher = (url) => fetch(url, ${T});\nexport const usePages = () => useSWRInfinite((i) => \`/p?page=\${i}\`, fetcher, { errorRetryCount: 3 });`,
  // a retry option the file does not show: unresolved
  `${RQ}export const usePosts = (defaults) => useQuery({ queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}), retry: false, ...defaults });`,
  `${RQ}export const usePosts = (retry) => useQuery({ queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}), retry });`,
  // Durable execution: Inngest re-runs a function that throws 4 times by default (regression: inngest-js's
  // node-otel example, and apps whose client comes from their own module); Trigger.dev a task, as its retry says.
  `import { inngest } from "./client";\nexport const sync = inngest.createFunction({ id: "sync" }, { event: "app/sync" }, async ({ event, step }) => {\n  await fetch(\`https://api.example.com/items/\${event.data.id}\`, ${T});\n  return step.run("load", () => fetch("https://api.example.com/load", ${T}));\n});`,
  `import { inngest } from "@/inngest/client";\nexport const nightly = inngest.createFunction({ id: "nightly", retries: 3, triggers: [{ cron: "0 0 * * *" }] }, async () => fetch("https://api.example.com/nightly", ${T}));`,
  `import { Inngest } from "inngest";\nconst app = new Inngest({ id: "billing" });\nasync function handler({ event }) { return fetch(\`https://api.example.com/invoices/\${event.data.id}\`, ${T}); }\nexport const record = app.createFunction({ id: "record", triggers: { event: "billing/invoice" } }, handler);`,
  `const client_1 = require("./client");\nexports.audit = client_1.inngest.createFunction({ name: "audit" }, { event: "carbon/audit" }, async function (_a) { return fetch("https://api.example.com/audit", ${T}); });`,
  `import { task } from "@trigger.dev/sdk/v3";\nexport const sync = task({ id: "sync", retry: { maxAttempts: 5, randomize: true }, run: async (payload) => fetch(\`https://api.example.com/sync/\${payload.id}\`, ${T}) });`,
  `import { schedules } from "@trigger.dev/sdk";\nconst run = async () => { await fetch("https://api.example.com/report", ${T}); };\nexport const report = schedules.task({ id: "report", cron: "0 * * * *", retry: { maxAttempts: 3 }, run });`,
  // A task with no retry of its own retries as the project's trigger.config says: unresolved.
  `import { task } from "@trigger.dev/sdk";\nexport const sync = task({ id: "sync", run: async () => fetch("https://api.example.com/sync", ${T}) });`,
  `import { inngest } from "./client";\nexport const sync = inngest.createFunction({ id: "sync", retries: RETRIES }, { event: "app/sync" }, async () => fetch("https://api.example.com/sync", ${T}));`,
  // A health or readiness check asks once: a retry would hide the failure it reports. By the endpoint, or by a
  // function it runs in named for a check (regression: midday's probes.ts; Breakwater's own bw-health snippet).
  `export const stripeProbe = () => ({ name: "stripe", probe: async () => (await fetch("https://api.stripe.com/v1/balance", ${T})).ok });`,
  `const deps = { db: "http://db.internal:5432/status" };\nexport const healthReport = async () => Promise.all(Object.entries(deps).map(async ([name, url]) => {\n  try { return { name, healthy: (await fetch(url, ${T})).ok }; } catch { return { name, healthy: false }; }\n}));`,
  `export const up = (base) => fetch(\`\${base}/healthz\`, ${T});`,
  // Regression (nocobase cli e2e.js checkServer): polling \`/api/__health_check\` until the server is up.
  `export const up = (base) => fetch(\`\${base}/api/__health_check\`, ${T});`,
  `export async function checkHealth(u) { return (await fetch(u, ${T})).ok; }`,
  `export class Payments { async isAlive() { return (await fetch("https://pay.example.com/", ${T})).ok; } }`,
  `export const router = { health_check: (u) => fetch(u, ${T}) };`,
  `export const exaProbe = () => ({ probe: async () => (await fetch("https://api.exa.ai/search", { method: "POST", body: "{}", ${T.slice(2, -2)} })).status < 500 });`,
  `export const up = (u) => fetch(u + "/health", { method: "HEAD", ${T.slice(2, -2)} });`,
  // cockatiel
  `${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 3 }); export const get = (u) => policy.execute(() => fetch(u, ${T}));`,
  `${COCKATIEL}const breaker = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(5) }); export const get = (u) => breaker.execute(({ signal }) => fetch(u, { signal }));`,
  `${COCKATIEL}const policy = wrap(bulkhead(5), retry(handleAll, { maxAttempts: 2 })); export const get = (u) => policy.execute(() => fetch(u, ${T}));`,
  `${COCKATIEL}export const get = (u) => retry(handleAll, { maxAttempts: 2 }).execute(() => fetch(u, ${T}));`,
  `import { paymentsPolicy } from "./policies"; export const pay = (u) => paymentsPolicy.execute(() => fetch(u, ${T}));`,
  `export class Client { constructor(policy) { this.policy = policy; } get(u) { return this.policy.execute(() => fetch(u, ${T})); } }`,
  `export const get = (policy, u) => policy.execute(() => fetch(u, ${T}));`,
  `${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 3 }); async function load(u) { return fetch(u, ${T}); } export const get = (u) => policy.execute(() => load(u));`,
  `${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 3 }); async function load() { return fetch("/x", ${T}); } export const get = () => policy.execute(load);`,
  // A method its class only calls under a retry, as a function's callers are judged.
  // Regression (atproto ozone blob-diverter.ts): `getBlob()` sends, another method runs it under `retryHttp(…)`.
  `${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 3 });\nexport class Diverter {\n  async getBlob(u) { return fetch(u, ${T}); }\n  async upload(u) { return policy.execute(async () => { const blob = await this.getBlob(u); return blob; }); }\n}`,
  `${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 3 });\nexport class Diverter {\n  load = async (u) => fetch(u, ${T});\n  a(u) { return policy.execute(() => this.load(u)); }\n  b(u) { return policy.execute(() => this.load(u + "/b")); }\n}`,
  `import { retryHttp } from "./util";\nexport class Diverter {\n  async getBlob(u) { return fetch(u, ${T}); }\n  run(u) { return retryHttp(() => this.getBlob(u)); }\n}`,
  `${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 3 }); export const get = (urls) => policy.execute(() => Promise.all(urls.map((u) => fetch(u, ${T}))));`,
  // opossum, p-retry, async-retry, promise-retry, node-retry, exponential-backoff
  `import CircuitBreaker from "opossum"; const breaker = new CircuitBreaker(async (u) => fetch(u, ${T})); export const get = (u) => breaker.fire(u);`,
  `import CircuitBreaker from "opossum"; async function call(u) { return fetch(u, ${T}); } export const breaker = new CircuitBreaker(call, { timeout: 3000 });`,
  `import pRetry from "p-retry"; export const get = (u) => pRetry(() => fetch(u, ${T}), { retries: 3 });`,
  `import retry from "async-retry"; export const get = (u) => retry(async (bail) => fetch(u, ${T}), { retries: 3 });`,
  `import promiseRetry from "promise-retry"; export const get = (u) => promiseRetry((again) => fetch(u, ${T}).catch(again));`,
  `import promiseRetry from "promise-retry"; export const get = (u) => promiseRetry({ retries: 2 }, (again) => fetch(u, ${T}).catch(again));`,
  `import retry from "retry"; export function get(u, cb) { const operation = retry.operation(); operation.attempt(() => { fetch(u, ${T}).then(cb, (e) => operation.retry(e)); }); }`,
  // regression (pnpm network/fetch): @zkochan/retry is node-retry under another name, imported by name or as a namespace
  `import { operation } from "@zkochan/retry"; export function get(u, cb) { const op = operation({ retries: 2 }); op.attempt(() => { fetch(u, ${T}).then(cb, (e) => op.retry(e)); }); }`,
  `import * as retry from "@zkochan/retry"; export function get(u, cb) { const op = retry.operation(); op.attempt(() => { fetch(u, ${T}).then(cb, (e) => op.retry(e)); }); }`,
  `import { backOff } from "exponential-backoff"; export const get = (u) => backOff(() => fetch(u, ${T}));`,
  // Self-retrying clients
  'import got from "got"; export const get = (u) => got(u, { timeout: { request: 1 } });',
  'import got from "got"; export const get = (u) => got.get(u);',
  'import got from "got"; export const del = (u) => got.delete(u);',
  // got retries each page of a GET paginate by itself.
  'import got from "got"; export const all = (url) => got.paginate.all(url);',
  'import got from "got"; const client = got.extend({ prefixUrl }); export const get = () => client.get("x");',
  'import ky from "ky"; export const get = (u) => ky.get(u);',
  'import ky from "ky"; export const put = (u, json) => ky.put(u, { json });',
  // Regression: got and ky told to retry POST (`retry.methods`) retry it, in the call or the instance.
  'import got from "got"; export const create = (u, json) => got.post(u, { json, retry: { limit: 2, methods: ["POST"] } });',
  'import got from "got"; const client = got.extend({ retry: { methods: ["GET", "POST"] } }); export const create = (json) => client.post("x", { json });',
  'import ky from "ky"; const api = ky.create({ retry: { limit: 2, methods: ["post"] } }); export const create = (json) => api.post("x", { json });',
  // A list the file does not show: silent unless unresolved is "report".
  'import got from "got"; export const create = (u, json, methods) => got.post(u, { json, retry: { methods } });',
  'import axios from "axios"; import axiosRetry from "axios-retry"; const api = axios.create({ timeout: 1 }); axiosRetry(api, { retries: 3 }); export const get = () => api.get("/x");',
  'import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios); export const get = (u) => axios.get(u);',
  'import request from "superagent"; export const get = (u) => request.get(u).retry(2).timeout(1);',
  'import superagent from "superagent"; const agent = superagent.agent(); agent.timeout(1).retry(2); export const get = (u) => agent.get(u);',
  'import superagent from "superagent"; const agent = superagent.agent().timeout(1).retry(2); export const get = (u) => agent.get(u);',
  'import superagent from "superagent"; export const get = (u) => superagent.agent().retry(2).get(u);',
  // Hand-written retries
  `export async function get(u) { for (let attempt = 0; attempt < 3; attempt++) { try { return await fetch(u, ${T}); } catch (e) { if (attempt === 2) throw e; } } }`,
  `export async function get(u) { let tries = 0; while (true) { try { return await fetch(u, ${T}); } catch (e) { if (++tries > 3) throw e; await sleep(100 * tries); } } }`,
  `export async function get(u) { for (let i = 0; i < 3; i++) { const res = await fetch(u, ${T}); if (res.ok) return res; await sleep(100); } throw new Error("down"); }`,
  `export async function get(u) { for (let i = 0; i < 3; i++) { const res = await fetch(u, ${T}); if (res.status >= 500 || res.status === 429) { await sleep(100); continue; } return res; } }`,
  // Leaves on success or on the last attempt: still a retry (was a false positive)
  `export async function get(u) { for (let i = 0; i < 3; i++) { const res = await fetch(u, ${T}); if (res.ok || i === 2) return res; await sleep(100); } }`,
  `export async function get(u, n = 3) { try { return await fetch(u, ${T}); } catch (e) { if (n === 0) throw e; return get(u, n - 1); } }`,
  `export async function get(u) { const res = await fetch(u, ${T}); if (res.status === 503) return get(u); return res; }`,
  `export const get = async (u, left = 2) => { const res = await fetch(u, ${T}); return res.status >= 500 && left > 0 ? get(u, left - 1) : res; };`,
  `export function get(u) { let attempt = 0; do { try { return fetch(u, ${T}); } catch { attempt++; } } while (attempt < 3); }`,
  // Regression: a function expression that calls itself by its own name, and retries written with the request's promise.
  `module.exports.get = async function get(u, n = 3) { try { return await fetch(u, ${T}); } catch (e) { if (n === 0) throw e; return get(u, n - 1); } };`,
  // Regression (postiz social.abstract.ts): a method that calls itself through `this` after a 429 or 500
  // (from a catch too, and from an arrow function, which keeps `this`).
  `export class Social {\n  async send(url, options = {}, retries = 0) {\n    const res = await fetch(url, { ...options, ${T.slice(2, -2)} });\n    if (retries < 3 && (res.status === 429 || res.status === 500)) {\n      await timer(5000);\n      return this.send(url, options, retries + 1);\n    }\n    return res;\n  }\n}`,
  `export class Api { async get(u, n = 3) { try { return await fetch(u, ${T}); } catch (e) { if (n === 0) throw e; return this.get(u, n - 1); } } }`,
  `export class Api { get(u, n = 3) { return fetch(u, ${T}).catch((e) => { if (n === 0) throw e; return this.get(u, n - 1); }); } }`,
  // A test that also reads the body, after the function has returned on success (postiz's SocialAbstract.fetch).
  `export class Social {\n  async request(url, options = {}, retries = 0) {\n    const res = await fetch(url, { ...options, ${T.slice(2, -2)} });\n    if (res.status === 200 || res.status === 201) return res;\n    const text = await res.text();\n    if (retries < 3 && (res.status === 429 || text.includes("Rate limit"))) {\n      await timer(5000);\n      return this.request(url, options, retries + 1);\n    }\n    throw new Error(text);\n  }\n}`,
  `export class Api { async #send(u, n = 3) { try { return await fetch(u, ${T}); } catch (e) { if (n === 0) throw e; return this.#send(u, n - 1); } } get(u) { return this.#send(u); } }`,
  `export function get(u, n = 3) { return fetch(u, ${T}).catch((e) => (n > 0 ? get(u, n - 1) : Promise.reject(e))); }`,
  `export function get(u, n = 3) { return fetch(u, ${T}).then((res) => res.json(), (e) => { if (n === 0) throw e; return get(u, n - 1); }); }`,
  `export function get(u, n = 3) { return fetch(u, ${T}).then((res) => res.json()).catch(() => sleep(100).then(() => get(u, n - 1))); }`,
  `import http from "http"; export async function get(u) { for (let i = 0; i < 3; i++) { try { return await new Promise((ok, fail) => http.get(u, ${T}, ok).on("error", fail)); } catch (e) { if (i === 2) throw e; } } }`,
  // Same-file retry helpers the request is handed to (a false positive once: the reference's `retryImmediate(() => fetch(…))`)
  `async function retryImmediate(fn, maxRetries = 3) { for (let i = 0; i < maxRetries; i++) { try { return await fn(); } catch (error) { if (i === maxRetries - 1) throw error; console.log(i); } } }\nexport const get = (u) => retryImmediate(() => fetch(u, ${T}));`,
  `const withRetry = async (fn, left = 2) => { try { return await fn(); } catch (e) { if (left === 0) throw e; return withRetry(fn, left - 1); } };\nexport const get = (u) => withRetry(() => fetch(u, ${T}));`,
  `async function load() { return fetch("/x", ${T}); }\nasync function withRetry(fn) { for (let i = 0; i < 3; i++) { try { return await fn(); } catch (e) { if (i === 2) throw e; await sleep(100); } } }\nexport const get = () => withRetry(load);`,
  `async function attempt(times, fn) { for (let i = 0; i < times; i++) { const res = await fn(); if (res.ok) return res; await sleep(100); } throw new Error("down"); }\nexport const get = (u) => attempt(3, () => fetch(u, ${T}));`,
  `export class Api {\n  async withRetry(fn) { for (let i = 0; i < 3; i++) { try { return await fn(); } catch (e) { if (i === 2) throw e; await sleep(100); } } }\n  get(u) { return this.withRetry(() => fetch(u, ${T})); }\n}`,
  // A field initializer's arrow keeps the instance's `this`: the method helper is found from there too.
  `export class Api {\n  async withRetry(fn) { for (let i = 0; i < 3; i++) { try { return await fn(); } catch (e) { if (i === 2) throw e; await sleep(100); } } }\n  get = (u) => this.withRetry(() => fetch(u, ${T}));\n}`,
  // Same-file helpers that hand what they get to a library's retry or breaker, or call it under one.
  // Regression (langchain's AsyncCaller): `call(fn)` runs fn under p-retry, and `fetch()` hands its request to it.
  `import pRetry from "p-retry";\nexport class Caller {\n  call(callable, ...args) { return this.queue.add(() => pRetry(() => callable(...args), { retries: 6 })); }\n  fetch(...args) { return this.call(() => fetch(args[0], ${T})); }\n}`,
  `import pRetry from "p-retry";\nasync function withRetry(fn) { return pRetry(fn, { retries: 3 }); }\nexport const get = (u) => withRetry(() => fetch(u, ${T}));`,
  `${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 2 });\nconst guarded = (work) => policy.execute(() => work());\nexport const get = (u) => guarded(() => fetch(u, ${T}));`,
  `import pRetry from "p-retry";\nasync function withRetry(fn) { return pRetry(fn, { retries: 3 }); }\nasync function withLogging(fn) { log("start"); return withRetry(fn); }\nexport const get = (u) => withLogging(() => fetch(u, ${T}));`,
  // Regression (outline's ApiClient): fetch-retry calls the fetch it wraps again after a network error.
  'import retry from "fetch-retry";\nexport async function call(url, noRetry) {\n  const withToken = (input, init) => fetch(input, init);\n  return (noRetry ? withToken : retry(withToken))(url, { method: "POST" });\n}',
  'import fetchRetry from "fetch-retry"; export const api = fetchRetry((input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(1) }));',
  'const fetchRetry = require("fetch-retry"); module.exports = fetchRetry(function (input, init) { return fetch(input, init); }, { retries: 5 });',
  // fetch-retry's usual shape: the fetch it returns re-sends after a network error (3 times by default).
  `import fetchRetry from "fetch-retry";\nconst fetchWithRetry = fetchRetry(fetch);\nexport const get = (u) => fetchWithRetry(u, ${T});`,
  `import fetchBuilder from "fetch-retry";\nimport nodeFetch from "node-fetch";\nconst fetch = fetchBuilder(nodeFetch, { retries: 5, retryDelay: (n) => 2 ** n * 1000 });\nexport const get = (u) => fetch(u, ${T});`,
  `import fetchRetry from "fetch-retry";\nconst f = fetchRetry(globalThis.fetch, { retries: 0 });\nexport const get = (u) => f(u, { retries: 2, signal: AbortSignal.timeout(1) });`,
  `import fetchRetry from "fetch-retry";\nconst f = fetchRetry(fetch);\nexport const get = (u, init) => f(u, init);`,
  // Only fetch-retry's default export is known to return the fetch it is given: what a project's own
  // module of that name returns is not a fetch the file shows, so calling it is no network call.
  { code: `import fetchRetry from "./fetch-retry";\nconst f = fetchRetry(fetch);\nexport const get = (u) => f(u, ${T});`, options: [{ unresolved: 'report' }] },
  // Regression (openai-node's mTLS example): a fetch handed to a client as the fetch it uses runs under that client's retries.
  'import OpenAI from "openai"; export const client = new OpenAI({ fetch: (input, init) => fetch(input, { ...init, tls: { cert, key } }) });',
  'import OpenAI from "openai"; const mtlsFetch = (input, init) => fetch(input, { ...init, client: httpClient }); export const client = new OpenAI({ fetch: mtlsFetch });',
  'import { createClient } from "@supabase/supabase-js"; export const supabase = createClient(url, key, { global: { fetch: (...args) => fetch(...args) } });',
  'import ky from "ky"; export const api = ky.create({ fetch(input, init) { return fetch(input, init); } });',
  // Protected on one path only: the file does not show which runs (reported with unresolved: "report")
  `import pRetry from "p-retry";\nfunction maybeRetry(fn, again) { return again ? pRetry(fn) : fn(); }\nexport const get = (u) => maybeRetry(() => fetch(u, ${T}), true);`,
  // Project wrappers named in options or settings
  { code: `export const get = (u) => withRetry(() => fetch(u, ${T}));`, options: [{ protectors: ['withRetry'] }] },
  { code: `export const get = (u) => resilience.run(() => fetch(u, ${T}));`, options: [{ protectors: ['resilience.run'] }] },
  { code: `export const get = (u) => lib.withRetry(() => fetch(u, ${T}));`, settings: { breakwater: { protectors: ['withRetry'] } } },
  // A wrapper named for retrying or breaking that the file does not define: unresolved, silent by default.
  `import { withRetry } from "./retry";\nexport const get = (u) => withRetry(() => fetch(u, ${T}));`,
  `export const get = (u) => utils.retryAsync(async () => (await fetch(u, ${T})).json(), 3);`,
  `export class Api { constructor(retrier) { this.retrier = retrier; } get(u) { return this.retrier.run(() => fetch(u, ${T})); } }`,
  `import { exponentialBackoff } from "@acme/resilience";\nexport const get = (u) => exponentialBackoff(() => fetch(u, ${T}));`,
  `export const get = (breaker, u) => breaker.fire(() => fetch(u, ${T}));`,
  // Regression (Unleash's frontend): a custom hook from another module named for SWR or a query hands the
  // fetcher to SWR or TanStack Query, which retry it.
  `import { useConditionalSWR } from "../useConditionalSWR/useConditionalSWR.js";\nexport const useActions = (project) => useConditionalSWR(true, {}, \`api/\${project}/actions\`, fetcher);\nconst fetcher = (path) => fetch(path, ${T}).then((res) => res.json());`,
  `import { useApiQuery } from "./api";\nexport const useUser = (id) => useApiQuery(["user", id], () => fetch(\`/users/\${id}\`, ${T}));`,
  // Regression (Unleash's useFeature): the file's only caller runs it under SWR with options from elsewhere.
  `import useSWR from "swr";\nexport const useFeature = (path, options) => useSWR(path, () => featureFetcher(path), options);\nexport const featureFetcher = async (path) => (await fetch(path, ${T})).json();`,
  // regression (langchainjs AsyncCaller): a class's `call(fn)` hands fn to a vendored p-retry
  // (`./p-retry/index.js`) under a queue; `fetch()` goes through `this.call`.
  `import pRetry from "./p-retry/index.js";
export class AsyncCaller {
  async call(callable, ...args) { return this.queue.add(() => pRetry(() => callable(...args), { retries: this.maxRetries, randomize: true })); }
  fetch(...args) { return this.call(() => fetch(...args).then((res) => (res.ok ? res : Promise.reject(res)))); }
}`,
  // Not network calls
  'export const get = (u) => store.fetch(u);',
  'export function get(fetch, u) { return fetch(u); }',
];

describe('no-unprotected-call', () => {
  jsTester.run('no-unprotected-call (espree)', ruleModule, {
    valid,
    invalid: [
      // fetch-retry told not to retry, for every call or for this one.
      unprotected(`import fetchRetry from "fetch-retry";\nconst once = fetchRetry(fetch, { retries: 0 });\nexport const get = (u) => once(u, ${T});`),
      unprotected(`import fetchRetry from "fetch-retry";\nconst f = fetchRetry(fetch);\nexport const get = (u) => f(u, { retries: 0, signal: AbortSignal.timeout(1) });`),
      // TanStack Query told not to retry, a mutation (no retry by default), a useQuery of the file's own
      unprotected(`${RQ}export const usePosts = () => useQuery({ queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}), retry: false });`),
      unprotected(`${RQ}export const usePosts = () => useQuery({ queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}), retry: 0 });`),
      unprotected(`${RQ}export const useSave = () => useMutation({ mutationFn: (body) => fetch("/posts", { method: "POST", body, signal: AbortSignal.timeout(1) }) });`),
      unprotected(`import { useQueries } from "@tanstack/react-query";\nexport const useBoth = () => useQueries({ queries: [{ queryKey: ["a"], queryFn: () => fetch("/a", ${T}), retry: false }] });`),
      unprotected(`import { useQueries } from "@tanstack/react-query";\nexport const useAll = (ids) => useQueries({ queries: ids.map((id) => ({ queryKey: ["item", id], queryFn: () => fetch(\`/items/\${id}\`, ${T}), retry: 0 })) });`),
      // a `.map()` that is not the list of queries
      unprotected(`import { useQueries } from "@tanstack/react-query";\nexport const calls = (ids) => ids.map((id) => ({ queryKey: ["item", id], queryFn: () => fetch(\`/items/\${id}\`, ${T}) }));`),
      unprotected(`import { QueryClient } from "@tanstack/react-query";\nexport const client = new QueryClient({ defaultOptions: { queries: { queryFn: () => fetch("/a", ${T}), retry: 0 } } });`),
      unprotected(`import { QueryClient } from "@tanstack/react-query";\nexport const client = new QueryClient({ defaultOptions: { mutations: { mutationFn: () => fetch("/a", { method: "POST", signal: AbortSignal.timeout(1) }) } } });`),
      unprotected(`import useSWR from "swr";\nexport const usePosts = () => useSWR("/posts", (url) => fetch(url, ${T}), { shouldRetryOnError: false });`),
      unprotected(`import useSWR from "swr";\nexport const usePosts = () => useSWR("/posts", (url) => fetch(url, ${T}), { errorRetryCount: 0 });`),
      // A fetcher handed by name to SWR told not to retry; a helper whose caller is unresolved, in strict mode.
      unprotected(`import useSWR from "swr";\nconst fetcher = (url) => fetch(url, ${T});\nexport const usePosts = () => useSWR("/posts", fetcher, { shouldRetryOnError: false });`),
      unprotected(`import useSWR from "swr";\nexport const useFeature = (path, options) => useSWR(path, () => featureFetcher(path), options);\nexport const featureFetcher = async (path) => (await fetch(path, ${T})).json();`, 'fetch', { options: [{ unresolved: 'report' }] }),
      // A helper that one caller runs under SWR and another runs unprotected.
      unprotected(`import useSWR from "swr";\nexport const useFeature = (path) => useSWR(path, () => featureFetcher(path));\nexport const reload = (path) => featureFetcher(path);\nasync function featureFetcher(path) { return (await fetch(path, ${T})).json(); }`),
      unprotected(`import useSWRMutation from "swr/mutation";\nexport const useSave = () => useSWRMutation("/posts", (url) => fetch(url, { method: "POST", signal: AbortSignal.timeout(1) }));`),
      unprotected(`const useQuery = (options) => options.queryFn();\nexport const usePosts = () => useQuery({ queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}) });`),
      unprotected(`${RQ}export const usePosts = (retry) => useQuery({ queryKey: ["posts"], queryFn: () => fetch("/posts", ${T}), retry });`, 'fetch', { options: [{ unresolved: 'report' }] }),
      unprotected(`export const get = (u) => fetch(u, ${T});`),
      unprotected(`export async function get(u) { const res = await fetch(u, ${T}); return res.json(); }`),
      unprotected(`${COCKATIEL}const limit = bulkhead(10); export const get = (u) => limit.execute(() => fetch(u, ${T}));`),
      unprotected(`${COCKATIEL}const t = timeout(1000, TimeoutStrategy.Cooperative); export const get = (u) => t.execute(({ signal }) => fetch(u, { signal }));`),
      unprotected(`${COCKATIEL}const p = wrap(bulkhead(10), timeout(1000, TimeoutStrategy.Aggressive)); export const get = (u) => p.execute(() => fetch(u, ${T}));`),
      unprotected(`${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 3 }); export async function load(u) { return fetch(u, ${T}); } export const get = (u) => policy.execute(() => u);`),
      unprotected(`${COCKATIEL}const policy = retry(handleAll, {}); async function load(u) { return fetch(u, ${T}); } export const a = (u) => policy.execute(() => load(u)); export const b = (u) => load(u);`),
      // A method its class also calls without a retry, never calls, hands on as a value, or that a subclass may call its own way.
      unprotected(`${COCKATIEL}const policy = retry(handleAll, {});\nexport class Diverter {\n  async getBlob(u) { return fetch(u, ${T}); }\n  a(u) { return policy.execute(() => this.getBlob(u)); }\n  b(u) { return this.getBlob(u); }\n}`),
      unprotected(`export class Diverter {\n  async getBlob(u) { return fetch(u, ${T}); }\n}`),
      unprotected(`${COCKATIEL}const policy = retry(handleAll, {});\nexport class Diverter {\n  async getBlob(u) { return fetch(u, ${T}); }\n  a(u) { return policy.execute(() => this.getBlob(u)); }\n  b() { return this.getBlob.bind(this); }\n}`),
      unprotected(`${COCKATIEL}const policy = retry(handleAll, {});\nclass Diverter {\n  async getBlob(u) { return fetch(u, ${T}); }\n  a(u) { return policy.execute(() => this.getBlob(u)); }\n}\nexport class Direct extends Diverter {\n  b(u) { return this.getBlob(u); }\n}`),
      unprotected(`${COCKATIEL}const policy = retry(handleAll, {});\nexport class Diverter {\n  static async getBlob(u) { return fetch(u, ${T}); }\n  static a(u) { return policy.execute(() => this.getBlob(u)); }\n}`),
      // \`this\` in a function of its own is not the instance.
      unprotected(`${COCKATIEL}const policy = retry(handleAll, {});\nexport class Diverter {\n  async getBlob(u) { return fetch(u, ${T}); }\n  a(u) { return policy.execute(function () { return this.getBlob(u); }); }\n}`),
      unprotected('import got from "got"; export const create = (u, json) => got.post(u, { json, timeout: { request: 1 } });', 'got'),
      // Only fetch-retry's own default export is known to retry; another module's `retry` is unresolved.
      unprotected('import { retry } from "./fetch-retry"; export const api = retry((input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(1) }));', 'fetch', { options: [{ unresolved: 'report' }] }),
      // A `fetch` property that sends a URL of its own is a loader, not a fetch implementation.
      unprotected(`export const store = { fetch: () => fetch("/items", ${T}) };`),
      unprotected(`export class Store { fetch(id) { return fetch("/items/" + id, ${T}); } }`),
      unprotected(`export const store = { fetch(url) { const u = base + url; return fetch(u, ${T}); } };`),
      // A fetch implementation's callers decide its retries: unresolved, so reported in report mode.
      unprotected(`export const transport = { fetch: (input) => fetch(input, ${T}) };`, 'fetch', { options: [{ unresolved: 'report' }] }),
      // A method named otherwise, or forwarding its second parameter, is an ordinary function.
      unprotected(`export class Client { send(url, options) { return fetch(url, options); } }`),
      // Near misses of a health check: health data of a medical record, users who are online, a handler of an
      // event named "started", a probe's result sent on.
      unprotected(`export async function submitHealthRecord(r) { return fetch("https://api.example.com/records", { method: "POST", body: r, ${T.slice(2, -2)} }); }`),
      unprotected(`export const fetchOnlineUsers = () => fetch("https://api.example.com/users?online=1", ${T});`),
      unprotected(`export const onStarted = () => fetch("https://api.example.com/started", ${T});`),
      unprotected(`export const reportProbeResult = (r) => fetch("https://api.example.com/probe-results", { method: "POST", body: r, ${T.slice(2, -2)} });`),
      // A POST to a ping or health path, or from a function named for health, sends something (regression:
      // openpanel's cron.ping usage report, openstatus's request to its checker).
      unprotected(`export const ping = (stats) => fetch("https://api.example.com/misc/ping", { method: "POST", body: JSON.stringify(stats), ${T.slice(2, -2)} });`),
      unprotected(`export const check = (region, body) => fetch(\`https://checker.example.com/ping/\${region}\`, { method: "POST", body, ${T.slice(2, -2)} });`),
      unprotected(`export const reportHealth = (status) => fetch("https://monitor.example.com/status", { method: "POST", body: status, ${T.slice(2, -2)} });`),
      // A method the file does not show is no GET.
      unprotected(`export const up = (base, init) => fetch(base + "/healthz", init);`),
      // Near misses of a method's retry of itself: another method, a static one (its `this` is the class, so
      // `this.get` is not it), and a call from a \`function\`, which rebinds \`this\`.
      unprotected(`export class Api { async get(u) { try { return await fetch(u, ${T}); } catch (e) { return this.fallback(u); } } }`),
      // The same test with no return on success before it: as far as the condition shows, it may hold for a 200.
      unprotected(`export async function send(url, retries = 0) {\n  const res = await fetch(url, ${T});\n  const text = await res.text();\n  if (retries < 3 && (res.status === 429 || text.includes("Rate limit"))) return send(url, retries + 1);\n  return text;\n}`),
      unprotected(`export class Api { static async get(u) { try { return await fetch(u, ${T}); } catch (e) { return this.get(u); } } }`),
      unprotected(`export class Api { get(u) { return fetch(u, ${T}).catch(function (e) { return this.get(u); }); } }`),
      unprotected(`export class Client { fetch(options, url) { return fetch(url, options); } }`),
      unprotected(`import OpenAI from "openai"; export const client = new OpenAI({ fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(1) }) });`, 'fetch', { options: [{ unresolved: 'report' }] }),
      unprotected('import got from "got"; export const create = (json) => got.post({ url: "x", json, timeout: { request: 1 } });', 'got'),
      unprotected('import got from "got"; export const search = (url) => got.paginate.all(url, { method: "POST", timeout: { request: 1 } });', 'got'),
      unprotected('import got from "got"; export const upload = (url) => got.stream.post(url, { timeout: { request: 1 } });', 'got'),
      unprotected('import got from "got"; export const create = (u) => got(u, { method: "POST", timeout: { request: 1 } });', 'got'),
      unprotected('import got from "got"; export const get = (u) => got(u, { retry: { limit: 0 } });', 'got'),
      unprotected('import got from "got"; export const get = (u) => got(u, { retry: 0 });', 'got'),
      unprotected('import got from "got"; const client = got.extend({ retry: { limit: 0 } }); export const get = () => client.get("x");', 'got'),
      unprotected('import ky from "ky"; export const create = (u, json) => ky.post(u, { json });', 'ky'),
      // `retry.methods` replaces the defaults: a method it leaves out is not retried.
      unprotected('import got from "got"; export const get = (u) => got.get(u, { retry: { methods: ["POST"] } });', 'got'),
      unprotected('import ky from "ky"; const api = ky.create({ retry: { methods: ["put"] } }); export const get = () => api.get("x");', 'ky'),
      unprotected('import got from "got"; export const create = (u, json) => got.post(u, { json, retry: { limit: 0, methods: ["POST"] } });', 'got'),
      unprotected('import ky from "ky"; export const patch = (u, json) => ky.patch(u, { json });', 'ky'),
      unprotected('import axios from "axios"; export const get = (u) => axios.get(u, { timeout: 1 });', 'axios'),
      unprotected('import axios from "axios"; import axiosRetry from "axios-retry"; const a = axios.create(); const b = axios.create(); axiosRetry(a); export const get = () => b.get("/x");', 'axios'),
      unprotected('import request from "superagent"; export const get = (u) => request.get(u).timeout(1);', 'superagent'),
      unprotected('import superagent from "superagent"; const agent = superagent.agent(); agent.timeout(1); export const get = (u) => agent.get(u);', 'superagent'),
      unprotected('import superagent from "superagent"; const agent = superagent.agent().timeout(1); export const get = (u) => agent.get(u);', 'superagent'),
      unprotected('import https from "node:https"; export const get = (u, cb) => https.get(u, { timeout: 1 }, cb);', 'https'),
      // Pagination, polling and work queues are loops but not retries.
      unprotected(`export async function all(u) { let page = 1; while (true) { try { const res = await fetch(u + "?page=" + page, ${T}); if (!(await res.json()).length) return; } catch (e) { log(e); } page++; } }`),
      unprotected(`export async function all(u) { const items = []; let next = u; while (next) { const res = await fetch(next, ${T}); const page = await res.json(); items.push(...page.items); next = page.next; } return items; }`),
      unprotected(`export async function poll(u) { while (true) { const res = await fetch(u, ${T}); const job = await res.json(); if (job.state === "done") return job; await sleep(1000); } }`),
      // Regression (postiz heygen.provider.ts): a job's `status` compared with text is not an HTTP status, so
      // leaving when it reads "completed" is a poll finishing, not a retry succeeding.
      unprotected(`export async function video(id) {\n  while (true) {\n    const { data: { status, url } } = await (await fetch("https://api.example.com/status?id=" + id, ${T})).json();\n    if (status === "completed") return url;\n    else if (status === "failed") throw new Error("failed");\n    await timer(3000);\n  }\n}`),
      unprotected(`export async function job(id) { for (;;) { const res = await fetch("https://api.example.com/jobs/" + id, ${T}); const job = await res.json(); if (job.status !== \`pending\`) return job; await sleep(1000); } }`),
      // Polling through the promise's success handler, or a rejection handler that does not call the function again.
      unprotected(`export function poll(u) { return fetch(u, ${T}).then((res) => res.json()).then((job) => (job.done ? job : sleep(1000).then(() => poll(u)))); }`),
      unprotected(`export function get(u) { return fetch(u, ${T}).catch((e) => fallback(u, e)); }`),
      unprotected(`export function get(u) { return other(u).catch(() => get(u)).then(() => fetch(u, ${T})); }`),
      unprotected(`export async function drain(queue) { while (queue.length) { const job = queue.shift(); try { await fetch(job.url, ${T}); } catch (e) { console.error(e); } } }`),
      // Near misses of durable execution: told not to retry, one attempt, a createFunction that is not Inngest's,
      // a task of another module, and (strict) a task whose retries the project's config decides.
      unprotected(`import { inngest } from "./client";\nexport const once = inngest.createFunction({ id: "once", retries: 0 }, { event: "app/once" }, async () => fetch("https://api.example.com/once", ${T}));`),
      unprotected(`import { task } from "@trigger.dev/sdk/v3";\nexport const once = task({ id: "once", retry: { maxAttempts: 1 }, run: async () => fetch("https://api.example.com/once", ${T}) });`),
      unprotected(`import { functions } from "./platform";\nexport const fn = functions.createFunction({ id: "fn" }, async () => fetch("https://api.example.com/fn", ${T}));`),
      unprotected(`import { inngest } from "./client";\nexport const fn = inngest.createFunction("fn", async () => fetch("https://api.example.com/fn", ${T}));`),
      unprotected(`import { task } from "./tasks";\nexport const sync = task({ id: "sync", retry: { maxAttempts: 5 }, run: async () => fetch("https://api.example.com/sync", ${T}) });`),
      unprotected(`import { task } from "@trigger.dev/sdk";\nexport const sync = task({ id: "sync", run: async () => fetch("https://api.example.com/sync", ${T}) });`, 'fetch', { options: [{ unresolved: 'report' }] }),
      // Near misses of LangChain's AsyncCaller: told not to retry, a caller of the class's own, a class that
      // extends something else, and a caller of another package.
      unprotected(`import { AsyncCaller } from "@langchain/core/utils/async_caller";\nconst caller = new AsyncCaller({ maxRetries: 0 });\nexport const get = (u) => caller.call(() => fetch(u, ${T}));`),
      unprotected(`import { Embeddings } from "@langchain/core/embeddings";\nimport { AsyncCaller } from "@langchain/core/utils/async_caller";\nexport class Once extends Embeddings {\n  constructor() { super({}); this.caller = new AsyncCaller({ maxRetries: 0 }); }\n  embed(u) { return this.caller.call(() => fetch(u, ${T})); }\n}`),
      unprotected(`export class Api { caller = { call: (fn) => fn() }; get(u) { return this.caller.call(() => fetch(u, ${T})); } }`),
      unprotected(`import { Base } from "./base";\nexport class Api extends Base { get(u) { return this.caller.call(() => fetch(u, ${T})); } }`),
      unprotected(`import { AsyncCaller } from "./async_caller";\nconst caller = new AsyncCaller({});\nexport const get = (u) => caller.call(() => fetch(u, ${T}));`),
      // What a pass sends still makes it a new request when only the signal is made with it.
      unprotected(`export async function drain(queue) { while (queue.length) { const job = queue.shift(); const controller = new AbortController(); try { await fetch(job.url, { signal: controller.signal }); } catch (e) { console.error(e); } } }`),
      unprotected(`export async function each(urls) { for (const u of urls) { try { await fetch(u, ${T}); } catch (e) { log(e); } } }`),
      unprotected(`export async function each(urls) { for (let i = 0; i < urls.length; i++) { try { await fetch(urls[i], ${T}); } catch (e) { log(e); } } }`),
      // A status that is only truthy is not a success test: the loop leaves after one request.
      unprotected(`export async function get(u) { for (let i = 0; i < 3; i++) { const res = await fetch(u, ${T}); if (res.status) return res; } }`),
      // A 401 refresh re-issues once; it is not a retry.
      unprotected(`export async function get(u) { const res = await fetch(u, ${T}); if (res.status === 401) { await refresh(); return get(u); } return res; }`),
      unprotected(`export async function get(u) { for (let i = 0; i < 2; i++) { const res = await fetch(u, ${T}); if (res.status === 401) { await refresh(); continue; } return res; } }`),
      // A same-file helper that does not retry what it is handed: once, over a list, or another parameter.
      unprotected(`async function safely(fn) { try { return await fn(); } catch (e) { log(e); } }\nexport const get = (u) => safely(() => fetch(u, ${T}));`),
      unprotected(`async function each(items, fn) { for (const item of items) { try { await fn(item); } catch (e) { log(e); } } }\nexport const all = (urls) => each(urls, (u) => fetch(u, ${T}));`),
      unprotected(`async function run(fn, probe) { for (let i = 0; i < 3; i++) { try { return await probe(); } catch {} } return fn(); }\nexport const get = (u) => run(() => fetch(u, ${T}), () => 1);`),
      unprotected(`let persist = async (fn) => { for (;;) { try { return await fn(); } catch {} } }; persist = (fn) => fn();\nexport const get = (u) => persist(() => fetch(u, ${T}));`),
      // A helper that runs what it is handed with no retry, or only under a bulkhead.
      unprotected(`async function run(fn) { log("start"); return fn(); }\nexport const get = (u) => run(() => fetch(u, ${T}));`),
      unprotected(`${COCKATIEL}const limit = bulkhead(4);\nconst limited = (work) => limit.execute(() => work());\nexport const get = (u) => limited(() => fetch(u, ${T}));`),
      unprotected(`import pRetry from "p-retry";\nfunction maybeRetry(fn, again) { return again ? pRetry(fn) : fn(); }\nexport const get = (u) => maybeRetry(() => fetch(u, ${T}), true);`, 'fetch', { options: [{ unresolved: 'report' }] }),
      // \`this\` rebound by a plain function, or a static method called on an instance name: not the class's own helper.
      unprotected(`export class Api {\n  async persist(fn) { for (;;) { try { return await fn(); } catch {} } }\n  get(u) { return [u].map(function (x) { return this.persist(() => fetch(x, ${T})); }); }\n}`),
      unprotected(`export class Api {\n  static async persist(fn) { for (;;) { try { return await fn(); } catch {} } }\n  get(u) { return this.persist(() => fetch(u, ${T})); }\n}`),
      // A catch that always gives up is not a retry.
      unprotected(`export async function get(u) { for (let i = 0; i < 3; i++) { try { return await fetch(u, ${T}); } catch (e) { throw e; } } }`),
      unprotected(`export async function get(u) { try { return await fetch(u, ${T}); } catch (e) { return null; } }`),
      unprotected(`export async function get(u) { try { return await fetch(u, ${T}); } catch (e) { return fallback(u); } }`),
      // Aliases, globals and namespaces
      unprotected(`const f = globalThis.fetch; export const get = (u) => f(u, ${T});`),
      unprotected('import * as http from "http"; export const get = (u, cb) => http.get(u, { timeout: 1 }, cb);', 'http'),
      unprotected('import { request as send } from "https"; export const post = (o) => send({ ...o, timeout: 1 });', 'https'),
      unprotected('import fetch from "node-fetch"; export const get = (u) => fetch(u, { timeout: 1 });', 'node-fetch'),
      unprotected('import { fetch } from "undici"; export const get = (u) => fetch(u);', 'undici fetch'),
      unprotected('import { request } from "undici"; export const get = (u) => request(u, { headersTimeout: 5000 });', 'undici request'),
      unprotected('const undici = require("undici"); export const get = (u) => undici.request(u);', 'undici request'),
      // A protector name that does not match
      unprotected(`export const get = (u) => withTracing(() => fetch(u, ${T}));`, 'fetch', { options: [{ protectors: ['withTracings'] }] }),
      // A wrapper named for retrying that the file does not define: unresolved, reported in strict mode.
      unprotected(`import { withRetry } from "./retry";\nexport const get = (u) => withRetry(() => fetch(u, ${T}));`, 'fetch', { options: [{ unresolved: 'report' }] }),
      // Names that only look like it: retrieve, a helper this file defines that does not retry.
      unprotected(`import { retrieve } from "./cache";\nexport const get = (u) => retrieve(u, () => fetch(u, ${T}));`),
      unprotected(`async function withRetry(fn) { return fn(); }\nexport const get = (u) => withRetry(() => fetch(u, ${T}));`),
      // Strict mode: unresolved policies and methods report
      unprotected(`export const get = (policy, u) => policy.execute(() => fetch(u, ${T}));`, 'fetch', { options: [{ unresolved: 'report' }] }),
      unprotected('import got from "got"; export const get = (u, o) => got(u, o);', 'got', { options: [{ unresolved: 'report' }] }),
      // User clients
      unprotected('import http from "@acme/http"; export const get = (u) => http.get(u);', 'acme', {
        settings: { breakwater: { clients: [{ module: '@acme/http', family: 'axios', name: 'acme' }] } },
      }),
      unprotected('import { client } from "./http"; export const get = (u) => client.get(u);', 'api', {
        options: [{ clients: [{ module: './http', export: 'client', family: 'axios', name: 'api' }] }],
      }),
      // Nested functions inside an unprotected function
      unprotected(`export const all = (urls) => Promise.all(urls.map((u) => fetch(u, ${T})));`),
      unprotected(`export function onClick() { button.addEventListener("click", () => fetch("/track", ${T})); }`),
    ],
  });

  tsTester.run('no-unprotected-call (typescript-eslint parser)', ruleModule, {
    valid: [
      ...valid,
      `${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 3 }); export const get = (u: string): Promise<Response> => policy.execute(() => fetch(u, ${T}) as Promise<Response>);`,
      `${COCKATIEL}const policy = retry(handleAll, { maxAttempts: 3 }) as const; export const get = (u: string) => policy!.execute(async () => (await fetch(u, ${T}))!);`,
      { code: `${COCKATIEL}const policy = retry(handleAll, {}); export const Ping = () => <button onClick={() => policy.execute(() => fetch("/p", ${T}))} />;`, filename: 'ping.tsx' },
      'export const link = new HttpLink({ uri, fetch: ((input: RequestInfo, init?: RequestInit) => fetch(input, init)) as typeof fetch });',
      // A type of the file's own shaped like fetch (a Request in, a Promise<Response> out) says the same.
      // Regression (Speakeasy-generated SDKs' lib/http.ts, unkey's internal API client): the SDK calls DEFAULT_FETCHER under its retries.
      'export type Fetcher = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;\nconst DEFAULT_FETCHER: Fetcher = (input, init) => {\n  if (init == null) return fetch(input);\n  return fetch(input, init);\n};',
      // A function typed as a fetch is written to be handed to a client, which retries around it.
      // Regression (vercel/ai amazon-bedrock inject-fetch-headers.ts): returned by a function declared to return FetchFunction.
      `export function injectFetchHeaders(headers: Record<string, string>): FetchFunction {\n  return async (input, init = {}) => globalThis.fetch(input, { ...init, headers, signal: init.signal ?? AbortSignal.timeout(1) });\n}`,
      `export const withHeaders = (headers: Headers): typeof fetch => (input, init) => fetch(input, { ...init, headers, ${T.slice(2, -2)} });`,
      `export const tracedFetch: typeof fetch = async (input, init) => fetch(input, { ...init, ${T.slice(2, -2)} });`,
      `export const tracedFetch = (async (input, init) => fetch(input, { ...init, ${T.slice(2, -2)} })) satisfies typeof globalThis.fetch;`,
      `export class Transport { fetch: FetchLike = (input, init) => fetch(input, { ...init, ${T.slice(2, -2)} }); }`,
      // Regression (outline's ApiClient, strict mode): typed as a fetch, and the file shows fetch-retry running it.
      {
        code: `import retry from "fetch-retry";\nexport async function call(url: string, noRetry: boolean) {\n  const withToken: typeof fetch = (input, init) => fetch(input, { ...init, ${T.slice(2, -2)} });\n  return (noRetry ? withToken : retry(withToken))(url, { method: "POST" });\n}`,
        options: [{ unresolved: 'report' }],
      },
      // Instance fields: axios-retry on the field, a policy around the call, or a client the file does not show.
      'import axios from "axios"; import axiosRetry from "axios-retry"; class Api { client = axios.create({ timeout: 1 }); constructor() { axiosRetry(this.client, { retries: 3 }); } load() { return this.client.get(url); } }',
      `${COCKATIEL}import axios from "axios"; const policy = retry(handleAll, {}); class Api { client = axios.create({ timeout: 1 }); load() { return policy.execute(() => this.client.get(url)); } }`,
      'import axios from "axios"; class Api { constructor(private readonly client: typeof axios) {} load() { return this.client.get(url); } }',
      // An instance in a const (`api.client`): axios-retry applied to the field from outside the class.
      'import axios from "axios"; import axiosRetry from "axios-retry"; class Api { client = axios.create({ timeout: 1 }); } const api = new Api(); axiosRetry(api.client, { retries: 3 }); export const load = () => api.client.get(url);',
      // A response interceptor may re-send failed requests (twilio-node's RequestClient backs off on 429 this way).
      'import axios from "axios"; class Api { client; constructor() { this.client = axios.create({ timeout: 1 }); this.client.interceptors.response.use(backoffOn429(this.client)); } load(u: string) { return this.client(u); } }',
      'import axios from "axios"; const api = axios.create({ timeout: 1 }); api.interceptors.response.use(undefined, retryOnError); export const get = (u: string) => api.get(u);',
      'import axios from "axios"; axios.interceptors.response.use(undefined, retryOnError); export const get = (u: string) => axios.get(u, { timeout: 1 });',
      // Regression (trigger.dev trigger-sdk retry.ts): the loop hands its attempt counter to the request helper for a header.
      'async function retryFetch(input: string, init?: RequestInit): Promise<Response> {\n  let attempt = 1;\n  while (true) {\n    try {\n      const [response] = await doFetchRequest(input, { ...(init ?? {}) }, attempt);\n      if (response.ok) return response;\n      await sleep(1000);\n    } catch (e) {\n      if (e instanceof FetchErrorWithSpan) {\n        await sleep(1000);\n        continue;\n      }\n      throw e;\n    } finally {\n      attempt++;\n    }\n  }\n}\nconst doFetchRequest = async (input: string, init?: RequestInit, attemptCount: number = 0): Promise<[Response]> => {\n  const response = await fetch(input, { ...init, headers: { "x-retry-count": attemptCount.toString() }, signal: AbortSignal.timeout(1) });\n  return [response];\n};\nexport { retryFetch };',
      // Regression (PostHog posthog-node client.ts, posthog-react-native): the SDK's fetch method, which
      // its base class in another file calls under its own retries.
      'export class PostHog extends PostHogCoreStateless {\n  fetch(url: string, options: PostHogFetchOptions): Promise<PostHogFetchResponse> {\n    return this.options.fetch ? this.options.fetch(url, options) : fetch(url, options)\n  }\n}',
      // Regression (slack socket-mode SocketModeClient.ts): a fetch assigned to the options a WebClient with retryConfig is made with.
      'import { fetch as undiciFetch } from "undici";\nexport class SocketModeClient {\n  constructor({ dispatcher, clientOptions }) {\n    this.webClientOptions = clientOptions;\n    if (dispatcher && this.webClientOptions.fetch === undefined) {\n      this.webClientOptions.fetch = (url, init) => undiciFetch(url, { ...init, dispatcher: dispatcher } as RequestInit);\n    }\n  }\n}',
      // Regression (PostHog compliance adapter.js): a wrapper installed as the global fetch.
      'const originalFetch = global.fetch;\nglobal.fetch = async (url: string, options?: RequestInit) => {\n  const response = await originalFetch(url, options);\n  track(url);\n  return response;\n};',
      'export const transport = { fetchImpl: async (input: RequestInfo, init?: RequestInit) => fetch(input, init), fetch(url = "/", init?: RequestInit) { return fetch(url, init); } };',
      'class Transport { fetch = async (input: string, init: RequestInit) => globalThis.fetch(input!, init); }',
      // Regression (crawlee custom-http-client guide): an HTTP client implementation the crawler sends each
      // request through, under its own maxRequestRetries.
      'import type { BaseHttpClient, HttpRequest } from "@crawlee/core";\nexport class CustomHttpClient implements BaseHttpClient {\n  async sendRequest(request: HttpRequest) {\n    const response = await fetch(request.url, { method: request.method, signal: request.signal });\n    return { statusCode: response.status, body: await response.text() };\n  }\n}',
      'export default class implements core.HttpAdapter { send(url: string, init: RequestInit) { return fetch(url, { ...init, signal: AbortSignal.timeout(1) }); } }',
      // Regression (firebase functions service.ts): the default of an injectable fetch, forwarding all its arguments.
      'export class FunctionsService {\n  constructor(\n    readonly app: FirebaseApp,\n    regionOrCustomDomain: string = DEFAULT_REGION,\n    readonly fetchImpl: typeof fetch = (...args) => fetch(...args)\n  ) {}\n}',
      'export function createClient(base: string, fetchImpl = (...args: Parameters<typeof fetch>) => fetch(...args)) { return { base, fetchImpl }; }',
      // Regression (netlify cli logs/log-api.ts): a drop-in fetch that logs, sending on its URL and options untouched.
      'export const debugFetch = async (url: string, init?: RequestInit): Promise<Response> => {\n  debugLog(`→ ${init?.method ?? "GET"} ${url}`);\n  const response = await fetch(url, init);\n  return response;\n};',
      // Regression (saleor-dashboard legacy-sdk apollo/client.ts): the fetch a factory named for one returns,
      // sending on its input and init (handed to Apollo's HttpLink as its fetch).
      'export const createFetch = ({ autoTokenRefresh = true } = {}) => async (input: RequestInfo, init: RequestInit = {}): Promise<Response> => {\n  if (autoTokenRefresh) await refresh();\n  return fetch(input, init);\n};',
      'export function makeAuthFetch(token: string) {\n  return async (input: RequestInfo, init: RequestInit = {}) => fetch(input, init);\n}',
      // Regression (algoliasearch-client-javascript requester-fetch): the functions of a factory declared to
      // return a transport, which the client's own transport calls under its retries across hosts.
      'import type { EndRequest, Requester } from "@algolia/client-common";\nexport function createFetchRequester(): Requester {\n  async function send(request: EndRequest) {\n    const res = await fetch(request.url, { method: request.method, signal: AbortSignal.timeout(request.connectTimeout) });\n    return { status: res.status, content: await res.text(), isTimedOut: false };\n  }\n  return { send };\n}',
      'export async function loggingFetch(input: string, options: RequestInit = {}) { const started = Date.now(); try { return await fetch(input as string, options); } finally { log(Date.now() - started); } }',
      // Regression (firecrawl js-sdk v2 httpClient.ts): the retried config is copied afresh each pass from the
      // same config, so the loop re-sends one request after a 502, not a new one.
      'import axios, { type AxiosRequestConfig } from "axios";\nexport class HttpClient {\n  private instance = axios.create({ timeout: 60000 });\n  async request(config: AxiosRequestConfig) {\n    let lastError: unknown;\n    for (let attempt = 0; attempt < 3; attempt++) {\n      try {\n        const cfg: AxiosRequestConfig = { ...config };\n        if (cfg.method === "post") {\n          const data = (cfg.data ?? {}) as Record<string, unknown>;\n          cfg.data = { ...data, origin: `js-sdk@${version}` };\n        }\n        return await this.instance.request(cfg);\n      } catch (err: any) {\n        lastError = err;\n        if (err?.response?.status === 502) {\n          await sleep(500 * 2 ** attempt);\n          continue;\n        }\n        throw err;\n      }\n    }\n    throw lastError;\n  }\n}',
      // Regression (dub packages/utils fetch-with-retry.ts): a fresh AbortController each pass bounds that
      // attempt; the loop still re-sends the same request after a 429/5xx or a caught error.
      'export async function fetchWithRetry(input: RequestInfo | URL, init?: RequestInit, { timeout = 5000, maxRetries = 10 } = {}) {\n  for (let i = 0; i < maxRetries; i++) {\n    const controller = new AbortController();\n    const timeoutId = setTimeout(() => controller.abort(), timeout);\n    try {\n      const response = await fetch(input, { ...init, signal: controller.signal });\n      clearTimeout(timeoutId);\n      if (response.ok) return response;\n      if (response.status === 429 || response.status >= 500) {\n        await sleep(1000 + i * i * 50);\n        continue;\n      }\n      throw new Error(`HTTP error ${response.status}`);\n    } catch (error) {\n      clearTimeout(timeoutId);\n      if (i === maxRetries - 1) throw error;\n      await sleep(1000 + i * i * 50);\n    }\n  }\n  throw new Error("unreachable");\n}',
      `export async function get(u: string) { for (let attempt = 0; attempt < 3; attempt++) { const options = { signal: AbortSignal.timeout(5000) }; try { return await fetch(u, options); } catch (e) { await sleep(100 * 2 ** attempt); } } }`,
      `import axios from "axios";\nexport async function get(u: string) { for (let n = 0; n < 3; n++) { try { return await axios.get(u, { timeout: 1000 * (n + 1) }); } catch (e) { await sleep(100); } } }`,
      // Regression (langchainjs providers: fireworks and together-ai embeddings, cloudflare and together-ai
      // LLMs, openrouter and xai chat models): a LangChain model's own AsyncCaller retries what it runs.
      `import { Embeddings } from "@langchain/core/embeddings";\nexport class FireworksEmbeddings extends Embeddings {\n  constructor(fields) { super(fields); }\n  async embeddingWithRetry(request) {\n    return this.caller.call(async () => {\n      const response = await fetch(this.apiUrl, { method: "POST", body: JSON.stringify(request), signal: AbortSignal.timeout(1) });\n      return response.json();\n    });\n  }\n}`,
      `import { BaseChatModel } from "@langchain/core/language_models/chat_models";\nexport class ChatOpenRouter extends BaseChatModel {\n  async _generate(messages, options) {\n    const response = await this.caller.callWithOptions({ signal: options.signal }, async () => fetch(url, ${T}));\n    return response.json();\n  }\n}`,
      `const { LLM } = require("langchain/llms/base");\nclass TogetherAI extends LLM { async _call(prompt) { return this.caller.call(() => fetch(url, ${T})); } }\nmodule.exports = { TogetherAI };`,
      `import { AsyncCaller } from "@langchain/core/utils/async_caller";\nconst caller = new AsyncCaller({ maxConcurrency: 4 });\nexport const get = (u) => caller.call(() => fetch(u, ${T}));`,
      `import { AsyncCaller } from "@langchain/core/utils/async_caller";\nexport class Loader {\n  constructor(fields) { this.caller = new AsyncCaller(fields); }\n  load(u) { return this.caller.call(() => fetch(u, ${T})); }\n}`,
      // Regression (Auth.js providers/apple.ts, microsoft-entra-id.ts): a provider's own fetch under Auth.js's
      // `customFetch` symbol, which Auth.js calls for each OAuth request.
      'import { customFetch } from "@auth/core";\nexport default function Apple(options) {\n  return {\n    async [customFetch](...args) {\n      const url = new URL(args[0] instanceof Request ? args[0].url : args[0]);\n      if (url.pathname.endsWith(".well-known/openid-configuration")) {\n        const response = await fetch(...args);\n        return Response.json({ ...(await response.json()), userinfo_endpoint: "x" });\n      }\n      return fetch(...args);\n    },\n    options,\n  };\n}',
      // Regression (Auth.js providers/tiktok.ts): the same slot, sending on a URL it took apart from its arguments.
      'import { customFetch } from "@auth/core";\nexport const TikTok = (options) => ({\n  async [customFetch](...args) {\n    const [url, request] = args;\n    return fetch(url, { ...request, body: new URLSearchParams({ client_key: options.clientId }).toString() });\n  },\n});',
      // Regression (better-auth oauth2/validate-authorization-code.ts): a keyed fetch handed to jose.
      'import { createRemoteJWKSet } from "jose";\nimport { customFetch } from "@better-auth/core";\nexport const jwks = (endpoint: string) => createRemoteJWKSet(new URL(endpoint), {\n  [customFetch]: async (url, init) => {\n    const response = await fetch(url, { ...init, redirect: "manual" });\n    return response;\n  },\n});',
      // Regression (better-auth cimd/src/node.ts): a fetch typed by a name that ends in Fetch, built on https.request.
      'import { request as httpsRequest } from "node:https";\nimport type { ClientMetadataResourceFetch } from "@better-auth/oauth-provider";\nexport const fetchClientMetadataResource: ClientMetadataResourceFetch = async (input, init) => {\n  const url = new URL(new Request(input, init).url);\n  return new Promise<Response>((resolve, reject) => {\n    const request = httpsRequest(url, { agent: false, signal: init?.signal }, (response) => resolve(new Response(null, { status: response.statusCode })));\n    request.once("error", reject);\n    request.end();\n  });\n};',
      // Regression (atproto xrpc client.ts): a fetch handed straight to the client that sends through it.
      'export class ServiceClient extends XrpcClient {\n  constructor(public baseClient: Client, serviceUri: string | URL) {\n    super(async (input, init) => {\n      const headers = combineHeaders(init.headers, Object.entries(this.headers));\n      return fetch(new URL(input, this.uri), { ...init, headers });\n    }, baseClient.lex);\n  }\n}',
      'export const client = createClient((url: string, init: RequestInit) => fetch(url, init));',
      // Regression (shopify-app-remix adapters/vercel): a fetch handed to the library, sending on all its arguments.
      'import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";\nconst fetchFunc = fetch;\nsetAbstractFetchFunc(async (...args) => {\n  const response = await fetchFunc(...args);\n  return response as any;\n});',
      'export const tracedFetch = (...args: Parameters<typeof fetch>) => { span("fetch"); return fetch(...args); };',
      // Regression (kubernetes-client src/gen/http/isomorphic-fetch.ts, openapi-generator's template): a transport sending the request it is given.
      'import { fetch } from "undici";\nexport class IsomorphicFetchHttpLibrary implements HttpLibrary {\n  public send(request: RequestContext): Observable<ResponseContext> {\n    const resultPromise = fetch(request.getUrl(), { method: request.getHttpMethod().toString(), signal: request.getSignal() });\n    return from(resultPromise);\n  }\n}',
      // Regression (swr examples libs/fetcher.js): SWR's documented fetcher, in a lib file its hooks import; SWR retries it.
      'export default async function fetcher(...args: Parameters<typeof fetch>) {\n  const res = await fetch(...args);\n  return res.json();\n}',
      'export const jsonFetcher = (...args: Parameters<typeof fetch>) => fetch(...args).then((res) => res.json());',
      // Regression (Auth.js and better-auth docs, app/api/og/route.tsx): a font that ships with the module.
      'export async function GET() { const font = await fetch(new URL("../../assets/Geist.ttf", import.meta.url)).then((res) => res.arrayBuffer()); return render(font); }',
      // A retry loop around a batch over the same list still protects each request of it.
      `export async function all(urls) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try { return await Promise.all(urls.map((u) => fetch(u, ${T}))); } catch { await sleep(Math.random() * 100 * 2 ** attempt); }\n  }\n}`,
      // Regression (gemini-cli a2a-client-manager.ts): a field declared as a fetch, set in the constructor.
      'import { Agent } from "undici";\nexport class A2AClientManager {\n  private a2aFetch: typeof fetch;\n  private readonly dispatcher = new Agent({ headersTimeout: 1000 });\n  constructor() {\n    this.a2aFetch = (input, init) => fetch(input, { ...init, dispatcher: this.dispatcher } as RequestInit);\n  }\n}',
      // Regression (ofetch index.ts): a fetch typed as one, chosen by a condition.
      'export const fetch: typeof globalThis.fetch = globalThis.fetch\n  ? (...args: Parameters<typeof globalThis.fetch>) => globalThis.fetch(...args)\n  : () => Promise.reject(new Error("[ofetch] global.fetch is not supported!"));',
    ],
    invalid: [
      // Implementations and drop-in fetches are unresolved: their callers decide, so reported in report mode.
      unprotected('export class CustomHttpClient implements BaseHttpClient { sendRequest(request: HttpRequest) { return fetch(request.url, { signal: request.signal }); } }', 'fetch', { options: [{ unresolved: 'report' }] }),
      unprotected('export const debugFetch = (url: string, init?: RequestInit) => fetch(url, init);', 'fetch', { options: [{ unresolved: 'report' }] }),
      unprotected('export class Service { constructor(readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {} }', 'fetch', { options: [{ unresolved: 'report' }] }),
      // An interface that is not a transport, a transport method with a URL of its own, a helper not named as a
      // fetch (`prefetch` only ends with the letters), and a fetch-named one that makes its own options.
      // Near misses: a factory not named for a fetch whose function sends on its input, a fetch-named factory's
      // function that requests its own URL, and a factory declared to return something other than a transport.
      unprotected(`export const createLoader = (base: string) => async (input: string, init: RequestInit = {}) => fetch(input, init);`),
      unprotected(`export const createFetch = (base: string) => async () => fetch(base + "/items", ${T});`),
      unprotected(`export function createStore(): Store {\n  async function load(request: { url: string }) { return fetch(request.url, ${T}); }\n  return { load };\n}`),
      unprotected(`@Injectable()\nexport class PaymentsService implements OnModuleInit {\n  onModuleInit() {}\n  charge(url: string) { return fetch(url, ${T}); }\n}`),
      unprotected(`export class Client implements HttpClient { ping() { return fetch("/pong", ${T}); } }`),
      unprotected(`export class Client implements HttpClient { ping(request: Request) { return fetch(request.getUrlFor("ping"), ${T}); } }`),
      unprotected(`export class Client implements HttpClient { send(options: RequestInit, url: string) { return fetch(url, { ...options, ${T.slice(2, -2)} }); } }`),
      unprotected('export const prefetch = (url: string, init?: RequestInit) => fetch(url, init);'),
      // A fetcher that makes its own request from what it is given is not a drop-in fetch: reported.
      unprotected(`export const fetcher = (path: string) => fetch(\`/api/\${path}\`, ${T}).then((res) => res.json());`),
      unprotected(`export const fetcher = (url: string) => fetch(url, ${T}).then((res) => res.json());`),
      unprotected('export const fetcher = (...args: Parameters<typeof fetch>) => fetch(...args).then((res) => res.json());', 'fetch', { options: [{ unresolved: 'report' }] }),
      unprotected('export const get = (url: string, init?: RequestInit) => fetch(url, init);'),
      unprotected(`export const debugFetch = (url: string) => fetch(url, ${T});`),
      unprotected(`export const debugFetch = (url: string, init?: RequestInit) => fetch(url, { ...init, ${T.slice(2, -2)} });`),
      unprotected(`export function createClient(fetcher = (...args: [string]) => fetch(...args, ${T})) { return fetcher; }`),
      // Per-pass data made by a call, an index or destructuring: each pass sends a new request, so no retry.
      unprotected(`export async function drain(queue: string[]) { while (queue.length > 0) { const url = queue.shift()!; try { await fetch(url, ${T}); } catch (e) { log(e); } } }`),
      unprotected(`export async function all(urls: string[]) { for (let i = 0; i < urls.length; i++) { const url = urls[i]; try { await fetch(url, ${T}); } catch { continue; } } }`),
      unprotected(`export async function each(jobs: Job[]) { let n = 0; while (n < jobs.length) { const { url } = jobs[n]; try { await fetch(url, ${T}); } catch { } n++; } }`),
      unprotected(`export async function each(config: RequestInit) { for (;;) { const init = { ...config }; init.headers = nextHeaders(); try { return await fetch("/a", { ...init, ${T.slice(2, -2)} }); } catch { } } }`),
      // A computed key that does not name a fetch; a handed function that makes its own options, or
      // sends something other than its URL; all of a drop-in fetch's arguments and more.
      unprotected(`export const provider = { async [loadProfile](url: string) { return fetch(url, ${T}); } };`),
      unprotected(`export const client = createClient((url: string) => fetch(url, ${T}));`),
      unprotected(`app.get("/proxy", (req, res) => fetch(req.url, ${T}).then((r) => r.body.pipeTo(res)));`),
      unprotected(`export const client = createClient((path: string, init: RequestInit) => fetch(new URL("/fixed", base), { ...init, ${T.slice(2, -2)} }));`),
      unprotected(`export const tracedFetch = (...args: [string]) => fetch(...args, ${T});`),
      unprotected(`export const fetchAll = (...args: [string, RequestInit]) => fetch(...args);`),
      unprotected(`urls.forEach((...args: [string]) => fetch(...args, ${T}));`),
      // Regression (medusa js-sdk client.ts): the project's own fetch type, for a request function the file calls itself.
      unprotected(`import type { ClientFetch } from "./types";\nexport class Client {\n  fetch_: ClientFetch = this.initClient();\n  protected initClient(): ClientFetch {\n    return async (input: string, init?: RequestInit) => fetch(input, { ...init, ${T.slice(2, -2)} });\n  }\n}`),
      unprotected(`import type { ApiFetch } from "@/lib/types";\nexport const apiFetch: ApiFetch = (path: string) => fetch(path, ${T});`),
      // A condition choosing a fetch that nothing types as one.
      unprotected(`export const load = cond ? (u: string) => fetch(u, ${T}) : undefined;`),
      unprotected(`export const get = async <T,>(u: string): Promise<T> => (await fetch(u, ${T})).json() as Promise<T>;`),
      // Regression (gemini-cli actions_spend.ts): requests for each chunk of a list, their errors caught in the
      // callback, were taken for a retry loop around them.
      unprotected(`export async function spend(runs) {\n  for (let i = 0; i < runs.length; i += 20) {\n    const chunk = runs.slice(i, i + 20);\n    await Promise.all(chunk.map(async (r) => {\n      try { await fetch(\`https://api.github.com/runs/\${r.id}/jobs\`, ${T}); } catch (e) { console.error(e); }\n    }));\n  }\n}`),
      // A field typed as something else, a static field, and a field of another class.
      unprotected(`export class A { private load: Loader; constructor() { this.load = (u: string) => fetch(u, ${T}); } }`),
      unprotected(`export class A { static load: typeof fetch; init() { A.load = (u: string) => fetch(u, ${T}); } }`),
      unprotected(`export class A { load: typeof fetch; } export class B { constructor() { this.load = (u: string) => fetch(u, ${T}); } }`),
      unprotected(`export class A { load: typeof fetch; constructor() { function make() { this.load = (u: string) => fetch(u, ${T}); } make(); } }`),
      // Typed as something other than a fetch; and a typed fetch in strict mode.
      unprotected(`export const load: Loader = async (u: string) => fetch(u, ${T});`),
      unprotected(`export function loader(): () => Promise<Response> { return () => fetch("/a", ${T}); }`),
      // A type of the file's own that takes a URL string, or gives back something else, is not fetch's.
      unprotected(`type Loader = (url: string) => Promise<Response>;\nexport const load: Loader = (url) => fetch(url, ${T});`),
      unprotected(`type Loader = (input: RequestInfo) => Promise<unknown>;\nexport const load: Loader = async (input) => (await fetch(input, ${T})).json();`),
      unprotected(`export const tracedFetch: typeof fetch = async (input, init) => fetch(input, { ...init, ${T.slice(2, -2)} });`, 'fetch', { options: [{ unresolved: 'report' }] }),
      unprotected('import axios from "axios"; export const get = (u: string) => axios.get<User>(u, { timeout: 1 });', 'axios'),
      unprotected('import axios from "axios"; class Api { client = axios.create({ timeout: 1 }); } const api = new Api(); export const load = () => api.client.get(url);', 'axios'),
      unprotected(`export const get = (u?: string) => fetch(u!, ${T})?.then((r) => r.json());`),
      { ...unprotected(`export const Ping = () => <button onClick={() => fetch("/p", ${T})} />;`), filename: 'ping.tsx' },
      unprotected('import axios from "axios"; class Api { private client = axios.create({ timeout: 1 }); load(u: string) { return this.client.get(u); } }', 'axios'),
      unprotected(`class Api { private fetch = globalThis.fetch; load(u: string) { return this.fetch(u, ${T}); } }`),
      // A request interceptor cannot re-send; another instance's response interceptor does not count.
      unprotected('import axios from "axios"; const api = axios.create({ timeout: 1 }); api.interceptors.request.use(addAuth); export const get = (u: string) => api.get(u);', 'axios'),
      unprotected('import axios from "axios"; const a = axios.create({ timeout: 1 }); const b = axios.create({ timeout: 1 }); b.interceptors.response.use(undefined, retry); export const get = (u: string) => a.get(u);', 'axios'),
    ],
  });

  cjsTester.run('no-unprotected-call (CommonJS)', ruleModule, {
    valid: [
      'const pRetry = require("p-retry"); const axios = require("axios"); module.exports = (u) => pRetry(() => axios.get(u));',
      'const { retry, handleAll } = require("cockatiel"); const p = retry(handleAll, {}); module.exports = (u) => p.execute(() => fetch(u));',
      'const got = require("got"); module.exports = (u) => got(u);',
      'const fetch = require("fetch-retry")(global.fetch);\nmodule.exports = (u) => fetch(u);',
    ],
    invalid: [
      unprotected('const axios = require("axios"); module.exports = (u) => axios.get(u);', 'axios'),
      unprotected('const { bulkhead } = require("cockatiel"); const b = bulkhead(2); module.exports = (u) => b.execute(() => fetch(u));'),
    ],
  });
});
