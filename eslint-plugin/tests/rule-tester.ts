import * as tsParser from '@typescript-eslint/parser';
import { RuleTester, type Linter } from 'eslint';
// ESLint's own default parser, named so that the token-free run below can wrap it.
import * as espree from 'espree';

type Config = ConstructorParameters<typeof RuleTester>[0] & { languageOptions: Linter.LanguageOptions };

/**
 * The parser's result with its token list emptied: what the editor extension hands ESLint, since
 * building tokens is a third of a keystroke's lint work there. Rules must not read tokens.
 */
function withoutTokens(parser: Linter.Parser): Linter.Parser {
  return {
    parseForESLint(code: string, options?: Linter.ParserOptions) {
      const result = 'parseForESLint' in parser ? parser.parseForESLint(code, options) : { ast: parser.parse(code, options) };
      (result.ast as { tokens: unknown[] }).tokens = [];
      return result;
    },
  } as Linter.Parser;
}

/** A RuleTester that runs every case twice: with the parser as ESLint runs it, then without tokens. */
class TokenFreeCheckingTester extends RuleTester {
  private readonly tokenFree: RuleTester;

  constructor(config: Config) {
    super(config);
    const parser = (config.languageOptions.parser ?? espree) as Linter.Parser;
    this.tokenFree = new RuleTester({ ...config, languageOptions: { ...config.languageOptions, parser: withoutTokens(parser) } });
  }

  override run(...args: Parameters<RuleTester['run']>): void {
    const [name, rule, tests] = args;
    super.run(name, rule, tests);
    this.tokenFree.run(`${name}, parsed without tokens`, rule, tests);
  }
}

/** Runs JavaScript cases with espree (ESLint's default parser). */
export const jsTester = new TokenFreeCheckingTester({
  languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
});

/** Runs cases with @typescript-eslint/parser (no type information, as in editors and CI). */
export const tsTester = new TokenFreeCheckingTester({
  languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
});

/** Runs CommonJS scripts. */
export const cjsTester = new TokenFreeCheckingTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } });
