import type { Rule } from 'eslint';
import rule from '../../src/rules/no-retry-non-idempotent';
import { cjsTester, jsTester, tsTester } from '../rule-tester';

const ruleModule = rule as unknown as Rule.RuleModule;
const IMPORTS = [
  'import { retry, handleAll, circuitBreaker, ConsecutiveBreaker } from "cockatiel";',
  'import pRetry from "p-retry";',
  'import axios from "axios";',
  'import got from "got";',
  'import superagent from "superagent";',
  'import { AsyncCaller } from "@langchain/core/utils/async_caller";',
].join('\n');

/** Retries around BODY: [label, code]. */
const OUTERS: [string, string][] = [
  ['cockatiel retry', 'const p = retry(handleAll, { maxAttempts: 2 });\nexport const send = (url, body) => p.execute(() => BODY);'],
  ['p-retry', 'export const send = (url, body) => pRetry(() => BODY, { retries: 2 });'],
  ['this retry loop', 'export async function send(url, body) {\n  for (let i = 0; i < 3; i++) {\n    try { return await BODY; } catch (e) { }\n  }\n}'],
  ['p-retry', 'async function post(url, body) {\n  return BODY;\n}\nexport const send = (url, body) => pRetry(() => post(url, body));'],
  ['this recursive retry', 'export async function send(url, body, attempt = 0) {\n  try {\n    return await BODY;\n  } catch (e) {\n    if (attempt < 3) return send(url, body, attempt + 1);\n    throw e;\n  }\n}'],
  // a helper of the file that hands the request on to a retry wrapper
  ['p-retry', 'function withRetry(fn) {\n  return pRetry(fn, { retries: 2 });\n}\nexport const send = (url, body) => withRetry(() => BODY);'],
  // LangChain's AsyncCaller
  ['AsyncCaller', 'const caller = new AsyncCaller({ maxConcurrency: 2 });\nexport const send = (url, body) => caller.call(() => BODY);'],
];

/** Non-idempotent requests with no key: [method, code]. */
const UNSAFE: [string, string][] = [
  ['POST', 'fetch(url, { method: "POST", body })'],
  ['PATCH', 'fetch(url, { method: "PATCH", body })'],
  ['POST', 'axios.post(url, body, { timeout: 1000 })'],
  ['PATCH', 'axios.patch(url, body)'],
  ['POST', 'got.post(url, { json: body }).json()'],
  ['POST', 'fetch(url, { method: "post", body, headers: { "content-type": "application/json" } })'],
  ['POST', 'superagent.post(url).send(body)'],
  ['POST', 'axios.post(url, body, { headers: { Authorization: token } })'],
];

/** Requests a retry may repeat: safe methods, or a key. */
const SAFE = [
  'fetch(url)',
  'fetch(url, { method: "PUT", body })',
  'fetch(url, { method: "DELETE" })',
  'axios.get(url, { timeout: 1000 })',
  'fetch(url, { method: "POST", body, headers: { "Idempotency-Key": key } })',
  'axios.post(url, body, { headers: { "idempotency-key": key } })',
  'got.post(url, { json: body, headers: { "X-Idempotency-Key": key } }).json()',
  'fetch(url, { method: "POST", body, headers: new Headers({ "Idempotency-Key": key }) })',
  'superagent.post(url).set("Idempotency-Key", key).send(body)',
  // headers the file does not show: silent unless unresolved is "report"
  'fetch(url, { method: "POST", body, headers })',
];

const FETCH_RETRY = 'import fetchRetry from "fetch-retry";\nconst retryingFetch = fetchRetry(fetch, { retries: 3 });';

