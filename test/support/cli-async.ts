/**
 * runCli without blocking the event loop: for tests whose CLI run talks to a server living
 * in the test process (spawnSync would freeze that server until the child gave up).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ROOT, type CliRun } from './cli.js';

export async function runCliAsync(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  ensureBuilt();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'exhibit.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, EXHIBIT_IOCS: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? -1));
  });
  return { status, stdout, stderr };
}
