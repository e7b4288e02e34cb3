/** The command that adds a dependency with the package manager a folder's lockfile shows (npm when none). */
export function addDependencyCommand(files: readonly string[], dependency: string): string {
  if (files.includes('pnpm-lock.yaml')) return `pnpm add ${dependency}`;
  if (files.includes('yarn.lock')) return `yarn add ${dependency}`;
  if (files.includes('bun.lockb') || files.includes('bun.lock')) return `bun add ${dependency}`;
  return `npm install ${dependency}`;
}

/** Whether a package.json's text lists `dependency` in any dependency field. */
export function declaresDependency(packageJson: string, dependency: string): boolean {
  try {
    const manifest = JSON.parse(packageJson) as Record<string, Record<string, string> | undefined>;
    return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some((field) => manifest[field]?.[dependency] !== undefined);
  } catch {
    return true; // unreadable: do not nag
  }
}
