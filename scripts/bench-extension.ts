// `npm run bench:extension`: lint work per edit in the extension's engine (not a timed test).
// Times BreakwaterLinter.lint — what runs after each debounced keystroke — on a generated 3,000-line
// service file and on real files, and prints the median and p95 per file against the 50 ms target.
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, Worker } from 'node:worker_threads';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { editorParsing, tokenFreeTypeScriptParser, typescriptParserParts } from '../src/core/parsers';
import { BreakwaterLinter } from '../src/core/lint';
import { LINT_WORKER_RESOURCE_LIMITS } from '../src/core/lint-documents';
import { DEFAULT_SETTINGS, RULE_IDS, type RuleId } from '../src/core/settings';

const root = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(root, 'eslint-plugin'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wrapEditsForCall, textMayUseNetwork } = require(path.join(root, 'eslint-plugin', 'dist', 'edits'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readCockatielPolicies } = require(path.join(root, 'eslint-plugin', 'dist', 'policies'));
const deps = { Linter, plugin, ...editorParsing, wrapEditsForCall, textMayUseNetwork };
const linter = new BreakwaterLinter(deps, DEFAULT_SETTINGS);
// The same engine as the ESLint CLI runs the rules: ESLint's standard parsers (with the token list) and
// ESLint's parse and traversal (with code-path analysis), both of which the extension skips.
const standard = new BreakwaterLinter({ ...deps, typescriptParser: () => tsParser as unknown as Linter.Parser, javascriptParser: undefined, withoutCodePathAnalysis: undefined }, DEFAULT_SETTINGS);
// The same engine parsing every version of a TypeScript file from scratch, as it did before it kept
// each file's last parse (src/core/recent-source-files).
const fromScratch = new BreakwaterLinter({ ...deps, typescriptParser: () => tokenFreeTypeScriptParser(typescriptParserParts(), null) }, DEFAULT_SETTINGS);
// The same engine with every rule off and no skipping: what parsing and ESLint's own passes cost.
const parseOnly = new BreakwaterLinter({ ...deps, textMayUseNetwork: undefined }, {
  ...DEFAULT_SETTINGS,
  rules: Object.fromEntries(RULE_IDS.map((rule) => [rule, 'off'])) as Record<RuleId, 'off'>,
});

/** A service file of about `lines` lines mixing clients, policies, loops and plain code. */
function generated(lines: number): string {
  const parts = ["import axios from 'axios';", "import { retry, handleAll, ExponentialBackoff } from 'cockatiel';", 'const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });'];
  for (let i = 0; parts.join('\n').split('\n').length < lines; i++) {
    parts.push(
      `export async function handler${i}(id: string, items: string[]): Promise<number> {`,
      `  const res = await fetch(\`https://svc.example.com/items/\${id}/${i}\`);`,
      `  const { data } = await axios.get<{ n: number }>(\`/api/${i}/\${id}\`, { timeout: 1000 });`,
      `  const other = await policy.execute(() => axios.post('/api/${i}', { id }));`,
      '  let total = 0;',
      '  for (const item of items) {',
      '    total += item.length * data.n;',
      '  }',
      '  if (!res.ok) throw new Error(String(res.status));',
      '  return total + Number(other.status);',
      '}',
    );
  }
  return parts.join('\n');
}

function time(text: string, fileName: string, runs: number, engine = linter): { median: number; p95: number; findings: number } {
  return timeWork(text, runs, (edited) => engine.lint(edited, fileName).length);
}

/**
 * `text` with a line typed in its middle, different for each `n`: an edit in the middle makes the
 * TypeScript parser re-read more of the file than one at its end would (see src/core/recent-source-files).
 */
function typedInto(text: string, n: number): string {
  const line = text.indexOf('\n', text.length >> 1) + 1;
  return `${text.slice(0, line)}// edit ${n}\n${text.slice(line)}`;
}

/** Median and p95 of `work` over `runs` edits of `text` (as typing makes), after a warm-up. */
function timeWork(text: string, runs: number, work: (edited: string) => number): { median: number; p95: number; findings: number } {
  let findings = 0;
  for (let i = 0; i < 3; i++) findings = work(text); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const edited = typedInto(text, i);
    const start = process.hrtime.bigint();
    work(edited);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)]!, p95: samples[Math.floor(runs * 0.95)]!, findings };
}

