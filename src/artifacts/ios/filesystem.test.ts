import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { filesystemExtractor, listingEntryDigest } from './filesystem.js';
import { filesystemRules } from '../../detection/rules/filesystem.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';
import type { ArtifactRecord } from '../types.js';
import type { Source } from '../../acquisition/source.js';

const STAGING = 'private/var/db/com.apple.xpc.roleaccountd.staging';
const WRITTEN = new Date('2023-06-01T08:30:00Z');
const WRITTEN_ISO = '2023-06-01T08:30:00.000000Z';

/** Traces of Predator, KingsPawn, Pegasus and Coruna planted in a dump, beside near misses. */
const PLANTED = fsDumpTree({
  time: WRITTEN,
  nodes: [
    { path: 'private/var/tmp/hooker', content: 'predator' },
    { path: 'private/var/tmp/UserEventAgent', content: 'predator' },
    { path: 'private/var/tmp/l', directory: true },
    { path: 'private/var/tmp/l/x', content: 'staged' },
    { path: 'private/var/tmp/pl.core.lock', content: '' },
    { path: 'private/var/mobile/Library/Caches/.com.apple.mobileassetd.cache', content: 'coruna' },
    { path: `${STAGING}/subridged`, content: 'kingspawn' },
    { path: `${STAGING}/bh`, content: 'pegasus' },
    { path: `${STAGING}/rolexd/Info.plist`, content: '<plist/>' },
    { path: 'private/var/mobile/Library/Logs/tmp-link', symlink: '../../../tmp' },
    // Near misses: a name starting like Predator's folder, a sibling folder, a longer process name.
    { path: 'private/var/tmp/lockdown.log', content: 'log' },
    { path: 'private/var/tmp2/hooker', content: 'x' },
    { path: `${STAGING}/bhx`, content: 'x' },
  ],
});

function fileMode(mode: number): string {
  // The tree writer's modes go through the process umask, as any file written here does.
  return (mode & ~process.umask()).toString(8);
}

function byPath(records: ArtifactRecord[], path: string): ArtifactRecord {
  const found = records.find((record) => record.fields['path'] === path);
  if (!found) throw new Error(`no record for ${path}`);
  return found;
}

