/**
 * Native crash reports (tombstones) a bugreport copies from /data/tombstones, in text or
 * protobuf form. Since Android 12 each crash is written twice (`tombstone_NN` and
 * `tombstone_NN.pb`); the protobuf twin is read and the text one only when the protobuf
 * cannot be, so one crash is one record.
 */
import { posix } from 'node:path';
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { describeError } from '../../errors.js';
import type { Tombstone } from './parsers/tombstone-model.js';
import { parseTombstoneText } from './parsers/tombstone-text.js';
import { parseTombstoneProto } from './parsers/tombstone-proto.js';
import { isoFromOffsetTime } from './parsers/local-time.js';
import { decodeText } from './parsers/text-lines.js';
import { presentFiles } from './read-input.js';

export const TOMBSTONE_PATHS = {
  'android-bugreport': ['FS/data/tombstones/tombstone_*'],
  'android-androidqf': ['*bugreport.zip!/FS/data/tombstones/tombstone_*'],
} as const;

/** Users whose crashes matter: root, system and the adb shell (MVT's list). */
export const PRIVILEGED_UIDS: readonly number[] = [0, 1000, 2000];

export function tombstoneRecord(tombstone: Tombstone, digest: FileDigest): ArtifactRecord {
  const names = new Set<string>();
  if (tombstone.processName) {
    names.add(tombstone.processName);
    names.add(posix.basename(tombstone.processName));
  }
  const first = tombstone.commandLine[0];
  if (first) names.add(posix.basename(first));
  return makeRecord('tombstones', {
    file_name: posix.basename(digest.path),
    format: tombstone.format,
    process_name: tombstone.processName,
    process_names: [...names].filter((n) => n !== ''),
    command_line: tombstone.commandLine,
    pid: tombstone.pid,
    tid: tombstone.tid,
    thread_name: tombstone.threadName,
    uid: tombstone.uid,
    privileged_uid: tombstone.uid !== null && PRIVILEGED_UIDS.includes(tombstone.uid),
    selinux_label: tombstone.selinuxLabel,
    signal: tombstone.signalName,
    signal_number: tombstone.signalNumber,
    signal_code: tombstone.signalCodeName,
    fault_address: tombstone.faultAddress,
    abort_message: tombstone.abortMessage,
    causes: tombstone.causes,
    build_fingerprint: tombstone.buildFingerprint,
    arch: tombstone.arch,
    timestamp: tombstone.timestamp,
    process_uptime_seconds: tombstone.processUptimeSeconds,
  }, originOf(digest, tombstone.line !== null ? { kind: 'line', line: tombstone.line } : { kind: 'file' }), [
    { at: tombstone.timestamp ? isoFromOffsetTime(tombstone.timestamp) : null, meaning: 'crashed' },
  ]);
}

function parse(path: string, bytes: Buffer): Tombstone | null {
  return path.endsWith('.pb') ? parseTombstoneProto(bytes) : parseTombstoneText(decodeText(bytes));
}

export const tombstonesExtractor: Extractor = {
  id: 'tombstones',
  title: 'Native crash reports (tombstones)',
  platform: 'android',
  acquisitions: ['android-bugreport', 'android-androidqf'],
  paths: TOMBSTONE_PATHS,
  async *extract(source: Source, context: ExtractContext) {
    const files = presentFiles(source, TOMBSTONE_PATHS[source.kind === 'android-androidqf' ? 'android-androidqf' : 'android-bugreport']);
    const available = new Set(files);
    for (const path of files) {
      // A text tombstone whose protobuf twin is present is read only if the twin fails.
      if (!path.endsWith('.pb') && available.has(`${path}.pb`)) continue;
      const candidates = path.endsWith('.pb') ? [path, path.slice(0, -3)].filter((p) => available.has(p)) : [path];
      for (const candidate of candidates) {
        try {
          const { bytes, digest } = await source.readFile(candidate);
          const tombstone = parse(candidate, bytes);
          if (!tombstone) {
            context.issue({ code: 'unsupported-schema', path: candidate, message: `unsupported schema: ${candidate} has none of a tombstone's header lines` });
            continue;
          }
          yield tombstoneRecord(tombstone, digest);
          break;
        } catch (error) {
          context.issue({ code: 'corrupt', path: candidate, message: `${candidate} cannot be parsed (${describeError(error)})` });
        }
      }
    }
  },
};
