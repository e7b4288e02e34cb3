import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { parse } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { commentsOf } from '../../src/core/comments';
import { BreakwaterLinter, type Finding } from '../../src/core/lint';
import { editorParsers, editorParsing } from '../../src/core/parsers';
import { DEFAULT_SETTINGS, RULE_IDS, type ExtensionSettings, type RuleId } from '../../src/core/settings';
import { realSourceFiles, ROOT } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wrapEditsForCall, textMayUseNetwork } = require(path.join(ROOT, 'eslint-plugin', 'dist', 'edits'));
const edits = { wrapEditsForCall, textMayUseNetwork };

/** Every rule on, so that every rule's reports and suggestions are compared. */
const ALL_ON: ExtensionSettings = { ...DEFAULT_SETTINGS, rules: Object.fromEntries(RULE_IDS.map((rule) => [rule, 'warning'])) as Record<RuleId, 'warning'> };

/** The extension's engine as it ships: parsers that skip the token list. */
const editor = new BreakwaterLinter({ Linter, plugin, ...editorParsing, ...edits }, ALL_ON);
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

  it('parse TSX, CommonJS, script, BOM and shebang files as ESLint\'s do', () => {
    const cases: [string, string][] = [
      ['cli.js', "\uFEFF#!/usr/bin/env node\nimport got from 'got';\nawait got.post('https://x.test/');\n"],
      ['cli.ts', "#!/usr/bin/env -S node --experimental-strip-types\nexport const load = (url: string) => fetch(url);\n"],
      ['view.tsx', 'export const View = ({ url }: { url: string }) => <button onClick={() => fetch(url)}>load</button>;\n'],
      ['load.cjs', "const axios = require('axios');\nmodule.exports = (url) => axios.get(url);\n"],
      ['legacy.js', "with (globalThis) { fetch('/ping'); }\n"],
    ];
    for (const [fileName, text] of cases) {
      const findings = visible(editor.lint(text, fileName));
      assert.ok(findings.length > 0, fileName);
      assert.deepEqual(findings, visible(standard.lint(text, fileName)), fileName);
    }
    // ESLint reads a shebang as a comment of its own kind.
    for (const [fileName, text] of cases.slice(0, 2)) {
      const comments = (linter: BreakwaterLinter) => linter.analyze(text, fileName).sourceCode!.getAllComments().map((c) => `${c.type} ${c.value} ${c.range}`);
      assert.deepEqual(comments(editor), comments(standard), fileName);
      assert.match(comments(editor)[0]!, /^Shebang /, fileName);
    }
  });

  it('give no findings for a file that does not parse, like ESLint\'s', () => {
    for (const fileName of ['broken.ts', 'broken.js']) {
      assert.deepEqual(editor.lint('export async function load(url) { return fetch(url', fileName), []);
    }
  });

  describe('comments', () => {
    /** typescript-estree's comments for a file, and ours from its AST parsed without them. */
    function both(text: string, filePath: string) {
      const options = { loc: true, range: true, tokens: false, filePath, jsx: filePath.endsWith('x') };
      const expected = parse(text, { ...options, comment: true }).comments!.map(({ type, value, range, loc }) => ({ type, value, range, loc }));
      const actual = commentsOf(text, parse(text, { ...options, comment: false }), visitorKeys);
      return { actual, expected };
    }

    it('are the ones typescript-estree finds, on hundreds of real TypeScript files', function () {
      this.timeout(300_000);
      // Every executable TypeScript file in node_modules: hundreds of files, thousands of comments.
      const files = realSourceFiles(Number.POSITIVE_INFINITY).filter((file) => /\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file));
      assert.ok(files.length >= 500, `only ${files.length} files`);
      let comments = 0;
      for (const file of files) {
        const { actual, expected } = both(fs.readFileSync(file, 'utf8'), file);
        assert.deepEqual(actual, expected, path.relative(ROOT, file));
        comments += expected.length;
      }
      assert.ok(comments >= 8_000, `only ${comments} comments`);
    });

    // Each holds `//` or `/*` where no comment starts, next to real comments.
    const tricky: [string, string][] = [
      ['strings and regular expressions', "const a = 'http://x/*y*/'; /* one */ const r = /[/*]\\//g; // two\nconst b = \"//\" + `/*`; // three\n"],
      ['template literals, with comments in their expressions', 'const t = `a // b ${/* in */ x /* out */} /* c ${y // line\n} d */`;\ntype T = `//${string}/*`;\n'],
      ['JSX text and attributes', 'const v = <a href="https://x" title=\'/*\'>// not a comment {/* a comment */} http://y</a>; // end\n'],
      ['decorators, modules and enums', "@Get('//a') class C { @Prop('/*') p = 1; } // c\ndeclare module '//m' { /* m */ }\nenum E { A = '//', /* e */ B = '/*' }\nimport x = require('//r'); // r\n"],
      ['division next to comments, and line breaks of every kind', 'const q = a / b //c\r\nconst w = a /*d*/ / b;\u2028// e\u2029/* f\r */ x;\r// g'],
      ['a comment opening inside another comment, and at the end of the file', '// see /* this\n/* and // that */\nx; //'],
    ];
    for (const [name, text] of tricky) {
      it(`are typescript-estree's in ${name}`, () => {
        const { actual, expected } = both(text, 'tricky.tsx');
        assert.ok(expected.length > 0);
        assert.deepEqual(actual, expected);
      });
    }
  });

  describe('JavaScript scopes', () => {
    type ScopeManager = NonNullable<ReturnType<Linter['getSourceCode']>>['scopeManager'];

    /** Every scope's variables and references, each reference with the variable it resolves to. */
    function scopesOf(scopeManager: ScopeManager) {
      const at = (node: { range?: [number, number] } | null | undefined) => node?.range?.join(':') ?? null;
      return scopeManager!.scopes.map((scope) => ({
        type: scope.type,
        block: at(scope.block),
        variables: scope.variables.map((variable) => `${variable.name} ${variable.defs.map((def) => `${def.type}@${at(def.name)}`).join(',')}`),
        references: scope.references.map((reference) => `${at(reference.identifier)} ${reference.isRead() ? 'r' : ''}${reference.isWrite() ? 'w' : ''} -> ${reference.resolved ? `${reference.resolved.name}@${at(reference.resolved.defs[0]?.name)}` : 'unresolved'}`),
        through: scope.through.map((reference) => at(reference.identifier)),
      }));
    }

    function analyses(code: string, sourceType: 'module' | 'commonjs' | 'script') {
      const linter = new Linter({ configType: 'flat' });
      const config = (parser?: Linter.Parser): Linter.Config[] => [
        { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType, ...(parser ? { parser } : {}), parserOptions: { ecmaFeatures: { jsx: true } } } },
      ];
      const failed = linter.verify(code, config(), 'file.js').some((message) => message.fatal);
      const expected = failed ? undefined : scopesOf(linter.getSourceCode()!.scopeManager);
      linter.verify(code, config(editorParsers.javascript()), 'file.js');
      return { failed, expected, actual: failed ? undefined : scopesOf(linter.getSourceCode()!.scopeManager) };
    }

    it('resolve every reference as ESLint\'s scope analysis does, on hundreds of real files', function () {
      this.timeout(300_000);
      // Every tenth real JavaScript file in node_modules, as ESM and as CommonJS.
      const files = realSourceFiles(Number.POSITIVE_INFINITY).filter((file) => /\.[cm]?js$/.test(file)).filter((_, index) => index % 10 === 0);
      let compared = 0;
      for (const file of files) {
        const code = fs.readFileSync(file, 'utf8');
        for (const sourceType of ['module', 'commonjs'] as const) {
          const { failed, expected, actual } = analyses(code, sourceType);
          if (failed) continue;
          assert.deepEqual(actual, expected, `${path.relative(ROOT, file)} as ${sourceType}`);
          compared++;
        }
      }
      assert.ok(compared >= 500, `only ${compared} analyses compared`);
    });

    it('resolve the bindings of every kind of pattern, class and JSX as ESLint\'s does', () => {
      const code = [
        'const { a, b: [c, ...d] = [], ...e } = source, [f = g, { h } = {}] = list;',
        'function fn(p, { q = p, r: { s } }, [t, u = q], ...v) { let w; ({ w = s, x: w.y } = t); [w] = v; for (const { k } of v) k; return u; }',
        'class C { static #n = 1; m = () => this.#n; static { const z = C.#n; } [key]() { return super.x; } }',
        'for (let [i, j] of pairs) i + j; for (const k in obj) k; try {} catch ({ message }) { message; }',
        'label: for (;;) { break label; } const fnx = async function named({ ...rest }) { await import(rest.m, rest.o); };',
        'const view = <Item key={a} {...e} onClick={() => fn(c)}><Inner.Part /></Item>;',
        'export { a as default, fnx }; export * as ns from "./mod";',
      ].join('\n');
      const { failed, expected, actual } = analyses(code, 'module');
      assert.equal(failed, false);
      assert.deepEqual(actual, expected);
    });
  });
});
