/**
 * Where Exhibit keeps data between runs: the user's data folder by each platform's
 * convention, or EXHIBIT_DATA_DIR when set (tests and portable installs use it). Only the
 * indicator cache lives there today.
 */
import os from 'node:os';
import path from 'node:path';

export interface DataFolderContext {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  /** Resolves a relative EXHIBIT_DATA_DIR; the process's working folder by default. */
  cwd: string;
}

function currentContext(): DataFolderContext {
  return { env: process.env, platform: process.platform, home: os.homedir(), cwd: process.cwd() };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Exhibit's own data folder (not yet created): the parent of the indicator cache. */
export function exhibitDataFolder(context: DataFolderContext = currentContext()): string {
  const { env, platform, home } = context;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const override = nonEmpty(env['EXHIBIT_DATA_DIR']);
  if (override !== undefined) return paths.resolve(context.cwd, override);
  if (platform === 'win32') {
    const local = nonEmpty(env['LOCALAPPDATA']);
    return paths.join(local ?? paths.join(home, 'AppData', 'Local'), 'exhibit');
  }
  if (platform === 'darwin') return paths.join(home, 'Library', 'Application Support', 'exhibit');
  // The XDG base-directory specification says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env['XDG_DATA_HOME']);
  const base = xdg !== undefined && paths.isAbsolute(xdg) ? xdg : paths.join(home, '.local', 'share');
  return paths.join(base, 'exhibit');
}

/** The folder `exhibit iocs update` fills and every run reads: <data folder>/indicators. */
export function indicatorCacheFolder(context: DataFolderContext = currentContext()): string {
  const paths = context.platform === 'win32' ? path.win32 : path.posix;
  return paths.join(exhibitDataFolder(context), 'indicators');
}
