/** "Simulate this policy" above each cockatiel policy definition. */
import * as vscode from 'vscode';
import type { LintService } from '../host/lint-service';
import { OPEN_SIMULATOR_COMMAND } from './simulator-panel';

export class PolicyCodeLenses implements vscode.CodeLensProvider {
  constructor(private readonly service: LintService) {}

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    return (await this.service.policies(document)).map((definition) => {
      const range = new vscode.Range(document.positionAt(definition.range[0]), document.positionAt(definition.range[0]));
      return new vscode.CodeLens(range, {
        title: 'Simulate this policy',
        tooltip: `Open the Policy Simulator with ${definition.name}`,
        command: OPEN_SIMULATOR_COMMAND,
        arguments: [{ name: definition.name, layers: definition.layers, unknowns: definition.unknowns }],
      });
    });
  }
}
