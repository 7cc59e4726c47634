/**
 * The private working folder of one run: copies of evidence databases are opened here,
 * never beside the evidence. Mode 0700, removed at the end of the run, on error and on
 * Ctrl-C, so that no copy of a person's data is left behind.
 */
import { mkdtempSync, rmSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<WorkingDir>();
let handlersInstalled = false;

function removeAll(): void {
  for (const dir of live) dir.remove();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      removeAll();
      // Re-raise the signal with its default action rather than process.exit(): exit waits
      // for the thread pool, where a key derivation or a read of a stalled file (a FIFO, a
      // dead network mount) can run for long, and the parent shell should see the process
      // ended by the signal (status 128 + number) so that a loop around it stops too.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      else process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
    });
  }
}

export class WorkingDir {
  readonly path: string;
  private counter = 0;
  private removed = false;

  private constructor(path: string) {
    this.path = path;
  }

  static create(): WorkingDir {
    installHandlers();
    const path = mkdtempSync(join(tmpdir(), 'exhibit-'));
    chmodSync(path, 0o700);
    const dir = new WorkingDir(path);
    live.add(dir);
    return dir;
  }

  /** A fresh sub-folder for one copied database and its sidecar files. */
  newSubdir(): string {
    this.counter += 1;
    const sub = join(this.path, String(this.counter));
    mkdirSync(sub, { mode: 0o700 });
    return sub;
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    live.delete(this);
    rmSync(this.path, { recursive: true, force: true });
  }
}
