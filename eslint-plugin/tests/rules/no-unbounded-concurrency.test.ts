import type { Rule } from 'eslint';
import rule from '../../src/rules/no-unbounded-concurrency';
import { cjsTester, jsTester, tsTester } from '../rule-tester';

const ruleModule = rule as unknown as Rule.RuleModule;
const IMPORTS = [
  'import axios from "axios";',
  'import got from "got";',
  'import pLimit from "p-limit";',
  'import pMap from "p-map";',
  'import PQueue from "p-queue";',
  'import Bottleneck from "bottleneck";',
  'import { bulkhead, wrap, timeout, TimeoutStrategy } from "cockatiel";',
].join('\n');

/** Per-item requests: code for one item `id`. */
const REQUESTS = [
  'fetch(`https://api/items/${id}`)',
  'axios.get(`https://api/items/${id}`, { timeout: 1000 })',
  'got(`https://api/items/${id}`).json()',
  'fetch(`https://api/items/${id}`, { method: "DELETE" })',
];

/** Fan-outs with no limit: [how, code with REQ for the per-item request]. */
const FAN_OUTS: [string, string][] = [
  ['Promise.all over .map()', 'export const load = (ids) => Promise.all(ids.map((id) => REQ));'],
  ['Promise.allSettled over .map()', 'export const load = (ids) => Promise.allSettled(ids.map((id) => REQ));'],
  ['Promise.any over .map()', 'export const load = (ids) => Promise.any(ids.map(async (id) => REQ));'],
  ['Promise.race over .map()', 'export const load = (ids) => Promise.race(ids.map((id) => REQ));'],
  ['Promise.all over .map()', 'export async function load(ids) {\n  const results = await Promise.all(ids.map(async (id) => {\n    const res = await REQ;\n    return res;\n  }));\n  return results;\n}'],
  ['Promise.all over .map()', 'export const load = (ids) => Promise.all(Array.from(ids, (id) => REQ));'],
  ['Promise.all over .map()', 'const one = (id) => REQ;\nexport const load = (ids) => Promise.all(ids.map(one));'],
  ['Promise.all over a loop', 'export async function load(ids) {\n  const pending = [];\n  for (const id of ids) pending.push(REQ);\n  return Promise.all(pending);\n}'],
  ['p-map without concurrency', 'export const load = (ids) => pMap(ids, (id) => REQ);'],
  ['Promise.all over .map()', 'export const load = (ids) => Promise.all([...ids, "extra"].map((id) => REQ));'],
  // an object the file does not show in full, or an \`Object\` that is not the global one
  ['Promise.all over .map()', 'export const load = (byId) => Promise.all(Object.keys(byId).map((id) => REQ));'],
  ['Promise.all over .map()', 'const KNOWN = { a: 1 };\nexport const load = (more) => Promise.all(Object.keys({ ...KNOWN, ...more }).map((id) => REQ));'],
  ['Promise.all over .map()', 'import { Object } from "./collections";\nexport const load = () => Promise.all(Object.keys({ a: 1 }).map((id) => REQ));'],
  // a const destructured from a small literal is one of its items, not the literal (once read as the one-item array)
  ['Promise.all over .map()', 'export async function load(source) {\n  const [ids] = [await source.listAll()];\n  return Promise.all(ids.map((id) => REQ));\n}'],
  ['Promise.all over .map()', 'export async function load(source) {\n  const { ids } = { ids: await source.listAll() };\n  return Promise.all(Object.keys(ids).map((id) => REQ));\n}'],
  // slices that count from the end keep all but a few items
  ['Promise.all over .map()', 'export const load = (ids) => Promise.all(ids.slice(1).map((id) => REQ));'],
  ['Promise.all over .map()', 'export const load = (ids) => Promise.all(ids.slice(0, -1).map((id) => REQ));'],
  ['Promise.all over .map()', 'export const load = (ids) => Promise.all(ids.slice(1, ids.length).map((id) => REQ));'],
  ['Promise.all over .map()', 'export const load = (queue) => Promise.all(queue.splice(0).map((id) => REQ));'],
  // a loop whose batches are not awaited one by one fires them all at once
  ['Promise.all over .map()', 'export function load(batches) {\n  const all = [];\n  for (const batch of batches) all.push(Promise.all(batch.map((id) => REQ)));\n  return all;\n}'],
  ['Promise.all over .map()', 'export async function load(batches) {\n  for (const batch of batches) batch.forEach(async () => { await Promise.all(batch.map((id) => REQ)); });\n}'],
  // items of an item, not the loop's batch
  ['Promise.all over .map()', 'export async function load(users) {\n  for (const user of users) await Promise.all(user.orderIds.map((id) => REQ));\n}'],
];

