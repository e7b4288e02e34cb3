/**
 * The parsers the extension lints with: ESLint's own (espree, and typescript-eslint's for TypeScript)
 * with the same options and the same AST, but without the token list.
 *
 * Why: on a 3,000-line TypeScript file, converting the tokens, and ESLint indexing them when it builds
 * its SourceCode, is about a third of a keystroke's lint work, and Breakwater's rules never read
 * tokens (the plugin's RuleTester runs every case without them to hold it to that). Comments are kept:
 * `eslint-disable` directives and the fixes read them; TypeScript's are found by ./comments, which
 * costs a tenth of what typescript-estree's way does. JavaScript's scope analysis skips a copy that
 * eslint-scope makes for every binding pattern (see analyzeScope).
 */
import type { Linter } from 'eslint';
import { commentsOf } from './comments';
import { RecentSourceFiles, type UpdatableSourceFile } from './recent-source-files';

/** What the TypeScript parser is made of (typescript-estree's parse, scope-manager's analyze). */
export interface TypeScriptParserParts {
  /**
   * typescript-estree's `parseAndGenerateServices`: unlike `parse`, it is typed to take a SourceFile as
   * well as text, and with node maps on, it tells which SourceFile it made (the Program's TypeScript node).
   */
  readonly parseAndGenerateServices: (
    code: string | UpdatableSourceFile,
    options: Record<string, unknown>,
  ) => { ast: { tokens?: unknown[]; comments?: unknown[]; sourceType?: string }; services: { esTreeNodeToTSNodeMap?: { get(node: object): unknown } } };
  readonly analyze: (ast: never, options: Record<string, unknown>) => unknown;
  readonly visitorKeys: Record<string, readonly string[] | undefined>;
}

/** The subset of espree the JavaScript parser uses. */
export interface Espree {
  readonly parse: (code: string, options: Record<string, unknown>) => { tokens?: unknown[] };
}

/** The parts of eslint-scope the JavaScript parser's scope analysis is built from. */
export interface EslintScope {
  readonly ScopeManager: new (options: Record<string, unknown>) => unknown;
  readonly Referencer: new (options: Record<string, unknown>, scopeManager: never) => { options: Record<string, unknown>; visit(node: unknown): void };
}

/** eslint-visitor-keys: ESLint's keys for JavaScript, and its fallback for node types it does not list. */
export interface VisitorKeysModule {
  readonly KEYS: Record<string, readonly string[] | undefined>;
  readonly getKeys: (node: object) => readonly string[];
}

type ParserOptions = Linter.ParserOptions & Record<string, unknown>;

/** A parser that may keep state per file (the TypeScript parser's last SourceFiles), dropped by `forget`. */
export type ForgetfulParser = Linter.Parser & { forget?(filePath: string): void };

/**
 * `@typescript-eslint/parser` without tokens, for files with no type information (as the extension
 * lints them): the same typescript-estree options and the same scope analysis as its `parseForESLint`.
 * A file parsed before (by `filePath`) is parsed incrementally from its last SourceFile kept in
 * `recent` (see ./recent-source-files); with `recent` null, every parse starts from scratch.
 */
export function tokenFreeTypeScriptParser(parts: TypeScriptParserParts, recent: RecentSourceFiles | null): ForgetfulParser {
  return {
    forget(filePath: string) {
      recent?.forget(filePath);
    },
    parseForESLint(code: string, options: ParserOptions = {}) {
      const sourceType = options.sourceType === 'module' ? 'module' : 'script';
      const ecmaFeatures = (options.ecmaFeatures ?? {}) as { jsx?: boolean; globalReturn?: boolean };
      const kept = recent && typeof options.filePath === 'string' ? { files: recent, as: options.filePath } : undefined;
      const updated = kept?.files.take(kept.as, code);
      // Kept before converting: a version that does not parse is still the best start for the next one.
      if (kept && updated) kept.files.keep(kept.as, updated);
      const { ast, services } = parts.parseAndGenerateServices(updated ?? code, {
        ...options,
        jsx: ecmaFeatures.jsx === true,
        // Found below at a fraction of the cost (see ./comments).
        comment: false,
        loc: true,
        range: true,
        tokens: false,
        // Only to learn which SourceFile a fresh parse made.
        preserveNodeMaps: kept !== undefined && !updated,
      });
      if (kept && !updated) {
        const sourceFile = services.esTreeNodeToTSNodeMap?.get(ast) as UpdatableSourceFile | undefined;
        if (typeof sourceFile?.update === 'function') kept.files.keep(kept.as, sourceFile);
      }
      ast.comments = commentsOf(code, ast as never, parts.visitorKeys);
      ast.tokens = [];
      ast.sourceType = sourceType;
      const scopeManager = parts.analyze(ast as never, {
        globalReturn: ecmaFeatures.globalReturn,
        jsxFragmentName: options.jsxFragmentName,
        jsxPragma: options.jsxPragma,
        lib: options.lib,
        sourceType,
      });
      return { ast, scopeManager, services: {}, visitorKeys: parts.visitorKeys } as never;
    },
  };
}

