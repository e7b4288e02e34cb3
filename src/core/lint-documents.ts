/**
 * The lint engine's side of the extension: what the lint worker does with each request from the
 * extension host. It keeps each open document's last lint, so that the quick-fixes and the CodeLens
 * of a version read the parse its diagnostics came from. Pure (no `vscode`, no worker API):
 * src/lint-worker.ts puts it behind a message port, and test/extension/lint-worker.test.ts drives
 * that real worker.
 */
import { BreakwaterLinter, isLintable, type Finding, type LintDependencies, type LintResult, type WrapOffer } from './lint';
import type { ExtensionSettings, RuleId } from './settings';

/** A version of an open document, as the host names it. */
export interface DocumentVersion {
  readonly uri: string;
  readonly version: number;
  /** The name the linter goes by: its extension picks the parser (untitled documents get one from their language). */
  readonly fileName: string;
}

/** A finding as it crosses to the host: plain data. Its wraps are asked for separately, when a quick-fix menu opens. */
export type FindingData = Omit<Finding, 'wraps'>;

/** A cockatiel policy definition the CodeLens offers to simulate. */
export type PolicyDefinitionData = import('../../eslint-plugin/src/policies').PolicyDefinition;

export type LintRequest =
  | { readonly kind: 'settings'; readonly settings: ExtensionSettings }
  | { readonly kind: 'lint'; readonly document: DocumentVersion; readonly text: string }
  | { readonly kind: 'wraps'; readonly document: DocumentVersion; readonly ruleId: RuleId; readonly start: number; readonly end: number }
  | { readonly kind: 'policies'; readonly document: DocumentVersion; readonly text: string }
  | { readonly kind: 'forget'; readonly uri: string; readonly fileName: string };

/** What each request answers. */
export interface LintResponses {
  settings: { readonly invalidOptions: [RuleId, string][] };
  lint: FindingData[];
  wraps: WrapOffer[];
  policies: PolicyDefinitionData[];
  forget: null;
}

export interface LintDocumentsDependencies extends LintDependencies {
  /** The plugin's policy reader (`eslint-plugin-breakwater/dist/policies`). */
  readonly readCockatielPolicies: (sourceCode: never) => PolicyDefinitionData[];
}

const NOTHING: LintResult = { findings: [], sourceCode: undefined };

/**
 * The lint worker's heap: a young generation large enough that one lint of a 3,000-line file fits in
 * it. With V8's default, the collector copies the live AST of the lint in progress several times per
 * lint; on such a file that was a third of the time (`npm run bench:extension` times the engine both
 * ways). The memory is committed only as the worker's young generation grows to it.
 */
export const LINT_WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 192 } as const;

export class LintDocuments {
  private readonly linter: BreakwaterLinter;
  private readonly lints = new Map<string, { version: number; result: LintResult }>();

  constructor(
    private readonly deps: LintDocumentsDependencies,
    settings: ExtensionSettings,
    /** Where a rule's or a reader's crash goes: it never reaches the editor as an error. */
    private readonly log: (line: string) => void,
  ) {
    this.linter = new BreakwaterLinter(deps, settings);
  }

  handle<Request extends LintRequest>(request: Request): LintResponses[Request['kind']] {
    switch (request.kind) {
      case 'settings':
        return this.update(request.settings) as LintResponses[Request['kind']];
      case 'lint':
        return this.lint(request.document, request.text) as LintResponses[Request['kind']];
      case 'wraps':
        return this.wraps(request.document, request.ruleId, request.start, request.end) as LintResponses[Request['kind']];
      case 'policies':
        return this.policies(request.document, request.text) as LintResponses[Request['kind']];
      case 'forget':
        this.lints.delete(request.uri);
        this.linter.forget(request.fileName);
        return null as LintResponses[Request['kind']];
    }
    throw new TypeError(`Unknown lint request ${JSON.stringify((request as { kind?: unknown }).kind)}.`);
  }

  /** New settings: every document is linted afresh; rule options the plugin's schema rejects are named. */
  update(settings: ExtensionSettings): LintResponses['settings'] {
    this.linter.update(settings);
    this.lints.clear();
    return { invalidOptions: [...this.linter.invalidOptions] };
  }

  lint(document: DocumentVersion, text: string): FindingData[] {
    return this.analysis(document, text).findings.map(dataOf);
  }

  /** The cockatiel wraps for a finding of this version's lint; none when the document has moved on since. */
  wraps(document: DocumentVersion, ruleId: RuleId, start: number, end: number): WrapOffer[] {
    const lint = this.lints.get(document.uri);
    if (lint?.version !== document.version) return [];
    const finding = lint.result.findings.find((f) => f.ruleId === ruleId && f.start === start && f.end === end);
    if (!finding) return [];
    try {
      return [...finding.wraps()];
    } catch (error) {
      this.log(`Building the wraps for ${document.fileName} failed: ${(error as Error).stack ?? String(error)}`);
      return [];
    }
  }

  /** cockatiel policy definitions in the document, read from this version's lint when it parsed the file. */
  policies(document: DocumentVersion, text: string): PolicyDefinitionData[] {
    if (!text.includes('cockatiel') || !isLintable(document.fileName)) return [];
    try {
      // A file that imports cockatiel is never skipped, so its lint has parsed it; parse it alone
      // only when the lint did not (it failed, or cockatiel is not imported).
      const sourceCode = this.analysis(document, text).sourceCode ?? this.linter.sourceCode(text, document.fileName);
      return sourceCode ? this.deps.readCockatielPolicies(sourceCode as never) : [];
    } catch (error) {
      this.log(`Reading cockatiel policies in ${document.fileName} failed: ${(error as Error).stack ?? String(error)}`);
      return [];
    }
  }

  private analysis(document: DocumentVersion, text: string): LintResult {
    const cached = this.lints.get(document.uri);
    if (cached?.version === document.version) return cached.result;
    let result = NOTHING;
    if (isLintable(document.fileName)) {
      try {
        result = this.linter.analyze(text, document.fileName);
      } catch (error) {
        // A rule must never break the editor: log it, show nothing for this file.
        this.log(`Linting ${document.fileName} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    this.lints.set(document.uri, { version: document.version, result });
    return result;
  }
}

/** A finding without its `wraps` function, which cannot cross to the host. */
function dataOf(finding: Finding): FindingData {
  return { ruleId: finding.ruleId, message: finding.message, start: finding.start, end: finding.end, severity: finding.severity, docsUrl: finding.docsUrl, suggestions: finding.suggestions };
}
