/**
 * Records of copied device files that carry only the time the acquisition recorded for
 * them (androidqf's logs/, a bugreport's FS/). Each file is read once so that its record
 * holds the digest of its bytes.
 */
import type { Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { describeError } from '../../errors.js';

export async function* fileTimeRecords(
  source: Source,
  context: ExtractContext,
  artifact: string,
  pattern: string,
  /** The folder in the tree that stands for the device's root, e.g. `logs/` or `FS/`. */
  deviceRoot: (path: string) => string,
): AsyncGenerator<ArtifactRecord> {
  for (const entry of source.find(pattern)) {
    if (entry.type !== 'file' || !source.hasContent(entry.path)) continue;
    let digest;
    try {
      digest = (await source.readFile(entry.path)).digest;
    } catch (error) {
      context.issue({ code: 'unreadable', path: entry.path, message: describeError(error) });
      continue;
    }
    yield makeRecord(artifact, { path: entry.path, device_path: deviceRoot(entry.path), size: entry.size }, originOf(digest, { kind: 'file' }), [
      { at: entry.times.modified, meaning: 'modified' },
    ]);
  }
}
