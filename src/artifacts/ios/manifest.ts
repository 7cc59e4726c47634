/**
 * Every row of a backup's Manifest.db: the file list of the backup with its MACB times.
 * A file name or path the implant leaves behind (`roleaccountd.plist`) and web origins in
 * WebKit folder names are visible here even when the file's content is not.
 */
import type { Extractor, ArtifactRecord } from '../types.js';
import type { Source } from '../../acquisition/source.js';
import { makeRecord } from '../locate.js';
import { devicePathOf } from './backup-domains.js';
import { mentionedOrigins } from './path-mentions.js';

export const MANIFEST_ARTIFACT = 'manifest';

function groupTimes(times: { at: string | undefined; meaning: string }[]): { at: string; meaning: string }[] {
  const byTime = new Map<string, string[]>();
  for (const time of times) {
    if (!time.at) continue;
    const meanings = byTime.get(time.at) ?? [];
    meanings.push(time.meaning);
    byTime.set(time.at, meanings);
  }
  return [...byTime.entries()].map(([at, meanings]) => ({ at, meaning: meanings.join(', ') }));
}

export async function* readManifest(source: Source): AsyncGenerator<ArtifactRecord> {
  const manifestDigest = source.digests().find((digest) => digest.stored === 'Manifest.db');
  const sha256 = manifestDigest?.sha256 ?? '';
  for (const entry of source.entries()) {
    const row = entry.backup;
    if (!row) continue;
    const fields = {
      file_id: row.fileID,
      domain: row.domain,
      relative_path: row.relativePath,
      type: entry.type,
      flags: row.flags,
      size: entry.size,
      mode: entry.mode === undefined ? null : entry.mode.toString(8),
      owner: entry.uid ?? null,
      protection_class: row.protectionClass ?? null,
      content_present: entry.type === 'file' ? row.present : null,
      symlink_target: row.target ?? null,
      device_path: devicePathOf(row.domain, row.relativePath),
      url_mentions: mentionedOrigins(row.relativePath),
    };
    yield makeRecord(
      MANIFEST_ARTIFACT,
      fields,
      { path: 'Manifest.db', stored: 'Manifest.db', sha256, locator: { kind: 'manifest', fileID: row.fileID } },
      groupTimes([
        { at: entry.times.modified, meaning: 'modified' },
        { at: entry.times.statusChanged, meaning: 'status changed' },
        { at: entry.times.birth, meaning: 'created' },
      ]),
    );
  }
}

export const manifestExtractor: Extractor = {
  id: MANIFEST_ARTIFACT,
  title: 'Backup file list (Manifest.db)',
  platform: 'ios',
  acquisitions: ['ios-backup'],
  paths: { 'ios-backup': ['Manifest.db'] },
  extract: (source) => readManifest(source),
};
