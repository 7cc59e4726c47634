/**
 * What an artifact extractor is and what it yields. An extractor declares itself as data
 * (id, platform, acquisitions, paths) above one `extract(source)` that yields records; it
 * never sees a zip, a backup folder or better-sqlite3, only the Source.
 */
import type { AcquisitionKind, Source } from '../acquisition/source.js';
import type { LocalTimeZone } from '../acquisition/acquisition.js';

export type { LocalTimeZone };

export type FieldValue = string | number | boolean | null | readonly string[];
export type RecordFields = Record<string, FieldValue>;

/** Where a record sits inside its file, so any finding leads back to bytes. */
export type Locator =
  | { kind: 'sqlite'; table: string; rowid: string }
  | { kind: 'plist'; keyPath: string[] }
  | { kind: 'line'; line: number }
  /** A value inside a JSON document: array indexes and keys from the root; `line` for JSON-lines files. */
  | { kind: 'json'; path: string[]; line?: number }
  | { kind: 'manifest'; fileID: string }
  | { kind: 'file' }
  /**
   * An entry of the acquisition's listing (name, type, size, times), not bytes inside a
   * file: the origin's sha256 is then a digest of the listing entry, and a file entry is
   * matched to the sealed file by its path.
   */
  | { kind: 'listing' };

export interface Origin {
  /** Path inside the Source's tree (for backups `<domain>/<relativePath>`). */
  path: string;
  /** Path of the bytes inside the acquisition as stored (for backups `xx/<fileID>`). */
  stored: string;
  sha256: string;
  locator: Locator;
}

export interface TimeStamp {
  /** UTC ISO 8601 with up to microseconds, e.g. 2021-07-14T10:11:12.345678Z. */
  at: string;
  /** What the time means, e.g. "visited", "first used", "lookup". */
  meaning: string;
}

export interface ArtifactRecord {
  artifact: string;
  /** The first entry is the record's main time; the timeline shows every entry. */
  times: TimeStamp[];
  fields: RecordFields;
  origin: Origin;
}

export type CoverageStatus = 'parsed' | 'missing' | 'unsupported' | 'failed' | 'not-applicable';

/** A problem with one input that does not stop the artifact (a missing blob, a bad row). */
export interface ArtifactIssue {
  code: 'missing-file' | 'unsupported-schema' | 'corrupt' | 'unreadable' | 'skipped';
  path?: string;
  message: string;
}

export interface ExtractContext {
  /** Reports a problem with one input; the artifact goes on. */
  issue(issue: ArtifactIssue): void;
  /** Set when the acquisition says which zone its local times are in. */
  timeZone?: LocalTimeZone;
}

export interface Extractor {
  /** Stable id, also the records file name (`records/<id>.jsonl`). */
  id: string;
  title: string;
  platform: 'ios' | 'android';
  acquisitions: readonly AcquisitionKind[];
  /** Glob patterns in the Source's tree, per acquisition kind, where the artifact lives. */
  paths: Partial<Record<AcquisitionKind, readonly string[]>>;
  /**
   * True when the extractor reads only the acquisition's listing (names, sizes, times),
   * never file content: an archive then has no reason to keep its files for it.
   */
  listingOnly?: boolean;
  extract(source: Source, context: ExtractContext): AsyncIterable<ArtifactRecord>;
}
