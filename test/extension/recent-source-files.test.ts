import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { LintDocuments } from '../../src/core/lint-documents';
import { editorParsing, tokenFreeTypeScriptParser, typescriptParserParts } from '../../src/core/parsers';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { changeBetween, RecentSourceFiles, type UpdatableSourceFile } from '../../src/core/recent-source-files';
import { ROOT } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wrapEditsForCall, textMayUseNetwork } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'edits'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readCockatielPolicies } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'policies')) as typeof import('../../eslint-plugin/src/policies');

const parts = typescriptParserParts();
const OPTIONS = { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true }, preserveNodeMaps: false, loc: true, range: true, comment: true, tokens: true };

/** The kept SourceFiles, counting how many lints started from one. */
class CountedRecentSourceFiles extends RecentSourceFiles {
  updates = 0;
  override take(filePath: string, text: string): UpdatableSourceFile | undefined {
    const sourceFile = super.take(filePath, text);
    if (sourceFile) this.updates++;
    return sourceFile;
  }
}

/** The AST as text, or the parse error's message: what a lint sees of a parse. */
function parsed(parser: Linter.Parser, text: string, filePath: string): string {
  try {
    return JSON.stringify((parser as { parseForESLint(code: string, options: object): { ast: unknown } }).parseForESLint(text, { ...OPTIONS, filePath }).ast);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure names an edit that can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Edits as an editor makes them: typing a character, deleting a selection, pasting a piece of the file, undoing back to a parsing version. */
function edit(text: string, next: () => number, original: string): string {
  const at = Math.floor(next() * (text.length + 1));
  switch (Math.floor(next() * 5)) {
    case 0:
      return text.slice(0, at) + ' ;{}()`\'"x=<>/*\n'[Math.floor(next() * 16)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 120));
    case 2: {
      const from = Math.floor(next() * text.length);
      return text.slice(0, at) + text.slice(from, from + Math.floor(next() * 300)) + text.slice(at);
    }
    case 3:
      return original;
    default: {
      // A whole line typed between two others: the common case while writing code.
      const line = text.lastIndexOf('\n', at) + 1;
      return `${text.slice(0, line)}const typed${at} = await fetch(\`/items/\${id}\`, { signal });\n${text.slice(line)}`;
    }
  }
}

describe('the TypeScript parser\'s incremental parse of a file\'s next version', () => {
  it('finds the change between two texts as the span between their common prefix and suffix', () => {
    assert.deepEqual(changeBetween('abc', 'abc'), { span: { start: 3, length: 0 }, newLength: 0 });
    assert.deepEqual(changeBetween('abc', 'abXc'), { span: { start: 2, length: 0 }, newLength: 1 });
    assert.deepEqual(changeBetween('abc', 'Xabc'), { span: { start: 0, length: 0 }, newLength: 1 });
    assert.deepEqual(changeBetween('abc', 'abcX'), { span: { start: 3, length: 0 }, newLength: 1 });
    assert.deepEqual(changeBetween('abcdef', 'abf'), { span: { start: 2, length: 3 }, newLength: 0 });
    assert.deepEqual(changeBetween('abcdef', 'aXYf'), { span: { start: 1, length: 4 }, newLength: 2 });
    // Repeated characters: the prefix takes them first, and the suffix never overlaps it.
    assert.deepEqual(changeBetween('aaa', 'aa'), { span: { start: 2, length: 1 }, newLength: 0 });
    assert.deepEqual(changeBetween('aa', 'aaaa'), { span: { start: 2, length: 0 }, newLength: 2 });
    assert.deepEqual(changeBetween('', 'ab'), { span: { start: 0, length: 0 }, newLength: 2 });
    assert.deepEqual(changeBetween('ab', ''), { span: { start: 0, length: 2 }, newLength: 0 });
  });

  it('keeps the last SourceFile of at most four files, dropping the least recently parsed', () => {
    const recent = new RecentSourceFiles();
    const file = (text: string): UpdatableSourceFile => ({ text, update: (newText) => file(newText) });
    for (const name of ['a', 'b', 'c', 'd', 'e']) recent.keep(name, file(name));
    assert.equal(recent.take('a', 'a'), undefined);
    assert.equal(recent.take('b', 'b2')?.text, 'b2');
    // Taken out: the update made the kept one unusable.
    assert.equal(recent.take('b', 'b2'), undefined);
    // A TypeScript whose SourceFile cannot update: parsed afresh.
    recent.keep('f', { text: 'f' });
    assert.equal(recent.take('f', 'f2'), undefined);
  });

  // Real TypeScript of every shape: a 2,900-line class, the typed fixtures, the plugin's rules and model.
  const files = [
    path.join(ROOT, 'node_modules', '@azure', 'msal-browser', 'src', 'controllers', 'StandardController.ts'),
    ...['test/fixtures/typed/clients.ts', 'test/fixtures/typed/retries.ts', 'eslint-plugin/src/model/network-call.ts', 'eslint-plugin/src/rules/no-retry-non-retryable.ts', 'src/core/lint.ts', 'src/simulator/engine.ts']
      .map((file) => path.join(ROOT, file)),
  ].filter((file) => fs.existsSync(file));

  it('gives the AST a fresh parse gives, or its error, after each of a run of random edits', function () {
    this.timeout(300_000);
    assert.ok(files.length >= 5, `too few files: ${files.join(', ')}`);
    let compared = 0;
    for (const [index, file] of files.entries()) {
      const original = fs.readFileSync(file, 'utf8');
      const recent = new CountedRecentSourceFiles();
      const incremental = tokenFreeTypeScriptParser(parts, recent);
      const next = random(index + 1);
      const edits = original.length > 50_000 ? 25 : 60;
      let text = original;
      assert.equal(parsed(incremental, text, file), parsed(tokenFreeTypeScriptParser(parts, null), text, file));
      for (let step = 0; step < edits; step++) {
        text = edit(text, next, original);
        const fresh = parsed(tokenFreeTypeScriptParser(parts, null), text, file);
        assert.ok(fresh === parsed(incremental, text, file), `${path.relative(ROOT, file)}: edit ${step} (seed ${index + 1}) parses differently incrementally`);
        compared++;
      }
      // Every version after the first started from the one before, including those that did not parse.
      assert.equal(recent.updates, edits, path.relative(ROOT, file));
    }
    assert.ok(compared >= 250, `only ${compared} versions compared`);
  });

  it('drops a file\'s SourceFile when the editor closes it, and lints it afresh if it opens again', () => {
    const recent = new CountedRecentSourceFiles();
    const typescriptParser = () => tokenFreeTypeScriptParser(parts, recent);
    const documents = new LintDocuments({ Linter, plugin, ...editorParsing, typescriptParser, wrapEditsForCall, textMayUseNetwork, readCockatielPolicies }, DEFAULT_SETTINGS, (line) => assert.fail(line));
    const fileName = '/work/app/src/load.ts';
    const uri = `file://${fileName}`;
    const text = 'export async function load(url: string) { return fetch(url); }\n';
    assert.equal(documents.handle({ kind: 'lint', document: { uri, fileName, version: 1 }, text }).length, 2);
    assert.ok(recent.has(fileName));
    // Settings change: the same parser, so the kept SourceFile still serves the next version.
    documents.handle({ kind: 'settings', settings: { ...DEFAULT_SETTINGS } });
    assert.equal(documents.handle({ kind: 'lint', document: { uri, fileName, version: 2 }, text: `${text}// edited\n` }).length, 2);
    assert.equal(recent.updates, 1);
    assert.equal(documents.handle({ kind: 'forget', uri, fileName }), null);
    assert.ok(!recent.has(fileName));
    assert.equal(documents.handle({ kind: 'lint', document: { uri, fileName, version: 1 }, text }).length, 2);
    assert.equal(recent.updates, 1);
  });

  it('parses each file from its own last version when several are open', () => {
    const recent = new CountedRecentSourceFiles();
    const parser = tokenFreeTypeScriptParser(parts, recent);
    const texts = files.slice(1, 4).map((file) => fs.readFileSync(file, 'utf8'));
    for (let round = 0; round < 3; round++) {
      for (const [index, text] of texts.entries()) {
        const file = files[index + 1]!;
        const version = `${text}\n// round ${round}`;
        assert.equal(parsed(parser, version, file), parsed(tokenFreeTypeScriptParser(parts, null), version, file));
      }
    }
    assert.equal(recent.updates, texts.length * 2);
  });
});
