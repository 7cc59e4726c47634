/**
 * Runs the real CLI (`node bin/exhibit.js`) for end-to-end tests. dist/ is rebuilt first
 * when any source file is newer than it, so the tests never run stale code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = join(ROOT, 'dist', 'cli', 'main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

let built = false;

let dataDir: string | undefined;

/** A key store of the test process's own, so a check never creates keys in the user's home. */
function testDataDir(): string {
  if (dataDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'exhibit-data-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    dataDir = dir;
  }
  return dataDir;
}

export function ensureBuilt(): void {
  if (built) return;
  if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newestMtime(join(ROOT, 'src'))) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  }
  built = true;
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  ensureBuilt();
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'exhibit.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, EXHIBIT_IOCS: '', EXHIBIT_DATA_DIR: testDataDir(), ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