const invalid = [
  // fetch-retry re-sends after a network error, which may come after the server applied the request.
  { code: `${FETCH_RETRY}\nexport const send = (url, body) => retryingFetch(url, { method: "POST", body });`, errors: [{ messageId: 'retriedWithoutKey', data: { retry: 'fetch-retry', method: 'POST' } }] },
  ...OUTERS.flatMap(([retry, template]) =>
    UNSAFE.map(([method, body]) => ({ code: `${IMPORTS}\n${template.replace('BODY', body)}`, errors: [{ messageId: 'retriedWithoutKey', data: { retry, method } }] })),
  ),
  // clients told to retry POST themselves
  { code: `${IMPORTS}\nexport const send = (url, body) => got.post(url, { json: body, retry: { limit: 2, methods: ["POST"] } }).json();`, errors: [{ messageId: 'retriedWithoutKey', data: { retry: "got's retry", method: 'POST' } }] },
  // A key made inside the code the retry re-runs is new on each attempt, so the server cannot match the retries.
  ...[
    ['p-retry', 'import { v4 } from "uuid";\nexport const send = (url, body) => pRetry(() => axios.post(url, body, { headers: { "Idempotency-Key": v4() } }), { retries: 2 });'],
    ['p-retry', 'export const send = (url, body) => pRetry(() => {\n  const key = `order-${Date.now()}`;\n  return fetch(url, { method: "POST", body, headers: { "Idempotency-Key": key } });\n}, { retries: 2 });'],
    ['p-retry', 'export const send = (url, body) => pRetry(() => superagent.post(url).set("Idempotency-Key", crypto.randomUUID()).send(body), { retries: 2 });'],
    ['this retry loop', 'import { randomBytes } from "node:crypto";\nexport async function send(url, body) {\n  for (let i = 0; i < 3; i++) {\n    try { return await axios.post(url, body, { headers: { "X-Idempotency-Key": randomBytes(16).toString("hex") } }); } catch (e) { }\n  }\n}'],
    ['this recursive retry', 'import { nanoid } from "nanoid";\nexport async function send(url, body, attempt = 0) {\n  try {\n    return await axios.post(url, body, { headers: { "Idempotency-Key": nanoid() } });\n  } catch (e) {\n    if (attempt < 3) return send(url, body, attempt + 1);\n    throw e;\n  }\n}'],
  ].map(([retry, code]) => ({ code: `${IMPORTS}\n${code}`, errors: [{ messageId: 'freshKeyEachAttempt' as const, data: { retry } }] })),
  // a recursive retry from the request promise's rejection handler
  { code: `${IMPORTS}\nexport function send(url, body) { return axios.post(url, body).catch(() => sleep(500).then(() => send(url, body))); }`, errors: [{ messageId: 'retriedWithoutKey', data: { retry: 'this recursive retry', method: 'POST' } }] },
  { code: `${IMPORTS}\nexport function send(url, body) { return axios.post(url, body).catch((e) => (e.response?.status >= 500 ? send(url, body) : Promise.reject(e))); }`, errors: [{ messageId: 'retriedWithoutKey', data: { retry: 'this recursive retry', method: 'POST' } }] },
  { code: `${IMPORTS}\nconst api = got.extend({ retry: { methods: ["GET", "POST"] } });\nexport const send = (url, body) => api.post(url, { json: body }).json();`, errors: [{ messageId: 'retriedWithoutKey', data: { retry: "got's retry", method: 'POST' } }] },
  // got retries DELETE by default: a team that counts DELETE as unsafe hears about it
  {
    code: `${IMPORTS}\nexport const remove = (url) => got.delete(url);`,
    options: [{ methods: ['POST', 'PATCH', 'DELETE'] }],
    errors: [{ messageId: 'retriedWithoutKey', data: { retry: "got's retry", method: 'DELETE' } }],
  },
  { code: `${IMPORTS}\nconst agent = superagent.agent();\nagent.retry(2);\nexport const send = (url, body) => agent.post(url).send(body);`, errors: [{ messageId: 'retriedWithoutKey', data: { retry: "superagent's .retry()", method: 'POST' } }] },
  { code: `${IMPORTS}\nconst agent = superagent.agent().timeout(5000).retry(2);\nexport const send = (url, body) => agent.post(url).send(body);`, errors: [{ messageId: 'retriedWithoutKey', data: { retry: "superagent's .retry()", method: 'POST' } }] },
  { code: `${IMPORTS}\nexport const send = (url, body) => superagent.post(url).retry(2).send(body);`, errors: [{ messageId: 'retriedWithoutKey', data: { retry: "superagent's .retry()", method: 'POST' } }] },
  // a method the file does not show, in strict mode
  {
    code: `${IMPORTS}\nexport const send = (url, init) => pRetry(() => fetch(url, init));`,
    options: [{ unresolved: 'report' }],
    errors: [{ messageId: 'retriedUnknownMethod', data: { retry: 'p-retry' } }],
  },
  // a filter that lets more than 429/408 through re-sends after failures the server may have acted on
  ...[
    'if (e.response?.status === 429 || e.code === "ECONNRESET") { await sleep(1000); } else { throw e; }',
    'if (e.response?.status >= 500 || e.response?.status === 429) { await sleep(1000); } else { throw e; }',
    'if (e.response?.status === 400) throw e;',
    'if (e.response?.status !== 429 && attempt > 2) throw e;',
    'if (e.response?.status === 429) continue;',
    'try { log(e); } catch {} if (e.response?.status !== 429) throw e;',
  ].map((filter) => ({
    code: `${IMPORTS}\nexport async function send(url, body) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try {\n      return await axios.post(url, body);\n    } catch (e) {\n      ${filter}\n    }\n  }\n}`,
    errors: [{ messageId: 'retriedWithoutKey' as const, data: { retry: 'this retry loop', method: 'POST' } }],
  })),
  // the catch re-sends only after 429, but the loop also re-sends after a 503 answer it reads itself
  {
    code: `${IMPORTS}\nexport async function send(url, body) {\n  for (let i = 0; i < 3; i++) {\n    try {\n      const res = await fetch(url, { method: "POST", body });\n      if (res.status === 503) continue;\n      return res;\n    } catch (e) {\n      if (e.status !== 429) throw e;\n    }\n  }\n}`,
    errors: [{ messageId: 'retriedWithoutKey', data: { retry: 'this retry loop', method: 'POST' } }],
  },
  // a recursive retry that calls itself for any error
  {
    code: `${IMPORTS}\nexport async function send(url, body) {\n  try {\n    return await axios.post(url, body);\n  } catch (e) {\n    if (e.response?.status === 429 || !e.response) return send(url, body);\n    throw e;\n  }\n}`,
    errors: [{ messageId: 'retriedWithoutKey', data: { retry: 'this recursive retry', method: 'POST' } }],
  },
  // the methods option
  {
    code: `${IMPORTS}\nexport const send = (url) => pRetry(() => fetch(url, { method: "DELETE" }));`,
    options: [{ methods: ['POST', 'PATCH', 'DELETE'] }],
    errors: [{ messageId: 'retriedWithoutKey', data: { retry: 'p-retry', method: 'DELETE' } }],
  },
];

