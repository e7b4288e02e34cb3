import type { Rule } from 'eslint';
import rule from '../../src/rules/no-nested-retry';
import { cjsTester, jsTester, tsTester } from '../rule-tester';

const ruleModule = rule as unknown as Rule.RuleModule;
const IMPORTS = [
  'import { retry, handleAll, wrap, circuitBreaker, ConsecutiveBreaker } from "cockatiel";',
  'import pRetry from "p-retry";',
  'import retryAsync from "async-retry";',
  'import promiseRetry from "promise-retry";',
  'import { backOff } from "exponential-backoff";',
  'import got from "got";',
  'import ky from "ky";',
  'import superagent from "superagent";',
  'import fetchRetry from "fetch-retry";',
  'const retryingFetch = fetchRetry(fetch);',
  'import { AsyncCaller } from "@langchain/core/utils/async_caller";',
].join('\n');

/** Places a request can be retried from: [label in the message, retries, code with BODY where the request goes]. */
const OUTERS: [string, number, string][] = [
  ['cockatiel retry', 3, 'const p = retry(handleAll, { maxAttempts: 3 });\nexport const get = (url) => p.execute(() => BODY);'],
  ['p-retry', 2, 'export const get = (url) => pRetry(() => BODY, { retries: 2 });'],
  ['p-retry', 10, 'export const get = (url) => pRetry(() => BODY);'],
  ['async-retry', 4, 'export const get = (url) => retryAsync(async () => BODY, { retries: 4 });'],
  ['this retry loop', 2, 'export async function get(url) {\n  for (let i = 0; i < 3; i++) {\n    try { return await BODY; } catch (e) { }\n  }\n}'],
  ['cockatiel retry', 1, 'const p = wrap(retry(handleAll, { maxAttempts: 1 }), circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) }));\nexport const get = (url) => p.execute(() => BODY);'],
  ['exponential-backoff', 4, 'export const get = (url) => backOff(() => BODY, { numOfAttempts: 5 });'],
  ['p-retry', 2, 'async function load(url) {\n  return BODY;\n}\nexport const get = (url) => pRetry(() => load(url), { retries: 2 });'],
  ['promise-retry', 3, 'export const get = (url) => promiseRetry((again) => BODY.catch(again), { retries: 3 });'],
  // A retry helper of the same file, handed the request inline or by name
  ['this retry loop', 2, 'async function withRetry(fn) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fn(); } catch (e) { }\n  }\n}\nexport const get = (url) => withRetry(() => BODY);'],
  ['this retry loop', 3, 'const withRetry = async (fn) => {\n  for (let i = 0; i < 4; i++) {\n    try { return await fn(); } catch (e) { }\n  }\n};\nfunction load(url) {\n  return BODY;\n}\nexport const get = (url) => withRetry(() => load(url));'],
  // A helper of the same file that hands the request on to a retry wrapper, directly or through another helper
  ['p-retry', 3, 'function withRetry(fn) {\n  return pRetry(fn, { retries: 3 });\n}\nexport const get = (url) => withRetry(() => BODY);'],
  // LangChain's AsyncCaller: 6 retries unless its options say otherwise
  ['AsyncCaller', 6, 'const caller = new AsyncCaller({ maxConcurrency: 2 });\nexport const get = (url) => caller.call(() => BODY);'],
  ['AsyncCaller', 2, 'const caller = new AsyncCaller({ maxRetries: 2 });\nexport const get = (url) => caller.callWithOptions({ signal: AbortSignal.timeout(5000) }, () => BODY);'],
  ['cockatiel retry', 2, 'const policy = retry(handleAll, { maxAttempts: 2 });\nconst guarded = (fn) => policy.execute(() => fn());\nconst viaGuard = (fn) => guarded(fn);\nexport const get = (url) => viaGuard(() => BODY);'],
];

