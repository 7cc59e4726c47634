/**
 * records/<artifact>.jsonl: every extracted record, one JSON object a line, in extraction
 * order. These files are the input of a later re-check with new indicators.
 */
import { close, closeSync, openSync, write, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactRecord } from '../artifacts/types.js';

const SINK_BYTES = 1 << 20;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_PER_UNIT = 3;
const NEWLINE = 0x0a;

/**
 * A synchronous file writer that encodes each string straight into one reused buffer: no
 * list of pending strings to join, no second copy per flush. Output order is call order.
 */
export class ByteSink {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(SINK_BYTES);
  private used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }

  write(text: string): void {
    const worst = text.length * MAX_UTF8_PER_UNIT;
    if (worst > SINK_BYTES - this.used) {
      this.flush();
      if (worst > SINK_BYTES) {
        writeSync(this.fd, text);
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** write(text + '\n') without building the joined string. */
  writeLine(text: string): void {
    this.write(text);
    if (this.used === SINK_BYTES) this.flush();
    this.buffer[this.used++] = NEWLINE;
  }

  flush(): void {
    let offset = 0;
    while (offset < this.used) offset += writeSync(this.fd, this.buffer, offset, this.used - offset);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Chunks being written in the background at most; past that the writer waits, writing the next one itself. */
const MAX_IN_FLIGHT = 8;

/**
 * A file written in the background: full buffers go to the thread pool at their file
 * offset, so the kernel's copying overlaps the extraction, and order is kept by position,
 * not by completion. close() resolves once every byte is on disk, or rejects with the
 * first write error.
 */
export class BackgroundFile {
  private readonly fd: number;
  private buffer: Buffer = Buffer.allocUnsafe(SINK_BYTES);
  private readonly spare: Buffer[] = [];
  private used = 0;
  private position = 0;
  private inFlight = 0;
  private failure: unknown;
  private closing: { resolve: () => void; reject: (error: unknown) => void } | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }

  writeLine(text: string): void {
    const worst = (text.length + 1) * MAX_UTF8_PER_UNIT;
    if (worst > SINK_BYTES - this.used) {
      this.flush();
      if (worst > SINK_BYTES) {
        this.writeAt(Buffer.from(`${text}\n`, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    this.buffer[this.used++] = NEWLINE;
  }

  private flush(): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.used = 0;
    if (this.inFlight >= MAX_IN_FLIGHT || this.failure !== undefined) {
      this.writeAt(chunk);
      return;
    }
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(SINK_BYTES);
    const at = this.position;
    this.position += chunk.length;
    this.inFlight += 1;
    this.writeInBackground(chunk, at);
  }

  /** Writes bytes at the next offset now, on this thread. */
  private writeAt(bytes: Buffer): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.position + done);
    this.position += bytes.length;
  }

  private writeInBackground(chunk: Buffer, at: number): void {
    write(this.fd, chunk, 0, chunk.length, at, (error, written) => {
      if (error === null && written < chunk.length) {
        this.writeInBackground(chunk.subarray(written), at + written);
        return;
      }
      if (error !== null) this.failure ??= error;
      else if (chunk.buffer.byteLength === SINK_BYTES && chunk.byteOffset === 0) this.spare.push(Buffer.from(chunk.buffer, 0, SINK_BYTES));
      this.inFlight -= 1;
      this.settle();
    });
  }

  /** Writes what is left and closes the file once the background writes are done. */
  close(): Promise<void> {
    try {
      this.flush();
    } catch (error) {
      this.failure ??= error;
    }
    return new Promise((resolve, reject) => {
      this.closing = { resolve, reject };
      this.settle();
    });
  }

  private settle(): void {
    if (this.closing === undefined || this.inFlight > 0) return;
    const { resolve, reject } = this.closing;
    this.closing = undefined;
    close(this.fd, (error) => {
      const failure = this.failure ?? error ?? undefined;
      if (failure !== undefined && failure !== null) reject(failure);
      else resolve();
    });
  }
}

export class RecordsWriter {
  private readonly files = new Map<string, BackgroundFile>();
  /** The file of the artifact written last: records come artifact by artifact, so this saves a look-up per record. */
  private lastArtifact: string | undefined;
  private lastFile: BackgroundFile | undefined;

  constructor(private readonly dir: string) {}

  write(record: ArtifactRecord): void {
    this.fileFor(record.artifact).writeLine(JSON.stringify(record));
  }

  private fileFor(artifact: string): BackgroundFile {
    if (artifact === this.lastArtifact && this.lastFile !== undefined) return this.lastFile;
    let file = this.files.get(artifact);
    if (!file) {
      if (!/^[a-z0-9_-]+$/.test(artifact)) throw new Error(`invalid artifact id ${artifact}`);
      file = new BackgroundFile(join(this.dir, `${artifact}.jsonl`));
      this.files.set(artifact, file);
    }
    this.lastArtifact = artifact;
    this.lastFile = file;
    return file;
  }

  /** Resolves once every records file is complete on disk; rejects with the first write error. */
  async close(): Promise<void> {
    const files = [...this.files.values()];
    this.files.clear();
    this.lastArtifact = undefined;
    this.lastFile = undefined;
    const results = await Promise.allSettled(files.map((file) => file.close()));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
}