const valid = [
  `${FETCH_RETRY}\nexport const send = (url, body) => retryingFetch(url, { method: "POST", body, retries: 0 });`,
  `${FETCH_RETRY}\nexport const send = (url, body, key) => retryingFetch(url, { method: "POST", body, headers: { "Idempotency-Key": key } });`,
  `${FETCH_RETRY}\nexport const load = (url) => retryingFetch(url);`,
  ...OUTERS.flatMap(([, template]) => SAFE.map((body) => `${IMPORTS}\n${template.replace('BODY', body)}`)),
  // a POST that nothing retries
  `${IMPORTS}\nexport const send = (url, body) => fetch(url, { method: "POST", body });`,
  `${IMPORTS}\nconst b = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) });\nexport const send = (url, body) => b.execute(() => fetch(url, { method: "POST", body }));`,
  // A key made once, outside the retry, or by a function of the project (it may be deterministic); a
  // client's own retry re-sends the same headers.
  `${IMPORTS}\nimport { v4 } from "uuid";\nexport const send = (url, body) => { const key = v4(); return pRetry(() => axios.post(url, body, { headers: { "Idempotency-Key": key } }), { retries: 2 }); };`,
  `${IMPORTS}\nexport async function send(url, body) {\n  const key = crypto.randomUUID();\n  for (let i = 0; i < 3; i++) {\n    try { return await axios.post(url, body, { headers: { "Idempotency-Key": key } }); } catch (e) { }\n  }\n}`,
  `${IMPORTS}\nexport const send = (url, body, order) => pRetry(() => axios.post(url, body, { headers: { "Idempotency-Key": keyFor(order) } }), { retries: 2 });`,
  `${IMPORTS}\nimport { randomUUID } from "node:crypto";\nexport const send = (url, body) => got.post(url, { json: body, retry: { limit: 2, methods: ["POST"] }, headers: { "Idempotency-Key": randomUUID() } });`,
  // a recursive retry from the rejection handler that re-sends only after 429 (the server turned it away)
  `${IMPORTS}\nexport function send(url, body) { return axios.post(url, body).catch((e) => (e.response?.status === 429 ? sleep(1000).then(() => send(url, body)) : Promise.reject(e))); }`,
  `${IMPORTS}\nexport function send(url, body) { return axios.post(url, body).catch((e) => { if (e.response?.status !== 429) throw e; return send(url, body); }); }`,
  // got and ky do not retry POST by default
  `${IMPORTS}\nexport const send = (url, body) => got.post(url, { json: body }).json();`,
  // retrying turned off, or the listed methods leave POST out
  `${IMPORTS}\nexport const send = (url, body) => got.post(url, { json: body, retry: { limit: 0, methods: ["POST"] } }).json();`,
  `${IMPORTS}\nconst api = got.extend({ retry: { methods: ["GET", "POST"] } });\nexport const send = (url, body) => api.post(url, { json: body, retry: { methods: ["GET"] } }).json();`,
  // Regression (uptime-kuma's Google Chat notifier): a loop that re-sends a POST only after 429 Too
  // Many Requests repeats a request the server turned away, so it cannot be applied twice.
  [
    `${IMPORTS}`,
    'export async function send(url, data, config) {',
    '  let retries = 3;',
    '  while (retries > 0) {',
    '    try {',
    '      await axios.post(url, data, config);',
    '      return;',
    '    } catch (error) {',
    '      if (error.response && error.response.status === 429) {',
    '        retries--;',
    '        if (retries === 0) {',
    '          throw error;',
    '        }',
    '        const delay = 60000 + Math.random() * 120000;',
    '        await new Promise((resolve) => setTimeout(resolve, delay));',
    '      } else {',
    '        throw error;',
    '      }',
    '    }',
    '  }',
    '}',
  ].join('\n'),
  // the same with other spellings of "only 429 or 408"
  ...[
    'if (e.response?.status !== 429) throw e;\n      await sleep(1000);',
    'if (![408, 429].includes(e.response?.status)) { throw e; }',
    'const status = e.response?.status;\n      if (status === 429 || status === 408) { await sleep(1000); continue; }\n      throw e;',
  ].map((filter) => `${IMPORTS}\nexport async function send(url, body) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try {\n      return await axios.post(url, body);\n    } catch (e) {\n      ${filter}\n    }\n  }\n}`),
  // a recursive retry that calls itself only after 429
  `${IMPORTS}\nexport async function send(url, body) {\n  try {\n    return await axios.post(url, body);\n  } catch (e) {\n    if (e.response?.status === 429) return send(url, body);\n    throw e;\n  }\n}`,
  // a custom header name
  { code: `${IMPORTS}\nexport const send = (url, body) => pRetry(() => fetch(url, { method: "POST", body, headers: { "X-Request-Id": id } }));`, options: [{ idempotencyHeaders: ['X-Request-Id'] }] },
];

