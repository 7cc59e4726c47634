/**
 * androidqf's root_binaries.json: the root tools `which -a` found on the device (su,
 * busybox, magisk…). Any of them means the phone is rooted or was prepared for rooting,
 * which both spyware installers and forensic tools use.
 */
import { posix } from 'node:path';
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { describeError } from '../../errors.js';
import { ROOT_BINARIES } from './parsers/root-binaries.js';
import { readTextInput } from './read-input.js';

export function* readRootBinaries(text: string, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  const parsed: unknown = JSON.parse(text.trim() === '' ? '[]' : text);
  if (!Array.isArray(parsed)) {
    context.issue({ code: 'unsupported-schema', path: digest.path, message: 'unsupported schema: root_binaries.json is not a JSON array' });
    return;
  }
  for (const [index, value] of parsed.entries()) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const path = value.trim();
    const name = posix.basename(path);
    yield makeRecord('root_binaries', { path, binary_name: name, description: ROOT_BINARIES.get(name) ?? null }, originOf(digest, { kind: 'json', path: [String(index)] }));
  }
}

export const rootBinariesExtractor: Extractor = {
  id: 'root_binaries',
  title: 'Root tools found on the device (androidqf root_binaries.json)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': ['root_binaries.json'] },
  async *extract(source: Source, context: ExtractContext) {
    const input = await readTextInput(source, 'root_binaries.json', context);
    if (!input) return;
    try {
      yield* readRootBinaries(input.text, input.digest, context);
    } catch (error) {
      context.issue({ code: 'corrupt', path: input.path, message: `root_binaries.json is not JSON (${describeError(error)})` });
    }
  },
};