/** ESLint's default parser, espree, without tokens, and ESLint's scope analysis of its AST. */
export function tokenFreeJavaScriptParser(espree: Espree, scope: EslintScope, visitorKeys: VisitorKeysModule): Linter.Parser {
  return {
    parseForESLint(code: string, options: ParserOptions = {}) {
      const ast = espree.parse(code, { ...options, tokens: false });
      ast.tokens = [];
      return { ast, scopeManager: analyzeScope(ast, options, scope, visitorKeys), visitorKeys: visitorKeys.KEYS } as never;
    },
  };
}

/**
 * eslint-scope's analysis with the options ESLint's own `analyzeScope` gives it, but faster: eslint-scope
 * makes a visitor for every binding pattern (each parameter, declarator and assignment target), and
 * each copies the ~100 visitor keys it is given into a new object. On a 3,000-line file that copying
 * was a quarter of the lint. The pattern visitors here get no keys, so they use estraverse's, which
 * agree with ESLint's on every node a pattern can hold (only ImportExpression, export and JSX nodes
 * differ); the main visitor keeps ESLint's. test/extension/parsers.test.ts compares the resulting
 * scopes reference by reference with ESLint's on real files.
 */
function analyzeScope(ast: unknown, options: ParserOptions, scope: EslintScope, visitorKeys: VisitorKeysModule): unknown {
  const ecmaFeatures = (options.ecmaFeatures ?? {}) as { globalReturn?: boolean; impliedStrict?: boolean; jsx?: boolean };
  const analysisOptions = {
    optimistic: false,
    ignoreEval: true,
    nodejsScope: ecmaFeatures.globalReturn,
    impliedStrict: ecmaFeatures.impliedStrict,
    ecmaVersion: typeof options.ecmaVersion === 'number' ? options.ecmaVersion : 6,
    sourceType: options.sourceType ?? 'script',
    childVisitorKeys: visitorKeys.KEYS,
    fallback: visitorKeys.getKeys,
    jsx: ecmaFeatures.jsx,
  };
  const scopeManager = new scope.ScopeManager(analysisOptions);
  const referencer = new scope.Referencer(analysisOptions, scopeManager as never);
  // Read only when a pattern visitor is made.
  referencer.options = { ...analysisOptions, childVisitorKeys: null };
  referencer.visit(ast);
  return scopeManager;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use: TypeScript is large */
/** typescript-estree, scope-manager and visitor-keys, the TypeScript parser's parts, loaded when called. */
export const typescriptParserParts = (): TypeScriptParserParts => ({
  parseAndGenerateServices: require('@typescript-eslint/typescript-estree').parseAndGenerateServices,
  analyze: require('@typescript-eslint/scope-manager').analyze,
  visitorKeys: require('@typescript-eslint/visitor-keys').visitorKeys,
});

/** The parsers as the extension loads them: each on first use, TypeScript's on the first TypeScript file. */
export const editorParsers = {
  typescript: (): Linter.Parser => tokenFreeTypeScriptParser(typescriptParserParts(), new RecentSourceFiles()),
  javascript: (): Linter.Parser => tokenFreeJavaScriptParser(require('espree'), require('eslint-scope'), require('eslint-visitor-keys')),
};

/** eslint-visitor-keys' keys for a node type the parser's visitor keys do not list, which ESLint's traversal falls back to. */
const fallbackVisitorKeys = (node: object): readonly string[] => require('eslint-visitor-keys').getKeys(node);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * How the extension parses, as `BreakwaterLinter` dependencies: these parsers, run by the engine
 * itself, and ESLint's traversal without code-path analysis (see ./editor-source-code).
 */
export const editorParsing = {
  typescriptParser: editorParsers.typescript,
  javascriptParser: editorParsers.javascript,
  withoutCodePathAnalysis: { fallbackKeys: fallbackVisitorKeys },
} as const;
