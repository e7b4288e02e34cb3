import type { TSESLint } from '@typescript-eslint/utils';
import { clientNames } from './candidates';
import { BUILTIN_CLIENTS, userClientEntry, type UserClient } from './catalog';
import { Catalog, NetworkCallDetector } from './network-call';
import { DURABLE_MODULES } from './durable-functions';
import { OptionsReader } from './options';
import { canonicalModule } from './module-aliases';
import { mayUseNetwork, mentionPattern, quotedModulePattern } from './relevance';
import { OriginResolver } from './resolve';
import { RESILIENCE_MODULES } from './retry-site';
import { readSharedSettings } from './settings';

/**
 * Everything the rules know about one file: how values resolve, which calls are network calls.
 * Built lazily once per file and per configuration, shared by every Breakwater rule, and dropped
 * with the file's SourceCode (no state survives across files).
 */
export class FileModel {
  readonly resolver: OriginResolver;
  readonly options: OptionsReader;
  readonly calls: NetworkCallDetector;
  private quotedModules: ReadonlySet<string> | undefined;

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    catalog: Catalog,
    /** Names of the project's own wrappers that retry or break (`withRetry`, `resilience.run`). */
    readonly protectors: readonly string[],
    /** Finds the catalog's and the resilience libraries' module names in quotes (a global pattern). */
    private readonly quotedModulePattern: RegExp,
  ) {
    // The resolver asks the detector which calls make or keep client instances; the detector is made just after.
    this.resolver = new OriginResolver(
      sourceCode,
      (origin, method) => this.calls.instanceMethod(origin, method),
    );
    this.options = new OptionsReader(this.resolver);
    this.calls = new NetworkCallDetector(catalog, this.resolver, this.options, () => clientNames(sourceCode, catalog.byModule));
  }

  /**
   * Whether the file names one of `modules` in quotes. An import, a require or a dynamic import of a
   * module always does, so nothing in a file that does not can come from it: checks that look for
   * one library's calls skip resolving every other call. One pass over the text, on first use.
   */
  namesAnyModule(modules: readonly string[]): boolean {
    if (!this.quotedModules) {
      const found = new Set<string>();
      for (const match of this.sourceCode.text.matchAll(this.quotedModulePattern)) found.add(canonicalModule(match[1]!));
      this.quotedModules = found;
    }
    return modules.some((module) => this.quotedModules!.has(module));
  }
}

interface Configuration {
  readonly catalog: Catalog;
  readonly modules: ReadonlySet<string>;
  readonly mentionsClient: RegExp;
  readonly quotedModule: RegExp;
  readonly protectors: readonly string[];
  /**
   * This configuration's model of the file being linted (null: nothing network-related in it). One
   * slot, not a map: ESLint runs every rule's `create` for one file before the next file, so the rules
   * of a file all find it here; a host that interleaves files only rebuilds a model. It holds the last
   * file's SourceCode until the next one, which a WeakMap would not, but a WeakMap entry per file cost
   * as much as the rest of the check.
   */
  last: { sourceCode: object; model: FileModel | null } | undefined;
}

/** Configurations by their clients and protectors: pure data, so shared across files. */
const configurations = new Map<string, Configuration>();
const DEFAULT_KEY = '';

function configuration(clients: readonly UserClient[], protectors: readonly string[]): Configuration {
  const key = clients.length === 0 && protectors.length === 0 ? DEFAULT_KEY : JSON.stringify([clients, protectors]);
  let config = configurations.get(key);
  if (!config) {
    const catalog = new Catalog([...BUILTIN_CLIENTS, ...clients.map(userClientEntry)]);
    // Files that only set up retries or limits (no client) still matter to the retry and concurrency rules.
    const modules = new Set([...catalog.modules, ...RESILIENCE_MODULES]);
    // A durable-execution framework only matters around a client's call: it does not make a file worth linting.
    const quoted = quotedModulePattern(new Set([...modules, ...DURABLE_MODULES]));
    config = { catalog, modules, mentionsClient: mentionPattern(modules), quotedModule: quoted, protectors, last: undefined };
    configurations.set(key, config);
  }
  return config;
}

/**
 * Whether a file with this text can get any finding from the rules: the cheap first step of the
 * relevance check every rule makes (a file that names neither `fetch` nor a client or resilience
 * module in quotes has nothing to report). Hosts use it to skip parsing such files at all.
 */
export function textMayUseNetwork(text: string, clients: readonly UserClient[] = []): boolean {
  return configuration(clients, []).mentionsClient.test(text);
}

/**
 * The model of the file a rule is linting, with the rule's own `clients` and `protectors` options
 * added; undefined when the file imports no client and reads no global `fetch`, so there is nothing
 * to check (rules then register no listeners: most files of a large repo cost next to nothing).
 */
export function fileModel(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  ruleOptions: { readonly clients?: readonly UserClient[]; readonly protectors?: readonly string[] } = {},
): FileModel | undefined {
  return modelOfSourceCode(context.sourceCode, context.settings, ruleOptions);
}

/** The same model for code outside a rule (the edit builders the extension calls). */
export function modelOfSourceCode(
  sourceCode: Readonly<TSESLint.SourceCode>,
  eslintSettings: Readonly<Record<string, unknown>> | undefined,
  ruleOptions: { readonly clients?: readonly UserClient[]; readonly protectors?: readonly string[] } = {},
): FileModel | undefined {
  const settings = readSharedSettings(eslintSettings);
  const ruleClients = ruleOptions.clients ?? [];
  const ruleProtectors = ruleOptions.protectors ?? [];
  const clients = ruleClients.length === 0 ? settings.clients : [...settings.clients, ...ruleClients];
  const protectors = ruleProtectors.length === 0 ? settings.protectors : [...settings.protectors, ...ruleProtectors];
  const config = configuration(clients, protectors);
  const last = config.last;
  if (last?.sourceCode === sourceCode) return last.model ?? undefined;
  const model = mayUseNetwork(sourceCode, config.modules, config.mentionsClient) ? new FileModel(sourceCode, config.catalog, config.protectors, config.quotedModule) : null;
  config.last = { sourceCode, model };
  return model ?? undefined;
}