/** Requests that retry by themselves: [messageId, label, retries, code]. */
const INNERS: ['retryingClient' | 'nestedRetry', string, number, string][] = [
  ['retryingClient', 'got', 2, 'got(url).json()'],
  ['retryingClient', 'ky', 2, 'ky.get(url).json()'],
  ['nestedRetry', 'p-retry', 1, 'pRetry(() => fetch(url), { retries: 1 })'],
  ['retryingClient', 'superagent', 2, 'superagent.get(url).retry(2)'],
  ['nestedRetry', 'cockatiel retry', 2, 'retry(handleAll, { maxAttempts: 2 }).execute(() => fetch(url))'],
  ['retryingClient', 'fetch-retry', 3, 'retryingFetch(url)'],
  ['retryingClient', 'fetch-retry', 1, 'fetchRetry(fetch, { retries: 1 })(url)'],
];

const invalid = OUTERS.flatMap(([outer, outerRetries, template]) =>
  INNERS.map(([messageId, inner, innerRetries, body]) => ({
    code: `${IMPORTS}\n${template.replace('BODY', body)}`,
    errors: [{ messageId, data: { inner, outer, equation: `(${outerRetries}+1) × (${innerRetries}+1) = ${(outerRetries + 1) * (innerRetries + 1)}` } }],
  })),
);

/** Requests inside those retries that do not retry by themselves. */
const QUIET_BODIES = [
  'got(url, { retry: { limit: 0 } }).json()',
  'ky.get(url, { retry: 0 }).json()',
  'fetch(url)',
  'got.post(url, { json: {} }).json()',
  'superagent.get(url)',
  'retryingFetch(url, { retries: 0 })',
];

const valid = [
  ...OUTERS.flatMap(([, , template]) => QUIET_BODIES.map((body) => `${IMPORTS}\n${template.replace('BODY', body)}`)),
  // retrying clients and retries on their own
  `${IMPORTS}\nexport const get = (url) => got(url).json();`,
  `${IMPORTS}\nexport const get = (url) => pRetry(() => fetch(url), { retries: 5 });`,
  `${IMPORTS}\nconst p = retry(handleAll, { maxAttempts: 2 });\nexport const get = (url) => p.execute(() => fetch(url));`,
  // an AsyncCaller told not to retry
  `${IMPORTS}\nconst caller = new AsyncCaller({ maxRetries: 0 });\nexport const get = (url) => caller.call(() => got(url).json());`,
  // one after the other, not nested
  `${IMPORTS}\nexport async function both(url) {\n  await pRetry(() => fetch(url));\n  return pRetry(() => fetch(url));\n}`,
  // a breaker is not a retry
  `${IMPORTS}\nconst b = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) });\nexport const get = (url) => pRetry(() => b.execute(() => fetch(url)));`,
  `${IMPORTS}\nconst b = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) });\nexport const get = (url) => b.execute(() => got(url).json());`,
  // a request whose options the file does not show: got(x) may be got(options)
  `${IMPORTS}\nexport const get = (x) => pRetry(() => got(x).json());`,
  // a retry policy imported from elsewhere is not judged
  `${IMPORTS}\nimport { policy } from "./policy";\nexport const get = (url) => policy.execute(() => pRetry(() => fetch(url)));`,
  // a helper that retries the function handed to it only sometimes: the file does not show which runs
  `${IMPORTS}\nfunction maybeRetry(fn, again) {\n  return again ? pRetry(fn, { retries: 3 }) : fn();\n}\nexport const get = (url) => maybeRetry(() => got(url).json(), true);`,
  // a helper that only calls the function handed to it: a retry around another of its callers does not re-run this one
  `${IMPORTS}\nconst timed = async (fn) => fn();\nexport const a = (url) => pRetry(() => timed(() => fetch(url)));\nexport const b = (url) => timed(() => got(url).json());`,
  `${IMPORTS}\nconst timed = async (fn) => { const start = Date.now(); try { return await fn(); } finally { console.log(Date.now() - start); } };\nexport const get = (url) => timed(() => got(url).json());`,
  // loops over different requests are not retries
  `${IMPORTS}\nexport async function all(urls) {\n  for (const url of urls) await got(url).json();\n}`,
];

