import type { FolderReader } from './folders';

/** Whether an ESLint config's text turns Breakwater's rules on (then `auto` leaves findings to ESLint). */
export function configEnablesBreakwater(text: string): boolean {
  return /eslint-plugin-breakwater|["'`]breakwater\/[a-z-]+["'`]|breakwater\.configs\./.test(text);
}

/** ESLint's flat config file names, in the order ESLint takes them when a folder has several. */
const ESLINT_CONFIG_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/** Any of them, anywhere in the workspace (for a file watcher). */
export const ESLINT_CONFIG_GLOB = `**/{${ESLINT_CONFIG_NAMES.join(',')}}`;

/**
 * Whether the ESLint config for files in `folder` runs Breakwater's rules: the nearest
 * `eslint.config.*` from there up, as ESLint 10 finds it for each file. One config per project, not
 * one per workspace: in a monorepo whose web app's config enables Breakwater and whose API's has none,
 * or in a multi-root workspace, the API's files still get Breakwater's findings from the extension.
 * ESLint 9 looks from its working directory instead, but the ESLint extension runs it in the folder of
 * the file's nearest `eslint.config.*` (vscode-eslint's `findWorkingDirectory`, its default
 * `eslint.workingDirectories` mode), so there too it is the same config. They differ only when a
 * `package.json` without a config sits between the file and that config: the extension then runs
 * ESLint 9 from the workspace folder.
 */
export async function eslintConfigEnablesBreakwater<Folder>(folder: Folder, reader: FolderReader<Folder>): Promise<boolean> {
  for (let at: Folder | undefined = folder; at !== undefined; at = reader.parent(at)) {
    const files = await reader.list(at);
    const name = ESLINT_CONFIG_NAMES.find((candidate) => files.includes(candidate));
    if (name === undefined) continue;
    const text = await reader.read(at, name);
    return text !== undefined && configEnablesBreakwater(text);
  }
  return false;
}
