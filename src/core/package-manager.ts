import type { FolderReader } from './folders';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const LOCKFILES: readonly (readonly [string, PackageManager])[] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/**
 * The package manager one folder names: its package.json's `packageManager` field (Corepack's
 * `"pnpm@9.1.0"`, which the project enforces), else its lockfile; undefined when it names none.
 */
export function packageManagerIn(files: readonly string[], packageJson: string | undefined): PackageManager | undefined {
  const declared = packageJson === undefined ? undefined : declaredPackageManager(packageJson);
  if (declared) return declared;
  return LOCKFILES.find(([lockfile]) => files.includes(lockfile))?.[1];
}

function declaredPackageManager(packageJson: string): PackageManager | undefined {
  try {
    const field = (JSON.parse(packageJson) as { packageManager?: unknown }).packageManager;
    if (typeof field !== 'string') return undefined;
    const name = field.split('@')[0];
    return name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The nearest package.json from `folder` up that is a package's manifest (see isPackageManifest: a
 * module-format stub in `dist/esm/` is passed over), with its folder; undefined when none is.
 */
export async function nearestPackageManifest<Folder>(folder: Folder, reader: FolderReader<Folder>): Promise<{ folder: Folder; text: string } | undefined> {
  for (let at: Folder | undefined = folder; at !== undefined; at = reader.parent(at)) {
    const text = await reader.read(at, 'package.json');
    if (text !== undefined && isPackageManifest(text)) return { folder: at, text };
  }
  return undefined;
}

/**
 * The package manager for a package in `folder`: the first folder from there up that names one. In
 * a monorepo the lockfile sits at the root, not beside a workspace package's package.json, and
 * adding a dependency there with the wrong tool (npm in a pnpm workspace) breaks the install. npm
 * when nothing up to the root names one.
 */
export async function findPackageManager<Folder>(folder: Folder, reader: FolderReader<Folder>): Promise<PackageManager> {
  for (let at: Folder | undefined = folder; at !== undefined; at = reader.parent(at)) {
    const files = await reader.list(at);
    const manager = packageManagerIn(files, files.includes('package.json') ? await reader.read(at, 'package.json') : undefined);
    if (manager) return manager;
  }
  return 'npm';
}

/**
 * The command that adds a dependency to the package in the folder it runs in. Each of these, run in
 * a workspace package's folder, adds to that package and updates the root lockfile.
 */
export function addDependencyCommand(manager: PackageManager, dependency: string): string {
  return manager === 'npm' ? `npm install ${dependency}` : `${manager} add ${dependency}`;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * Whether a package.json describes a package a dependency can be added to, rather than marking its
 * folder's module format: builds and dual packages ship `{"type": "module"}` alone in `dist/esm/`,
 * and adding cockatiel there would put it where no install reads it. Unreadable text counts, so the
 * search stops there and the caller's own handling of it applies.
 */
export function isPackageManifest(packageJson: string): boolean {
  try {
    const manifest = JSON.parse(packageJson) as Record<string, unknown> | null;
    if (typeof manifest !== 'object' || manifest === null) return true;
    return ['name', 'private', 'workspaces', ...DEPENDENCY_FIELDS].some((field) => manifest[field] !== undefined);
  } catch {
    return true;
  }
}

/** Whether a package.json's text lists `dependency` in any dependency field. */
export function declaresDependency(packageJson: string, dependency: string): boolean {
  try {
    const manifest = JSON.parse(packageJson) as Record<string, Record<string, string> | undefined>;
    return DEPENDENCY_FIELDS.some((field) => manifest[field]?.[dependency] !== undefined);
  } catch {
    return true; // unreadable: do not nag
  }
}