describe('no-nested-retry', () => {
  jsTester.run('no-nested-retry (espree)', ruleModule, { valid, invalid });
  tsTester.run('no-nested-retry (typescript)', ruleModule, {
    valid: [`${IMPORTS}\nexport const get = (url: string) => pRetry(() => fetch(url), { retries: 2 });`],
    invalid: [
      {
        code: `${IMPORTS}\nexport const get = (url: string) => pRetry(() => got(url).json<{ id: string }>(), { retries: 2 });`,
        errors: [{ messageId: 'retryingClient', data: { inner: 'got', outer: 'p-retry', equation: '(2+1) × (2+1) = 9' } }],
      },
    ],
  });
  cjsTester.run('no-nested-retry (commonjs)', ruleModule, {
    valid: ['const pRetry = require("p-retry");\nmodule.exports = (url) => pRetry(() => fetch(url));'],
    invalid: [
      {
        code: 'const pRetry = require("p-retry");\nconst got = require("got");\nmodule.exports = (url) => pRetry(() => got(url).json(), { retries: 1 });',
        errors: [{ messageId: 'retryingClient', data: { inner: 'got', outer: 'p-retry', equation: '(1+1) × (2+1) = 6' } }],
      },
      {
        code: 'const { retry, handleAll } = require("cockatiel");\nconst p = retry(handleAll, { maxAttempts: 3 });\nconst q = retry(handleAll);\nmodule.exports = (url) => p.execute(() => q.execute(() => fetch(url)));',
        errors: [{ messageId: 'nestedRetry', data: { inner: 'cockatiel retry', outer: 'cockatiel retry', equation: '(3+1) × (∞) = ∞' } }],
      },
    ],
  });
});

