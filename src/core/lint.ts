/**
 * Runs Breakwater's rules over one document's text with ESLint's `Linter` and returns findings with
 * offsets. Pure (no `vscode` import): the host passes in the Linter class, the plugin and a way to get
 * the TypeScript parser, so the same code runs in unit tests and in the extension bundle.
 */
import type { Linter, SourceCode } from 'eslint';
import { parseSourceCode, sourceCodeWithoutCodePaths } from './editor-source-code';
import { lineStarts, offsetOf } from './lines';
import type { ForgetfulParser } from './parsers';
import type { FallbackKeys } from './traversal';
import { isStringArray, RULE_IDS, type ExtensionSettings, type RuleId, type RuleSeverity } from './settings';

export interface Suggestion {
  readonly desc: string;
  readonly range: readonly [number, number];
  readonly text: string;
}

/** A cockatiel wrap the plugin's edit builder offers for the call a finding is about. */
export interface WrapOffer {
  readonly kind: 'full' | 'retry' | 'breaker' | 'bulkhead';
  readonly title: string;
  readonly fixes: readonly { readonly range: readonly [number, number]; readonly text: string }[];
}

export interface Finding {
  readonly ruleId: RuleId;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly severity: Exclude<RuleSeverity, 'off'>;
  readonly docsUrl: string;
  readonly suggestions: readonly Suggestion[];
  /** Policy wraps for the call (network-call findings only), built on first request: only code actions need them. */
  readonly wraps: () => readonly WrapOffer[];
}

/** The rules whose findings are about one network call, which a policy can wrap. */
/** Which cockatiel wraps each rule's findings offer: all of them for a bare call, a bulkhead for a fan-out. */
const WRAP_KINDS: Readonly<Partial<Record<RuleId, readonly string[]>>> = {
  'require-timeout': ['full', 'retry', 'breaker', 'bulkhead'],
  'no-unprotected-call': ['full', 'retry', 'breaker', 'bulkhead'],
  'no-unbounded-concurrency': ['bulkhead'],
};

/** One lint of a document: its findings, and the parsed file they came from. */
export interface LintResult {
  readonly findings: Finding[];
  /**
   * The file as ESLint parsed and scope-analysed it, for readers that need the same AST (the
   * simulator's CodeLens), so a document is parsed once per version; undefined when the file was
   * skipped (no network code) or does not parse.
   */
  readonly sourceCode: ReturnType<Linter['getSourceCode']> | undefined;
}

export interface LintDependencies {
  readonly Linter: typeof Linter;
  readonly plugin: { rules: Record<string, { meta?: { docs?: { url?: string } } }> };
  /** The TypeScript ESLint parser, loaded on first use (it pulls in TypeScript). */
  readonly typescriptParser: () => ForgetfulParser;
  /** The JavaScript parser, loaded on first use; ESLint's default (espree) when not given. */
  readonly javascriptParser?: () => Linter.Parser;
  /** The plugin's wrap edit builder (`eslint-plugin-breakwater/dist/edits`). */
  readonly wrapEditsForCall?: (
    sourceCode: never,
    range: readonly [number, number],
    options: { typescript: boolean; protectors?: string[]; idempotency?: { methods?: string[]; idempotencyHeaders?: string[] } },
  ) => WrapOffer[];
  /** The plugin's text-only relevance check (`eslint-plugin-breakwater/dist/edits`): false means no rule can report. */
  readonly textMayUseNetwork?: (text: string, clients: readonly never[]) => boolean;
  /**
   * Parse here and traverse without ESLint's code-path analysis (see ./editor-source-code), with
   * eslint-visitor-keys' `getKeys` for node types the parser's visitor keys do not list. Needs
   * `javascriptParser`. Without it, ESLint parses and traverses as the ESLint CLI does.
   */
  readonly withoutCodePathAnalysis?: { readonly fallbackKeys: FallbackKeys };
}

/** What ESLint reports for a file that does not parse; only `fatal` is read here. */
const PARSE_FAILED: Linter.LintMessage = { ruleId: null, fatal: true, message: 'Parsing error', severity: 2, line: 0, column: 0 };

const TS_FILE = /\.(?:[cm]?ts|tsx)$/i;
const JS_FILE = /\.(?:[cm]?js|jsx)$/i;

export function isLintable(fileName: string): boolean {
  return TS_FILE.test(fileName) || JS_FILE.test(fileName);
}

export class BreakwaterLinter {
  private readonly linter: Linter;
  private configs = new Map<string, Linter.Config[]>();
  private editorSourceCode: typeof SourceCode | undefined;
  /** One TypeScript parser for every config, so the SourceFiles it keeps outlive a settings change. */
  private typescriptParser: ForgetfulParser | undefined;
  /** Rule options that failed the plugin's schema, with ESLint's message. */
  readonly invalidOptions = new Map<RuleId, string>();

