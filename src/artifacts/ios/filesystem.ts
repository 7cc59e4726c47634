/**
 * The file-system walk of an iOS dump: one record per listed entry (files, folders,
 * symlinks), so a file an implant dropped (`/private/var/tmp/hooker`), a folder it staged
 * in (`/private/var/tmp/l/`) or a binary named like its process
 * (`…/com.apple.xpc.roleaccountd.staging/bh`) is seen even when its content means nothing.
 * Only the listing is read: a dump holds hundreds of thousands of entries, so records are
 * streamed one at a time and no file is opened.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Source, SourceEntry } from '../../acquisition/source.js';
import type { ArtifactRecord, Extractor, Origin, RecordFields } from '../types.js';
import { makeRecord } from '../locate.js';

export const FILESYSTEM_ARTIFACT = 'filesystem';

/**
 * A record of the walk stands for a listing entry, not for bytes: its digest is of what the
 * listing says about the entry, so it changes when the entry does and anyone holding the
 * acquisition can recompute it without reading the file.
 */
export function listingEntryDigest(entry: SourceEntry): string {
  const described = [
    entry.path,
    entry.type,
    entry.size,
    entry.mode ?? null,
    entry.uid ?? null,
    entry.gid ?? null,
    entry.target ?? null,
    entry.times.modified ?? null,
    entry.times.statusChanged ?? null,
    entry.times.birth ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(described)).digest('hex');
}

/** One timeline entry per distinct time, naming every meaning it has (a file written once has three equal times). */
function groupedTimes(entry: SourceEntry): { at: string; meaning: string }[] {
  const byTime = new Map<string, string[]>();
  const times: [string | undefined, string][] = [
    [entry.times.modified, 'modified'],
    [entry.times.statusChanged, 'status changed'],
    [entry.times.birth, 'created'],
  ];
  for (const [at, meaning] of times) {
    if (!at) continue;
    const meanings = byTime.get(at);
    if (meanings) meanings.push(meaning);
    else byTime.set(at, [meaning]);
  }
  return [...byTime.entries()].map(([at, meanings]) => ({ at, meaning: meanings.join(', ') }));
}

export function filesystemRecord(entry: SourceEntry): ArtifactRecord {
  const fields: RecordFields = {
    // Absolute, as indicators publish device paths; the Source's paths have no leading '/'.
    path: `/${entry.path}`,
    type: entry.type,
    name: posix.basename(entry.path),
    size: entry.size,
    mode: entry.mode === undefined ? null : entry.mode.toString(8),
    uid: entry.uid ?? null,
    target: entry.type === 'symlink' ? (entry.target ?? null) : null,
  };
  const origin: Origin = { path: entry.path, stored: entry.path, sha256: listingEntryDigest(entry), locator: { kind: 'listing' } };
  return makeRecord(FILESYSTEM_ARTIFACT, fields, origin, groupedTimes(entry));
}

export function* readFilesystem(source: Source): Generator<ArtifactRecord> {
  for (const entry of source.entries()) {
    if (entry.path === '') continue;
    yield filesystemRecord(entry);
  }
}

export const filesystemExtractor: Extractor = {
  id: FILESYSTEM_ARTIFACT,
  title: 'Files and folders of the dump (file-system walk)',
  platform: 'ios',
  acquisitions: ['ios-fs'],
  paths: { 'ios-fs': ['**'] },
  listingOnly: true,
  async *extract(source) {
    yield* readFilesystem(source);
  },
};
