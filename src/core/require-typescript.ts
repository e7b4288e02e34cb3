/**
 * TypeScript from the first of `locations` that loads. @typescript-eslint/parser needs it to parse .ts
 * files; the extension uses the copy VS Code already has (or the workspace's) instead of shipping one.
 */
export function requireTypeScript(locations: readonly string[]): unknown {
  for (const location of locations) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(location);
    } catch {
      // try the next one
    }
  }
  throw new Error('Breakwater could not find TypeScript (looked in VS Code and the workspace); TypeScript files are not linted.');
}
