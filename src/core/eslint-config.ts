/** Whether a workspace ESLint config's text turns Breakwater's rules on (then `auto` leaves findings to ESLint). */
export function configEnablesBreakwater(text: string): boolean {
  return /eslint-plugin-breakwater|["'`]breakwater\/[a-z-]+["'`]|breakwater\.configs\./.test(text);
}

export const ESLINT_CONFIG_GLOB = '**/eslint.config.{js,mjs,cjs,ts,mts,cts}';
