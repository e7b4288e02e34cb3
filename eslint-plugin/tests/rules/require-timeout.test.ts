import type { Rule } from 'eslint';
import rule from '../../src/rules/require-timeout';
import { cjsTester, jsTester, tsTester } from '../rule-tester';

const ruleModule = rule as unknown as Rule.RuleModule;
const SIGNAL = 'signal: AbortSignal.timeout(10000)';

type Invalid = { code: string; message: string; output: string; desc: string; filename?: string; options?: unknown[] };

/** One missing-timeout report whose single suggestion turns `code` into `output`. */
function missing(code: string, client: string, option: string, output: string, desc: string, extra: Partial<Invalid> = {}) {
  return {
    code,
    ...extra,
    errors: [
      {
        messageId: 'missingTimeout',
        data: { client, option },
        suggestions: [{ messageId: 'addTimeout', data: { text: desc }, output }],
      },
    ],
  };
}

const fetchMissing = (code: string, output: string, desc = SIGNAL, client = 'fetch', extra: Partial<Invalid> = {}) =>
  missing(code, client, '`signal: AbortSignal.timeout()`', output, desc, extra);
const axiosMissing = (code: string, output: string, desc = 'timeout: 10000') => missing(code, 'axios', '`timeout`', output, desc);
const gotMissing = (code: string, output: string) =>
  missing(code, 'got', '`timeout: { request }`', output, 'timeout: { request: 10000 }');
/**
 * A missing-timeout report on a call through an instance this file creates: the call's own suggestion,
 * then the one that sets the timeout where the instance is created (`factory` becomes `fixed`).
 */
function onInstance(client: 'axios' | 'got', instance: string, factory: string, fixed: string, code: string, output: string) {
  const text = client === 'axios' ? 'timeout: 10000' : 'timeout: { request: 10000 }';
  const option = client === 'axios' ? '`timeout`' : '`timeout: { request }`';
  if (!code.includes(factory)) throw new Error(`test case: ${factory} is not in ${code}`);
  return {
    code,
    errors: [
      {
        messageId: 'missingTimeout',
        data: { client, option },
        suggestions: [
          { messageId: 'addTimeout', data: { text }, output },
          { messageId: 'addInstanceTimeout', data: { text, instance }, output: code.replace(factory, fixed) },
        ],
      },
    ],
  };
}
const CREATE = ['axios.create()', 'axios.create({ timeout: 10000 })'] as const;
const CREATE_BASE = ['axios.create({ baseURL })', 'axios.create({ baseURL, timeout: 10000 })'] as const;
const httpMissing = (code: string, output: string, client = 'http') =>
  missing(code, client, '`signal: AbortSignal.timeout()`', output, SIGNAL);

