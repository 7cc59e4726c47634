/**
 * The iOS builds the phone ran, with the first time the Security framework's analytics
 * (private/var/Keychains/Analytics/*.db) logged an event under each. The attributes of
 * an event carry the `build` (and sometimes `version`) of the system that logged it, so
 * the stores give an update timeline: context for a timeline (was the phone on a
 * vulnerable version when a trace was left?), not a detection.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, Origin } from '../types.js';
import { makeRecord, originOf, pathsFor, filesWithContent } from '../locate.js';
import { describeError, isExhibitError } from '../../errors.js';
import { analyticsRows, dbNameOf, KEYCHAIN_ANALYTICS_PATHS } from './keychain-analytics.js';

export const ANALYTICS_IOS_VERSIONS_ARTIFACT = 'analytics_ios_versions';

interface FirstSeen {
  build: string;
  version: string | null;
  at: string;
  dbName: string;
  table: string;
  origin: Origin;
  events: number;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** One record per build, across every analytics database, at its earliest event. */
async function* extractAnalyticsIosVersions(source: Source, context: ExtractContext): AsyncGenerator<ArtifactRecord> {
  const builds = new Map<string, FirstSeen>();
  const note = (build: string, version: string | null, at: string, digest: FileDigest, table: string, rowid: string): void => {
    const known = builds.get(build);
    if (known) {
      known.events += 1;
      known.version ??= version;
      if (at >= known.at) return;
    }
    builds.set(build, {
      build,
      version: version ?? known?.version ?? null,
      at,
      dbName: dbNameOf(digest.path),
      table,
      origin: originOf(digest, { kind: 'sqlite', table, rowid }),
      events: known?.events ?? 1,
    });
  };

  for (const file of filesWithContent(source, pathsFor(KEYCHAIN_ANALYTICS_PATHS, source), context)) {
    let opened;
    try {
      opened = await source.openSqlite(file.path);
    } catch (error) {
      context.issue({ code: 'corrupt', path: file.path, message: describeError(error) });
      continue;
    }
    try {
      const digest = opened.digests[0];
      if (!digest) continue;
      for (const row of analyticsRows(opened.db)) {
        const build = text(row.attributes?.['build']);
        // A build without a time cannot be placed on the timeline.
        if (build === null || row.time === null) continue;
        note(build, text(row.attributes?.['version']), row.time, digest, row.table, row.rowid);
      }
    } catch (error) {
      // The keychain_analytics extractor reports unreadable rows; here only the schema matters.
      const unsupported = isExhibitError(error) && error.code === 'ARTIFACT_UNSUPPORTED_SCHEMA';
      context.issue({ code: unsupported ? 'unsupported-schema' : 'corrupt', path: file.path, message: describeError(error) });
    } finally {
      opened.db.close();
    }
  }

  const ordered = [...builds.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.build < b.build ? -1 : 1));
  for (const seen of ordered) {
    yield makeRecord(
      ANALYTICS_IOS_VERSIONS_ARTIFACT,
      { build: seen.build, version: seen.version, first_seen: seen.at, db_name: seen.dbName, table: seen.table, events: seen.events },
      seen.origin,
      [{ at: seen.at, meaning: 'first seen' }],
    );
  }
}

export const analyticsIosVersionsExtractor: Extractor = {
  id: ANALYTICS_IOS_VERSIONS_ARTIFACT,
  title: 'iOS builds seen in the Security framework analytics, with when each first appears',
  platform: 'ios',
  acquisitions: ['ios-fs'],
  paths: KEYCHAIN_ANALYTICS_PATHS,
  extract: extractAnalyticsIosVersions,
};