/** The measurements, as printed. */
function measure(): void {
  const big = generated(3000);
  const result = time(big, 'service.ts', 30);
  console.log(`Generated TypeScript file, ${big.split('\n').length} lines, ${result.findings} findings:`);
  const baseline = time(big, 'service.ts', 30, parseOnly);
  console.log(`  lint per edit: median ${result.median.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (target: fresh diagnostics within 50 ms)`);
  console.log(`  of which parsing and ESLint itself (rules off): median ${baseline.median.toFixed(1)} ms; Breakwater's rules: ${(result.median - baseline.median).toFixed(1)} ms`);
  const [kept, scratch] = interleaved(big, 40, [linter, fromScratch].map((engine) => (edited: string) => engine.lint(edited, 'service.ts').length));
  console.log(`  parsing each version from the last one: median ${kept!.median.toFixed(1)} ms; from scratch: median ${scratch!.median.toFixed(1)} ms (the same edits, taking turns)`);
  // After an edit the editor also asks for the simulator's CodeLens, which reads the file's cockatiel
  // policies: it reuses the lint's parse of that version rather than parsing the file a second time.
  const withLens = timeWork(big, 30, (edited) => {
    const { findings, sourceCode } = linter.analyze(edited, 'service.ts');
    return findings.length + readCockatielPolicies(sourceCode).length;
  });
  const withLensReparsing = timeWork(big, 30, (edited) => linter.lint(edited, 'service.ts').length + readCockatielPolicies(linter.sourceCode(edited, 'service.ts')).length);
  console.log(`  with the CodeLens reading its policies from the same parse: median ${withLens.median.toFixed(1)} ms (parsing again for it: ${withLensReparsing.median.toFixed(1)} ms)`);
  for (const lines of [250, 500, 1000]) {
    const text = generated(lines);
    const { median } = time(text, 'service.ts', 30);
    const base = time(text, 'service.ts', 30, parseOnly).median;
    console.log(`Generated TypeScript file, ${String(text.split('\n').length).padStart(4)} lines: median ${median.toFixed(1)} ms per edit (rules off: ${base.toFixed(1)} ms)`);
  }

  // The same file with its network calls and policies replaced by local work: no rule could report,
  // so the engine skips it before parsing (most files of a project look like this).
  const plain = big
    .replace(/^import .*$/gm, '')
    .replace(/^const policy = .*$/m, '')
    .replace(/await fetch\(/g, 'await load(')
    .replace(/await axios\.(get|post)(<[^>]*>)?\(/g, 'await local.$1(')
    .replace(/policy\.execute\(\(\) => local\.post/g, 'local.post');
  const skipped = time(plain, 'service.ts', 30);
  const plainBase = time(plain, 'service.ts', 30, parseOnly).median;
  console.log(`The same file with no network code (${skipped.findings} findings): median ${skipped.median.toFixed(2)} ms per edit (parsing it would take ${plainBase.toFixed(1)} ms)`);

  const real = [
    ...['examples/order-service/src/payments.ts', 'examples/order-service/src/inventory.js', 'examples/order-service/src/shipping.ts'],
    'node_modules/axios/lib/adapters/http.js',
    'node_modules/got/dist/source/core/index.js',
    'node_modules/superagent/lib/node/index.js',
  ].filter((file) => fs.existsSync(path.join(root, file)));
  console.log('Real files:');
  for (const file of real) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    reportReal(file, text, path.basename(file));
  }

  // Real files of about 3,000 lines, in node_modules as dependencies of vsce: msal-browser's
  // StandardController (TypeScript) and azure-devops-node-api's BuildApi (a generated REST client, in
  // JavaScript). Neither calls a client Breakwater knows, so one fetch is appended to keep them from being skipped.
  for (const [large, ping] of [
    ['node_modules/@azure/msal-browser/src/controllers/StandardController.ts', 'export const ping = (url: string) => fetch(url);'],
    ['node_modules/azure-devops-node-api/BuildApi.js', 'exports.ping = (url) => fetch(url);'],
  ] as const) {
    if (!fs.existsSync(path.join(root, large))) continue;
    const text = `${fs.readFileSync(path.join(root, large), 'utf8')}\n${ping}\n`;
    reportReal(`${large} (+ one fetch)`, text, path.basename(large));
  }
}

function reportReal(label: string, text: string, fileName: string): void {
  const engines = /\.[cm]?tsx?$/.test(fileName) ? [linter, parseOnly, standard, fromScratch] : [linter, parseOnly, standard];
  const [shipped, rulesOff, asEslintRunsIt, scratch] = interleaved(text, 40, engines.map((engine) => (edited: string) => engine.lint(edited, fileName).length));
  console.log(
    `  ${label.padEnd(48)} ${String(text.split('\n').length).padStart(5)} lines  median ${shipped!.median.toFixed(1)} ms  p10 ${shipped!.p10.toFixed(1)} ms  p95 ${shipped!.p95.toFixed(1)} ms` +
      `  (rules off: ${rulesOff!.median.toFixed(1)} ms; as the ESLint CLI runs it: ${asEslintRunsIt!.median.toFixed(1)} ms, so ${(shipped!.median / asEslintRunsIt!.median).toFixed(2)}x` +
      `${scratch ? `; parsing each version from scratch: ${scratch.median.toFixed(1)} ms` : ''})`,
  );
}

/**
 * Median, p10 and p95 of each piece of work over `runs` edits. The pieces take turns in blocks of ten
 * edits, in alternating order, so a slow minute of the machine hits them alike. Blocks rather than
 * single edits: a piece that allocates more triggers more collections, and with single edits the next
 * piece would pay for some of them.
 */
function interleaved(text: string, runs: number, works: ((edited: string) => number)[]): { median: number; p10: number; p95: number }[] {
  for (let i = 0; i < 3; i++) for (const work of works) work(text); // warm up
  const samples = works.map(() => [] as number[]);
  const block = 10;
  for (let round = 0; round * block < runs; round++) {
    const order = round % 2 === 0 ? works.map((_, index) => index) : works.map((_, index) => works.length - 1 - index);
    for (const index of order) {
      for (let i = 0; i < block; i++) {
        const edited = typedInto(text, round * block + i);
        const start = process.hrtime.bigint();
        works[index]!(edited);
        samples[index]!.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
  }
  return samples.map((list) => {
    list.sort((a, b) => a - b);
    return { median: list[Math.floor(list.length / 2)]!, p10: list[Math.floor(list.length * 0.1)]!, p95: list[Math.floor(list.length * 0.95)]! };
  });
}

// The extension lints in a worker thread with its own heap limits (src/host/lint-service.ts), and the
// garbage collector's share of a lint depends on them: measure there, under the same limits.
// BENCH_MAIN_THREAD=1 measures in this thread instead, with V8's default heap.
if (!isMainThread || process.env.BENCH_MAIN_THREAD) {
  measure();
} else {
  console.log(`In a worker thread with the lint worker's heap limits (${JSON.stringify(LINT_WORKER_RESOURCE_LIMITS)}):`);
  new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, resourceLimits: LINT_WORKER_RESOURCE_LIMITS });
}
