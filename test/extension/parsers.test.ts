import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { BreakwaterLinter, type Finding } from '../../src/core/lint';
import { editorParsers } from '../../src/core/parsers';
import { DEFAULT_SETTINGS, RULE_IDS, type ExtensionSettings, type RuleId } from '../../src/core/settings';
import { ROOT } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wrapEditsForCall, textMayUseNetwork } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'edits'));
const edits = { wrapEditsForCall, textMayUseNetwork };

/** Every rule on, so that every rule's reports and suggestions are compared. */
const ALL_ON: ExtensionSettings = { ...DEFAULT_SETTINGS, rules: Object.fromEntries(RULE_IDS.map((rule) => [rule, 'warning'])) as Record<RuleId, 'warning'> };

/** The extension's engine as it ships: parsers that skip the token list. */
const editor = new BreakwaterLinter({ Linter, plugin, typescriptParser: editorParsers.typescript, javascriptParser: editorParsers.javascript, ...edits }, ALL_ON);
/** The same engine with ESLint's standard parsers, as the ESLint CLI and the ESLint extension run the plugin. */
const standard = new BreakwaterLinter({ Linter, plugin, typescriptParser: () => tsParser as unknown as Linter.Parser, ...edits }, ALL_ON);

/** What a user sees of a finding: where, what, and every edit its quick-fixes would make. */
function visible(findings: readonly Finding[]) {
  return findings.map((finding) => ({
    rule: finding.ruleId,
    message: finding.message,
    range: [finding.start, finding.end],
    suggestions: finding.suggestions,
    wraps: finding.wraps(),
  }));
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the extension\'s token-free parsers', () => {
  // The sample project, the typed fixtures, the plugin's own sources and real client code from node_modules.
  const files = [
    ...sourceFiles(path.join(ROOT, 'examples', 'order-service', 'src')),
    ...sourceFiles(path.join(ROOT, 'test', 'fixtures')),
    ...sourceFiles(path.join(ROOT, 'eslint-plugin', 'src')),
    ...['axios/lib/adapters/http.js', 'got/dist/source/core/index.js', 'superagent/lib/node/index.js', 'ky/distribution/core/Ky.js', 'opossum/lib/circuit.js']
      .map((file) => path.join(ROOT, 'node_modules', file))
      .filter((file) => fs.existsSync(file)),
  ];

  it('give the same findings, suggestions and wraps as ESLint\'s parsers on real files', () => {
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const expected = visible(standard.lint(text, file));
      assert.deepEqual(visible(editor.lint(text, file)), expected, path.relative(ROOT, file));
      compared += expected.length;
    }
    // The comparison means something only if the files have findings to compare.
    assert.ok(compared >= 30, `only ${compared} findings compared`);
  });

  it('keep comments: eslint-disable directives still silence a finding', () => {
    const text = [
      'export async function load(url: string) {',
      '  // eslint-disable-next-line breakwater/require-timeout -- the caller passes a signal',
      '  return fetch(url);',
      '}',
      '',
    ].join('\n');
    for (const fileName of ['load.ts', 'load.js']) {
      const source = fileName.endsWith('.js') ? text.replace(': string', '') : text;
      assert.deepEqual(editor.lint(source, fileName).map((f) => f.ruleId), ['no-unprotected-call'], fileName);
    }
  });

  it('parse TSX, CommonJS and script files as ESLint\'s do', () => {
    const cases: [string, string][] = [
      ['view.tsx', 'export const View = ({ url }: { url: string }) => <button onClick={() => fetch(url)}>load</button>;\n'],
      ['load.cjs', "const axios = require('axios');\nmodule.exports = (url) => axios.get(url);\n"],
      ['legacy.js', "with (globalThis) { fetch('/ping'); }\n"],
    ];
    for (const [fileName, text] of cases) {
      const findings = visible(editor.lint(text, fileName));
      assert.ok(findings.length > 0, fileName);
      assert.deepEqual(findings, visible(standard.lint(text, fileName)), fileName);
    }
  });

  it('give no findings for a file that does not parse, like ESLint\'s', () => {
    for (const fileName of ['broken.ts', 'broken.js']) {
      assert.deepEqual(editor.lint('export async function load(url) { return fetch(url', fileName), []);
    }
  });
});