/** TanStack Query and SWR re-run a failed query function: a retry inside one multiplies with theirs. */
describe('no-nested-retry: query libraries as the outer retry', () => {
  const QUERY_IMPORTS = [
    'import { useQuery, useMutation, QueryClient } from "@tanstack/react-query";',
    'import useSWR from "swr";',
    'import pRetry from "p-retry";',
    'import got from "got";',
  ].join('\n');
  const code = (body: string) => `${QUERY_IMPORTS}\n${body}`;
  const REPORT = [{ unresolved: 'report' as const }];
  const nested = (outer: string, equation: string) => ({ messageId: 'nestedRetry' as const, data: { inner: 'p-retry', outer, equation } });

  jsTester.run('no-nested-retry (query libraries)', ruleModule, {
    valid: [
      // The library's default: a QueryClient made elsewhere may turn it off (and TanStack Query does not retry on the server).
      code('export const useUser = (id) => useQuery({ queryKey: ["user", id], queryFn: () => pRetry(() => fetch(`/users/${id}`), { retries: 2 }) });'),
      code('export const useUser = (id) => useSWR(`/users/${id}`, (url) => pRetry(() => fetch(url), { retries: 2 }));'),
      // Retrying turned off, or set from something the file does not show
      { code: code('export const useUser = (id) => useQuery({ queryKey: ["user", id], queryFn: () => pRetry(() => fetch(`/users/${id}`)), retry: false });'), options: REPORT },
      { code: code('export const useUser = (id) => useQuery({ queryKey: ["user", id], queryFn: () => pRetry(() => fetch(`/users/${id}`)), retry: 0 });'), options: REPORT },
      { code: code('export const useUser = (id, retry) => useQuery({ queryKey: ["user", id], queryFn: () => pRetry(() => fetch(`/users/${id}`)), retry });'), options: REPORT },
      { code: code('export const useUser = (id, opts) => useQuery({ queryKey: ["user", id], queryFn: () => pRetry(() => fetch(`/users/${id}`)), retry: 3, ...opts });'), options: REPORT },
      { code: code('export const useUser = (id) => useSWR(`/users/${id}`, (url) => pRetry(() => fetch(url)), { shouldRetryOnError: false, errorRetryCount: 3 });'), options: REPORT },
      { code: code('export const useUser = (id) => useSWR(`/users/${id}`, (url) => pRetry(() => fetch(url)), { errorRetryCount: 0 });'), options: REPORT },
      // Mutations do not retry by default; a query function with no retry inside is fine.
      { code: code('export const useSave = () => useMutation({ mutationFn: (body) => pRetry(() => fetch("/save", { method: "POST", body })) });'), options: REPORT },
      code('export const useUser = (id) => useQuery({ queryKey: ["user", id], queryFn: () => fetch(`/users/${id}`), retry: 3 });'),
      // A retry in the component, outside the query function, is not re-run by the query.
      code('export function User({ id }) {\n  useQuery({ queryKey: ["user", id], queryFn: () => fetch(`/users/${id}`), retry: 3 });\n  const reload = () => pRetry(() => fetch(`/users/${id}`));\n  return reload;\n}'),
      // A local function named useQuery is not TanStack Query.
      'import pRetry from "p-retry";\nconst useQuery = (o) => o.queryFn();\nexport const u = () => useQuery({ queryFn: () => pRetry(() => fetch("/x")), retry: 3 });',
    ],
    invalid: [
      // The query's own options turn retrying on.
      {
        code: code('export const useUser = (id) => useQuery({ queryKey: ["user", id], queryFn: () => pRetry(() => fetch(`/users/${id}`), { retries: 2 }), retry: 3 });'),
        errors: [nested('TanStack Query retry', '(3+1) × (2+1) = 12')],
      },
      {
        code: code('export const useUser = (id) => useQuery({ queryKey: ["user", id], queryFn: () => pRetry(() => fetch(`/users/${id}`), { retries: 2 }), retry: true });'),
        errors: [nested('TanStack Query retry', '(∞) × (2+1) = ∞')],
      },
      {
        code: code('export const useUser = (id) => useQuery({ queryKey: ["user", id], queryFn: () => pRetry(() => fetch(`/users/${id}`), { retries: 2 }), retry: (count) => count < 2 });'),
        errors: [nested('TanStack Query retry', '(?+1) × (2+1)')],
      },
      {
        code: code('export const useUser = (id) => useQuery({ queryKey: ["user", id], queryFn: () => got(`https://api/users/${id}`).json(), retry: 1 });'),
        errors: [{ messageId: 'retryingClient', data: { inner: 'got', outer: 'TanStack Query retry', equation: '(1+1) × (2+1) = 6' } }],
      },
      // Passed by name, and called from inside the query function
      {
        code: code('async function loadUser(id) {\n  return pRetry(() => fetch(`/users/${id}`), { retries: 1 });\n}\nexport const useUser = (id) => useQuery(["user", id], () => loadUser(id), { retry: 2 });'),
        errors: [nested('TanStack Query retry', '(2+1) × (1+1) = 6')],
      },
      {
        code: code('const loadUsers = () => pRetry(() => fetch("/users"), { retries: 1 });\nexport const useUsers = () => useQuery({ queryKey: ["users"], queryFn: loadUsers, retry: 2 });'),
        errors: [nested('TanStack Query retry', '(2+1) × (1+1) = 6')],
      },
      {
        code: code('export const useUser = (id) => useSWR(`/users/${id}`, (url) => pRetry(() => fetch(url), { retries: 1 }), { errorRetryCount: 4 });'),
        errors: [nested('SWR retry', '(4+1) × (1+1) = 10')],
      },
      // shouldRetryOnError: true turns SWR's retries on explicitly, with its default of no limit.
      {
        code: code('export const useUser = (id) => useSWR(`/users/${id}`, (url) => pRetry(() => fetch(url), { retries: 1 }), { shouldRetryOnError: true });'),
        errors: [nested('SWR retry', '(∞) × (1+1) = ∞')],
      },
      // The libraries' defaults, with unresolved: "report": TanStack Query's 3 retries, SWR's unlimited ones.
      {
        code: code('export const useUser = (id) => useQuery({ queryKey: ["user", id], queryFn: () => pRetry(() => fetch(`/users/${id}`), { retries: 2 }) });'),
        options: REPORT,
        errors: [nested('TanStack Query retry', '(3+1) × (2+1) = 12')],
      },
      {
        code: code('export const useUser = (id) => useSWR(`/users/${id}`, (url) => pRetry(() => fetch(url), { retries: 2 }));'),
        options: REPORT,
        errors: [nested('SWR retry', '(∞) × (2+1) = ∞')],
      },
      {
        code: code('export const client = new QueryClient({ defaultOptions: { queries: { queryFn: () => pRetry(() => fetch("/x"), { retries: 1 }), retry: 2 } } });'),
        errors: [nested('TanStack Query retry', '(2+1) × (1+1) = 6')],
      },
    ],
  });
  tsTester.run('no-nested-retry (query libraries, typescript)', ruleModule, {
    valid: [code('export const useUser = (id: string) => useQuery({ queryKey: ["user", id], queryFn: (() => pRetry(() => fetch(`/users/${id}`))) as () => Promise<Response> });')],
    invalid: [
      {
        code: code('interface User { id: string }\nexport const useUser = (id: string) => useQuery<User>({ queryKey: ["user", id], queryFn: (async () => pRetry(async () => (await fetch(`/users/${id}`)).json() as Promise<User>, { retries: 1 })) satisfies () => Promise<User>, retry: 2 });'),
        errors: [nested('TanStack Query retry', '(2+1) × (1+1) = 6')],
      },
    ],
  });
});