  constructor(
    private readonly deps: LintDependencies,
    private settings: ExtensionSettings,
  ) {
    this.linter = new deps.Linter({ configType: 'flat' });
    if (deps.withoutCodePathAnalysis && !deps.javascriptParser) throw new TypeError('withoutCodePathAnalysis needs javascriptParser: the engine then parses JavaScript itself.');
    this.validateOptions();
  }

  update(settings: ExtensionSettings): void {
    this.settings = settings;
    this.configs.clear();
    this.invalidOptions.clear();
    this.validateOptions();
  }

  /** The editor closed the file: drop what the parsers keep of it. */
  forget(fileName: string): void {
    this.typescriptParser?.forget?.(fileName);
  }

  /** Findings for a document, or [] when it does not parse (the editor already shows syntax errors). */
  lint(text: string, fileName: string): Finding[] {
    return this.analyze(text, fileName).findings;
  }

  /** The findings for a document and the parsed file they came from. */
  analyze(text: string, fileName: string): LintResult {
    // Most files make no network call: the plugin's rules would find nothing, so skip parsing them.
    if (this.deps.textMayUseNetwork && !this.deps.textMayUseNetwork(text, this.userClients() as never[])) return { findings: [], sourceCode: undefined };
    const { kind, messages } = this.verify(text, fileName, true);
    if (messages.some((m) => m.fatal)) return { findings: [], sourceCode: undefined };
    const lines = lineStarts(text);
    const findings: Finding[] = [];
    const sourceCode = this.linter.getSourceCode();
    const wrapsCache = new Map<string, WrapOffer[]>();
    const wrapsFor = (range: readonly [number, number]): WrapOffer[] => {
      const build = this.deps.wrapEditsForCall;
      if (!build || !sourceCode) return [];
      const key = range.join();
      let wraps = wrapsCache.get(key);
      if (!wraps) {
        const protectors = this.settings.ruleOptions['no-unprotected-call']?.protectors;
        // Which requests a retry could apply twice, as no-retry-non-idempotent is told.
        const { methods, idempotencyHeaders } = this.settings.ruleOptions['no-retry-non-idempotent'] ?? {};
        wraps = build(sourceCode as never, range, {
          typescript: kind === 'ts',
          protectors: stringsOrUndefined(protectors),
          idempotency: { methods: stringsOrUndefined(methods), idempotencyHeaders: stringsOrUndefined(idempotencyHeaders) },
        });
        wrapsCache.set(key, wraps);
      }
      return wraps;
    };
    for (const message of messages) {
      const ruleId = message.ruleId?.replace(/^breakwater\//, '') as RuleId | undefined;
      if (!ruleId || !(RULE_IDS as readonly string[]).includes(ruleId)) continue;
      const severity = this.settings.rules[ruleId];
      if (severity === 'off') continue;
      // ESLint's columns are 1-based.
      const start = offsetOf(lines, message.line, message.column - 1);
      const end = message.endLine && message.endColumn ? offsetOf(lines, message.endLine, message.endColumn - 1) : start;
      findings.push({
        ruleId,
        message: message.message,
        start,
        end,
        severity,
        docsUrl: this.deps.plugin.rules[ruleId]?.meta?.docs?.url ?? '',
        suggestions: (message.suggestions ?? []).map((s) => ({ desc: s.desc, range: s.fix.range, text: s.fix.text })),
        wraps: () => {
          const kinds = WRAP_KINDS[ruleId];
          return kinds ? wrapsFor([start, end]).filter((wrap) => kinds.includes(wrap.kind)) : [];
        },
      });
    }
    return { findings, sourceCode };
  }

  /**
   * The file parsed and scope-analysed, with no rules run (for readers such as the simulator's
   * CodeLens), or undefined when it does not parse.
   */
  sourceCode(text: string, fileName: string): ReturnType<Linter['getSourceCode']> | undefined {
    const { messages } = this.verify(text, fileName, false);
    return messages.some((m) => m.fatal) ? undefined : this.linter.getSourceCode();
  }

  /** Runs ESLint on the file as its name says (TS, CommonJS or ESM; plain script if ESM does not parse). */
  private verify(text: string, fileName: string, withRules: boolean): { kind: 'ts' | 'js' | 'cjs'; messages: Linter.LintMessage[] } {
    const baseName = fileName.replace(/^.*[\\/]/, '') || 'file.js';
    const kind = TS_FILE.test(baseName) ? 'ts' : /\.cjs$/i.test(baseName) ? 'cjs' : 'js';
    let messages = this.verifyAs(kind, text, fileName || baseName, baseName, withRules);
    if (kind === 'js' && messages.some((m) => m.fatal)) messages = this.verifyAs('script', text, fileName || baseName, baseName, withRules);
    return { kind, messages };
  }

  /**
   * ESLint matches its config against `baseName` (a whole path outside its base directory, the
   * process's working directory, would match none); the parser gets the whole `filePath`, by which
   * the TypeScript parser keeps each file's last parse.
   */
  private verifyAs(kind: 'ts' | 'js' | 'cjs' | 'script', text: string, filePath: string, baseName: string, withRules: boolean): Linter.LintMessage[] {
    const config = this.config(kind, withRules);
    const ownParse = this.deps.withoutCodePathAnalysis;
    if (!ownParse) return this.linter.verify(text, config, baseName);
    const languageOptions = config[0]!.languageOptions as Linter.LanguageOptions & { parser: Linter.Parser };
    const sourceCode = parseSourceCode(this.sourceCodeClass(ownParse.fallbackKeys), text, filePath, languageOptions);
    return sourceCode ? this.linter.verify(sourceCode, config, baseName) : [PARSE_FAILED];
  }

  /**
   * ESLint's SourceCode class, taken from the Linter's own parse of an empty file: the extension
   * bundles `eslint/universal`, which exports the Linter alone.
   */
  private sourceCodeClass(fallbackKeys: FallbackKeys): typeof SourceCode {
    if (!this.editorSourceCode) {
      this.linter.verify('', [{}]);
      const base = this.linter.getSourceCode().constructor as typeof SourceCode;
      this.editorSourceCode = sourceCodeWithoutCodePaths(base, fallbackKeys);
    }
    return this.editorSourceCode;
  }

  private config(kind: 'ts' | 'js' | 'cjs' | 'script', withRules = true): Linter.Config[] {
    const cacheKey = withRules ? kind : `${kind}:parse`;
    let config = this.configs.get(cacheKey);
    if (config) return config;
    const languageOptions: Linter.LanguageOptions =
      kind === 'ts'
        ? // No node maps: nothing here asks for the TypeScript node behind an ESTree node, and keeping them costs ~10%.
          // ecmaVersion and sourceType are ESLint's defaults, spelled out for the engine's own parse.
          { ecmaVersion: 'latest', sourceType: 'module', parser: (this.typescriptParser ??= this.deps.typescriptParser()), parserOptions: { ecmaFeatures: { jsx: true }, preserveNodeMaps: false } }
        : {
            ecmaVersion: 'latest',
            sourceType: kind === 'cjs' ? 'commonjs' : kind === 'script' ? 'script' : 'module',
            ...(this.deps.javascriptParser ? { parser: this.deps.javascriptParser() } : {}),
            parserOptions: { ecmaFeatures: { jsx: true } },
          };
    // ESLint lints only files that a config's `files` names explicitly (a bare `**/*` is not enough).
    const files = kind === 'ts' ? ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'] : ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];
    config = [withRules ? { files, languageOptions, plugins: { breakwater: this.deps.plugin as never }, rules: this.ruleEntries() } : { files, languageOptions }];
    this.configs.set(cacheKey, config);
    return config;
  }

  private ruleEntries(): Linter.RulesRecord {
    const entries: Linter.RulesRecord = {};
    for (const rule of RULE_IDS) {
      if (this.settings.rules[rule] === 'off') continue;
      const options = this.invalidOptions.has(rule) ? undefined : this.settings.ruleOptions[rule];
      entries[`breakwater/${rule}`] = options ? ['warn', options] : 'warn';
    }
    return entries;
  }

  /** The `clients` every enabled rule's options add to the catalog (they widen what counts as network code). */
  private userClients(): unknown[] {
    const clients: unknown[] = [];
    for (const rule of RULE_IDS) {
      const options = this.settings.ruleOptions[rule];
      if (this.settings.rules[rule] === 'off' || this.invalidOptions.has(rule) || !Array.isArray(options?.clients)) continue;
      clients.push(...(options.clients as unknown[]));
    }
    return clients;
  }

  /** Checks each rule's options against its schema once, so a bad option costs one warning, not every lint. */
  private validateOptions(): void {
    for (const rule of RULE_IDS) {
      const options = this.settings.ruleOptions[rule];
      if (!options) continue;
      try {
        this.linter.verify('', [{ plugins: { breakwater: this.deps.plugin as never }, rules: { [`breakwater/${rule}`]: ['warn', options] } }]);
      } catch (error) {
        this.invalidOptions.set(rule, String((error as Error).message).trim().replace(/\s*\n\s*/g, ' '));
      }
    }
  }
}

/** A rule option that is a list of strings, or undefined (the plugin's schema names any other value). */
function stringsOrUndefined(value: unknown): string[] | undefined {
  return isStringArray(value) ? value : undefined;
}
