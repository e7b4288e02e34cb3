/**
 * Stands in for the `eslint` package inside the lint worker's bundle. @typescript-eslint/utils subclasses
 * ESLint's classes when it loads, but the rules only ever run through `Linter` — which comes from
 * `eslint/universal`, the part of ESLint that needs no file system or config loading. The other
 * classes are empty so that loading succeeds; nothing in the extension calls them.
 */
import { Linter } from 'eslint/universal';

class Unavailable {
  constructor() {
    throw new Error('Breakwater bundles only ESLint\'s Linter; this ESLint API is not available in the extension.');
  }
}

export { Linter };
export const ESLint = Unavailable;
export const RuleTester = Unavailable;
export const SourceCode = Unavailable;
export const FlatESLint = Unavailable;
export const LegacyESLint = Unavailable;
export default { Linter, ESLint, RuleTester, SourceCode, FlatESLint, LegacyESLint };
