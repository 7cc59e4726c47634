/**
 * Reading records/*.jsonl back: the input of a re-check. The files are checked line by
 * line, because a results folder may have travelled and been damaged on the way.
 */
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ArtifactRecord } from '../artifacts/types.js';
import { UsageError } from '../errors.js';

function isRecord(value: unknown): value is ArtifactRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<ArtifactRecord>;
  return (
    typeof record.artifact === 'string' &&
    Array.isArray(record.times) &&
    typeof record.fields === 'object' &&
    record.fields !== null &&
    typeof record.origin === 'object' &&
    record.origin !== null &&
    typeof record.origin.path === 'string' &&
    typeof record.origin.sha256 === 'string'
  );
}

/** The records files of a results folder, sorted by artifact id. */
export function recordFiles(resultsDir: string): string[] {
  const dir = join(resultsDir, 'records');
  if (!existsSync(dir)) {
    throw new UsageError('PATH_NOT_FOUND', `${resultsDir} has no records/ folder; point Exhibit at the results folder of a check.`);
  }
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(dir, name));
}

/** Every record of a results folder, streamed, in the order the check wrote them. */
export async function* readRecords(resultsDir: string): AsyncGenerator<ArtifactRecord> {
  for (const file of recordFiles(resultsDir)) {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let number = 0;
    for await (const line of lines) {
      number += 1;
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (!isRecord(parsed)) {
        throw new UsageError(
          'INVALID_ARGUMENT',
          `Line ${number} of ${file} is not a record; the results folder is damaged, so re-run the check on the acquisition.`,
        );
      }
      yield parsed;
    }
  }
}
