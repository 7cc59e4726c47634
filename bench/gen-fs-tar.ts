/**
 * A large iOS file-system dump as one .tar, written as a stream: the dump skeleton and the
 * planted files from the test builders (fsDumpTree, treeTarMembers, tarHeader), then N
 * files in walk order with their folders, then the grown databases at their device paths.
 */
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { fsDumpTree } from '../test/builders/ios-fs.js';
import { tarHeader, treeTarMembers } from '../test/builders/archives.js';
import { BytePool, Prng } from './prng.js';
import { planSizes, type SizeClass } from './content.js';
import { APPS } from './vocabulary.js';
import type { BenchDatabase } from './gen-databases.js';
import type { FsDumpScale } from './scale.js';

const BLOCK = 512;
const STAGING = 4 * 1024 * 1024;
const LAST = Date.parse('2021-07-19T20:00:00Z');
const SPAN_MS = 2 * 365 * 86_400_000;

/** Batches small writes into one large buffer; large contents go straight to the file. */
class TarWriter {
  private readonly fd: number;
  private readonly staging = Buffer.alloc(STAGING);
  private used = 0;
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (chunk.length > STAGING / 4) {
      this.flush();
      writeSync(this.fd, chunk);
      return;
    }
    if (this.used + chunk.length > STAGING) this.flush();
    chunk.copy(this.staging, this.used);
    this.used += chunk.length;
  }

  padTo(length: number): void {
    const rest = (BLOCK - (length % BLOCK)) % BLOCK;
    if (rest > 0) this.write(Buffer.alloc(rest));
  }

  flush(): void {
    if (this.used > 0) writeSync(this.fd, this.staging, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.write(Buffer.alloc(BLOCK * 2));
    this.flush();
    closeSync(this.fd);
  }
}

/** Planted traces: a Pegasus file path (reference: pegasus.stix2) and its near-miss. */
const PLANTED = [
  { path: 'private/var/tmp/pl.core.lock', content: '' },
  { path: 'private/var/tmp/pl.core.lock.bak', content: 'not the indicator\n' },
  { path: 'private/var/mobile/Library/Preferences/com.apple.photolibraryd.plist.old', content: 'bplist00' },
];

function bulkPath(i: number, kind: SizeClass, containers: readonly string[], prng: Prng): string {
  if (kind === 'large') return `private/var/mobile/Media/DCIM/${100 + Math.floor(i / 1000)}APPLE/IMG_${String(i).padStart(5, '0')}.${prng.chance(0.1) ? 'MOV' : 'HEIC'}`;
  const container = prng.pick(containers);
  if (kind === 'medium') {
    return prng.chance(0.5)
      ? `private/var/containers/Bundle/Application/${container}/App${container.slice(0, 4)}.app/Frameworks/F${i}.framework/F${i}`
      : `private/var/mobile/Media/PhotoData/Thumbnails/V2/DCIM/100APPLE/IMG_${i}.HEIC/5005.JPG`;
  }
  switch (prng.int(0, 3)) {
    case 0:
    case 1:
      return `private/var/mobile/Containers/Data/Application/${container}/Library/Caches/fsCachedData/${prng.uuid()}-${i}`;
    case 2:
      return `private/var/mobile/Containers/Data/Application/${container}/Library/Application Support/store/${prng.hex(12)}-${i}.json`;
    default:
      return `private/var/mobile/Library/Caches/com.apple.${prng.pick(['mobilesafari', 'Maps', 'news', 'weather'])}/cache-${i}.dat`;
  }
}

export interface GeneratedTar {
  path: string;
  entries: number;
  bytes: number;
  warning?: string;
}

export function generateFsTar(file: string, scale: FsDumpScale, databases: readonly BenchDatabase[], seed: number): GeneratedTar {
  const prng = new Prng(seed);
  const pool = new BytePool(seed + 100);
  const out = new TarWriter(file);
  const written = new Set<string>();
  let entries = 0;
  const directory = (path: string, modified: Date): void => {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (written.has(folder)) continue;
      written.add(folder);
      out.write(tarHeader({ name: `${folder}/`, type: 'Directory', modified }, 0));
      entries += 1;
    }
  };

  // Real dumps keep the root's `var -> private/var` link.
  out.write(tarHeader({ name: 'var', type: 'SymbolicLink', linkpath: 'private/var' }, 0));
  entries += 1;
  for (const member of treeTarMembers(fsDumpTree({ nodes: PLANTED }))) {
    const content = member.content ?? Buffer.alloc(0);
    if (member.type === 'Directory') {
      written.add(member.name.replace(/\/$/, ''));
    }
    out.write(tarHeader(member, content.length));
    out.write(content);
    out.padTo(content.length);
    entries += 1;
  }

  const containers = APPS.map(() => prng.uuid());
  const databaseBytes = databases.reduce((sum, db) => sum + statSync(db.file).size, 0);
  const plan = planSizes(scale.entries, scale.bytes - databaseBytes - scale.entries * 1024, prng);
  for (let i = 0; i < scale.entries; i++) {
    const kind = plan.classes[i] ?? 'small';
    const size = plan.sizes[i] ?? 0;
    const path = bulkPath(i, kind, containers, prng);
    const modified = new Date(LAST - Math.floor(prng.next() * SPAN_MS));
    directory(path, modified);
    out.write(tarHeader({ name: path, modified }, size));
    for (let done = 0; done < size; ) {
      const chunk = pool.slice(prng, Math.min(8 * 1024 * 1024, size - done));
      out.write(chunk);
      done += chunk.length;
    }
    out.padTo(size);
    entries += 1;
  }

  const buffer = Buffer.alloc(8 * 1024 * 1024);
  for (const db of databases) {
    const size = statSync(db.file).size;
    directory(db.devicePath, new Date(LAST));
    out.write(tarHeader({ name: db.devicePath, modified: new Date(LAST) }, size));
    const fd = openSync(db.file, 'r');
    try {
      for (let done = 0; done < size; ) {
        const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - done), done);
        if (read === 0) break;
        out.write(buffer.subarray(0, read));
        done += read;
      }
    } finally {
      closeSync(fd);
    }
    out.padTo(size);
    entries += 1;
  }
  out.close();
  const result: GeneratedTar = { path: file, entries, bytes: statSync(file).size };
  if (plan.warning !== undefined) result.warning = plan.warning;
  return result;
}