const shared = {
  valid: [
    // Raced against a timer: the caller stops waiting when it fires.
    // Regression (firebase-tools src/deploy/functions/runtimes/discovery/index.ts): a shared deadline promise.
    'const timedOut = new Promise((resolve, reject) => { setTimeout(() => reject(new Error("timeout")), 5000); });\nconst res = await Promise.race([fetch(url), timedOut]);',
    'const res = await Promise.race([fetch(url).then((r) => r.json()), new Promise((_, reject) => setTimeout(reject, 5000))]);',
    'import { setTimeout as sleep } from "node:timers/promises";\nconst res = await Promise.race([fetch(url), sleep(5000).then(() => { throw new Error("timeout"); })]);',
    'import axios from "axios";\nfunction deadline(ms) { return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms)); }\nconst res = await Promise.race([axios.get(url), deadline(5000)]);',
    // Raced against something the file does not show: silent unless `unresolved: "report"`
    'const res = await Promise.race([fetch(url), shutdownSignal]);',
    'const res = await Promise.race([fetch(url), ...others]);',
    'await Promise.race([fetch(url), new Promise((resolve) => emitter.once("close", resolve))]);',
    // fetch with any signal
    'await fetch(url, { signal: AbortSignal.timeout(5000) });',
    'await fetch(url, { signal: AbortSignal.any([a, b]) });',
    'const controller = new AbortController(); await fetch(url, { signal: controller.signal });',
    'await fetch(url, { method: "POST", signal });',
    'const init = { signal: AbortSignal.timeout(1000) }; await fetch(url, init);',
    'const init = { headers: {} }; init.signal = AbortSignal.timeout(1); await fetch(url, init);',
    'const base = { signal: AbortSignal.timeout(1) }; await fetch(url, { ...base, method: "PUT" });',
    'await fetch(new Request(url, { signal: AbortSignal.timeout(1) }));',
    // Regression: a Request kept in a const carries its signal to fetch (was reported as having no timeout).
    'const req = new Request(url, { signal: AbortSignal.timeout(5000) }); await fetch(req);',
    'const init = { signal: AbortSignal.timeout(5000) }; const req = new Request(url, init); await fetch(req);',
    // A Request made from another keeps that one's signal unless its own init sets one.
    'const base = new Request(url, { signal: AbortSignal.timeout(5000) }); await fetch(new Request(base, { method: "POST" }));',
    'const base = new Request(url, { signal: AbortSignal.timeout(5000) }); const req = new Request(base); await fetch(req);',
    'const req = new Request(url); await fetch(req, { signal: AbortSignal.timeout(5000) });',
    // Regression (axios's fetch adapter): a Request assigned to a `let` before the call carries its signal.
    'let request; const signal = compose(timeout); request = new Request(url, { ...fetchOptions, signal, method }); const response = await fetch(request);',
    'let req = new Request(url, { signal: AbortSignal.timeout(5000) }); await fetch(req);',
    'let req; if (post) req = new Request(url, { method: "POST", signal }); else req = new Request(url, { signal }); await fetch(req);',
    // Sometimes a Request with a signal, sometimes something else: the file cannot tell.
    'let req = url; if (wrap) req = new Request(url, { signal }); await fetch(req);',
    // A Request made elsewhere carries its own signal, which the file does not show: unresolved.
    // Regression (service workers): the page's request, passed through.
    'self.addEventListener("fetch", (event) => event.respondWith(fetch(event.request)));',
    'export async function handle(req) { return fetch(req); }',
    'export const forward = (request) => fetch(new Request(request, { method: "POST" }));',
    'export async function send(url) { const signedRequest = await sign(url); return fetch(signedRequest); }',
    'await globalThis.fetch(url, { signal: AbortSignal.timeout(1) });',
    'const fetcher = globalThis.fetch.bind(globalThis); await fetcher(url, { signal: AbortSignal.timeout(1) });',
    // Bound arguments shift where the options sit: not followed.
    'const load = fetch.bind(null, url); await load();',
    // Options the file does not show: silent by default.
    'export async function get(url, init) { return fetch(url, init); }',
    'import { defaults } from "./http"; await fetch(url, { ...defaults });',
    'export const send = (url, opts) => fetch(url, cond ? { signal } : opts);',
    // Not network calls: local functions, parameters and methods named fetch.
    'function fetch(u) { return u; } fetch(url);',
    'export function load(fetch) { return fetch(url); }',
    'class Store { load() { return this.fetch(url); } }',
    'store.fetch(url);',
    'const fetch = makeFetch(); fetch(url);',
    // node-fetch v2 takes `timeout`.
    'import fetch from "node-fetch"; await fetch(url, { timeout: 5000 });',
    // axios: call config, instance, defaults
    'import axios from "axios"; await axios.get(url, { timeout: 5000 });',
    'import axios from "axios"; await axios.post(url, body, { timeout: 5000 });',
    'import axios from "axios"; await axios({ url, timeout: 1000 });',
    'import axios from "axios"; await axios.request({ url, signal });',
    'import axios from "axios"; const api = axios.create({ timeout: 2000 }); await api.get("/x");',
    'import axios from "axios"; axios.defaults.timeout = 3000; await axios.get(url);',
    'import axios from "axios"; const api = axios.create({ baseURL }); api.defaults.timeout = 1; await api.get("/x");',
    'import axios from "axios"; const api = axios.create(config); await api.get("/x");',
    'import axios from "axios"; await axios(urlOrConfig);',
    // got
    'import got from "got"; await got(url, { timeout: { request: 1000 } });',
    'import got from "got"; const client = got.extend({ timeout: { request: 1000 } }); await client.get(url);',
    'import got from "got"; const a = got.extend({ timeout: { request: 1 } }); const b = a.extend({ headers }); await b(url);',
    // Regression: got's shortcuts take options alone, as got() does (the timeout was looked for in a second argument).
    'import got from "got"; await got.post({ url, json: body, timeout: { request: 5000 } });',
    'import got from "got"; got.stream({ url, timeout: { request: 5000 } }).pipe(out);',
    // got.paginate (`.all`, got 11's `.each`) and got.stream's verbs make requests with the call's or the instance's options.
    'import got from "got"; for await (const item of got.paginate(url, { timeout: { request: 5000 } })) use(item);',
    'import got from "got"; const api = got.extend({ timeout: { request: 5000 } }); await api.paginate.all("items");',
    'import got from "got"; got.stream.post(url, { body, timeout: { request: 5000 } }).pipe(out);',
    // Regression (Auth.js and better-auth docs, app/api/og/route.tsx): a font that ships with the module
    // is read through fetch, and nothing crosses the network.
    'export const medium = fetch(new URL("./Inter-Light.ttf", import.meta.url)).then((res) => res.arrayBuffer());',
    'const fontUrl = new URL("../assets/Geist.ttf", import.meta.url); export const load = () => fetch(fontUrl.href);',
    'export const read = () => fetch("data:text/plain;base64,aGk="); export const readBlob = (b) => fetch(URL.createObjectURL(b));',
    'export const readFile = (name) => fetch(`file:///srv/${name}`); export const inline = (body) => fetch("data:application/json," + body);',
    'import axios from "axios"; export const local = () => axios.get(new URL("./data.json", import.meta.url).toString());',
    // Regression (karakeep ShareButton.tsx): a data URL a DOM renderer made, turned into a Blob.
    'import { domToPng } from "modern-screenshot";\nexport async function share(node) {\n  const dataUrl = await domToPng(node, { scale: 2 });\n  const response = await fetch(dataUrl);\n  return response.blob();\n}',
    'import * as htmlToImage from "html-to-image";\nexport const png = async (node) => (await fetch(await htmlToImage.toPng(node))).blob();',
    'import { toJpeg as render } from "html-to-image";\nexport async function jpeg(node) { const url = await render(node); return fetch(url); }',
    'export const snapshot = (canvas) => fetch(canvas.toDataURL("image/png")).then((r) => r.blob());',
    // Regression (novu UserProfileForm.tsx): a name the file revokes as an object URL holds a blob: URL.
    'export async function upload(objectUrl) {\n  const blob = await fetch(objectUrl).then((el) => el.blob());\n  URL.revokeObjectURL(objectUrl);\n  return blob;\n}',
    // Regression (cline's chat composer, toImageDataUrl): the code only gets to the fetch when the URL is a blob: or data: URL.
    'async function toImageDataUrl(url) {\n  if (!url) return undefined;\n  if (url.startsWith("data:image/")) return url;\n  if (!url.startsWith("blob:")) {\n    return undefined;\n  }\n  const response = await fetch(url);\n  return response.blob();\n}',
    'export const read = (u) => (u.startsWith("blob:") ? fetch(u) : undefined);',
    'export const read = (u) => { if (u.startsWith("blob:") || u.startsWith("data:")) { return fetch(u); } };',
    'export const read = (u) => u.startsWith("blob:") && fetch(u);',
    'export async function read(urls) { for (const u of urls) { if (!u.startsWith("blob:")) continue; await fetch(u); } }',
    // Regression (a crash): a method name every object has is not a client method.
    'import axios from "axios"; export const name = () => axios.toString();',
    'import got from "got"; got.hasOwnProperty("x"); got.paginate.constructor(); got.stream.valueOf();',
    // ky: 10 s by default
    'import ky from "ky"; await ky.get(url);',
    'import ky from "ky"; await ky(url, { timeout: 5000 });',
    'import ky from "ky"; const api = ky.create({ prefixUrl }); await api.get("x");',
    // node http
    'import https from "node:https"; https.get(url, { timeout: 1000 }, onResponse);',
    'import http from "http"; const req = http.request(options0 = { signal }); req.end();',
    'import http from "http"; const req = http.request(url, onResponse); req.setTimeout(1000, () => req.destroy()); req.end();',
    'import { request } from "https"; request(url, onResponse).setTimeout(1000);',
    'import http from "http"; export function open(url) { return http.request(url); }',
    // superagent
    'import superagent from "superagent"; await superagent.get(url).timeout(5000);',
    'import request from "superagent"; await request.post(url).send(body).timeout({ deadline: 5000 });',
    'import request from "superagent"; const req = request.get(url); req.timeout(1); await req;',
    'import request from "superagent"; export const get = (url) => request.get(url);',
    // A superagent agent's own settings apply to its requests; an agent that leaves the file's sight may get them there.
    'import superagent from "superagent"; const agent = superagent.agent(); agent.timeout(5000); await agent.get(url);',
    'import superagent from "superagent"; const agent = superagent.agent(); agent.set("Accept", "json").timeout({ deadline: 5000 }); await agent.get(url);',
    'import superagent from "superagent"; const agent = superagent.agent(); configure(agent); await agent.get(url);',
    'import superagent from "superagent"; export const agent = superagent.agent(); await agent.get(url);',
    // Settings chained onto the agent's creation are the agent's (once not followed: its requests were not seen as calls).
    'import superagent from "superagent"; const agent = superagent.agent().timeout(5000); await agent.get(url);',
    'import superagent from "superagent"; const agent = superagent.agent().set("Accept", "json").retry(2).timeout({ response: 5000 }); await agent.get(url);',
    'import superagent from "superagent"; await superagent.agent().timeout(5000).get(url);',
    'const superagent = require("superagent"); const agent = superagent.agent().use(prefix).timeout(5000); module.exports = () => agent.get(url);',
    // Type-only imports are not values.
    'import type { Got } from "got"; declare const got: Got; await got(url);',
    // Options a same-file function returns as a literal.
    'function init() { return { headers: { accept: "application/json" }, signal: AbortSignal.timeout(5000) }; }\nexport const get = (url) => fetch(url, init());',
    'const init = (signal) => ({ method: "POST", signal });\nexport const post = (url, signal) => fetch(url, init(signal));',
    'import axios from "axios";\nfunction config(ms) { if (ms > 0) return { timeout: ms }; return { timeout: 1000 }; }\nexport const get = (url) => axios.get(url, config(5000));',
    'const init = function () { return cond ? { signal: a } : { signal: b }; };\nexport const get = (url) => fetch(url, init());',
    'function init() { return { headers }; }\nexport async function get(url) { const options = init(); options.signal = AbortSignal.timeout(5000); return fetch(url, options); }',
    // What such a function returns is not known: silent unless unresolved is "report".
    'function init(o) { if (o) return { signal: o }; }\nexport const get = (url) => fetch(url, init(x));',
    'function init() { const o = { headers }; o.signal = AbortSignal.timeout(5000); return o; }\nexport const get = (url) => fetch(url, init());',
    'async function init() { return { headers }; }\nexport const get = async (url) => fetch(url, await init());',
    'function init(overrides) { return { ...overrides, headers }; }\nexport const get = (url, o) => fetch(url, init(o));',
    'let init = () => ({});\ninit = () => ({ signal: AbortSignal.timeout(1000) });\nexport const get = (url) => fetch(url, init());',
    'function init() { return {}; }\ninit = () => ({ signal: AbortSignal.timeout(1000) });\nexport const get = (url) => fetch(url, init());',
    'function init() { return init(); }\nexport const get = (url) => fetch(url, init());',
    // Node's fetch with an undici dispatcher that sets its timeouts (the openai SDK's documented shape).
    'import { Agent } from "undici";\nexport const get = (url) => fetch(url, { dispatcher: new Agent({ headersTimeout: 10000, bodyTimeout: 10000 }) });',
    'import { Agent } from "undici";\nconst agent = new Agent({ headersTimeout: 2700000 });\nexport const get = (url) => fetch(url, { method: "POST", dispatcher: agent });',
    'import { Pool, fetch as undiciFetch } from "undici";\nconst pool = new Pool(origin, { bodyTimeout: 5000 });\nexport const get = (path) => undiciFetch(origin + path, { dispatcher: pool });',
    'import * as undici from "undici";\nconst init = { dispatcher: new undici.Agent({ headersTimeout: 5000 }) };\nexport const get = (url) => fetch(url, init);',
    'import { Agent, RetryAgent, interceptors } from "undici";\nconst agent = new Agent({ headersTimeout: 5000 });\nexport const a = (url) => fetch(url, { dispatcher: new RetryAgent(agent) });\nexport const b = (url) => fetch(url, { dispatcher: agent.compose(interceptors.retry()) });',
    // …or the file sets the global dispatcher, which every fetch without its own uses.
    'import { Agent, setGlobalDispatcher } from "undici";\nsetGlobalDispatcher(new Agent({ headersTimeout: 10000, bodyTimeout: 30000 }));\nexport const get = (url) => fetch(url, { headers });',
    // undici's request(): a signal, or its own per-request timeouts.
    'import { request } from "undici";\nexport const get = (url) => request(url, { method: "POST", body, headersTimeout: 5000, bodyTimeout: 5000 });',
    'import * as undici from "undici";\nexport const get = (url) => undici.request(url, { signal: AbortSignal.timeout(5000) });',
    'import { Agent, request } from "undici";\nconst agent = new Agent({ headersTimeout: 5000 });\nexport const get = (url) => request(url, { dispatcher: agent });',
    // A project's own `request` is not undici's.
    'import { request } from "./http";\nexport const get = (url) => request(url);',
    // A dispatcher the file does not show may set timeouts: silent unless `unresolved: "report"`.
    // Regression (serverless sf-core): `dispatcher: getProxyDispatcher(url)`.
    'export const get = (url) => fetch(url, { method: "GET", dispatcher: getProxyDispatcher(url) });',
    'import { ProxyAgent } from "undici";\nexport const get = (url, options) => fetch(url, { dispatcher: new ProxyAgent(options) });',
    'import { setGlobalDispatcher } from "undici";\nsetGlobalDispatcher(makeAgent());\nexport const get = (url) => fetch(url);',
  ],
};