/** Inngest and Trigger.dev re-run a durable function that throws: a retry inside one multiplies with theirs. */
describe('no-nested-retry: durable functions as the outer retry', () => {
  const code = (body: string) => `import pRetry from "p-retry";\nimport { inngest } from "./client";\nimport { task } from "@trigger.dev/sdk/v3";\n${body}`;
  const REPORT = [{ unresolved: 'report' as const }];
  const nested = (outer: string, equation: string) => ({ messageId: 'nestedRetry' as const, data: { inner: 'p-retry', outer, equation } });

  jsTester.run('no-nested-retry (durable functions)', ruleModule, {
    valid: [
      // Inngest's default of 4 retries is reported only with unresolved: "report", as a query library's default is.
      code('export const sync = inngest.createFunction({ id: "sync" }, { event: "app/sync" }, async () => pRetry(() => fetch("https://api.example.com/sync"), { retries: 2 }));'),
      // Retrying turned off, or set from something the file does not show (a task with no retry: the project's trigger.config).
      { code: code('export const sync = inngest.createFunction({ id: "sync", retries: 0 }, { event: "app/sync" }, async () => pRetry(() => fetch("https://api.example.com/sync")));'), options: REPORT },
      { code: code('export const sync = inngest.createFunction({ id: "sync", retries: RETRIES }, { event: "app/sync" }, async () => pRetry(() => fetch("https://api.example.com/sync")));'), options: REPORT },
      { code: code('export const sync = task({ id: "sync", run: async () => pRetry(() => fetch("https://api.example.com/sync")) });'), options: REPORT },
      { code: code('export const sync = task({ id: "sync", retry: { maxAttempts: 1 }, run: async () => pRetry(() => fetch("https://api.example.com/sync")) });'), options: REPORT },
      // Not Inngest: a createFunction of another library, when nothing says Inngest.
      { code: 'import pRetry from "p-retry";\nimport { functions } from "./platform";\nexport const f = functions.createFunction({ id: "f", retries: 3 }, async () => pRetry(() => fetch("https://api.example.com/f")));', options: REPORT },
    ],
    invalid: [
      {
        code: code('export const sync = inngest.createFunction({ id: "sync", retries: 3 }, { event: "app/sync" }, async ({ step }) => step.run("load", () => pRetry(() => fetch("https://api.example.com/sync"), { retries: 2 })));'),
        errors: [nested('Inngest retry', '(3+1) × (2+1) = 12')],
      },
      {
        code: code('export const sync = inngest.createFunction({ id: "sync" }, { event: "app/sync" }, async () => pRetry(() => fetch("https://api.example.com/sync"), { retries: 2 }));'),
        options: REPORT,
        errors: [nested('Inngest retry', '(4+1) × (2+1) = 15')],
      },
      {
        code: code('const run = async () => pRetry(() => fetch("https://api.example.com/sync"), { retries: 1 });\nexport const sync = task({ id: "sync", retry: { maxAttempts: 3 }, run });'),
        errors: [nested('Trigger.dev retry', '(2+1) × (1+1) = 6')],
      },
    ],
  });
});
