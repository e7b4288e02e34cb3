import * as vscode from 'vscode';
import { ESLINT_CONFIG_GLOB, eslintConfigEnablesBreakwater } from '../core/eslint-config';
import { readSettings, type ExtensionSettings } from '../core/settings';
import { toDiagnostic } from './diagnostics';
import { LintService } from './lint-service';
import { VSCODE_FOLDERS } from './vscode-folders';

export const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

/** Keeps Breakwater's diagnostics in step with open documents and settings. */
export class DiagnosticsController implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('breakwater');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 0);
  private readonly skipped = new Set<string>();
  private settings: ExtensionSettings;
  readonly service: LintService;
  /**
   * Under `auto`, whether the ESLint config for a folder's files already runs Breakwater's rules, by
   * folder URI (the answer is the nearest config's, so every file of a folder shares it). Emptied
   * when settings or any ESLint config change.
   */
  private readonly eslintRunsBreakwater = new Map<string, Promise<boolean>>();
  private eslintExtensionInstalled = false;
  /** Counts reloads, so a refresh started under older settings can tell its answer is stale. */
  private generation = 0;
  private warnedSettings = '';

  constructor(extensionUri: vscode.Uri, private readonly output: vscode.OutputChannel) {
    this.settings = this.loadSettings();
    this.service = new LintService(extensionUri, this.settings, (line) => this.output.appendLine(line));
    this.disposables.push(
      this.service,
      this.statusItem,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, this.settings.debounceMs)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('breakwater')) void this.reload();
      }),
      // `auto` depends on whether the ESLint extension is there.
      vscode.extensions.onDidChange(() => {
        if (this.eslintExtensionInstalled !== eslintExtensionInstalled()) void this.reload();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(ESLINT_CONFIG_GLOB);
    this.disposables.push(watcher, watcher.onDidChange(() => void this.reload()), watcher.onDidCreate(() => void this.reload()), watcher.onDidDelete(() => void this.reload()));
    // After activation returns: the first reload starts the lint worker, which activation need not wait for.
    const firstReload = setImmediate(() => void this.reload());
    this.disposables.push({ dispose: () => clearImmediate(firstReload) });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private loadSettings(): ExtensionSettings {
    const configuration = vscode.workspace.getConfiguration('breakwater');
    const { settings, warnings } = readSettings((key) => {
      const inspected = configuration.inspect(key);
      return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    });
    const text = warnings.join('\n');
    if (text && text !== this.warnedSettings) {
      this.output.appendLine(text);
      void vscode.window.showWarningMessage(`Breakwater: ${warnings[0]}${warnings.length > 1 ? ` (+${warnings.length - 1} more in the Breakwater output)` : ''}`);
    }
    this.warnedSettings = text;
    return settings;
  }

  private reportInvalidOptions(): void {
    for (const [rule, message] of this.service.invalidOptions) {
      this.output.appendLine(`breakwater.ruleOptions["${rule}"] is invalid, using the rule's defaults: ${message}`);
    }
  }

  private async reload(): Promise<void> {
    this.generation++;
    this.settings = this.loadSettings();
    await this.service.update(this.settings).catch((error: Error) => this.output.appendLine(`Applying the settings failed: ${error.message}`));
    this.reportInvalidOptions();
    this.eslintRunsBreakwater.clear();
    this.eslintExtensionInstalled = eslintExtensionInstalled();
    this.diagnostics.clear();
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Under `auto` with the ESLint extension installed: whether ESLint already shows this document's findings. */
  private async leftToEslint(document: vscode.TextDocument): Promise<boolean> {
    if (this.settings.diagnostics !== 'auto' || !this.eslintExtensionInstalled || document.uri.scheme === 'untitled') return false;
    const folder = vscode.Uri.joinPath(document.uri, '..');
    const key = folder.toString();
    let answer = this.eslintRunsBreakwater.get(key);
    if (!answer) {
      answer = eslintConfigEnablesBreakwater(folder, VSCODE_FOLDERS);
      this.eslintRunsBreakwater.set(key, answer);
    }
    return answer;
  }

  private active(document: vscode.TextDocument): boolean {
    if (!this.settings.enable || this.settings.diagnostics === 'off') return false;
    if (!LANGUAGES.includes(document.languageId)) return false;
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return false;
    // Against the path inside the workspace folder, as ESLint matches from its config's folder: a
    // project kept under `~/test/` or `~/dist/` must not vanish behind `**/test/**` or `**/dist/**`.
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    return !this.settings.exclude.some((glob) => vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, glob) : glob }, document) > 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.refresh(document);
    }, delay));
  }

  async refresh(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const generation = this.generation;
    const shown = this.active(document) && !(await this.leftToEslint(document));
    // Settings or an ESLint config changed while the nearest config was read: the reload's own refresh
    // decides (this one's answer may be stale, and would clear what the newer one shows).
    if (document.isClosed || generation !== this.generation) return;
    if (!shown) {
      this.diagnostics.delete(document.uri);
      return;
    }
    const key = document.uri.toString();
    if (document.getText().length > this.settings.maxFileSize) {
      this.diagnostics.delete(document.uri);
      this.skipped.add(key);
      this.updateStatus();
      return;
    }
    this.skipped.delete(key);
    this.updateStatus();
    const version = document.version;
    const findings = await this.service.findings(document);
    // A newer edit, a close or a settings change while the worker linted: that one's refresh decides.
    if (document.isClosed || document.version !== version || generation !== this.generation) return;
    this.diagnostics.set(document.uri, findings.map((finding) => toDiagnostic(document, finding)));
  }

  private clear(document: vscode.TextDocument): void {
    this.diagnostics.delete(document.uri);
    this.service.forget(document);
    this.skipped.delete(document.uri.toString());
    this.updateStatus();
  }

  private updateStatus(): void {
    if (this.skipped.size === 0) {
      this.statusItem.hide();
      return;
    }
    this.statusItem.text = `$(warning) Breakwater skipped ${this.skipped.size} large file${this.skipped.size > 1 ? 's' : ''}`;
    this.statusItem.tooltip = `Files over breakwater.maxFileSize (${this.settings.maxFileSize} characters) are not linted.`;
    this.statusItem.show();
  }
}

/** Whether the ESLint extension (which shows findings of configs that run Breakwater) is installed. */
function eslintExtensionInstalled(): boolean {
  return vscode.extensions.getExtension('dbaeumer.vscode-eslint') !== undefined;
}
