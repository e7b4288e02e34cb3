import * as vscode from 'vscode';
import { ensureCockatiel } from './host/cockatiel-install';
import { BreakwaterCodeActions, ENSURE_COCKATIEL_COMMAND } from './host/code-actions';
import { DiagnosticsController, LANGUAGES } from './host/controller';

/** Activated by a JavaScript/TypeScript document (package.json `activationEvents`); everything it makes is disposed with it. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Breakwater');
  const controller = new DiagnosticsController(output);
  context.subscriptions.push(
    output,
    controller,
    vscode.languages.registerCodeActionsProvider(
      LANGUAGES.map((language) => ({ language })),
      new BreakwaterCodeActions(controller.service),
      BreakwaterCodeActions.metadata,
    ),
    vscode.commands.registerCommand(ENSURE_COCKATIEL_COMMAND, (uri: vscode.Uri) => ensureCockatiel(uri)),
  );
  output.appendLine(`Breakwater activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
