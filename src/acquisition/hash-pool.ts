/**
 * SHA-256 of whole files on worker threads, so that the seal hashes an acquisition while
 * the main thread extracts and matches records: on a file-heavy acquisition the hashing
 * is the floor of a check, and running it beside the parsing instead of before it is what
 * keeps a check near that floor. Workers start on first use, one per core (at most four),
 * and hold the process open only while a file is being hashed.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Runs as a CommonJS script in each worker: the same source then works from src/ (tests) and dist/. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, path }) => {
  let fd;
  try {
    fd = openSync(path, 'r');
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      size += read;
    }
    parentPort.postMessage({ id, size, sha256: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String((error && error.message) || error), code: error && error.code } });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

const MAX_WORKERS = 4;

interface Reply {
  id: number;
  size?: number;
  sha256?: string;
  error?: { message: string; code?: string };
}

interface Job {
  resolve(value: { size: number; sha256: string }): void;
  reject(error: Error): void;
}

/** An error from a worker, with the file-system code (ENOENT, EACCES…) the read failed with. */
export class HashReadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

class HashPool {
  private readonly workers: { worker: Worker; load: number }[] = [];
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;

  constructor(private readonly size: number) {}

  private start(): void {
    for (let i = 0; i < this.size; i += 1) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      const slot = { worker, load: 0 };
      worker.on('message', (reply: Reply) => this.settle(slot, reply));
      worker.on('error', (error) => this.fail(error));
      worker.unref();
      this.workers.push(slot);
    }
  }

  hash(path: string): Promise<{ size: number; sha256: string }> {
    if (this.workers.length === 0) this.start();
    let slot = this.workers[0] as { worker: Worker; load: number };
    for (const candidate of this.workers) if (candidate.load < slot.load) slot = candidate;
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      if (slot.load === 0) slot.worker.ref();
      slot.load += 1;
      slot.worker.postMessage({ id, path });
    });
  }

  private settle(slot: { worker: Worker; load: number }, reply: Reply): void {
    const job = this.jobs.get(reply.id);
    if (job === undefined) return;
    this.jobs.delete(reply.id);
    slot.load -= 1;
    if (slot.load === 0) slot.worker.unref();
    if (reply.error !== undefined) job.reject(new HashReadError(reply.error.message, reply.error.code));
    else job.resolve({ size: reply.size ?? 0, sha256: reply.sha256 ?? '' });
  }

  /** A worker that dies takes its jobs with it: they fail, and the pool starts afresh next time. */
  private fail(error: Error): void {
    for (const job of this.jobs.values()) job.reject(error);
    this.jobs.clear();
    for (const { worker } of this.workers) void worker.terminate();
    this.workers.length = 0;
  }
}

let pool: HashPool | undefined;

/** SHA-256 and size of a file, read and hashed on a worker thread. */
export function hashFileInPool(physicalPath: string): Promise<{ size: number; sha256: string }> {
  pool ??= new HashPool(Math.max(1, Math.min(MAX_WORKERS, availableParallelism())));
  return pool.hash(physicalPath);
}