const invalid = FAN_OUTS.flatMap(([how, template]) =>
  REQUESTS.map((request) => ({ code: `${IMPORTS}\n${template.replace('REQ', request)}`, errors: [{ messageId: 'unboundedFanOut', data: { how } }] })),
);

/** The same fan-outs, limited: code with REQ. */
const LIMITED = [
  'const limit = pLimit(5);\nexport const load = (ids) => Promise.all(ids.map((id) => limit(() => REQ)));',
  'export const load = (ids) => pMap(ids, (id) => REQ, { concurrency: 5 });',
  'const queue = new PQueue({ concurrency: 4 });\nexport const load = (ids) => Promise.all(ids.map((id) => queue.add(() => REQ)));',
  'const limiter = new Bottleneck({ maxConcurrent: 4 });\nexport const load = (ids) => Promise.all(ids.map((id) => limiter.schedule(() => REQ)));',
  'const pool = bulkhead(8, 100);\nexport const load = (ids) => Promise.all(ids.map((id) => pool.execute(() => REQ)));',
  'const policy = wrap(bulkhead(8, 100), timeout(1000, TimeoutStrategy.Aggressive));\nexport const load = (ids) => Promise.all(ids.map((id) => policy.execute(() => REQ)));',
  // small literal arrays are fine
  'export const load = () => Promise.all(["a", "b", "c"].map((id) => REQ));',
  'const REGIONS = ["eu", "us", "ap"];\nexport const load = () => Promise.all(REGIONS.map((id) => REQ));',
  // regression (novu scripts/github-conventional-comments.js): one request per key of a small const object
  'const LABEL = { praise: "praise", note: "note", nitpick: "nitpick" };\nexport const load = () => Promise.all(Object.keys(LABEL).map((id) => REQ));',
  'export const load = () => Promise.all(Object.values({ eu: "eu", us: "us" }).map((id) => REQ));',
  'const HOSTS = { eu: "eu.api", us: "us.api" };\nexport const load = () => Promise.allSettled(Object.entries(HOSTS).map(([region, id]) => REQ));',
  // Regression: a batch of a written size is the limit its author chose (was reported as unlimited).
  'export const load = (ids) => Promise.allSettled(ids.slice(0, 5).map((id) => REQ));',
  'export const load = (ids, offset) => Promise.all(ids.slice(offset, 20).map((id) => REQ));',
  'const BATCH = 25;\nexport async function load(ids) {\n  for (let i = 0; i < ids.length; i += BATCH) {\n    const batch = ids.slice(i, i + BATCH);\n    await Promise.all(batch.map((id) => REQ));\n  }\n}',
  'export async function load(queue) {\n  while (queue.length) await Promise.all(queue.splice(0, 10).map((id) => REQ));\n}',
  'export async function load(ids) {\n  for (let i = 0; i < ids.length; i += 50) await pMap(ids.slice(i, 50 + i), (id) => REQ);\n}',
];

/** Batches whose size the file does not show: silent unless `unresolved` is "report". */
const BATCHED: [string, string][] = [
  // Regression: the chunks of a for…of loop that awaits each chunk's requests before the next.
  ['Promise.all over .map()', 'export async function load(ids) {\n  const results = [];\n  for (const chunk of chunks(ids, 10)) results.push(...(await Promise.all(chunk.map((id) => REQ))));\n  return results;\n}'],
  ['Promise.allSettled over .map()', 'export async function load(pages) {\n  for await (const page of pages) {\n    const settled = await Promise.allSettled(page.map((id) => REQ));\n    report(settled);\n  }\n}'],
  ['Promise.all over .map()', 'export async function load(ids, size) {\n  for (let i = 0; i < ids.length; i += size) await Promise.all(ids.slice(i, i + size).map((id) => REQ));\n}'],
  ['Promise.all over .map()', 'export const load = (ids, limit) => Promise.all(ids.slice(0, limit).map((id) => REQ));'],
];

