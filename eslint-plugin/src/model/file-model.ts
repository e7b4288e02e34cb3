import type { TSESLint } from '@typescript-eslint/utils';
import { BUILTIN_CLIENTS, userClientEntry, type UserClient } from './catalog';
import { NetworkCallDetector } from './network-call';
import { OptionsReader } from './options';
import { OriginResolver } from './resolve';
import { readSharedSettings } from './settings';

/**
 * Everything the rules know about one file: how values resolve, which calls are network calls.
 * Built lazily once per file and per client catalog, shared by every Breakwater rule, and dropped
 * with the file's SourceCode (no state survives across files).
 */
export class FileModel {
  readonly resolver: OriginResolver;
  readonly options: OptionsReader;
  readonly calls: NetworkCallDetector;

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    clients: readonly UserClient[],
    /** Names of the project's own wrappers that retry or break (`withRetry`, `resilience.run`). */
    readonly protectors: readonly string[],
  ) {
    // The resolver asks the detector which calls make client instances; the detector is made just after.
    this.resolver = new OriginResolver(
      (node) => sourceCode.getScope(node),
      (origin, method) => this.calls.isFactory(origin, method),
    );
    this.options = new OptionsReader(this.resolver);
    this.calls = new NetworkCallDetector([...BUILTIN_CLIENTS, ...clients.map(userClientEntry)], this.resolver, this.options);
  }
}

const models = new WeakMap<object, Map<string, FileModel>>();

/** The model of the file a rule is linting, with the rule's own `clients` and `protectors` options added. */
export function fileModel(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  ruleOptions: { readonly clients?: readonly UserClient[]; readonly protectors?: readonly string[] } = {},
): FileModel {
  const sourceCode = context.sourceCode;
  const settings = readSharedSettings(context.settings);
  const clients = [...settings.clients, ...(ruleOptions.clients ?? [])];
  const protectors = [...settings.protectors, ...(ruleOptions.protectors ?? [])];
  const key = JSON.stringify([clients, protectors]);
  let perFile = models.get(sourceCode);
  if (!perFile) {
    perFile = new Map();
    models.set(sourceCode, perFile);
  }
  let model = perFile.get(key);
  if (!model) {
    model = new FileModel(sourceCode, clients, protectors);
    perFile.set(key, model);
  }
  return model;
}
