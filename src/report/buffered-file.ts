/** A synchronous, buffered file writer: output order equals call order, memory stays bounded. */
import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

export class BufferedFile {
  private readonly fd: number;
  private chunks: string[] = [];
  private pending = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }

  write(text: string): void {
    this.chunks.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.pending = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
