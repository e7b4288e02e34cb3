import * as vscode from 'vscode';
import { ensureCockatiel } from './host/cockatiel-install';
import { BreakwaterCodeActions, ENSURE_COCKATIEL_COMMAND } from './host/code-actions';
import { DiagnosticsController, LANGUAGES } from './host/controller';
import { PolicyCodeLenses } from './panel/policy-lens';
import { OPEN_SIMULATOR_COMMAND, SIMULATOR_VIEW_TYPE, SimulatorPanel } from './panel/simulator-panel';
import { parseToPanel } from './webview/simulator/protocol';

/** Activated by a JavaScript/TypeScript document (package.json `activationEvents`); everything it makes is disposed with it. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Breakwater');
  const controller = new DiagnosticsController(context.extensionUri, output);
  const log = (line: string) => output.appendLine(line);
  context.subscriptions.push(
    output,
    controller,
    vscode.languages.registerCodeActionsProvider(
      LANGUAGES.map((language) => ({ language })),
      new BreakwaterCodeActions(controller.service),
      BreakwaterCodeActions.metadata,
    ),
    vscode.commands.registerCommand(ENSURE_COCKATIEL_COMMAND, async (uri?: vscode.Uri) => {
      // A wrap's code action passes nothing (see ./host/code-actions): the document is the active editor's.
      const document = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (document) await ensureCockatiel(document, log);
    }),
    vscode.commands.registerCommand(OPEN_SIMULATOR_COMMAND, (policy?: unknown) => {
      // The CodeLens passes the policy it read; a command-palette run passes nothing.
      const fromCode = policy === undefined ? undefined : parseToPanel({ type: 'load', policyFromCode: policy })?.policyFromCode;
      SimulatorPanel.show(context.extensionUri, log, fromCode);
    }),
    vscode.window.registerWebviewPanelSerializer(SIMULATOR_VIEW_TYPE, SimulatorPanel.serializer(context.extensionUri, log)),
    vscode.languages.registerCodeLensProvider(
      LANGUAGES.map((language) => ({ language })),
      new PolicyCodeLenses(controller.service),
    ),
  );
  output.appendLine(`Breakwater activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
