import { own } from '../util/own';
/**
 * Forks published under another name with the same API as a library the rules know: the model
 * reads an import of the fork as one of the original. `@zkochan/retry` is node-retry (`retry`)
 * with types, used by pnpm.
 */
const MODULE_ALIASES: Readonly<Record<string, string>> = {
  '@zkochan/retry': 'retry',
};

/** The aliases' own names, for the checks that look for module names in a file's text. */
export const MODULE_ALIAS_NAMES = Object.keys(MODULE_ALIASES);

/** The module a specifier stands for: the original for a known fork, else the specifier itself. */
export function canonicalModule(specifier: string): string {
  return own(MODULE_ALIASES, specifier) ?? specifier;
}
