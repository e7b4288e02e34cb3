import type { JSONSchema } from '@typescript-eslint/utils';

/**
 * The client catalog: which modules export HTTP clients, and how each family of client takes its
 * options. It is data so that users can add their own clients (a shared setting or a rule option)
 * without code: a client that behaves like axios is declared as `{ module, family: "axios" }`.
 */

export const FAMILIES = ['fetch', 'axios', 'got', 'ky', 'node-http', 'superagent'] as const;
export type Family = (typeof FAMILIES)[number];

/** The module name used for values that are globals rather than imports (`fetch`, `globalThis.fetch`). */
export const GLOBAL_MODULE = '<global>';

/** The global objects through which a file reaches `fetch` as a member (`globalThis.fetch`, `window.fetch`). */
export const GLOBAL_OBJECTS: readonly string[] = ['globalThis', 'window', 'self', 'global'];

export interface ClientEntry {
  /** Name shown in messages. */
  readonly client: string;
  readonly family: Family;
  /** Module specifier, or GLOBAL_MODULE. */
  readonly module: string;
  /** Member path from the module's value to the client (empty: the module value or its default export). */
  readonly root: readonly string[];
  /**
   * Options besides `signal` that bound a fetch-family call: node-fetch v2's non-standard `timeout`,
   * undici `request()`'s `headersTimeout` and `bodyTimeout`.
   */
  readonly timeoutOptions?: readonly string[];
}

const nodeHttp = (module: string): ClientEntry => ({
  client: module.replace(/^node:/, ''),
  family: 'node-http',
  module,
  root: [],
});

export const BUILTIN_CLIENTS: readonly ClientEntry[] = [
  { client: 'fetch', family: 'fetch', module: GLOBAL_MODULE, root: ['fetch'] },
  { client: 'node-fetch', family: 'fetch', module: 'node-fetch', root: [], timeoutOptions: ['timeout'] },
  { client: 'cross-fetch', family: 'fetch', module: 'cross-fetch', root: [] },
  { client: 'cross-fetch', family: 'fetch', module: 'cross-fetch', root: ['fetch'] },
  { client: 'isomorphic-fetch', family: 'fetch', module: 'isomorphic-fetch', root: [] },
  { client: 'undici fetch', family: 'fetch', module: 'undici', root: ['fetch'] },
  // `request(url, options)` takes fetch's place in its options (`method`, `body`, `signal`), answers
  // without throwing on a 4xx/5xx, and waits 300 s for headers and between body chunks unless told.
  { client: 'undici request', family: 'fetch', module: 'undici', root: ['request'], timeoutOptions: ['headersTimeout', 'bodyTimeout'] },
  { client: 'axios', family: 'axios', module: 'axios', root: [] },
  { client: 'got', family: 'got', module: 'got', root: [] },
  { client: 'got', family: 'got', module: 'got', root: ['got'] },
  { client: 'ky', family: 'ky', module: 'ky', root: [] },
  nodeHttp('http'),
  nodeHttp('https'),
  nodeHttp('node:http'),
  nodeHttp('node:https'),
  { client: 'superagent', family: 'superagent', module: 'superagent', root: [] },
];

/**
 * Where a call's options are. `index`: a fixed argument. `configOrUrl`: axios/got style, the first
 * argument when it is the only one and an object, else the second. `nodeHttp`: the first object among
 * the first two arguments. `none`: the client takes no options object (superagent builds a chain).
 */
export type OptionsPosition =
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'configOrUrl' }
  | { readonly kind: 'nodeHttp' }
  | { readonly kind: 'none' };

export interface CallShape {
  /** HTTP method the call sends when its options do not say (`undefined`: read `method` from options). */
  readonly httpMethod?: string;
  readonly options: OptionsPosition;
}

export interface FamilyShape {
  /** How a call of the client itself (`fetch(url)`, `axios(config)`) takes options, if it is callable. */
  readonly call?: CallShape;
  /** Methods that make a request, by name; a method of a method by both names (`paginate.all`). */
  readonly methods: Readonly<Record<string, CallShape>>;
  /** Methods that make a configured instance of the client (`axios.create`, `got.extend`). */
  readonly factories: readonly string[];
  /**
   * Methods of an instance that set a default for all its requests and return the instance itself,
   * so a chain of them still holds it: `superagent.agent().timeout(5000).retry(2)`.
   */
  readonly instanceSettings?: readonly string[];
}

const at = (index: number, httpMethod?: string): CallShape => ({ httpMethod, options: { kind: 'index', index } });

