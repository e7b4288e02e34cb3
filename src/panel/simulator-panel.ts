/**
 * The Policy Simulator webview panel: one at a time, revived after reloads by a serializer
 * (its state lives in the webview's `setState`, not in a hidden context), resources limited
 * to the bundled `dist/webview` folder, every message validated.
 */
import * as vscode from 'vscode';
import { InvalidScenarioError, parsePolicy } from '../simulator/validate';
import { parseFromPanel, type PolicyFromCode, type ToPanel } from '../webview/simulator/protocol';
import { simulatorHtml } from './simulator-html';

export const SIMULATOR_VIEW_TYPE = 'breakwater.simulator';
export const OPEN_SIMULATOR_COMMAND = 'breakwater.openSimulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cockatielCode } = require('eslint-plugin-breakwater/dist/policy-code') as typeof import('../../eslint-plugin/src/policy-code');

export class SimulatorPanel implements vscode.Disposable {
  private static current: SimulatorPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: PolicyFromCode | undefined;

  /** Opens (or reveals) the panel; a policy read from code becomes policy A. */
  static show(extensionUri: vscode.Uri, log: (line: string) => void, policy?: PolicyFromCode): void {
    const current = SimulatorPanel.current;
    if (current) {
      current.panel.reveal();
      if (policy) current.post({ type: 'load', policyFromCode: policy });
      return;
    }
    const panel = vscode.window.createWebviewPanel(SIMULATOR_VIEW_TYPE, 'Policy Simulator', vscode.ViewColumn.Beside, SimulatorPanel.options(extensionUri));
    SimulatorPanel.current = new SimulatorPanel(panel, extensionUri, log, policy);
  }

  static serializer(extensionUri: vscode.Uri, log: (line: string) => void): vscode.WebviewPanelSerializer {
    return {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        // The webview restores its own state with getState(); the host only rebuilds the shell.
        panel.webview.options = SimulatorPanel.options(extensionUri);
        SimulatorPanel.current?.dispose();
        SimulatorPanel.current = new SimulatorPanel(panel, extensionUri, log);
      },
    };
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly log: (line: string) => void,
    policy?: PolicyFromCode,
  ) {
    this.pending = policy;
    const webview = panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
    webview.html = simulatorHtml({ cspSource: webview.cspSource, scriptUri: asset('simulator.js'), styleUri: asset('simulator.css') });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(message: ToPanel): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseFromPanel(raw);
    if (!message) {
      this.log(`Policy Simulator: ignored an unexpected message from the panel: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'ready') {
      if (this.pending) this.post({ type: 'load', policyFromCode: this.pending });
      this.pending = undefined;
      return;
    }
    void this.copyAsCode(message.label, message.policy);
  }

  private async copyAsCode(label: string, policy: unknown[]): Promise<void> {
    let layers;
    try {
      layers = parsePolicy(policy);
    } catch (error) {
      if (!(error instanceof InvalidScenarioError)) throw error;
      void vscode.window.showErrorMessage(`Cannot copy "${label}": ${error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
      return;
    }
    const language = vscode.window.visibleTextEditors[0]?.document.languageId ?? 'typescript';
    const code = cockatielCode(layers as never, { typescript: !language.startsWith('javascript') });
    await vscode.env.clipboard.writeText(code);
    void vscode.window.showInformationMessage(`Copied "${label}" as cockatiel code.`);
  }

  dispose(): void {
    if (SimulatorPanel.current === this) SimulatorPanel.current = undefined;
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
