import * as vscode from 'vscode';
import type { FindingData } from '../core/lint-documents';

export const DIAGNOSTIC_SOURCE = 'breakwater';

const SEVERITY: Record<FindingData['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnostic(document: vscode.TextDocument, finding: FindingData): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.docsUrl ? { value: finding.ruleId, target: vscode.Uri.parse(finding.docsUrl) } : finding.ruleId;
  return diagnostic;
}

/** The Breakwater rule a diagnostic is about: ours (`breakwater`), or ESLint's (`eslint`, `breakwater/<rule>`). */
export function ruleOfDiagnostic(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
  if (diagnostic.source === DIAGNOSTIC_SOURCE) return code;
  if (diagnostic.source === 'eslint' && code.startsWith('breakwater/')) return code.slice('breakwater/'.length);
  return undefined;
}