const valid = [
  ...LIMITED.flatMap((template) => REQUESTS.map((request) => `${IMPORTS}\n${template.replace('REQ', request)}`)),
  // no network call per item
  `${IMPORTS}\nexport const load = (ids) => Promise.all(ids.map((id) => cache.get(id)));`,
  `${IMPORTS}\nexport const load = (files) => Promise.all(files.map((f) => fs.promises.readFile(f)));`,
  // a fixed pair of requests, not per item
  `${IMPORTS}\nexport const load = () => Promise.all([fetch("https://a"), fetch("https://b")]);`,
  // sequential
  `${IMPORTS}\nexport async function load(ids) {\n  const out = [];\n  for (const id of ids) out.push(await fetch(\`https://api/items/\${id}\`));\n  return out;\n}`,
  // p-map with concurrency from a variable
  `${IMPORTS}\nexport const load = (ids, concurrency) => pMap(ids, (id) => fetch(id), { concurrency });`,
  // a local Promise is not the global
  `${IMPORTS}\nconst Promise = { all: (x) => x };\nexport const load = (ids) => Promise.all(ids.map((id) => fetch(id)));`,
  // an item callback the file does not show
  `${IMPORTS}\nimport { one } from "./one";\nexport const load = (ids) => Promise.all(ids.map(one));`,
  // limit in a helper that the callback calls
  `${IMPORTS}\nconst limit = pLimit(2);\nconst one = (id) => limit(() => fetch(id));\nexport const load = (ids) => Promise.all(ids.map(one));`,
];

describe('no-unbounded-concurrency', () => {
  jsTester.run('no-unbounded-concurrency (espree)', ruleModule, { valid, invalid });
  tsTester.run('no-unbounded-concurrency (typescript)', ruleModule, {
    valid: [`${IMPORTS}\nconst limit = pLimit(5);\nexport const load = (ids: string[]) => Promise.all(ids.map((id) => limit(() => fetch(id))));`],
    invalid: [{ code: `${IMPORTS}\nexport const load = (ids: string[]): Promise<Response[]> => Promise.all(ids.map((id: string) => fetch(id)));`, errors: [{ messageId: 'unboundedFanOut' }] }],
  });
  cjsTester.run('no-unbounded-concurrency (commonjs)', ruleModule, {
    valid: ['const pLimit = require("p-limit");\nconst limit = pLimit(3);\nmodule.exports = (ids) => Promise.all(ids.map((id) => limit(() => fetch(id))));'],
    invalid: [{ code: 'const axios = require("axios");\nmodule.exports = (ids) => Promise.all(ids.map((id) => axios.get(id, { timeout: 1000 })));', errors: [{ messageId: 'unboundedFanOut', data: { how: 'Promise.all over .map()' } }] }],
  });
  jsTester.run('no-unbounded-concurrency (batches of a size the file does not show)', ruleModule, {
    valid: BATCHED.map(([, template]) => `${IMPORTS}\n${template.replace('REQ', REQUESTS[0]!)}`),
    invalid: BATCHED.map(([how, template]) => ({
      code: `${IMPORTS}\n${template.replace('REQ', REQUESTS[0]!)}`,
      options: [{ unresolved: 'report' as const }],
      errors: [{ messageId: 'unboundedFanOut' as const, data: { how } }],
    })),
  });
  jsTester.run('no-unbounded-concurrency (maxLiteralItems)', ruleModule, {
    valid: [{ code: `${IMPORTS}\nexport const load = () => Promise.all(["a", "b", "c", "d"].map((id) => fetch(id)));`, options: [{ maxLiteralItems: 4 }] }],
    invalid: [
      { code: `${IMPORTS}\nexport const load = () => Promise.all(["a", "b", "c"].map((id) => fetch(id)));`, options: [{ maxLiteralItems: 2 }], errors: [{ messageId: 'unboundedFanOut' }] },
      { code: `${IMPORTS}\nconst LABEL = { a: 1, b: 2, c: 3 };\nexport const load = () => Promise.all(Object.keys(LABEL).map((id) => fetch(id)));`, options: [{ maxLiteralItems: 2 }], errors: [{ messageId: 'unboundedFanOut' }] },
    ],
  });
});
