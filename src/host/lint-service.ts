import { Linter } from 'eslint/universal';
import * as vscode from 'vscode';
import { BreakwaterLinter, isLintable, type Finding } from '../core/lint';
import type { ExtensionSettings } from '../core/settings';

// The plugin is bundled in; the TypeScript parser is loaded on the first TypeScript file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('eslint-plugin-breakwater');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readCockatielPolicies } = require('eslint-plugin-breakwater/dist/policies') as typeof import('../../eslint-plugin/src/policies');
type PolicyDefinition = import('../../eslint-plugin/src/policies').PolicyDefinition;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wrapEditsForCall, textMayUseNetwork } = require('eslint-plugin-breakwater/dist/edits');
const edits = { wrapEditsForCall, textMayUseNetwork };

/** Lints documents with the plugin in-process and caches findings per document version. */
export class LintService {
  private readonly linter: BreakwaterLinter;
  private readonly cache = new Map<string, { version: number; findings: Finding[] }>();
  private readonly policyCache = new Map<string, { version: number; policies: PolicyDefinition[] }>();

  constructor(
    settings: ExtensionSettings,
    private readonly log: (line: string) => void,
  ) {
    this.linter = new BreakwaterLinter(
      {
        Linter,
        plugin,
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        typescriptParser: () => require('@typescript-eslint/parser'),
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
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.findings;
    let findings: Finding[] = [];
    if (isLintable(document.fileName) || document.isUntitled) {
      try {
        findings = this.linter.lint(document.getText(), document.isUntitled ? `untitled.${extensionFor(document.languageId)}` : document.fileName);
      } catch (error) {
        // A rule must never break the editor: log it, show nothing for this file.
        this.log(`Linting ${document.fileName} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    this.cache.set(key, { version: document.version, findings });
    return findings;
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
        const sourceCode = this.linter.sourceCode(text, document.isUntitled ? `untitled.${extensionFor(document.languageId)}` : document.fileName);
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

function extensionFor(languageId: string): string {
  return { typescript: 'ts', typescriptreact: 'tsx', javascriptreact: 'jsx' }[languageId] ?? 'js';
}