const verbMethods = (index: number, verbs: readonly string[]): Record<string, CallShape> =>
  Object.fromEntries(verbs.map((verb) => [verb, at(index, verb === 'del' ? 'DELETE' : verb.toUpperCase())]));

/** A call that takes a URL and options, or options alone (`got(url, options)`, `got(options)`). */
const CONFIG_OR_URL: OptionsPosition = { kind: 'configOrUrl' };

/** got's shortcuts (`got.post`, `got.stream.post`) take what `got()` takes, under `prefix` (`stream.`). */
const gotVerbs = (prefix: string): Record<string, CallShape> =>
  Object.fromEntries(['get', 'post', 'put', 'patch', 'head', 'delete'].map((verb) => [prefix + verb, { httpMethod: verb.toUpperCase(), options: CONFIG_OR_URL }]));

export const FAMILY_SHAPES: Readonly<Record<Family, FamilyShape>> = {
  fetch: {
    call: { options: { kind: 'index', index: 1 } },
    methods: {},
    factories: [],
  },
  axios: {
    call: { options: { kind: 'configOrUrl' } },
    methods: {
      request: at(0),
      ...verbMethods(1, ['get', 'delete', 'head', 'options']),
      ...verbMethods(2, ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']),
    },
    factories: ['create'],
  },
  got: {
    call: { options: CONFIG_OR_URL },
    // Each page of `got.paginate` (`.all`, and got 11's `.each`) is a request made with the call's options.
    methods: {
      ...gotVerbs(''),
      ...gotVerbs('stream.'),
      stream: { options: CONFIG_OR_URL },
      paginate: { options: CONFIG_OR_URL },
      'paginate.all': { options: CONFIG_OR_URL },
      'paginate.each': { options: CONFIG_OR_URL },
    },
    factories: ['extend'],
  },
  ky: {
    call: { options: { kind: 'index', index: 1 } },
    methods: verbMethods(1, ['get', 'post', 'put', 'patch', 'head', 'delete']),
    factories: ['create', 'extend'],
  },
  'node-http': {
    methods: {
      request: { options: { kind: 'nodeHttp' } },
      get: { httpMethod: 'GET', options: { kind: 'nodeHttp' } },
    },
    factories: [],
  },
  superagent: {
    call: { options: { kind: 'none' } },
    methods: Object.fromEntries(
      ['get', 'post', 'put', 'patch', 'del', 'delete', 'head', 'options'].map((verb) => [
        verb,
        { httpMethod: verb === 'del' ? 'DELETE' : verb.toUpperCase(), options: { kind: 'none' } } satisfies CallShape,
      ]),
    ),
    // `superagent.agent()`: the same verbs, with settings (`agent.timeout(…)`) shared by its requests.
    factories: ['agent'],
    // superagent's lib/agent-base.js: each records the setting for later requests and returns the agent.
    instanceSettings: [
      'use', 'on', 'once', 'set', 'query', 'type', 'accept', 'auth', 'withCredentials', 'sortQuery', 'retry', 'ok',
      'redirects', 'timeout', 'buffer', 'serialize', 'parse', 'ca', 'key', 'pfx', 'cert', 'disableTLSCerts',
    ],
  },
};

/** Methods that got and ky retry by default (got/ky docs; POST and PATCH are not among them). */
export const SELF_RETRYING_METHODS: Readonly<Partial<Record<Family, ReadonlySet<string>>>> = {
  got: new Set(['GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE']),
  ky: new Set(['GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE']),
};

/** Clients that reject their promise on a non-2xx answer, so a 4xx reaches a retry as an error. */
export const THROWS_ON_HTTP_ERROR: ReadonlySet<Family> = new Set(['axios', 'got', 'ky', 'superagent']);

/** A user's own client, from the shared setting `breakwater.clients` or a rule's `clients` option. */
export interface UserClient {
  readonly module: string;
  /** Dotted path of the export that is the client; omitted or "default" for the module's default export. */
  readonly export?: string;
  readonly family: Family;
  readonly name?: string;
}

export function userClientEntry(user: UserClient): ClientEntry {
  const root = user.export && user.export !== 'default' ? user.export.split('.') : [];
  return { client: user.name ?? user.module, family: user.family, module: user.module, root };
}

export const USER_CLIENT_SCHEMA: JSONSchema.JSONSchema4 = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      module: { type: 'string', minLength: 1 },
      export: { type: 'string', minLength: 1 },
      family: { type: 'string', enum: [...FAMILIES] },
      name: { type: 'string', minLength: 1 },
    },
    required: ['module', 'family'],
    additionalProperties: false,
  },
};