describe('no-retry-non-idempotent', () => {
  jsTester.run('no-retry-non-idempotent (espree)', ruleModule, { valid, invalid });
  tsTester.run('no-retry-non-idempotent (typescript)', ruleModule, {
    valid: [`${IMPORTS}\nexport const send = (url: string, body: string) => { const key: string = crypto.randomUUID(); return pRetry(() => fetch(url, { method: "POST", body, headers: { "Idempotency-Key": key } as Record<string, string> })); };`],
    invalid: [
      { code: `${IMPORTS}\nexport const send = (url: string, body: unknown) => pRetry(() => axios.post<{ id: string }>(url, body));`, errors: [{ messageId: 'retriedWithoutKey', data: { retry: 'p-retry', method: 'POST' } }] },
      // Regression: this once counted as keyed, but each attempt made a new key.
      {
        code: `${IMPORTS}\nexport const send = (url: string, body: string) => pRetry(() => fetch(url, { method: "POST", body, headers: { "Idempotency-Key": crypto.randomUUID() } as Record<string, string> }));`,
        errors: [{ messageId: 'freshKeyEachAttempt', data: { retry: 'p-retry' } }],
      },
    ],
  });
  cjsTester.run('no-retry-non-idempotent (commonjs)', ruleModule, {
    valid: ['const pRetry = require("p-retry");\nmodule.exports = (url) => pRetry(() => fetch(url));'],
    invalid: [{ code: 'const pRetry = require("p-retry");\nmodule.exports = (url, body) => pRetry(() => fetch(url, { method: "POST", body }));', errors: [{ messageId: 'retriedWithoutKey', data: { retry: 'p-retry', method: 'POST' } }] }],
  });
});