describe('require-timeout', () => {
  tsTester.run('require-timeout (typescript-eslint parser)', ruleModule, {
    valid: [
      ...shared.valid,
      'await fetch(url, { signal: AbortSignal.timeout(1) } as RequestInit);',
      // Option timeoutSetElsewhere: the project sets the client's default timeout in another file.
      { code: 'import axios from "axios"; export const get = (url: string) => axios.get(url);', options: [{ timeoutSetElsewhere: ['axios'] }] },
      // An axios instance inherits axios.defaults.
      { code: 'import axios from "axios"; const api = axios.create({ baseURL }); export const get = () => api.get("/x", { headers });', options: [{ timeoutSetElsewhere: ['axios'] }] },
      { code: 'export const get = (url: string) => fetch(url, { signal: undefined });', options: [{ timeoutSetElsewhere: ['fetch'] }] },
      // Turned off for another instance only.
      { code: 'import axios from "axios"; const raw = axios.create(); raw.defaults.timeout = 0; const api = axios.create({ baseURL }); export const get = () => api.get("/x");', options: [{ timeoutSetElsewhere: ['axios'] }] },
      { code: 'import got from "got"; export const get = (url: string, options: object) => got(url, options);', options: [{ timeoutSetElsewhere: ['got'], unresolved: 'report' }] },
      // Regression (langchainjs langchain-google clients): a parameter typed Request carries its own signal.
      'export class WebApiClient { async fetch(input: Request): Promise<Response> { input.headers.set("x-api-key", key); return fetch(input); } }',
      'export const pass = (input: RequestInfo | URL) => fetch(input);',
      // …also when the parameter takes that type from the function type it is written to.
      // Regression (Speakeasy-generated SDKs' lib/http.ts, unkey's internal API client): `DEFAULT_FETCHER: Fetcher`.
      'export type Fetcher = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;\nconst DEFAULT_FETCHER: Fetcher = (input, init) => {\n  if (init == null) return fetch(input);\n  return fetch(input, init);\n};',
      'export const pass: typeof globalThis.fetch = (input) => fetch(input);',
      'export const pass = ((input) => fetch(input)) satisfies (input: Request) => Promise<Response>;',
      'export const pass = (input: Request & { tag?: string }) => fetch(input!);',
      'const init = { signal } satisfies RequestInit; await fetch(url!, init);',
      'const init: RequestInit = { signal: AbortSignal.timeout(5) }; await fetch(url, init);',
      'import axios from "axios"; await axios.get<User>(url, { timeout: 1 });',
      'import got = require("got"); await got(url, { timeout: { request: 1 } });',
      { code: 'const el = <Button onClick={() => fetch(url, { signal })} />;', filename: 'view.tsx' },
      // Instance fields: the class sets `this.client` once, with a timeout…
      'import axios from "axios"; class Api { private client = axios.create({ timeout: 5000 }); load() { return this.client.get(url); } }',
      'import axios from "axios"; class Api { client; constructor() { this.client = axios.create({ timeout: 5000 }); } load = () => this.client.get(url); }',
      'import axios from "axios"; class Api { client = axios.create({ baseURL }); constructor() { this.client.defaults.timeout = 3000; } load() { return this.client.get(url); } }',
      'import got from "got"; class Api { api = got.extend({ timeout: { request: 5000 } }); load() { return this.api.get("x"); } }',
      // …or the file does not show what `this.client` holds: silent.
      'import axios from "axios"; class Api { constructor(private client: typeof axios) {} load() { return this.client.get(url); } }',
      'import axios from "axios"; class Api { client = axios.create(); constructor(c: typeof axios) { this.client = c; } load() { return this.client.get(url); } }',
      'import axios from "axios"; class Api { client = axios.create(); load() { return this.client.get(url); } } class Sub extends Api {}',
      'import axios from "axios"; const Api = class { client = axios.create(); load() { return this.client.get(url); } }; const Sub = class extends (Api as any) {};',
      'import axios from "axios"; class Api { client = axios.create(); load() { return this.client.get(url); } static make() { return class extends Api {}; } }',
      'import axios from "axios"; class Api { static client = axios.create(); static load() { return this.client.get(url); } }',
      'import axios from "axios"; function load(this: { client: typeof axios }) { return this.client.get(url); }',
      'import axios from "axios"; class Api { client = axios.create(); load() { return function (this: Other) { return this.client.get(url); }; } }',
      // An instance in a const (`api.client`): its class's one value, with a timeout…
      'import axios from "axios"; class Api { client = axios.create({ timeout: 5000 }); } const api = new Api(); await api.client.get(url);',
      'import axios from "axios"; const Api = class { client; constructor() { this.client = axios.create({ timeout: 5000 }); } }; const api = new Api(); await api.client.get(url);',
      // …or something outside the class may change the field: silent.
      'import axios from "axios"; class Api { client = axios.create(); } const api = new Api(); api.client.defaults.timeout = 5000; await api.client.get(url);',
      'import axios from "axios"; class Api { client = axios.create(); } const api = new Api(); api.client = makeClient(); await api.client.get(url);',
      'import axios from "axios"; class Api { client = axios.create(); } const api = new Api(); api["cli" + "ent"] = makeClient(); await api.client.get(url);',
      'import axios from "axios"; class Api { client = axios.create(); } const api = new Api(); configure(api); await api.client.get(url);',
      'import axios from "axios"; class Api { client = axios.create(); } const api = new Api(); export { api }; await api.client.get(url);',
      'import axios from "axios"; class Api { client = axios.create(); } export const api = new Api(); await api.client.get(url);',
      'import axios from "axios"; class Api { client = axios.create(); } const api = new Api(); ({ client: api.client } = other); await api.client.get(url);',
      // …or the file does not show one value: a `let`, a class it does not declare, a subclass, a constructor argument.
      'import axios from "axios"; class Api { client = axios.create(); } let api = new Api(); await api.client.get(url);',
      'import axios from "axios"; import { Api } from "./api"; const api = new Api(); await api.client.get(url);',
      'import axios from "axios"; class Api { client = axios.create(); } class Sub extends Api {} const api = new Api(); await api.client.get(url);',
      'import axios from "axios"; class Api { constructor(public client: typeof axios) {} } const api = new Api(axios.create()); await api.client.get(url);',
      'import axios from "axios"; class Api { static client = axios.create(); } const api = new Api(); await api.client.get(url);',
      // got's and node's first argument may be an options object unless its type says otherwise, whatever its name.
      'import got from "got"; export const load = (target: Options) => got(target);',
      'import got from "got"; export const load = (input: string | Options) => got(input);',
      'import got from "got"; export const load = (input: undefined | null) => got(input);',
      'import got from "got"; export const load = ({ input }: { input: string }) => got(input);',
      'import https from "node:https"; export function load(url: RequestOptions, done: () => void) { https.get(url, done); }',
    ],
    invalid: [
      // Regression (elasticsearch-js scripts/download-artifacts.mjs, vendure's stellate plugin, pm2): a
      // multi-line init whose last property has no trailing comma gets the comma before the new line, not after it.
      fetchMissing(
        'const response = await fetch(url, {\n  headers: {\n    Accept: "application/json"\n  }\n})',
        `const response = await fetch(url, {\n  headers: {\n    Accept: "application/json"\n  },\n  ${SIGNAL}\n})`,
      ),
      fetchMissing(
        'const response = await fetch(url, {\n  method: "POST" // the API takes no GET\n});',
        `const response = await fetch(url, {\n  method: "POST", // the API takes no GET\n  ${SIGNAL}\n});`,
      ),
      axiosMissing(
        'import axios from "axios";\nexport const load = () => axios.get(url, {\n  params: { page: 1 }\n});',
        'import axios from "axios";\nexport const load = () => axios.get(url, {\n  params: { page: 1 },\n  timeout: 10000\n});',
      ),
      // A function type whose parameter there takes a URL, not a Request; or the call builds a string from it.
      fetchMissing(
        'type UrlFetcher = (input: string) => Promise<Response>;\nexport const get: UrlFetcher = (input) => fetch(input);',
        `type UrlFetcher = (input: string) => Promise<Response>;\nexport const get: UrlFetcher = (input) => fetch(input, { ${SIGNAL} });`,
      ),
      fetchMissing(
        'type Fetcher = (input: RequestInfo | URL) => Promise<Response>;\nexport const get: Fetcher = (input) => fetch(String(input));',
        `type Fetcher = (input: RequestInfo | URL) => Promise<Response>;\nexport const get: Fetcher = (input) => fetch(String(input), { ${SIGNAL} });`,
      ),
      // fetch-retry through a namespace import (no esModuleInterop), with a cast on the fetch it wraps.
      fetchMissing(
        'import * as fr from "fetch-retry";\nconst f = fr.default(fetch as typeof fetch);\nexport const get = (u: string) => f(u);',
        `import * as fr from "fetch-retry";\nconst f = fr.default(fetch as typeof fetch);\nexport const get = (u: string) => f(u, { ${SIGNAL} });`,
      ),
      fetchMissing('await fetch(url as string);', 'await fetch(url as string, { signal: AbortSignal.timeout(10000) });'),
      onInstance('axios', '`api`', ...CREATE_BASE,
        'import axios from "axios"; const api = axios.create({ baseURL }) as AxiosInstance; await api.get("/x");',
        'import axios from "axios"; const api = axios.create({ baseURL }) as AxiosInstance; await api.get("/x", { timeout: 10000 });',
      ),
      // timeoutSetElsewhere: a call or instance that turns the default off, and clients not listed.
      {
        ...axiosMissing('import axios from "axios"; await axios.get(url, { timeout: 0 });', 'import axios from "axios"; await axios.get(url, { timeout: 10000 });'),
        options: [{ timeoutSetElsewhere: ['axios'] }],
      },
      {
        ...onInstance('axios', '`api`', 'axios.create({ timeout: 0 })', 'axios.create({ timeout: 10000 })',
          'import axios from "axios"; const api = axios.create({ timeout: 0 }); await api.get("/x");',
          'import axios from "axios"; const api = axios.create({ timeout: 0 }); await api.get("/x", { timeout: 10000 });',
        ),
        options: [{ timeoutSetElsewhere: ['axios'] }],
      },
      // An instance whose defaults the file turns off after creating it: a timeout added to the create would not hold.
      axiosMissing(
        'import axios from "axios"; const api = axios.create({ baseURL }); api.defaults.timeout = 0; await api.get("/x");',
        'import axios from "axios"; const api = axios.create({ baseURL }); api.defaults.timeout = 0; await api.get("/x", { timeout: 10000 });',
      ),
      // ... or a file that turns it off for the client or the instance (`axios.defaults.timeout = 0`).
      {
        ...axiosMissing('import axios from "axios"; axios.defaults.timeout = 0; await axios.get(url);', 'import axios from "axios"; axios.defaults.timeout = 0; await axios.get(url, { timeout: 10000 });'),
        options: [{ timeoutSetElsewhere: ['axios'] }],
      },
      {
        ...axiosMissing(
          'import axios from "axios"; const api = axios.create({ baseURL }); api.defaults.timeout = Infinity; await api.get("/x");',
          'import axios from "axios"; const api = axios.create({ baseURL }); api.defaults.timeout = Infinity; await api.get("/x", { timeout: 10000 });',
        ),
        options: [{ timeoutSetElsewhere: ['axios'] }],
      },
      {
        ...gotMissing('import got from "got"; await got(url);', 'import got from "got"; await got(url, { timeout: { request: 10000 } });'),
        options: [{ timeoutSetElsewhere: ['axios', 'fetch'] }],
      },
      {
        ...missing('import fetch from "node-fetch"; await fetch(url);', 'node-fetch', '`signal: AbortSignal.timeout()`', `import fetch from "node-fetch"; await fetch(url, { ${SIGNAL} });`, SIGNAL),
        options: [{ timeoutSetElsewhere: ['fetch'] }],
      },
      // An input typed as a string or URL is never a Request.
      fetchMissing('export const get = (input: string | URL) => fetch(input);', 'export const get = (input: string | URL) => fetch(input, { signal: AbortSignal.timeout(10000) });'),
      // Regression (recall): an argument TypeScript types as a string or URL is a URL, not got's or node's options.
      gotMissing('import got from "got"; export const load = (input: string) => got(input);', 'import got from "got"; export const load = (input: string) => got(input, { timeout: { request: 10000 } });'),
      gotMissing('import got from "got"; const rows = await got.paginate.all(url);', 'import got from "got"; const rows = await got.paginate.all(url, { timeout: { request: 10000 } });'),
      gotMissing(
        'import got from "got"; for await (const row of got.paginate(url, { searchParams })) use(row);',
        'import got from "got"; for await (const row of got.paginate(url, { searchParams, timeout: { request: 10000 } })) use(row);',
      ),
      gotMissing('import got from "got"; got.stream.post(url, { body }).pipe(out);', 'import got from "got"; got.stream.post(url, { body, timeout: { request: 10000 } }).pipe(out);'),
      gotMissing('import got from "got"; await got.post({ url, json: body });', 'import got from "got"; await got.post({ url, json: body, timeout: { request: 10000 } });'),
      gotMissing('import got from "got"; export async function load(input: URL | `https://${string}`) { await got(input); }', 'import got from "got"; export async function load(input: URL | `https://${string}`) { await got(input, { timeout: { request: 10000 } }); }'),
      gotMissing('import got from "got"; export const load = (input: string | undefined) => got(input);', 'import got from "got"; export const load = (input: string | undefined) => got(input, { timeout: { request: 10000 } });'),
      httpMissing(
        'import https from "node:https"; export function load(input: string | URL, done: () => void) { https.get(input, done); }',
        'import https from "node:https"; export function load(input: string | URL, done: () => void) { https.get(input, { signal: AbortSignal.timeout(10000) }, done); }',
        'https',
      ),
      fetchMissing(
        'const res = await fetch<Data>(url!, { method: "GET" } as RequestInit);',
        'const res = await fetch<Data>(url!, { method: "GET", signal: AbortSignal.timeout(10000) } as RequestInit);',
      ),
      axiosMissing(
        'import axios from "axios"; const { data } = await axios.get<User[]>(url);',
        'import axios from "axios"; const { data } = await axios.get<User[]>(url, { timeout: 10000 });',
      ),
      axiosMissing(
        'import axios from "axios"; const res = await axios?.get(url);',
        'import axios from "axios"; const res = await axios?.get(url, { timeout: 10000 });',
      ),
      {
        ...fetchMissing(
          'export const View = () => <button onClick={() => fetch("/api/ping")}>Ping</button>;',
          'export const View = () => <button onClick={() => fetch("/api/ping", { signal: AbortSignal.timeout(10000) })}>Ping</button>;',
        ),
        filename: 'view.tsx',
      },
      axiosMissing(
        'import axios = require("axios"); await axios.get(url);',
        'import axios = require("axios"); await axios.get(url, { timeout: 10000 });',
      ),
      // Instance fields the class sets once, without a timeout.
      onInstance('axios', '`client`', ...CREATE_BASE,
        'import axios from "axios"; class Api { private client = axios.create({ baseURL }); load() { return this.client.get(url); } }',
        'import axios from "axios"; class Api { private client = axios.create({ baseURL }); load() { return this.client.get(url, { timeout: 10000 }); } }',
      ),
      onInstance('axios', '`this.client`', ...CREATE_BASE,
        'import axios from "axios"; class Api { client: AxiosInstance; constructor() { this.client = axios.create({ baseURL }); } load = () => this.client.post(url, body); }',
        'import axios from "axios"; class Api { client: AxiosInstance; constructor() { this.client = axios.create({ baseURL }); } load = () => this.client.post(url, body, { timeout: 10000 }); }',
      ),
      axiosMissing(
        'import axios from "axios"; class Api { http = axios; async load() { const run = async () => this.http.get(url); return run(); } }',
        'import axios from "axios"; class Api { http = axios; async load() { const run = async () => this.http.get(url, { timeout: 10000 }); return run(); } }',
      ),
      onInstance('got', '`this.api`', 'got.extend({ prefixUrl })', 'got.extend({ prefixUrl, timeout: { request: 10000 } })',
        'import got from "got"; class Api { api; constructor() { this.api = got.extend({ prefixUrl }); } load() { return this.api("x"); } }',
        'import got from "got"; class Api { api; constructor() { this.api = got.extend({ prefixUrl }); } load() { return this.api("x", { timeout: { request: 10000 } }); } }',
      ),
      // Dynamic imports: the scopes do not record them, the text is searched for `import(` and a quoted module.
      axiosMissing(
        'const { default: axios } = await import("axios"); await axios.get(url);',
        'const { default: axios } = await import("axios"); await axios.get(url, { timeout: 10000 });',
      ),
      axiosMissing(
        'const axios = (await import(\n  /* webpackChunkName: "http" */ "axios"\n)).default; await axios.get(url);',
        'const axios = (await import(\n  /* webpackChunkName: "http" */ "axios"\n)).default; await axios.get(url, { timeout: 10000 });',
      ),
      // Every way of writing the one assignment is seen (the class's text is read before its writes are walked).
      onInstance('axios', '`this["client"]`', ...CREATE_BASE,
        'import axios from "axios"; class Api { client!: AxiosInstance; init() { this["client"] = axios.create({ baseURL }); } load() { return this.client.get(url); } }',
        'import axios from "axios"; class Api { client!: AxiosInstance; init() { this["client"] = axios.create({ baseURL }); } load() { return this.client.get(url, { timeout: 10000 }); } }',
      ),
      onInstance('axios', '`client`', ...CREATE_BASE,
        'import axios from "axios"; class Api { readonly client: Record<string, number> | AxiosInstance = axios.create({ baseURL }); load() { return this.client.get(url); } }',
        'import axios from "axios"; class Api { readonly client: Record<string, number> | AxiosInstance = axios.create({ baseURL }); load() { return this.client.get(url, { timeout: 10000 }); } }',
      ),
      onInstance('axios', '`this.client`', ...CREATE_BASE,
        'import axios from "axios"; class Api { client; constructor() {\n    this.client\n      = axios.create({ baseURL });\n  } load() { return this.client.get(url); } }',
        'import axios from "axios"; class Api { client; constructor() {\n    this.client\n      = axios.create({ baseURL });\n  } load() { return this.client.get(url, { timeout: 10000 }); } }',
      ),
      onInstance('axios', '`this.client`', ...CREATE_BASE,
        'import axios from "axios"; class Api { client; constructor() { this.client /* shared by every call */ = axios.create({ baseURL }); } load() { return this.client.get(url); } }',
        'import axios from "axios"; class Api { client; constructor() { this.client /* shared by every call */ = axios.create({ baseURL }); } load() { return this.client.get(url, { timeout: 10000 }); } }',
      ),
      // A line comment between the name and `=` (once hid the write, and the rule stayed silent).
      onInstance('axios', '`this.client`', ...CREATE_BASE,
        'import axios from "axios"; class Api { client; constructor() {\n    this.client // shared by every call\n      = axios.create({ baseURL });\n  } load() { return this.client.get(url); } }',
        'import axios from "axios"; class Api { client; constructor() {\n    this.client // shared by every call\n      = axios.create({ baseURL });\n  } load() { return this.client.get(url, { timeout: 10000 }); } }',
      ),
      onInstance('axios', '`this.client`', ...CREATE_BASE,
        'import axios from "axios"; class Api { client; constructor() {\r\n    this.client // shared\r\n    /* by every call */\r\n    // and set once\r\n      = axios.create({ baseURL });\r\n  } load() { return this.client.get(url); } }',
        'import axios from "axios"; class Api { client; constructor() {\r\n    this.client // shared\r\n    /* by every call */\r\n    // and set once\r\n      = axios.create({ baseURL });\r\n  } load() { return this.client.get(url, { timeout: 10000 }); } }',
      ),
      onInstance('axios', '`client`', ...CREATE_BASE,
        'import axios from "axios"; class Api { client /* set once */: AxiosInstance = axios.create({ baseURL }); load() { return this.client.get(url); } }',
        'import axios from "axios"; class Api { client /* set once */: AxiosInstance = axios.create({ baseURL }); load() { return this.client.get(url, { timeout: 10000 }); } }',
      ),
      // Only a class that extends this very class can set the field its own way: another `Api` elsewhere does not count.
      onInstance('axios', '`client`', ...CREATE,
        'import axios from "axios"; class Api { client = axios.create(); load() { return this.client.get(url); } } function other() { class Api {} return class Sub extends Api {}; }',
        'import axios from "axios"; class Api { client = axios.create(); load() { return this.client.get(url, { timeout: 10000 }); } } function other() { class Api {} return class Sub extends Api {}; }',
      ),
      // An instance in a const: `api.client` is what its class sets `client` to, and nothing outside the class changes it.
      onInstance('axios', '`client`', ...CREATE_BASE,
        'import axios from "axios"; class Api { client = axios.create({ baseURL }); ready() { return true; } } const api = new Api(); api.ready(); await api.client.get(url);',
        'import axios from "axios"; class Api { client = axios.create({ baseURL }); ready() { return true; } } const api = new Api(); api.ready(); await api.client.get(url, { timeout: 10000 });',
      ),
      onInstance('axios', '`this.client`', ...CREATE,
        'import axios from "axios"; const Api = class { client: AxiosInstance; constructor() { this.client = axios.create(); } }; const api = new (Api as any)(); await (api.client as AxiosInstance).post(url, body);',
        'import axios from "axios"; const Api = class { client: AxiosInstance; constructor() { this.client = axios.create(); } }; const api = new (Api as any)(); await (api.client as AxiosInstance).post(url, body, { timeout: 10000 });',
      ),
      // `defaults.headers` is not a timeout.
      onInstance('axios', '`client`', ...CREATE,
        'import axios from "axios"; class Api { client = axios.create(); constructor() { this.client.defaults.headers.common.x = "1"; } load() { return this.client.get(url); } }',
        'import axios from "axios"; class Api { client = axios.create(); constructor() { this.client.defaults.headers.common.x = "1"; } load() { return this.client.get(url, { timeout: 10000 }); } }',
      ),
    ],
  });

  jsTester.run('require-timeout (espree)', ruleModule, {
    valid: [
      ...shared.valid.filter((code) => !code.includes('import type')),
      // A fetch wrapped by fetch-retry passes each call's init to the fetch it wraps: its signal, or node-fetch's timeout.
      'import fetchRetry from "fetch-retry";\nconst f = fetchRetry(fetch);\nexport const get = (u) => f(u, { signal: AbortSignal.timeout(5000) });',
      'import fetchRetry from "fetch-retry";\nimport nodeFetch from "node-fetch";\nconst f = fetchRetry(nodeFetch, { retries: 2 });\nexport const get = (u) => f(u, { timeout: 5000 });',
    ],
    invalid: [
      // fetch
      fetchMissing('await fetch(url);', `await fetch(url, { ${SIGNAL} });`),
      // An undici dispatcher that leaves the timeouts at their defaults, or turns one off, bounds nothing.
      fetchMissing(
        'import { Agent } from "undici";\nawait fetch(url, { dispatcher: new Agent({ connections: 10 }) });',
        `import { Agent } from "undici";\nawait fetch(url, { dispatcher: new Agent({ connections: 10 }), ${SIGNAL} });`,
      ),
      fetchMissing(
        'import { Agent } from "undici";\nconst agent = new Agent({ headersTimeout: 0, bodyTimeout: 60000 });\nawait fetch(url, { dispatcher: agent });',
        `import { Agent } from "undici";\nconst agent = new Agent({ headersTimeout: 0, bodyTimeout: 60000 });\nawait fetch(url, { dispatcher: agent, ${SIGNAL} });`,
      ),
      fetchMissing(
        'import { ProxyAgent } from "undici";\nawait fetch(url, { dispatcher: new ProxyAgent("http://proxy:8080") });',
        `import { ProxyAgent } from "undici";\nawait fetch(url, { dispatcher: new ProxyAgent("http://proxy:8080"), ${SIGNAL} });`,
      ),
      // With `unresolved: "report"`, a dispatcher the file does not show is reported too.
      fetchMissing(
        'await fetch(url, { dispatcher: getProxyDispatcher(url) });',
        `await fetch(url, { dispatcher: getProxyDispatcher(url), ${SIGNAL} });`,
        SIGNAL,
        'fetch',
        { options: [{ unresolved: 'report' }] },
      ),
      // undici's request() waits 300 s for headers, and as long again between body chunks, unless told.
      fetchMissing(
        'import { request } from "undici";\nconst { body } = await request(url);',
        `import { request } from "undici";\nconst { body } = await request(url, { ${SIGNAL} });`,
        SIGNAL,
        'undici request',
      ),
      fetchMissing(
        'import { request } from "undici";\nawait request(url, { method: "GET", headersTimeout: 0, bodyTimeout: 5000 });',
        `import { request } from "undici";\nawait request(url, { method: "GET", headersTimeout: 0, bodyTimeout: 5000, ${SIGNAL} });`,
        SIGNAL,
        'undici request',
      ),
      // Its own dispatcher replaces the global one the file sets.
      fetchMissing(
        'import { Agent, setGlobalDispatcher } from "undici";\nsetGlobalDispatcher(new Agent({ headersTimeout: 5000 }));\nawait fetch(url, { dispatcher: new Agent() });',
        `import { Agent, setGlobalDispatcher } from "undici";\nsetGlobalDispatcher(new Agent({ headersTimeout: 5000 }));\nawait fetch(url, { dispatcher: new Agent(), ${SIGNAL} });`,
      ),
      // A global dispatcher without timeouts, and a local function that only shares undici's name.
      fetchMissing(
        'import { ProxyAgent, setGlobalDispatcher } from "undici";\nsetGlobalDispatcher(new ProxyAgent(process.env.HTTPS_PROXY));\nawait fetch(url);',
        `import { ProxyAgent, setGlobalDispatcher } from "undici";\nsetGlobalDispatcher(new ProxyAgent(process.env.HTTPS_PROXY));\nawait fetch(url, { ${SIGNAL} });`,
      ),
      fetchMissing(
        'function setGlobalDispatcher(d) { current = d; }\nsetGlobalDispatcher(new Agent({ headersTimeout: 5000 }));\nawait fetch(url);',
        `function setGlobalDispatcher(d) { current = d; }\nsetGlobalDispatcher(new Agent({ headersTimeout: 5000 }));\nawait fetch(url, { ${SIGNAL} });`,
      ),
      // node-fetch has no dispatcher: the option does nothing there.
      fetchMissing(
        'import nodeFetch from "node-fetch";\nimport { Agent } from "undici";\nawait nodeFetch(url, { dispatcher: new Agent({ headersTimeout: 5000 }) });',
        `import nodeFetch from "node-fetch";\nimport { Agent } from "undici";\nawait nodeFetch(url, { dispatcher: new Agent({ headersTimeout: 5000 }), ${SIGNAL} });`,
        SIGNAL,
        'node-fetch',
      ),
      // fetch-retry: the fetch it returns is still a fetch, and needs a signal in each call's init.
      fetchMissing(
        'import fetchRetry from "fetch-retry";\nconst fetchWithRetry = fetchRetry(fetch, { retries: 3 });\nexport const get = (u) => fetchWithRetry(u, { retries: 5 });',
        `import fetchRetry from "fetch-retry";\nconst fetchWithRetry = fetchRetry(fetch, { retries: 3 });\nexport const get = (u) => fetchWithRetry(u, { retries: 5, ${SIGNAL} });`,
      ),
      fetchMissing(
        'import fetchBuilder from "fetch-retry";\nconst fetch = fetchBuilder(globalThis.fetch);\nexport const get = (u) => fetch(u);',
        `import fetchBuilder from "fetch-retry";\nconst fetch = fetchBuilder(globalThis.fetch);\nexport const get = (u) => fetch(u, { ${SIGNAL} });`,
      ),
      // A URL against the page's or another base, and a template that only contains a scheme, cross the network.
      fetchMissing('await fetch(new URL("/api", location.href));', `await fetch(new URL("/api", location.href), { ${SIGNAL} });`),
      fetchMissing('await fetch(new URL("./data.json", import.meta.resolve("pkg")));', `await fetch(new URL("./data.json", import.meta.resolve("pkg")), { ${SIGNAL} });`),
      fetchMissing('await fetch(`${base}/data:1`);', `await fetch(\`\${base}/data:1\`, { ${SIGNAL} });`),
      // Near misses of a local URL: a name that only says data, a renderer of another module, a name the
      // file revokes after it has been reassigned elsewhere is still the name's value.
      fetchMissing('export const get = (dataUrl) => fetch(dataUrl);', `export const get = (dataUrl) => fetch(dataUrl, { ${SIGNAL} });`),
      fetchMissing('import { toPng } from "./render";\nexport const get = async (n) => fetch(await toPng(n));', `import { toPng } from "./render";\nexport const get = async (n) => fetch(await toPng(n), { ${SIGNAL} });`),
      fetchMissing('import { toBlob } from "html-to-image";\nexport const get = async (n) => fetch(await toBlob(n));', `import { toBlob } from "html-to-image";\nexport const get = async (n) => fetch(await toBlob(n), { ${SIGNAL} });`),
      fetchMissing('export const get = (url) => { URL.revokeObjectURL(other); return fetch(url); };', `export const get = (url) => { URL.revokeObjectURL(other); return fetch(url, { ${SIGNAL} }); };`),
      // Near misses of a check for a local URL: one that lets a remote URL through, one that does not leave,
      // one that leaves for local URLs, and a name assigned again after the check.
      fetchMissing(
        'export const get = (u) => { if (u.startsWith("blob:") || u.startsWith("https:")) { return fetch(u); } };',
        'export const get = (u) => { if (u.startsWith("blob:") || u.startsWith("https:")) { return fetch(u, { ' + SIGNAL + ' }); } };',
      ),
      fetchMissing('export const get = (u) => { if (!u.startsWith("blob:")) log(u); return fetch(u); };', `export const get = (u) => { if (!u.startsWith("blob:")) log(u); return fetch(u, { ${SIGNAL} }); };`),
      fetchMissing('export const get = (u) => { if (u.startsWith("blob:")) return; return fetch(u); };', `export const get = (u) => { if (u.startsWith("blob:")) return; return fetch(u, { ${SIGNAL} }); };`),
      fetchMissing('export const get = (u) => { if (!u.startsWith("blob:")) return; u = next(); return fetch(u); };', `export const get = (u) => { if (!u.startsWith("blob:")) return; u = next(); return fetch(u, { ${SIGNAL} }); };`),
      // Options a same-file function returns with no signal (was unknown: a call's result was never followed).
      fetchMissing(
        'function init() { return { headers: { accept: "application/json" } }; }\nexport const get = (url) => fetch(url, init());',
        `function init() { return { headers: { accept: "application/json" } }; }\nexport const get = (url) => fetch(url, { ...init(), ${SIGNAL} });`,
      ),
      fetchMissing(
        'const init = (post) => (post ? { method: "POST" } : { signal: AbortSignal.timeout(1000) });\nexport const get = (url) => fetch(url, init(true));',
        `const init = (post) => (post ? { method: "POST" } : { signal: AbortSignal.timeout(1000) });\nexport const get = (url) => fetch(url, { ...init(true), ${SIGNAL} });`,
      ),
      fetchMissing(
        'function init(body) {\n  if (!body) return undefined;\n  return { method: "POST", body };\n}\nexport const send = (url, body) => fetch(url, init(body));',
        `function init(body) {\n  if (!body) return undefined;\n  return { method: "POST", body };\n}\nexport const send = (url, body) => fetch(url, { ...init(body), ${SIGNAL} });`,
      ),
      axiosMissing(
        'import axios from "axios";\nfunction config() { return { headers: { accept: "json" } }; }\nexport const get = (url) => axios.get(url, config());',
        'import axios from "axios";\nfunction config() { return { headers: { accept: "json" } }; }\nexport const get = (url) => axios.get(url, { ...config(), timeout: 10000 });',
      ),
      axiosMissing(
        'import axios from "axios";\nconst config = () => ({ timeout: 0 });\nexport const get = (url) => axios.get(url, config());',
        'import axios from "axios";\nconst config = () => ({ timeout: 0 });\nexport const get = (url) => axios.get(url, { ...config(), timeout: 10000 });',
      ),
      // A Request the file builds without a signal has no timeout, kept in a const or not.
      fetchMissing('const req = new Request(url); await fetch(req);', `const req = new Request(url); await fetch(req, { ${SIGNAL} });`),
      fetchMissing('let req; req = new Request(url, { method: "POST" }); await fetch(req);', `let req; req = new Request(url, { method: "POST" }); await fetch(req, { ${SIGNAL} });`),
      // One of the Requests it may be has no signal.
      fetchMissing(
        'let req = new Request(url, { signal }); if (retry) req = new Request(url); await fetch(req);',
        `let req = new Request(url, { signal }); if (retry) req = new Request(url); await fetch(req, { ${SIGNAL} });`,
      ),
      fetchMissing(
        'const req = new Request(url, { method: "POST" }); await fetch(req);',
        `const req = new Request(url, { method: "POST" }); await fetch(req, { ${SIGNAL} });`,
      ),
      fetchMissing(
        'const base = new Request(url); await fetch(new Request(base, { method: "POST" }));',
        `const base = new Request(url); await fetch(new Request(base, { method: "POST" }), { ${SIGNAL} });`,
      ),
      fetchMissing('await fetch("https://api.example.com/orders");', `await fetch("https://api.example.com/orders", { ${SIGNAL} });`),
      fetchMissing('await fetch(url, { method: "POST" });', `await fetch(url, { method: "POST", ${SIGNAL} });`),
      fetchMissing('await fetch(url, {});', `await fetch(url, { ${SIGNAL} });`),
      // The options go after the argument's own parentheses, not inside them (a comma expression).
      fetchMissing('await fetch((url));', `await fetch((url), { ${SIGNAL} });`),
      fetchMissing('await fetch(url /* the order */);', `await fetch(url, { ${SIGNAL} } /* the order */);`),
      fetchMissing('await fetch(url,);', `await fetch(url, { ${SIGNAL} },);`),
      fetchMissing('await fetch(url, { /* no options yet */ });', `await fetch(url, { ${SIGNAL}, /* no options yet */ });`),
      fetchMissing('await fetch(url, { method: "POST", });', `await fetch(url, { method: "POST", ${SIGNAL}, });`),
      fetchMissing('await fetch(url, { signal: undefined });', `await fetch(url, { ${SIGNAL} });`),
      fetchMissing('await fetch(url, { signal: null });', `await fetch(url, { ${SIGNAL} });`),
      fetchMissing(
        'await fetch(url, {\n  method: "POST",\n  body,\n});',
        `await fetch(url, {\n  method: "POST",\n  body,\n  ${SIGNAL},\n});`,
      ),
      fetchMissing(
        'await fetch(url, {\n  method: "POST",\n  body // the order\n});',
        `await fetch(url, {\n  method: "POST",\n  body, // the order\n  ${SIGNAL}\n});`,
      ),
      fetchMissing('const init = { method: "PUT" }; await fetch(url, init);', `const init = { method: "PUT" }; await fetch(url, { ...init, ${SIGNAL} });`),
      fetchMissing(
        'const init = cond ? { signal } : undefined; await fetch(url, init);',
        `const init = cond ? { signal } : undefined; await fetch(url, { ...init, ${SIGNAL} });`,
      ),
      fetchMissing(
        'await fetch(url, cond ? { signal } : {});',
        `await fetch(url, { ...(cond ? { signal } : {}), ${SIGNAL} });`,
      ),
      fetchMissing('await globalThis.fetch(url);', `await globalThis.fetch(url, { ${SIGNAL} });`),
      // A bound fetch is fetch (once missed: SDKs keep `fetch.bind(globalThis)`).
      fetchMissing('const fetcher = globalThis.fetch.bind(globalThis); await fetcher(url);', `const fetcher = globalThis.fetch.bind(globalThis); await fetcher(url, { ${SIGNAL} });`),
      axiosMissing('import axios from "axios"; const get = axios.get.bind(axios); await get(url);', 'import axios from "axios"; const get = axios.get.bind(axios); await get(url, { timeout: 10000 });'),
      fetchMissing('await window.fetch(url);', `await window.fetch(url, { ${SIGNAL} });`),
      fetchMissing('const f = fetch; await f(url);', `const f = fetch; await f(url, { ${SIGNAL} });`),
      fetchMissing(
        'import fetch from "node-fetch"; await fetch(url, { timeout: 0 });',
        `import fetch from "node-fetch"; await fetch(url, { timeout: 0, ${SIGNAL} });`,
        SIGNAL,
        'node-fetch',
      ),
      fetchMissing(
        'import { fetch as undiciFetch } from "undici"; await undiciFetch(url);',
        `import { fetch as undiciFetch } from "undici"; await undiciFetch(url, { ${SIGNAL} });`,
        SIGNAL,
        'undici fetch',
      ),
      fetchMissing(
        'import crossFetch from "cross-fetch"; await crossFetch(url);',
        `import crossFetch from "cross-fetch"; await crossFetch(url, { ${SIGNAL} });`,
        SIGNAL,
        'cross-fetch',
      ),
      fetchMissing(
        'const init = {}; init.signal = undefined; await fetch(url, init);',
        `const init = {}; init.signal = undefined; await fetch(url, { ...init, ${SIGNAL} });`,
      ),
      fetchMissing('await fetch(`${base}/orders`);', `await fetch(\`\${base}/orders\`, { ${SIGNAL} });`),
      // axios
      axiosMissing('import axios from "axios"; await axios.get(url);', 'import axios from "axios"; await axios.get(url, { timeout: 10000 });'),
      axiosMissing('import axios from "axios"; await axios.post(url);', 'import axios from "axios"; await axios.post(url, undefined, { timeout: 10000 });'),
      axiosMissing('import axios from "axios"; await axios.post(url, body);', 'import axios from "axios"; await axios.post(url, body, { timeout: 10000 });'),
      axiosMissing('import axios from "axios"; await axios.get(url, { timeout: 0 });', 'import axios from "axios"; await axios.get(url, { timeout: 10000 });'),
      axiosMissing('import axios from "axios"; await axios.get(url, { timeout: Infinity });', 'import axios from "axios"; await axios.get(url, { timeout: 10000 });'),
      axiosMissing('import axios from "axios"; await axios({ url, method: "get" });', 'import axios from "axios"; await axios({ url, method: "get", timeout: 10000 });'),
      axiosMissing('import axios from "axios"; await axios("/orders");', 'import axios from "axios"; await axios("/orders", { timeout: 10000 });'),
      onInstance('axios', '`api`', ...CREATE_BASE,
        'import axios from "axios"; const api = axios.create({ baseURL }); await api.get("/x");',
        'import axios from "axios"; const api = axios.create({ baseURL }); await api.get("/x", { timeout: 10000 });',
      ),
      onInstance('axios', '`api`', 'axios.create({ timeout: 0 })', 'axios.create({ timeout: 10000 })',
        'import axios from "axios"; const api = axios.create({ timeout: 0 }); await api.delete("/x");',
        'import axios from "axios"; const api = axios.create({ timeout: 0 }); await api.delete("/x", { timeout: 10000 });',
      ),
      axiosMissing(
        'import axios from "axios"; axios.defaults.timeout = 0; await axios.get(url);',
        'import axios from "axios"; axios.defaults.timeout = 0; await axios.get(url, { timeout: 10000 });',
      ),
      axiosMissing(
        'import * as ax from "axios"; await ax.default.put(url, data);',
        'import * as ax from "axios"; await ax.default.put(url, data, { timeout: 10000 });',
      ),
      axiosMissing(
        'import { default as client } from "axios"; await client.head(url);',
        'import { default as client } from "axios"; await client.head(url, { timeout: 10000 });',
      ),
      // got
      gotMissing('import got from "got"; await got(url);', 'import got from "got"; await got(url, { timeout: { request: 10000 } });'),
      gotMissing('import got from "got"; await got.post(url, { json });', 'import got from "got"; await got.post(url, { json, timeout: { request: 10000 } });'),
      onInstance('got', '`client`', 'got.extend({ prefixUrl })', 'got.extend({ prefixUrl, timeout: { request: 10000 } })',
        'import got from "got"; const client = got.extend({ prefixUrl }); await client.get("x");',
        'import got from "got"; const client = got.extend({ prefixUrl }); await client.get("x", { timeout: { request: 10000 } });',
      ),
      gotMissing('import { got } from "got"; await got(url, { timeout: {} });', 'import { got } from "got"; await got(url, { timeout: { request: 10000 } });'),
      // The instance's suggestion keeps a multi-line config's layout, and adds a config where there is none.
      onInstance(
        'axios',
        '`api`',
        'axios.create({\n  baseURL,\n})',
        'axios.create({\n  baseURL,\n  timeout: 10000,\n})',
        'import axios from "axios";\nconst api = axios.create({\n  baseURL,\n});\nawait api.get("/x");',
        'import axios from "axios";\nconst api = axios.create({\n  baseURL,\n});\nawait api.get("/x", { timeout: 10000 });',
      ),
      onInstance(
        'got',
        '`api`',
        'got.extend()',
        'got.extend({ timeout: { request: 10000 } })',
        'import got from "got"; const api = got.extend(); await api("x");',
        'import got from "got"; const api = got.extend(); await api("x", { timeout: { request: 10000 } });',
      ),
      // No instance suggestion where it would not fix the call: the call's own `timeout: 0` wins, or the
      // instance's config is shared with other code (a variable).
      axiosMissing(
        'import axios from "axios"; const api = axios.create({ baseURL }); await api.get("/x", { timeout: 0 });',
        'import axios from "axios"; const api = axios.create({ baseURL }); await api.get("/x", { timeout: 10000 });',
      ),
      // Regression (novu's email-webhook provider): an instance made for one call is not shared, so only the call's own edit.
      axiosMissing('import axios from "axios"; await axios.create().post(url, body);', 'import axios from "axios"; await axios.create().post(url, body, { timeout: 10000 });'),
      axiosMissing(
        'import axios from "axios"; const config = { baseURL }; const api = axios.create(config); await api.get("/x");',
        'import axios from "axios"; const config = { baseURL }; const api = axios.create(config); await api.get("/x", { timeout: 10000 });',
      ),
      // ky
      {
        code: 'import ky from "ky"; await ky.get(url, { timeout: false });',
        errors: [
          {
            messageId: 'timeoutDisabled',
            suggestions: [{ messageId: 'addTimeout', output: 'import ky from "ky"; await ky.get(url, { timeout: 10000 });' }],
          },
        ],
      },
      {
        code: 'import ky from "ky"; const api = ky.create({ timeout: false }); await api.get("x");',
        errors: [
          {
            messageId: 'timeoutDisabled',
            suggestions: [{ messageId: 'addTimeout', output: 'import ky from "ky"; const api = ky.create({ timeout: false }); await api.get("x", { timeout: 10000 });' }],
          },
        ],
      },
      // node http
      httpMissing('import http from "http"; http.get(url, onResponse);', `import http from "http"; http.get(url, { ${SIGNAL} }, onResponse);`),
      httpMissing(
        'import * as https from "node:https"; const req = https.request({ host, path }); req.end();',
        `import * as https from "node:https"; const req = https.request({ host, path, ${SIGNAL} }); req.end();`,
        'https',
      ),
      httpMissing('import { get } from "https"; get(url);', `import { get } from "https"; get(url, { ${SIGNAL} });`, 'https'),
      httpMissing(
        'import http from "http"; const req = http.request(url, { method: "POST" }); req.write(body); req.end();',
        `import http from "http"; const req = http.request(url, { method: "POST", ${SIGNAL} }); req.write(body); req.end();`,
      ),
      // superagent, and requests of an agent (once not seen as calls at all)
      missing(
        'import superagent from "superagent"; const agent = superagent.agent(); agent.set("Accept", "json"); await agent.get(url);',
        'superagent',
        '`.timeout()`',
        'import superagent from "superagent"; const agent = superagent.agent(); agent.set("Accept", "json"); await agent.get(url).timeout(10000);',
        '.timeout(10000)',
      ),
      // An agent made with other settings chained on, or for one request, has no timeout.
      missing(
        'import superagent from "superagent"; const agent = superagent.agent().set("Accept", "json"); await agent.get(url);',
        'superagent',
        '`.timeout()`',
        'import superagent from "superagent"; const agent = superagent.agent().set("Accept", "json"); await agent.get(url).timeout(10000);',
        '.timeout(10000)',
      ),
      missing(
        'import superagent from "superagent"; await superagent.agent().get(url);',
        'superagent',
        '`.timeout()`',
        'import superagent from "superagent"; await superagent.agent().get(url).timeout(10000);',
        '.timeout(10000)',
      ),
      // A setting on the agent's variable is the agent's only up to its first request: `.timeout()` after `.get()` is that request's.
      missing(
        'import superagent from "superagent"; const agent = superagent.agent(); await agent.set("Accept", "json").get(a).timeout(1000); await agent.get(b);',
        'superagent',
        '`.timeout()`',
        'import superagent from "superagent"; const agent = superagent.agent(); await agent.set("Accept", "json").get(a).timeout(1000); await agent.get(b).timeout(10000);',
        '.timeout(10000)',
      ),
      // Another request's own `.timeout()` is not the agent's.
      missing(
        'import superagent from "superagent"; const agent = superagent.agent(); await agent.get(a).timeout(1000); await agent.get(b);',
        'superagent',
        '`.timeout()`',
        'import superagent from "superagent"; const agent = superagent.agent(); await agent.get(a).timeout(1000); await agent.get(b).timeout(10000);',
        '.timeout(10000)',
      ),
      missing(
        'import superagent from "superagent"; await superagent.get(url).set("Accept", "json");',
        'superagent',
        '`.timeout()`',
        'import superagent from "superagent"; await superagent.get(url).timeout(10000).set("Accept", "json");',
        '.timeout(10000)',
      ),
      missing(
        'import request from "superagent"; request.post(url).send(body).end(cb);',
        'superagent',
        '`.timeout()`',
        'import request from "superagent"; request.post(url).timeout(10000).send(body).end(cb);',
        '.timeout(10000)',
      ),
      // Raced only against other requests, or a race that is not the global Promise's
      {
        code: 'await Promise.race([fetch(primary), fetch(fallback)]);',
        errors: [
          { messageId: 'missingTimeout', suggestions: [{ messageId: 'addTimeout', output: `await Promise.race([fetch(primary, { ${SIGNAL} }), fetch(fallback)]);` }] },
          { messageId: 'missingTimeout', suggestions: [{ messageId: 'addTimeout', output: `await Promise.race([fetch(primary), fetch(fallback, { ${SIGNAL} })]);` }] },
        ],
      },
      fetchMissing(
        'import { Promise } from "bluebird";\nconst timedOut = new Promise((_, reject) => setTimeout(reject, 5000));\nawait Promise.race([fetch(url), timedOut]);',
        `import { Promise } from "bluebird";\nconst timedOut = new Promise((_, reject) => setTimeout(reject, 5000));\nawait Promise.race([fetch(url, { ${SIGNAL} }), timedOut]);`,
      ),
      // Option: defaultTimeoutMs
      {
        ...missing('await fetch(url);', 'fetch', '`signal: AbortSignal.timeout()`', 'await fetch(url, { signal: AbortSignal.timeout(2500) });', 'signal: AbortSignal.timeout(2500)'),
        options: [{ defaultTimeoutMs: 2500 }],
      },
      // Option: unresolved "report"
      {
        code: 'const res = await Promise.race([fetch(url), shutdownSignal]);',
        options: [{ unresolved: 'report' }],
        errors: [{ messageId: 'missingTimeout', suggestions: [{ messageId: 'addTimeout', output: `const res = await Promise.race([fetch(url, { ${SIGNAL} }), shutdownSignal]);` }] }],
      },
      {
        code: 'export async function get(url, init) { return fetch(url, init); }',
        options: [{ unresolved: 'report' }],
        errors: [
          {
            messageId: 'missingTimeout',
            suggestions: [{ messageId: 'addTimeout', output: `export async function get(url, init) { return fetch(url, { ...init, ${SIGNAL} }); }` }],
          },
        ],
      },
      {
        code: 'export async function handle(request) { return fetch(request); }',
        options: [{ unresolved: 'report' }],
        errors: [{ messageId: 'missingTimeout', suggestions: [{ messageId: 'addTimeout', output: `export async function handle(request) { return fetch(request, { ${SIGNAL} }); }` }] }],
      },
      // A URL, whatever its name: a string, a template or \`new URL\` is never a Request.
      fetchMissing('const request = `${base}/orders`; await fetch(request);', `const request = \`\${base}/orders\`; await fetch(request, { ${SIGNAL} });`),
      fetchMissing('const req = new URL("/orders", base); await fetch(req);', `const req = new URL("/orders", base); await fetch(req, { ${SIGNAL} });`),
      fetchMissing('export const get = (requestUrl) => fetch(requestUrl);', `export const get = (requestUrl) => fetch(requestUrl, { ${SIGNAL} });`),
      // Option: clients
      {
        ...axiosMissing('import http from "@acme/http"; await http.get(url);', 'import http from "@acme/http"; await http.get(url, { timeout: 10000 });'),
        options: [{ clients: [{ module: '@acme/http', family: 'axios', name: 'axios' }] }],
      },
      {
        ...fetchMissing('await fetch(url);', `await fetch(url, { ${SIGNAL} });`),
        settings: { breakwater: { clients: [] } },
      },
    ],
  });

  cjsTester.run('require-timeout (CommonJS)', ruleModule, {
    valid: [
      'const axios = require("axios"); axios.get(url, { timeout: 1 });',
      'const { fetch } = require("./my-fetch"); fetch(url);',
      'const got = require("got").extend({ timeout: { request: 1 } }); got(url);',
      'const undici = require("undici");\nundici.setGlobalDispatcher(new undici.Agent({ headersTimeout: 10000 }));\nmodule.exports = (url) => fetch(url);',
      'const { Agent, fetch } = require("undici");\nmodule.exports = (url) => fetch(url, { dispatcher: new Agent({ bodyTimeout: 10000 }) });',
    ],
    invalid: [
      axiosMissing('const axios = require("axios"); axios.get(url);', 'const axios = require("axios"); axios.get(url, { timeout: 10000 });'),
      axiosMissing('const axios = require("axios").default; axios.get(url);', 'const axios = require("axios").default; axios.get(url, { timeout: 10000 });'),
      httpMissing('const { request } = require("node:http"); request(url).end();', `const { request } = require("node:http"); request(url, { ${SIGNAL} }).end();`),
      fetchMissing(
        'const nodeFetch = require("node-fetch"); nodeFetch(url);',
        `const nodeFetch = require("node-fetch"); nodeFetch(url, { ${SIGNAL} });`,
        SIGNAL,
        'node-fetch',
      ),
      // A client called where it is required.
      fetchMissing('module.exports = (u) => require("node-fetch")(u);', `module.exports = (u) => require("node-fetch")(u, { ${SIGNAL} });`, SIGNAL, 'node-fetch'),
      // fetch-retry's README shape: the module's value called on the fetch it wraps.
      fetchMissing(
        'const fetch = require("fetch-retry")(global.fetch);\nmodule.exports = (u) => fetch(u);',
        `const fetch = require("fetch-retry")(global.fetch);\nmodule.exports = (u) => fetch(u, { ${SIGNAL} });`,
      ),
    ],
  });
});
