// Runs the integration suite inside code-server's extension host, which (unlike VS Code's Electron
// build) cannot be given `--extensionTestsPath`: the suite and the results file are named in the user
// settings the test writes. Does nothing when they are not set.
const fs = require('node:fs');
const vscode = require('vscode');

exports.activate = async function activate() {
  const config = vscode.workspace.getConfiguration('breakwaterIntegration');
  const suite = config.get('suite');
  const results = config.get('results');
  if (!suite || !results) return;
  let outcome;
  try {
    outcome = { results: await require(suite).runSuite() };
  } catch (error) {
    outcome = { error: String((error && error.stack) || error) };
  }
  fs.writeFileSync(`${results}.tmp`, JSON.stringify(outcome, null, 2));
  fs.renameSync(`${results}.tmp`, results);
};

exports.deactivate = function deactivate() {};
