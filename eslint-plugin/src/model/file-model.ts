import type { TSESLint } from '@typescript-eslint/utils';
import { BUILTIN_CLIENTS, userClientEntry, type UserClient } from './catalog';
import { NetworkCallDetector } from './network-call';
import { OptionsReader } from './options';
import { OriginResolver } from './resolve';
import { readSharedSettings, type SharedSettings } from './settings';

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
    readonly settings: SharedSettings,
    clients: readonly UserClient[],
  ) {
    let detector: NetworkCallDetector | undefined;
    this.resolver = new OriginResolver(
      (node) => sourceCode.getScope(node),
      (origin, method) => detector!.isFactory(origin, method),
    );
    this.options = new OptionsReader(this.resolver);
    detector = new NetworkCallDetector([...BUILTIN_CLIENTS, ...clients.map(userClientEntry)], this.resolver, this.options);
    this.calls = detector;
  }
}

const models = new WeakMap<object, Map<string, FileModel>>();

/** The model of the file a rule is linting; `ruleClients` are the rule's own `clients` option. */
export function fileModel(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  ruleClients: readonly UserClient[] = [],
): FileModel {
  const sourceCode = context.sourceCode;
  const settings = readSharedSettings(context.settings);
  const clients = [...settings.clients, ...ruleClients];
  const key = JSON.stringify(clients);
  let perFile = models.get(sourceCode);
  if (!perFile) {
    perFile = new Map();
    models.set(sourceCode, perFile);
  }
  let model = perFile.get(key);
  if (!model) {
    model = new FileModel(sourceCode, settings, clients);
    perFile.set(key, model);
  }
  return model;
}
