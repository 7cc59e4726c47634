/**
 * A large androidqf collection (current layout, a folder): the campaign collection of the
 * Android scenario (test/scenarios, with its planted traces) whose files.json is replaced by
 * one with F more entries, streamed as JSON lines in chunks written by the builder's
 * filesJson. hashes.csv is recomputed so the collection is consistent.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { androidqfTree } from '../test/builders/android/androidqf.js';
import { writeTreeFolder } from '../test/builders/archives.js';
import { filesJson, type FileSpec } from '../test/builders/android/content.js';
import { campaignCollection, WYRMSPY_APK_SHA256 } from '../test/scenarios/android.js';
import { Prng } from './prng.js';
import type { AndroidqfScale } from './scale.js';

const CHUNK_ENTRIES = 5_000;
const LAST = Date.parse('2024-04-30T09:00:00Z') / 1000;
const SPAN = 3 * 365 * 86_400;
const PACKAGES = ['com.whatsapp', 'org.thoughtcrime.securesms', 'com.spotify.music', 'com.google.android.gm', 'com.instagram.android', 'org.telegram.messenger', 'com.android.chrome'];

function bulkFile(i: number, prng: Prng): FileSpec {
  let path: string;
  switch (prng.int(0, 4)) {
    case 0:
      path = `/sdcard/DCIM/Camera/IMG_2023${String(prng.int(101, 1231)).padStart(4, '0')}_${String(i).padStart(7, '0')}.jpg`;
      break;
    case 1:
      path = `/sdcard/Android/data/${prng.pick(PACKAGES)}/cache/${prng.hex(16)}-${i}`;
      break;
    case 2:
      path = `/sdcard/WhatsApp/Media/WhatsApp Images/IMG-2023${String(prng.int(101, 1231)).padStart(4, '0')}-WA${String(i).padStart(6, '0')}.jpg`;
      break;
    case 3:
      path = `/sdcard/Download/${prng.hex(10)}-${i}.pdf`;
      break;
    default:
      path = `/storage/emulated/0/Music/${prng.hex(8)}/track-${i}.mp3`;
  }
  const spec: FileSpec = { path, mode: prng.chance(0.9) ? '-rw-rw----' : '-rw-------', modified: LAST - prng.int(0, SPAN) };
  // androidqf hashes only some files (size limits, permissions).
  if (prng.chance(0.5)) spec.sha256 = prng.hex(64);
  return spec;
}

export interface GeneratedAndroidqf {
  path: string;
  filesJsonEntries: number;
  filesJsonBytes: number;
}

export function generateAndroidqf(parent: string, scale: AndroidqfScale, seed: number): GeneratedAndroidqf {
  const root = join(parent, 'androidqf');
  mkdirSync(root, { recursive: true });
  const collection = campaignCollection({ layout: 'new', backup: 'none' });
  const files: Record<string, Buffer | string> = { ...collection.files };
  const planted = files['files.json'];
  delete files['files.json'];

  const prng = new Prng(seed);
  const hash = createHash('sha256');
  const fd = openSync(join(root, 'files.json'), 'w');
  const write = (text: string | Buffer): void => {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    hash.update(bytes);
    writeSync(fd, bytes);
  };
  try {
    if (planted !== undefined) write(planted);
    // A file whose hash is in the WyrmSpy set: a hash-indicator finding in files.json.
    write(filesJson([{ path: '/sdcard/Download/system-update.apk', sha256: WYRMSPY_APK_SHA256 }], 'lines'));
    for (let start = 0; start < scale.filesJsonEntries; start += CHUNK_ENTRIES) {
      const chunk: FileSpec[] = [];
      for (let i = start; i < Math.min(scale.filesJsonEntries, start + CHUNK_ENTRIES); i++) chunk.push(bulkFile(i, prng));
      write(filesJson(chunk, 'lines'));
    }
  } finally {
    closeSync(fd);
  }
  const digests = new Map<string, string>([['files.json', hash.digest('hex')]]);
  for (const [name, content] of Object.entries(files)) digests.set(name, createHash('sha256').update(content).digest('hex'));
  const hashes = [...digests.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, sha256]) => `${name},${sha256}\n`)
    .join('');
  writeTreeFolder(root, androidqfTree({ layout: 'new', files: { ...files, 'hashes.csv': hashes } }));
  return { path: root, filesJsonEntries: scale.filesJsonEntries + 6, filesJsonBytes: statSync(join(root, 'files.json')).size };
}
