import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { getKeys } from 'eslint-visitor-keys';
import { setParents, visitSteps, type VisitorKeys } from '../../src/core/traversal';
import { realSourceFiles, ROOT } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(ROOT, 'eslint-plugin'));

type Node = { type: string; parent?: Node | null };
type SourceCode = NonNullable<ReturnType<Linter['getSourceCode']>>;

/** The file as ESLint's CLI parses it (ESLint's parsers, with tokens), or undefined when it does not parse. */
function eslintSourceCode(code: string, fileName: string): SourceCode | undefined {
  const linter = new Linter({ configType: 'flat' });
  const typescript = /\.tsx?$/.test(fileName);
  const config: Linter.Config[] = [{ files: ['**/*'], languageOptions: typescript ? { parser: tsParser as unknown as Linter.Parser } : { parserOptions: { ecmaFeatures: { jsx: true } } } }];
  return linter.verify(code, config, fileName).some((message) => message.fatal) ? undefined : linter.getSourceCode()!;
}

/** ESLint's own traversal of the file: each node entered (1) or left (2), without its code-path events. */
function eslintVisits(sourceCode: SourceCode): [Node, number][] {
  const visits: [Node, number][] = [];
  for (const step of sourceCode.traverse() as Iterable<{ kind: number; target: Node; phase: number }>) {
    if (step.kind === 1) visits.push([step.target, step.phase]);
  }
  return visits;
}

function editorVisits(sourceCode: SourceCode): [Node, number][] {
  const visits: [Node, number][] = [];
  for (const step of visitSteps(sourceCode.ast as never, sourceCode.visitorKeys as VisitorKeys, getKeys)) visits.push([step.target, step.phase]);
  return visits;
}

describe('the extension\'s traversal (ESLint\'s, without code-path analysis)', () => {
  const files = [
    // Every twentieth real JavaScript and TypeScript file in node_modules, and the typed fixtures (TSX included).
    ...realSourceFiles(Number.POSITIVE_INFINITY).filter((file) => !file.endsWith('.d.ts')).filter((_, index) => index % 20 === 0),
    ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures'), { recursive: true, encoding: 'utf8' }).filter((file) => /\.[jt]sx?$/.test(file)).map((file) => path.join(ROOT, 'test', 'fixtures', file)),
  ];

  it('enters and leaves the same nodes in the same order as ESLint\'s, and sets the same parents, on hundreds of real files', function () {
    this.timeout(300_000);
    let compared = 0;
    for (const file of files) {
      const sourceCode = eslintSourceCode(fs.readFileSync(file, 'utf8'), path.basename(file));
      if (!sourceCode) continue;
      const expected = eslintVisits(sourceCode);
      const actual = editorVisits(sourceCode);
      const where = path.relative(ROOT, file);
      assert.equal(actual.length, expected.length, where);
      // By identity: the same node objects, not just alike ones.
      for (let i = 0; i < expected.length; i++) {
        if (actual[i]![0] !== expected[i]![0] || actual[i]![1] !== expected[i]![1]) assert.fail(`${where}: step ${i} is ${actual[i]![0].type}/${actual[i]![1]}, ESLint's ${expected[i]![0].type}/${expected[i]![1]}`);
      }
      // The parents ESLint's traversal set, cleared and set again.
      const nodes = expected.filter(([, phase]) => phase === 1).map(([node]) => node);
      const parents = nodes.map((node) => node.parent);
      for (const node of nodes) delete node.parent;
      setParents(sourceCode.ast as never, sourceCode.visitorKeys as VisitorKeys, getKeys);
      nodes.forEach((node, i) => assert.equal(node.parent, parents[i], `${where}: parent of a ${node.type}`));
      compared++;
    }
    assert.ok(compared >= 150, `only ${compared} files compared`);
  });

  it('walks node types the visitor keys do not list with eslint-visitor-keys\' fallback, as ESLint does', () => {
    const unknown = { type: 'FutureSyntax', body: { type: 'Identifier', name: 'x' }, parent: null, leadingComments: [{ type: 'Line' }] };
    const root = { type: 'Program', body: [unknown] };
    const visited: string[] = [];
    for (const step of visitSteps(root as never, { Program: ['body'], Identifier: [] }, getKeys)) visited.push(`${step.target.type}/${step.phase}`);
    assert.deepEqual(visited, ['Program/1', 'FutureSyntax/1', 'Identifier/1', 'Identifier/2', 'FutureSyntax/2', 'Program/2']);
  });

  it('is all the rules need: no Breakwater rule listens for a code-path event', () => {
    // Each rule's listeners, on files where every rule has something to look at.
    const listened = new Set<string>();
    const spying = {
      rules: Object.fromEntries(
        Object.entries(plugin.rules as Record<string, { create(context: unknown): Record<string, unknown> }>).map(([name, rule]) => [
          name,
          {
            ...rule,
            create(context: unknown) {
              const listeners = rule.create(context);
              for (const key of Object.keys(listeners)) listened.add(key);
              return listeners;
            },
          },
        ]),
      ),
    };
    const rules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`spy/${name}`, 'warn' as const]));
    const linter = new Linter({ configType: 'flat' });
    const sources = ['examples', 'test/fixtures'].flatMap((dir) =>
      fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((file) => /\.[jt]sx?$/.test(file) && !file.includes('node_modules')).map((file) => path.join(ROOT, dir, file)),
    );
    assert.ok(sources.length >= 5, `only ${sources.length} files`);
    for (const file of sources) {
      const config: Linter.Config[] = [{ files: ['**/*'], languageOptions: { parser: tsParser as unknown as Linter.Parser }, plugins: { spy: spying as never }, rules }];
      linter.verify(fs.readFileSync(file, 'utf8'), config, path.basename(file));
    }
    assert.ok(listened.has('CallExpression'), 'the rules registered their listeners');
    assert.deepEqual([...listened].filter((key) => /CodePath/.test(key)), []);
  });
});
