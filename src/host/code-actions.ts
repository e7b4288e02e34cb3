import * as vscode from 'vscode';
import { disableNextLineComment } from '../core/line-disable';
import type { WrapOffer } from '../core/lint';
import type { FindingData } from '../core/lint-documents';
import { ruleOfDiagnostic } from './diagnostics';
import type { LintService } from './lint-service';

export const ADD_TIMEOUTS_KIND = vscode.CodeActionKind.Source.append('breakwater.addTimeouts');
export const ENSURE_COCKATIEL_COMMAND = 'breakwater.ensureCockatiel';

/**
 * Quick-fixes for Breakwater findings — ours, or ESLint's when the plugin runs through the ESLint
 * extension. Suggestions come from the plugin's own edit builders (re-linting the document), so the
 * extension never builds an edit of its own. Wrapping changes behaviour, so nothing here is ever
 * offered as a fix-all or on save.
 */
export class BreakwaterCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, ADD_TIMEOUTS_KIND],
  };

  constructor(private readonly service: LintService) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix);
    const findings = await this.service.findings(document);
    if (wantsQuickFix) {
      // One call often has two findings (no timeout, no retry): its wraps are listed once, for both.
      const wraps = new Map<string, vscode.CodeAction>();
      for (const diagnostic of context.diagnostics) {
        const rule = ruleOfDiagnostic(diagnostic);
        if (!rule) continue;
        const finding = this.findingFor(document, findings, diagnostic, rule);
        const offers = finding ? await this.service.wraps(document, finding) : [];
        actions.push(...this.forDiagnostic(document, diagnostic, rule, finding, offers, wraps));
      }
      // The timeout is the best fix for a call that lacks one; wrapping comes after it.
      const wrapActions = new Set(wraps.values());
      if (actions.some((action) => action.isPreferred && !wrapActions.has(action))) {
        for (const action of wrapActions) action.isPreferred = false;
      }
    }
    if (!context.only || context.only.contains(ADD_TIMEOUTS_KIND)) {
      const all = this.addAllTimeouts(document, findings);
      if (all) actions.push(all);
    }
    return actions;
  }

  private forDiagnostic(
    document: vscode.TextDocument,
    diagnostic: vscode.Diagnostic,
    rule: string,
    finding: FindingData | undefined,
    offers: readonly WrapOffer[],
    wrapsOffered: Map<string, vscode.CodeAction>,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    finding?.suggestions.forEach((suggestion, index) => {
      const action = new vscode.CodeAction(suggestion.desc.replace(/\.$/, ''), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = index === 0;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, rangeOf(document, suggestion.range), suggestion.text);
      actions.push(action);
    });
    // The best fix: the plugin's suggestion where there is one (a timeout), else the full policy, or
    // the breaker where the full policy is not offered (a POST with no idempotency key gets no retry).
    const suggested = (finding?.suggestions.length ?? 0) > 0;
    const best = offers.some((wrap) => wrap.kind === 'full') ? 'full' : 'breaker';
    for (const wrap of offers) {
      // That policy; for a fan-out, the bulkhead that limits it.
      const preferred = !suggested && (wrap.kind === best || rule === 'no-unbounded-concurrency');
      const key = `${wrap.kind}@${finding?.start}-${finding?.end}`;
      const offered = wrapsOffered.get(key);
      if (offered) {
        offered.diagnostics = [...(offered.diagnostics ?? []), diagnostic];
        offered.isPreferred ||= preferred;
        continue;
      }
      const action = new vscode.CodeAction(wrap.title, vscode.CodeActionKind.QuickFix);
      wrapsOffered.set(key, action);
      action.diagnostics = [diagnostic];
      action.isPreferred = preferred;
      action.edit = new vscode.WorkspaceEdit();
      for (const fix of wrap.fixes) action.edit.replace(document.uri, rangeOf(document, fix.range), fix.text);
      // No arguments: VS Code keeps a code action's command arguments only while its list of actions
      // lives, and the wrap's own edit can replace that list (a new lint) before the command runs, which
      // then fails with "Actual command not found". The command reads the editor the wrap was applied in.
      action.command = { title: 'Check that cockatiel is installed', command: ENSURE_COCKATIEL_COMMAND };
      actions.push(action);
    }
    const line = document.lineAt(diagnostic.range.start.line);
    const disable = new vscode.CodeAction(`Disable breakwater/${rule} for this line`, vscode.CodeActionKind.QuickFix);
    disable.diagnostics = [diagnostic];
    disable.edit = new vscode.WorkspaceEdit();
    disable.edit.insert(document.uri, line.range.start, disableNextLineComment(line.text, rule));
    actions.push(disable);
    const docsUrl = finding?.docsUrl || (typeof diagnostic.code === 'object' ? diagnostic.code.target.toString() : '');
    if (docsUrl) {
      const docs = new vscode.CodeAction(`Show documentation for breakwater/${rule}`, vscode.CodeActionKind.QuickFix);
      docs.diagnostics = [diagnostic];
      docs.command = { title: docs.title, command: 'vscode.open', arguments: [vscode.Uri.parse(docsUrl)] };
      actions.push(docs);
    }
    return actions;
  }

  private findingFor(document: vscode.TextDocument, findings: readonly FindingData[], diagnostic: vscode.Diagnostic, rule: string): FindingData | undefined {
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    return findings.find((f) => f.ruleId === rule && f.start === start && f.end === end);
  }

  /** "Fix all Breakwater timeouts in file": every require-timeout suggestion, applied one after another. */
  private addAllTimeouts(document: vscode.TextDocument, findings: readonly FindingData[]): vscode.CodeAction | undefined {
    const edits = findings
      .filter((finding) => finding.ruleId === 'require-timeout' && finding.suggestions.length > 0)
      .map((finding) => finding.suggestions[0]!)
      .sort((a, b) => a.range[0] - b.range[0]);
    // Edits from one lint never overlap for distinct calls; drop any that would.
    const chosen = edits.filter((edit, i) => i === 0 || edit.range[0] >= edits[i - 1]!.range[1]);
    if (chosen.length === 0) return undefined;
    const action = new vscode.CodeAction('Fix all Breakwater timeouts in file', ADD_TIMEOUTS_KIND);
    action.edit = new vscode.WorkspaceEdit();
    for (const edit of chosen) action.edit.replace(document.uri, rangeOf(document, edit.range), edit.text);
    return action;
  }
}

function rangeOf(document: vscode.TextDocument, range: readonly [number, number]): vscode.Range {
  return new vscode.Range(document.positionAt(range[0]), document.positionAt(range[1]));
}
