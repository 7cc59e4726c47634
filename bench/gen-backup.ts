/**
 * A large iPhone backup: the Pegasus demo backup written by the test builder (real
 * Manifest.db, plists and planted traces), its three record-heavy databases swapped for the
 * grown ones, and N more files in the size mix of a real phone, each with its Manifest.db
 * row (and parent directory rows) added in one transaction.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildIosBackup, fileIdFor, FLAG_DIRECTORY, FLAG_FILE, mbFileBlob, type BackupSpec } from '../test/builders/ios-backup.js';
import { pegasusBackupSpec } from '../test/scenarios/ios-backups.js';
import { BytePool, Prng } from './prng.js';
import { planSizes, writeContent, type SizeClass } from './content.js';
import { APPS } from './vocabulary.js';
import type { BenchDatabase } from './gen-databases.js';
import type { BackupScale } from './scale.js';

export const BENCH_UDID = '00008110-000BE4C000000001';

const MODE_FILE = 0o100644;
const MODE_DIRECTORY = 0o40755;
const PROTECTION = 3;
const LAST_UNIX = Date.parse('2021-07-19T20:00:00Z') / 1000;
const SPAN = 2 * 365 * 86_400;

export interface GeneratedBackup {
  path: string;
  files: number;
  bytes: number;
  databases: { name: string; blob: string; rows: Record<string, number> }[];
  warning?: string;
}

/** Where the i-th bulk file lives, by size class: photos in the camera roll, caches in apps. */
function bulkPath(i: number, kind: SizeClass, prng: Prng): { domain: string; relativePath: string } {
  if (kind === 'large') {
    const folder = 100 + Math.floor(i / 1000);
    const video = prng.chance(0.1);
    return { domain: 'CameraRollDomain', relativePath: `Media/DCIM/${folder}APPLE/IMG_${String(i).padStart(5, '0')}.${video ? 'MOV' : 'HEIC'}` };
  }
  const app = prng.pick(APPS);
  if (kind === 'medium') {
    switch (prng.int(0, 2)) {
      case 0:
        return { domain: 'MediaDomain', relativePath: `Library/SMS/Attachments/${prng.hex(2)}/${String(prng.int(0, 15)).padStart(2, '0')}/${prng.uuid()}/IMG_${i}.jpeg` };
      case 1:
        return { domain: 'CameraRollDomain', relativePath: `Media/PhotoData/Thumbnails/V2/DCIM/100APPLE/IMG_${i}.HEIC/5005.JPG` };
      default:
        return { domain: `AppDomain-${app}`, relativePath: `Documents/media/${prng.hex(16)}-${i}.mp4` };
    }
  }
  switch (prng.int(0, 3)) {
    case 0:
    case 1:
      return { domain: `AppDomain-${app}`, relativePath: `Library/Caches/${app}/fsCachedData/${prng.uuid()}-${i}` };
    case 2:
      return { domain: `AppDomain-${app}`, relativePath: `Library/Application Support/store/${prng.hex(12)}-${i}.json` };
    default:
      return { domain: 'CameraRollDomain', relativePath: `Media/PhotoData/Thumbnails/V2/DCIM/100APPLE/IMG_${i}.HEIC/5003.JPG` };
  }
}

function backupSpec(): BackupSpec {
  const demo = pegasusBackupSpec({ safariHistory: true });
  const applications: NonNullable<BackupSpec['applications']> = {};
  for (const app of APPS) applications[app] = {};
  return { ...demo, udid: BENCH_UDID, applications };
}

export function generateBackup(parent: string, scale: BackupScale, databases: readonly BenchDatabase[], seed: number): GeneratedBackup {
  const spec = backupSpec();
  const root = buildIosBackup(parent, spec);
  const fileTime = Math.floor((spec.fileTime?.getTime() ?? 0) / 1000);
  for (let prefix = 0; prefix < 256; prefix++) mkdirSync(join(root, prefix.toString(16).padStart(2, '0')), { recursive: true });

  const manifest = new Database(join(root, 'Manifest.db'));
  manifest.pragma('journal_mode = OFF');
  manifest.pragma('synchronous = OFF');
  const known = new Set<string>(manifest.prepare('SELECT fileID FROM Files').pluck().all() as string[]);
  const insert = manifest.prepare('INSERT INTO Files (fileID, domain, relativePath, flags, file) VALUES (?, ?, ?, ?, ?)');
  const replace = manifest.prepare('UPDATE Files SET file = ? WHERE fileID = ?');
  const blobPath = (fileID: string): string => join(root, fileID.slice(0, 2), fileID);
  const inode = (fileID: string): number => 100_000 + Number.parseInt(fileID.slice(0, 7), 16);

  const addDirectories = (domain: string, relativePath: string): void => {
    const parts = relativePath.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const directory = parts.slice(0, depth).join('/');
      const fileID = fileIdFor(domain, directory);
      if (known.has(fileID)) continue;
      known.add(fileID);
      const blob = mbFileBlob({ relativePath: directory, birth: fileTime, lastModified: fileTime, lastStatusChange: fileTime, size: 0, mode: MODE_DIRECTORY, inode: inode(fileID), protectionClass: 0 });
      insert.run(fileID, domain, directory, FLAG_DIRECTORY, blob);
    }
  };

  const prng = new Prng(seed);
  const pool = new BytePool(seed);
  let databaseBytes = 0;
  const placed: GeneratedBackup['databases'] = [];
  const plan = planSizes(
    scale.files,
    scale.bytes - databases.reduce((sum, db) => sum + statSync(db.file).size, 0) - scale.files * 700,
    prng,
  );
  manifest.transaction(() => {
    for (const db of databases) {
      const fileID = fileIdFor(db.domain, db.relativePath);
      copyFileSync(db.file, blobPath(fileID));
      const size = statSync(db.file).size;
      databaseBytes += size;
      const blob = mbFileBlob({ relativePath: db.relativePath, birth: fileTime, lastModified: fileTime, lastStatusChange: fileTime, size, mode: MODE_FILE, inode: inode(fileID), protectionClass: PROTECTION });
      replace.run(blob, fileID);
      placed.push({ name: db.relativePath.split('/').pop() ?? db.relativePath, blob: blobPath(fileID), rows: db.rows });
    }
    for (let i = 0; i < scale.files; i++) {
      const kind = plan.classes[i] ?? 'small';
      const size = plan.sizes[i] ?? 0;
      const { domain, relativePath } = bulkPath(i, kind, prng);
      const fileID = fileIdFor(domain, relativePath);
      addDirectories(domain, relativePath);
      known.add(fileID);
      writeContent(blobPath(fileID), size, pool, prng);
      const modified = LAST_UNIX - prng.int(0, SPAN);
      const blob = mbFileBlob({ relativePath, birth: modified - prng.int(0, 86_400), lastModified: modified, lastStatusChange: modified, size, mode: MODE_FILE, inode: inode(fileID), protectionClass: PROTECTION });
      insert.run(fileID, domain, relativePath, FLAG_FILE, blob);
    }
  })();
  manifest.close();
  const result: GeneratedBackup = {
    path: root,
    files: scale.files + spec.files.length,
    bytes: plan.total + databaseBytes + statSync(join(root, 'Manifest.db')).size,
    databases: placed,
  };
  if (plan.warning !== undefined) result.warning = plan.warning;
  return result;
}
