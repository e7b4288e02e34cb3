import { Linter } from 'eslint/universal';
import * as vscode from 'vscode';
import { BreakwaterLinter, isLintable, type Finding, type LintResult } from '../core/lint';
import { editorParsing } from '../core/parsers';
import type { ExtensionSettings } from '../core/settings';

// The plugin is bundled in.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('eslint-plugin-breakwater');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readCockatielPolicies } = require('eslint-plugin-breakwater/dist/policies') as typeof import('../../eslint-plugin/src/policies');
type PolicyDefinition = import('../../eslint-plugin/src/policies').PolicyDefinition;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wrapEditsForCall, textMayUseNetwork } = require('eslint-plugin-breakwater/dist/edits');
const edits = { wrapEditsForCall, textMayUseNetwork };

const NOTHING: LintResult = { findings: [], sourceCode: undefined };

/**
 * Lints documents with the plugin in-process and caches each document's lint per version: the
 * diagnostics, the code actions and the CodeLens all read the same parse of a version.
 */
export class LintService {
  private readonly linter: BreakwaterLinter;
  private readonly cache = new Map<string, { version: number; result: LintResult }>();
  private readonly policyCache = new Map<string, { version: number; policies: PolicyDefinition[] }>();

  constructor(
    settings: ExtensionSettings,
    private readonly log: (line: string) => void,
  ) {
    this.linter = new BreakwaterLinter(
      {
        Linter,
        plugin,
        // Without tokens or code-path analysis (see ../core/parsers); TypeScript's loads on the first TypeScript file.
        ...editorParsing,
        ...edits,
      },
      settings,
    );
  }

  get invalidOptions(): ReadonlyMap<string, string> {
    return this.linter.invalidOptions;
  }

  update(settings: ExtensionSettings): void {
    this.linter.update(settings);
    this.cache.clear();
  }

  findings(document: vscode.TextDocument): Finding[] {
    return this.analysis(document).findings;
  }

  private analysis(document: vscode.TextDocument): LintResult {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.result;
    let result = NOTHING;
    if (isLintable(document.fileName) || document.isUntitled) {
      try {
        result = this.linter.analyze(document.getText(), lintFileName(document));
      } catch (error) {
        // A rule must never break the editor: log it, show nothing for this file.
        this.log(`Linting ${document.fileName} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    this.cache.set(key, { version: document.version, result });
    return result;
  }

  /** cockatiel policy definitions in the document (for the simulator's CodeLens), cached per version. */
  policies(document: vscode.TextDocument): PolicyDefinition[] {
    const key = document.uri.toString();
    const cached = this.policyCache.get(key);
    if (cached?.version === document.version) return cached.policies;
    let policies: PolicyDefinition[] = [];
    const text = document.getText();
    if (text.includes('cockatiel') && (isLintable(document.fileName) || document.isUntitled)) {
      try {
        // The lint of this version has parsed the file already (a file that imports cockatiel is never
        // skipped); parse it alone only when the lint did not (it failed, or cockatiel is not imported).
        const sourceCode = this.analysis(document).sourceCode ?? this.linter.sourceCode(text, lintFileName(document));
        if (sourceCode) policies = readCockatielPolicies(sourceCode as never);
      } catch (error) {
        this.log(`Reading cockatiel policies in ${document.fileName} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    this.policyCache.set(key, { version: document.version, policies });
    return policies;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
    this.policyCache.delete(document.uri.toString());
  }
}

/** The name the linter goes by (its extension picks the parser): untitled documents get one from their language. */
function lintFileName(document: vscode.TextDocument): string {
  return document.isUntitled ? `untitled.${extensionFor(document.languageId)}` : document.fileName;
}

function extensionFor(languageId: string): string {
  return { typescript: 'ts', typescriptreact: 'tsx', javascriptreact: 'jsx' }[languageId] ?? 'js';
}
