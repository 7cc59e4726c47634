/** Small helpers every extractor uses to find its inputs and describe where a record came from. */
import type { FileDigest, Source, SourceEntry } from '../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, Locator, Origin, RecordFields, TimeStamp } from './types.js';
import type { SqliteDatabase } from '../formats/sqlite.js';
import type { PlistValue } from '../formats/plist.js';
import { describeError, isExhibitError } from '../errors.js';

/**
 * Files matching any of the patterns whose bytes are present, deduplicated and sorted.
 * A file listed by the acquisition but absent (a partial backup) is reported as an issue.
 */
export function filesWithContent(source: Source, patterns: readonly string[], context: ExtractContext): SourceEntry[] {
  const seen = new Map<string, SourceEntry>();
  for (const pattern of patterns) {
    for (const entry of source.find(pattern)) {
      if (entry.type !== 'file' || seen.has(entry.path)) continue;
      // -wal/-shm files travel with their database; they are not artifacts of their own.
      if (/-(wal|shm|journal)$/.test(entry.path)) continue;
      if (!source.hasContent(entry.path)) {
        context.issue({ code: 'missing-file', path: entry.path, message: `${entry.path} is listed in the acquisition but its content is absent` });
        continue;
      }
      seen.set(entry.path, entry);
    }
  }
  return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The extractor's patterns for the Source's kind of acquisition (none when it does not apply). */
export function pathsFor(paths: Extractor['paths'], source: Source): readonly string[] {
  return paths[source.kind] ?? [];
}

export function originOf(digest: FileDigest, locator: Locator): Origin {
  return { path: digest.path, stored: digest.stored, sha256: digest.sha256, locator };
}

export function makeRecord(
  artifact: string,
  fields: RecordFields,
  origin: Origin,
  times: ReadonlyArray<{ at: string | null | undefined; meaning: string }> = [],
): ArtifactRecord {
  const kept: TimeStamp[] = [];
  for (const time of times) if (time.at) kept.push({ at: time.at, meaning: time.meaning });
  return { artifact, times: kept, fields, origin };
}

/**
 * Opens each database in turn and hands it to `read`; one unreadable file becomes an
 * issue and the others go on. The database is always closed.
 */
export async function* eachDatabase(
  source: Source,
  files: readonly SourceEntry[],
  context: ExtractContext,
  read: (db: SqliteDatabase, digest: FileDigest) => Iterable<ArtifactRecord>,
): AsyncGenerator<ArtifactRecord> {
  for (const file of files) {
    let opened;
    try {
      opened = await source.openSqlite(file.path);
    } catch (error) {
      context.issue({ code: 'corrupt', path: file.path, message: describeError(error) });
      continue;
    }
    const digest = opened.digests[0];
    try {
      if (!digest) continue;
      yield* read(opened.db, digest);
    } catch (error) {
      if (isExhibitError(error) && error.code === 'ARTIFACT_UNSUPPORTED_SCHEMA') {
        context.issue({ code: 'unsupported-schema', path: file.path, message: error.message });
      } else {
        context.issue({ code: 'corrupt', path: file.path, message: describeError(error) });
      }
    } finally {
      opened.db.close();
    }
  }
}

/**
 * Reads each plist in turn with `read`; an unreadable file or unknown layout becomes an
 * issue for that file and the others go on.
 */
export async function* eachPlistFile(
  source: Source,
  paths: readonly string[],
  context: ExtractContext,
  read: (value: PlistValue, digest: FileDigest) => Iterable<ArtifactRecord>,
): AsyncGenerator<ArtifactRecord> {
  for (const file of filesWithContent(source, paths, context)) {
    let opened: { value: PlistValue; digest: FileDigest };
    try {
      opened = await source.readPlist(file.path);
    } catch (error) {
      context.issue({ code: 'corrupt', path: file.path, message: describeError(error) });
      continue;
    }
    try {
      yield* read(opened.value, opened.digest);
    } catch (error) {
      const unsupported = isExhibitError(error) && error.code === 'ARTIFACT_UNSUPPORTED_SCHEMA';
      context.issue({ code: unsupported ? 'unsupported-schema' : 'corrupt', path: file.path, message: describeError(error) });
    }
  }
}
