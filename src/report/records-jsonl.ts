/**
 * records/<artifact>.jsonl: every extracted record, one JSON object a line, in extraction
 * order. These files are the input of a later re-check with new indicators.
 */
import { join } from 'node:path';
import type { ArtifactRecord } from '../artifacts/types.js';
import { BufferedFile } from './buffered-file.js';

export class RecordsWriter {
  private readonly files = new Map<string, BufferedFile>();

  constructor(private readonly dir: string) {}

  write(record: ArtifactRecord): void {
    let file = this.files.get(record.artifact);
    if (!file) {
      if (!/^[a-z0-9_-]+$/.test(record.artifact)) throw new Error(`invalid artifact id ${record.artifact}`);
      file = new BufferedFile(join(this.dir, `${record.artifact}.jsonl`));
      this.files.set(record.artifact, file);
    }
    file.write(`${JSON.stringify(record)}\n`);
  }

  close(): void {
    for (const file of this.files.values()) file.close();
    this.files.clear();
  }
}
