import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { LINT_WORKER_RESOURCE_LIMITS, type DocumentVersion, type FindingData, type LintRequest, type LintResponses, type PolicyDefinitionData } from '../core/lint-documents';
import { LintWorkerClient } from '../core/lint-worker-client';
import { isLintable, type WrapOffer } from '../core/lint';
import type { ExtensionSettings, RuleId } from '../core/settings';
import type { LintWorkerData } from '../lint-worker';
import { typescriptLocations } from './typescript-locations';

/**
 * The extension host's side of the lint worker (../lint-worker.ts): sends it documents, settings and
 * quick-fix questions, and keeps each document's findings per version, so the diagnostics, the code
 * actions and the CodeLens of a version share one lint. The worker starts on the first request and
 * again after a crash.
 */
export class LintService implements vscode.Disposable {
  private running: { readonly worker: Worker; readonly client: LintWorkerClient } | undefined;
  private readonly findingsCache = new Map<string, { version: number; findings: Promise<FindingData[]> }>();
  private readonly policyCache = new Map<string, { version: number; policies: Promise<PolicyDefinitionData[]> }>();
  private invalid: ReadonlyMap<string, string> = new Map();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private settings: ExtensionSettings,
    private readonly log: (line: string) => void,
  ) {}

  /** Rule options the plugin's schema rejected, with ESLint's message (as of the last `update`). */
  get invalidOptions(): ReadonlyMap<string, string> {
    return this.invalid;
  }

  async update(settings: ExtensionSettings): Promise<void> {
    this.settings = settings;
    this.findingsCache.clear();
    this.policyCache.clear();
    const { invalidOptions } = await this.request({ kind: 'settings', settings });
    this.invalid = new Map(invalidOptions);
  }

  /** The document's findings; none when it is not JavaScript or TypeScript, or its lint failed. */
  findings(document: vscode.TextDocument): Promise<FindingData[]> {
    const key = document.uri.toString();
    const cached = this.findingsCache.get(key);
    if (cached?.version === document.version) return cached.findings;
    const version = versionOf(document);
    const findings = isLintable(version.fileName)
      ? this.request({ kind: 'lint', document: version, text: document.getText() }).catch((error: Error) => this.failed(`Linting ${document.fileName}`, error, []))
      : Promise.resolve([]);
    this.findingsCache.set(key, { version: document.version, findings });
    return findings;
  }

  /** The cockatiel wraps the plugin builds for a finding's call, for this version of the document. */
  wraps(document: vscode.TextDocument, finding: Pick<FindingData, 'ruleId' | 'start' | 'end'>): Promise<WrapOffer[]> {
    const request = { kind: 'wraps', document: versionOf(document), ruleId: finding.ruleId as RuleId, start: finding.start, end: finding.end } as const;
    return this.request(request).catch((error: Error) => this.failed(`Building wraps in ${document.fileName}`, error, []));
  }

  /** cockatiel policy definitions in the document (for the simulator's CodeLens), per version. */
  policies(document: vscode.TextDocument): Promise<PolicyDefinitionData[]> {
    const key = document.uri.toString();
    const cached = this.policyCache.get(key);
    if (cached?.version === document.version) return cached.policies;
    const text = document.getText();
    const policies = text.includes('cockatiel')
      ? this.request({ kind: 'policies', document: versionOf(document), text }).catch((error: Error) => this.failed(`Reading policies in ${document.fileName}`, error, []))
      : Promise.resolve([]);
    this.policyCache.set(key, { version: document.version, policies });
    return policies;
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.findingsCache.delete(key);
    this.policyCache.delete(key);
    if (this.running) void this.request({ kind: 'forget', uri: key, fileName: document.fileName }).catch(() => undefined);
  }

  dispose(): void {
    const running = this.running;
    this.running = undefined;
    void running?.worker.terminate();
  }

  private failed<T>(what: string, error: Error, fallback: T): T {
    this.log(`${what} failed: ${error.message}`);
    return fallback;
  }

  private request<Request extends LintRequest>(request: Request): Promise<LintResponses[Request['kind']]> {
    return (this.running ?? this.start()).client.request(request);
  }

  private start(): { readonly worker: Worker; readonly client: LintWorkerClient } {
    const workerData: LintWorkerData = { settings: this.settings, typescriptPaths: typescriptLocations() };
    const worker = new Worker(vscode.Uri.joinPath(this.extensionUri, 'dist', 'lint-worker.js').fsPath, { workerData, resourceLimits: LINT_WORKER_RESOURCE_LIMITS });
    const running = {
      worker,
      client: new LintWorkerClient(worker, {
        log: this.log,
        stopped: (reason) => {
          if (this.running !== running) return; // disposed
          this.running = undefined;
          this.log(`The lint worker stopped (${reason}); it restarts on the next lint.`);
          this.findingsCache.clear();
          this.policyCache.clear();
        },
      }),
    };
    this.running = running;
    return running;
  }
}

function versionOf(document: vscode.TextDocument): DocumentVersion {
  return { uri: document.uri.toString(), version: document.version, fileName: lintFileName(document) };
}

/** The name the linter goes by (its extension picks the parser): untitled documents get one from their language. */
function lintFileName(document: vscode.TextDocument): string {
  return document.isUntitled ? `untitled.${extensionFor(document.languageId)}` : document.fileName;
}

function extensionFor(languageId: string): string {
  return { typescript: 'ts', typescriptreact: 'tsx', javascriptreact: 'jsx' }[languageId] ?? 'js';
}
