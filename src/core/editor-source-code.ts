/**
 * The extension engine's own parse step: the file parsed as ESLint's JavaScript language parses it,
 * into ESLint's SourceCode, but traversed as ./traversal does (no code-path analysis). The Linter
 * lints a SourceCode it is handed exactly as one it built (`linter.verify(sourceCode, config)`), so
 * globals, inline config, directives and reports are ESLint's own.
 */
import type { Linter, SourceCode } from 'eslint';
import { setParents, visitSteps, type FallbackKeys, type VisitorKeys } from './traversal';

type SourceCodeClass = typeof SourceCode;

/** ESLint's SourceCode whose `traverse()` skips code-path analysis (see ./traversal). */
export function sourceCodeWithoutCodePaths(Base: SourceCodeClass, fallbackKeys: FallbackKeys): SourceCodeClass {
  return class EditorSourceCode extends Base {
    override traverse(): ReturnType<SourceCode['traverse']> {
      const root = this.ast as never;
      const keys = this.visitorKeys as VisitorKeys;
      setParents(root, keys, fallbackKeys);
      return visitSteps(root, keys, fallbackKeys) as unknown as ReturnType<SourceCode['traverse']>;
    }
  };
}

/** ESLint's: a `#!` line is parsed as a line comment. */
const SHEBANG = /^#!([^\r\n\u2028\u2029]*)/u;

/**
 * `text` parsed with `languageOptions`' parser the way ESLint's JavaScript language does it (the BOM
 * set aside, a shebang read as a comment, the same parser options), or undefined when it does not
 * parse, where ESLint would report a fatal parsing error.
 */
export function parseSourceCode(
  SourceCodeOfEngine: SourceCodeClass,
  text: string,
  filePath: string,
  languageOptions: Linter.LanguageOptions & { readonly parser: Linter.Parser },
): SourceCode | undefined {
  const hasBOM = text.charCodeAt(0) === 0xfeff;
  const body = hasBOM ? text.slice(1) : text;
  const parser = languageOptions.parser as { parseForESLint?: (code: string, options: object) => Linter.ESLintParseResult };
  if (typeof parser.parseForESLint !== 'function') throw new TypeError('The extension\'s parsers implement parseForESLint.');
  const options = {
    ecmaVersion: languageOptions.ecmaVersion,
    sourceType: languageOptions.sourceType,
    ...languageOptions.parserOptions,
    loc: true,
    range: true,
    tokens: true,
    comment: true,
    eslintVisitorKeys: true,
    eslintScopeManager: true,
    filePath,
  };
  let parsed: Linter.ESLintParseResult;
  try {
    parsed = parser.parseForESLint(body.replace(SHEBANG, (_shebang, rest: string) => `//${rest}`), options);
  } catch {
    return undefined;
  }
  return new SourceCodeOfEngine({
    text: body,
    ast: parsed.ast,
    hasBOM,
    parserServices: parsed.services ?? {},
    scopeManager: (parsed.scopeManager ?? null) as never,
    visitorKeys: parsed.visitorKeys,
  });
}
