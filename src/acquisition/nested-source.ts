/**
 * An archive inside an acquisition (a bugreport zip in an androidqf zip, a tar in a zip) as
 * a Source of its own. The member is copied to the working folder first — the outer digest
 * records it — and the inner Source's digests name their bytes `outer!/inner`.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { AcquisitionKind } from './source.js';
import type { TreeSource } from './tree-source.js';
import type { WorkingDir } from './working-dir.js';
import type { ArchiveLimits } from './archive-limits.js';
import { ZipSource } from './zip-source.js';
import { TarSource } from './tar-source.js';
import { AcquisitionError, ArtifactError } from '../errors.js';

export interface NestedOptions {
  limits?: Partial<ArchiveLimits>;
  /** For a tar: the globs of files to keep (see TarSourceOptions.wanted). */
  wanted?: readonly string[];
}

function head(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** What an archive is by its first bytes, not its name: names inside acquisitions lie. */
export function archiveFormat(path: string): 'zip' | 'tar' | undefined {
  const bytes = head(path, 512);
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x06054b50) return 'zip';
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'tar';
  if (bytes.length >= 262 && bytes.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

export async function openNestedSource(
  parent: TreeSource,
  path: string,
  kind: AcquisitionKind,
  workDir: WorkingDir,
  options: NestedOptions = {},
): Promise<ZipSource | TarSource> {
  const { physical, digest } = await parent.materialize(path);
  const storedPrefix = `${digest.stored}!/`;
  const format = archiveFormat(physical);
  const limits = { name: path, ...(options.limits ? { limits: options.limits } : {}) };
  try {
    if (format === 'zip') return await ZipSource.open(physical, kind, workDir, { storedPrefix, ...limits });
    if (format === 'tar') return await TarSource.open(physical, kind, workDir, { storedPrefix, ...limits, ...(options.wanted ? { wanted: options.wanted } : {}) });
  } catch (error) {
    // Inside an acquisition a damaged archive is one artifact's problem, not the run's.
    if (error instanceof AcquisitionError) throw new ArtifactError('ARTIFACT_CORRUPT', `${path} cannot be opened: ${error.message.replace(/; check that the copy is complete\.$/, '')}`, error);
    throw error;
  }
  throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `${path} is neither a zip nor a tar archive, so it cannot be opened as one`);
}
