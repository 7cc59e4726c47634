/**
 * androidqf's mounts.json: the device's mount table. The system partitions are read-only
 * on a healthy phone; one mounted read-write (or remounted by hand) has been tampered with.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { describeError } from '../../errors.js';
import { SUSPICIOUS_SYSTEM_OPTIONS, parseMountLine, systemPartitionOf } from './parsers/mounts.js';
import { readTextInput } from './read-input.js';

export function* readMounts(text: string, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  const parsed: unknown = JSON.parse(text.trim() === '' ? '[]' : text);
  if (!Array.isArray(parsed)) {
    context.issue({ code: 'unsupported-schema', path: digest.path, message: 'unsupported schema: mounts.json is not a JSON array' });
    return;
  }
  let unparsed = 0;
  for (const [index, value] of parsed.entries()) {
    const mount = typeof value === 'string' ? parseMountLine(value) : null;
    if (!mount) {
      unparsed += 1;
      continue;
    }
    const partition = systemPartitionOf(mount.mountPoint);
    yield makeRecord('mounts', {
      device: mount.device,
      mount_point: mount.mountPoint,
      filesystem_type: mount.filesystem,
      mount_options: mount.options,
      system_partition: partition,
      read_write: mount.options.includes('rw'),
      suspicious_options: partition === null ? [] : mount.options.filter((o) => (SUSPICIOUS_SYSTEM_OPTIONS as readonly string[]).includes(o)),
    }, originOf(digest, { kind: 'json', path: [String(index)] }));
  }
  if (unparsed > 0) context.issue({ code: 'corrupt', path: digest.path, message: `${unparsed} entr${unparsed === 1 ? 'y is' : 'ies are'} not mount lines; the others were read` });
}

export const mountsExtractor: Extractor = {
  id: 'mounts',
  title: 'Mounted partitions (androidqf mounts.json)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': ['mounts.json'] },
  async *extract(source: Source, context: ExtractContext) {
    const input = await readTextInput(source, 'mounts.json', context);
    if (!input) return;
    try {
      yield* readMounts(input.text, input.digest, context);
    } catch (error) {
      context.issue({ code: 'corrupt', path: input.path, message: `mounts.json is not JSON (${describeError(error)})` });
    }
  },
};
