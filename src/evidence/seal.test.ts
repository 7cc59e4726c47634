import { describe, expect, it } from 'vitest';
import type { FileDigest, Source, SourceEntry } from '../acquisition/source.js';
import { ArtifactError } from '../errors.js';
import { hashAcquisitionFiles } from './seal.js';
import type { FileLeaf } from './statements.js';

function entry(path: string, type: SourceEntry['type'] = 'file', size = 3): SourceEntry {
  return { path, type, size, times: {} };
}

/** A Source whose hashes arrive in reverse order of asking, to show the seal keeps entry order. */
function fakeSource(entries: SourceEntry[], options: { absent?: string[]; unreadable?: string[]; noHash?: boolean }): Source {
  const absent = new Set(options.absent ?? []);
  const unreadable = new Set(options.unreadable ?? []);
  let delay = 50;
  const source = {
    kind: 'ios-fs',
    entries: () => entries,
    hasContent: (path: string) => !absent.has(path),
    hashFile: (path: string): Promise<FileDigest> => {
      delay -= 5;
      const wait = Math.max(delay, 0);
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          if (unreadable.has(path) || (absent.has(path) && !path.startsWith('unkept'))) reject(new ArtifactError('ARTIFACT_MISSING', `${path} cannot be read (EIO)`));
          else resolve({ path, stored: `stored/${path}`, size: 3, sha256: `${path}-hash` });
        }, wait);
      });
    },
  } as unknown as Source;
  if (options.noHash) delete (source as { hashFile?: unknown }).hashFile;
  return source;
}

async function seal(source: Source): Promise<{ files: FileLeaf[]; warnings: string[] }> {
  const files: FileLeaf[] = [];
  const warnings: string[] = [];
  await hashAcquisitionFiles(source, (file) => files.push(file), (message) => warnings.push(message));
  return { files, warnings };
}

describe('hashAcquisitionFiles', () => {
  it('hands leaves on in entry order whatever order the hashes finish in', async () => {
    const entries = ['a', 'b', 'c', 'd', 'e', 'f'].map((path) => entry(path));
    const { files, warnings } = await seal(fakeSource([entry('folder', 'directory'), ...entries, entry('link', 'symlink')], {}));
    expect(files.map((file) => [file.path, file.stored, file.sha256])).toEqual(entries.map((e) => [e.path, `stored/${e.path}`, `${e.path}-hash`]));
    expect(warnings).toEqual([]);
  });

  it('seals an unreadable file without a hash, skips a listed file without content, and keeps a hash known without content', async () => {
    const entries = [entry('blobless'), entry('broken'), entry('fine'), entry('unkept')];
    const { files, warnings } = await seal(fakeSource(entries, { absent: ['blobless', 'unkept'], unreadable: ['broken'] }));
    expect(files).toEqual([
      { path: 'broken', stored: 'broken', size: 3, sha256: null },
      { path: 'fine', stored: 'stored/fine', size: 3, sha256: 'fine-hash' },
      { path: 'unkept', stored: 'stored/unkept', size: 3, sha256: 'unkept-hash' },
    ]);
    expect(warnings).toEqual(['seal: broken could not be read and is sealed without a hash (broken cannot be read (EIO))']);
  });

  it('seals by name and size, and says so, when the Source cannot hash', async () => {
    const { files, warnings } = await seal(fakeSource([entry('a'), entry('gone')], { absent: ['gone'], noHash: true }));
    expect(files).toEqual([{ path: 'a', stored: 'a', size: 3, sha256: null }]);
    expect(warnings).toEqual(['seal: this kind of acquisition (ios-fs) cannot hash its files yet; they are sealed by name and size only']);
  });

  it('hashes more files than it holds at once', async () => {
    const entries = Array.from({ length: 700 }, (_, i) => entry(`f${String(i).padStart(4, '0')}`));
    const { files } = await seal(fakeSource(entries, {}));
    expect(files.map((file) => file.path)).toEqual(entries.map((e) => e.path));
  });
});
