/**
 * androidqf's files.json: the files found on the device's readable folders, with owner,
 * mode, SELinux context, times and some hashes. Paths and names are checked against file
 * indicators, hashes against hash indicators, and anything under /data/local/tmp/ (where
 * only adb and root can write, and where exploits stage their payloads) is marked.
 */
import { posix } from 'node:path';
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, Locator } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { describeError } from '../../errors.js';
import { isoFromUnixSeconds } from '../../formats/time.js';
import { parseJsonItems } from './parsers/json-values.js';
import { isExecutable, isUnderDataLocalTmp, readDeviceFile } from './parsers/files-json.js';
import { readTextInput } from './read-input.js';

export function* readFilesJson(text: string, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  const { items, format, badLines } = parseJsonItems(text);
  if (badLines.length > 0) context.issue({ code: 'corrupt', path: digest.path, message: `${badLines.length} line(s) are not JSON (first: line ${badLines[0]}); the other files were read` });
  for (const item of items) {
    const file = readDeviceFile(item.value);
    if (!file) continue;
    const locator: Locator = format === 'lines' ? { kind: 'json', path: [], line: item.line ?? 0 } : { kind: 'json', path: [String(item.index)] };
    yield makeRecord('aqf_files', {
      path: file.path,
      name: posix.basename(file.path),
      size: file.size,
      mode: file.mode,
      executable: isExecutable(file.mode),
      user_name: file.userName,
      group_name: file.groupName,
      user_id: file.userId,
      group_id: file.groupId,
      selinux_context: file.context,
      sha256: file.sha256,
      sha1: file.sha1,
      md5: file.md5,
      under_data_local_tmp: isUnderDataLocalTmp(file.path),
      error: file.error,
    }, originOf(digest, locator), [
      { at: isoFromUnixSeconds(file.modifiedTime), meaning: 'modified' },
      { at: isoFromUnixSeconds(file.changedTime), meaning: 'status changed' },
      { at: isoFromUnixSeconds(file.accessTime), meaning: 'accessed' },
    ]);
  }
}

export const aqfFilesExtractor: Extractor = {
  id: 'aqf_files',
  title: 'Files on the device (androidqf files.json)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': ['files.json'] },
  async *extract(source: Source, context: ExtractContext) {
    const input = await readTextInput(source, 'files.json', context);
    if (!input) return;
    try {
      yield* readFilesJson(input.text, input.digest, context);
    } catch (error) {
      context.issue({ code: 'corrupt', path: input.path, message: `files.json cannot be parsed (${describeError(error)})` });
    }
  },
};
