/**
 * The parsers the extension lints with: ESLint's own (espree, and typescript-eslint's for TypeScript)
 * with the same options and the same AST, but without the token list.
 *
 * Why: on a 3,000-line TypeScript file, converting the tokens, and ESLint indexing them when it builds
 * its SourceCode, is about a third of a keystroke's lint work, and Breakwater's rules never read
 * tokens (the plugin's RuleTester runs every case without them to hold it to that). Comments are kept:
 * `eslint-disable` directives and the fixes read them; TypeScript's are found by ./comments, which
 * costs a tenth of what typescript-estree's way does.
 */
import type { Linter } from 'eslint';
import { commentsOf } from './comments';

/** What the TypeScript parser is made of (typescript-estree's parse, scope-manager's analyze). */
export interface TypeScriptParserParts {
  readonly parse: (code: string, options: Record<string, unknown>) => { tokens?: unknown[]; comments?: unknown[]; sourceType?: string };
  readonly analyze: (ast: never, options: Record<string, unknown>) => unknown;
  readonly visitorKeys: Record<string, readonly string[] | undefined>;
}

/** The subset of espree the JavaScript parser uses. */
export interface Espree {
  readonly parse: (code: string, options: Record<string, unknown>) => { tokens?: unknown[] };
}

type ParserOptions = Linter.ParserOptions & Record<string, unknown>;

/**
 * `@typescript-eslint/parser` without tokens, for files with no type information (as the extension
 * lints them): the same typescript-estree options and the same scope analysis as its `parseForESLint`.
 */
export function tokenFreeTypeScriptParser(parts: TypeScriptParserParts): Linter.Parser {
  return {
    parseForESLint(code: string, options: ParserOptions = {}) {
      const sourceType = options.sourceType === 'module' ? 'module' : 'script';
      const ecmaFeatures = (options.ecmaFeatures ?? {}) as { jsx?: boolean; globalReturn?: boolean };
      const ast = parts.parse(code, {
        ...options,
        jsx: ecmaFeatures.jsx === true,
        // Found below at a fraction of the cost (see ./comments).
        comment: false,
        loc: true,
        range: true,
        tokens: false,
      });
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

/** ESLint's default parser, espree, without tokens; ESLint runs its scope analysis as usual. */
export function tokenFreeJavaScriptParser(espree: Espree): Linter.Parser {
  return {
    parse(code: string, options: ParserOptions = {}) {
      const ast = espree.parse(code, { ...options, tokens: false });
      ast.tokens = [];
      return ast as never;
    },
  };
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use: TypeScript is large */
/** The parsers as the extension loads them: each on first use, TypeScript's on the first TypeScript file. */
export const editorParsers = {
  typescript: (): Linter.Parser =>
    tokenFreeTypeScriptParser({
      parse: require('@typescript-eslint/typescript-estree').parse,
      analyze: require('@typescript-eslint/scope-manager').analyze,
      visitorKeys: require('@typescript-eslint/visitor-keys').visitorKeys,
    }),
  javascript: (): Linter.Parser => tokenFreeJavaScriptParser(require('espree')),
};
/* eslint-enable @typescript-eslint/no-require-imports */