describe('filesystem extractor', () => {
  let index: IndicatorIndex;
  let records: ArtifactRecord[];
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
    const extracted = await extractFromTree(PLANTED, 'ios-fs', filesystemExtractor);
    expect(extracted.issues).toEqual([]);
    records = extracted.records;
  });

  it('lists every file, folder and symlink with an absolute path, in path order', () => {
    expect(records.map((record) => record.fields['path'])).toEqual([
      '/private',
      '/private/var',
      '/private/var/db',
      '/private/var/db/com.apple.xpc.roleaccountd.staging',
      '/private/var/db/com.apple.xpc.roleaccountd.staging/bh',
      '/private/var/db/com.apple.xpc.roleaccountd.staging/bhx',
      '/private/var/db/com.apple.xpc.roleaccountd.staging/rolexd',
      '/private/var/db/com.apple.xpc.roleaccountd.staging/rolexd/Info.plist',
      '/private/var/db/com.apple.xpc.roleaccountd.staging/subridged',
      '/private/var/mobile',
      '/private/var/mobile/Library',
      '/private/var/mobile/Library/Caches',
      '/private/var/mobile/Library/Caches/.com.apple.mobileassetd.cache',
      '/private/var/mobile/Library/Logs',
      '/private/var/mobile/Library/Logs/tmp-link',
      '/private/var/root',
      '/private/var/root/Library',
      '/private/var/tmp',
      '/private/var/tmp/UserEventAgent',
      '/private/var/tmp/hooker',
      '/private/var/tmp/l',
      '/private/var/tmp/l/x',
      '/private/var/tmp/lockdown.log',
      '/private/var/tmp/pl.core.lock',
      '/private/var/tmp2',
      '/private/var/tmp2/hooker',
    ]);
    expect(new Set(records.map((record) => record.artifact))).toEqual(new Set(['filesystem']));
  });

  it('describes a file from the listing only, with the digest of its listing entry', () => {
    const hooker = byPath(records, '/private/var/tmp/hooker');
    expect(hooker.fields).toEqual({
      path: '/private/var/tmp/hooker',
      type: 'file',
      name: 'hooker',
      size: 8,
      mode: fileMode(0o100644),
      uid: process.getuid?.() ?? null,
      target: null,
    });
    expect(hooker.times).toEqual([{ at: WRITTEN_ISO, meaning: 'modified' }]);
    expect(hooker.origin.path).toBe('private/var/tmp/hooker');
    expect(hooker.origin.stored).toBe('private/var/tmp/hooker');
    expect(hooker.origin.locator).toEqual({ kind: 'listing' });
    expect(hooker.origin.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Not the content's digest: the walk never reads the file.
    expect(hooker.origin.sha256).not.toBe(createHash('sha256').update('predator').digest('hex'));
  });

  it('keeps folders without a trailing slash and symlinks with their target', () => {
    const folder = byPath(records, '/private/var/tmp/l');
    expect(folder.fields).toMatchObject({ path: '/private/var/tmp/l', type: 'directory', name: 'l', size: 0, target: null });
    expect(folder.times).toEqual([{ at: WRITTEN_ISO, meaning: 'modified' }]);
    const link = byPath(records, '/private/var/mobile/Library/Logs/tmp-link');
    expect(link.fields).toMatchObject({ type: 'symlink', name: 'tmp-link', target: '../../../tmp' });
  });

  it('gives the same entry the same digest, and another entry another one', () => {
    const entry = { path: 'private/var/tmp/hooker', type: 'file' as const, size: 8, times: { modified: WRITTEN_ISO } };
    expect(listingEntryDigest(entry)).toBe(listingEntryDigest({ ...entry, times: { ...entry.times } }));
    expect(listingEntryDigest(entry)).not.toBe(listingEntryDigest({ ...entry, size: 9 }));
    expect(listingEntryDigest(entry)).not.toBe(listingEntryDigest({ ...entry, times: { modified: '2023-06-01T08:30:01.000000Z' } }));
  });

  it('raises the planted paths, the folder indicator on the folder and its content, and process names once', () => {
    const detector = new Detector(filesystemRules, index);
    const fired = records.flatMap((record) =>
      detector.inspect(record).map((f) => [f.rule.id, f.matched.value, f.severity, f.confidence, f.indicator?.value ?? null, f.indicator?.malware ?? null]),
    );
    expect(fired).toEqual([
      ['ios.filesystem.process-in-path', 'bh', 'high', 'low', 'bh', 'Pegasus'],
      ['ios.filesystem.process-in-path', 'rolexd', 'high', 'medium', 'rolexd', 'Pegasus'],
      ['ios.filesystem.file-path', '/private/var/db/com.apple.xpc.roleaccountd.staging/subridged', 'high', 'high', '/private/var/db/com.apple.xpc.roleaccountd.staging/subridged', 'KingSpawn'],
      ['ios.filesystem.file-path', '/private/var/mobile/Library/Caches/.com.apple.mobileassetd.cache', 'high', 'high', '/private/var/mobile/Library/Caches/.com.apple.mobileassetd.cache', 'Coruna'],
      ['ios.filesystem.file-path', '/private/var/mobile/Library/Caches/.com.apple.mobileassetd.cache', 'high', 'high', '.com.apple.mobileassetd.cache', 'Coruna'],
      ['ios.filesystem.file-path', '/private/var/tmp/UserEventAgent', 'high', 'high', '/private/var/tmp/UserEventAgent', 'Predator'],
      ['ios.filesystem.file-path', '/private/var/tmp/hooker', 'high', 'high', '/private/var/tmp/hooker', 'Predator'],
      // `/tmp/l/` and `/private/var/tmp/l/` are one folder once canonical: the loader keeps the first.
      ['ios.filesystem.file-path', '/private/var/tmp/l', 'high', 'high', '/tmp/l/', 'Predator'],
      ['ios.filesystem.file-path', '/private/var/tmp/l/x', 'high', 'high', '/tmp/l/', 'Predator'],
      ['ios.filesystem.file-path', '/private/var/tmp/pl.core.lock', 'high', 'high', '/private/var/tmp/pl.core.lock', 'Coruna'],
      ['ios.filesystem.file-path', '/private/var/tmp/pl.core.lock', 'high', 'high', 'pl.core.lock', 'Coruna'],
    ]);
  });

  it('streams: records come while the listing is still being walked', async () => {
    let walked = 0;
    const endless = {
      kind: 'ios-fs',
      *entries() {
        for (;;) yield { path: `private/var/tmp/f${walked++}`, type: 'file', size: 0, times: {} };
      },
    } as unknown as Source; // only entries() is read by the walk
    const first: unknown[] = [];
    for await (const record of filesystemExtractor.extract(endless, { issue: () => undefined })) {
      first.push(record.fields['path']);
      if (first.length === 3) break;
    }
    expect(first).toEqual(['/private/var/tmp/f0', '/private/var/tmp/f1', '/private/var/tmp/f2']);
    expect(walked).toBe(3);
  });

  it('is listing-only and applies to file-system dumps alone', () => {
    expect(filesystemExtractor.listingOnly).toBe(true);
    expect(filesystemExtractor.acquisitions).toEqual(['ios-fs']);
  });
});
