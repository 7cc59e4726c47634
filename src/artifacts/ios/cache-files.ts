/**
 * CFNetwork's URL caches (Cache.db): every app, extension and system daemon that loads
 * URLs through NSURLSession keeps one, usually at `Library/Caches/<bundle id>/Cache.db`
 * in its container. A row is a response the process fetched and kept, so an exploit
 * server or a command-and-control URL can stay here long after the browsing history that
 * led there is gone. Only file-system dumps hold these caches; backups leave Caches out.
 *
 * Response bodies are never copied into records: only whether the body sits inline or in
 * the cache's `fsCachedData/` folder, and its size.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, RecordFields } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlValue } from '../../formats/sqlite.js';
import { jsonInteger, sqlBoolean, sqlText } from '../../formats/sql-values.js';
import { isoFromUnixSeconds } from '../../formats/time.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { ArtifactError } from '../../errors.js';
import { appContainerOf, type AppContainer } from './app-containers.js';

export const CACHE_FILES_ARTIFACT = 'cache_files';
export const CACHE_FILES_PATHS = { 'ios-fs': ['**/Cache.db'] } as const;

const TIME_STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** CFNetwork writes SQLite's CURRENT_TIMESTAMP form, `YYYY-MM-DD HH:MM:SS`, in UTC. */
export function isoFromCacheTimeStamp(value: SqlValue | undefined): string | null {
  if (typeof value !== 'string') return null;
  const match = TIME_STAMP.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const millis = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(millis)) return null;
  return isoFromUnixSeconds(millis / 1000 + Number(`0.${fraction || '0'}`));
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+/i;
const HOST_LIKE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?$/i;

/**
 * A cache partition names the top-level site the response was loaded for; only a value
 * that reads as a URL or a host name is worth an indicator look-up.
 */
function partitionSite(partition: string | null): string | null {
  if (partition === null) return null;
  const trimmed = partition.trim();
  return URL_LIKE.test(trimmed) || HOST_LIKE.test(trimmed) ? trimmed : null;
}

/** `Library/Caches/<owner>/Cache.db`: the folder is named after the process that owns the cache. */
function cacheOwnerOf(path: string): string | null {
  return /(?:^|\/)Library\/Caches\/([^/]+)\/Cache\.db$/.exec(path)?.[1] ?? null;
}

function cacheFolderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

interface BodyColumns {
  table: string;
  hasFlag: boolean;
}

function bodyTable(db: SqliteDatabase): BodyColumns | null {
  const table = findTable(db, 'cfurl_cache_receiver_data');
  if (!table) return null;
  const columns = columnSet(db, table);
  if (!columns.has('entry_id') || !columns.has('receiver_data')) return null;
  return { table, hasFlag: columns.has('isdataonfs') };
}

/** One record per cfurl_cache_response row, columns read by name. */
export function* readCacheDb(
  db: SqliteDatabase,
  digest: FileDigest,
  container: AppContainer | null,
  source: Pick<Source, 'stat'>,
): Generator<ArtifactRecord> {
  const responses = findTable(db, 'cfurl_cache_response');
  if (!responses) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no cfurl_cache_response table (tables: ${db.tables().slice(0, 12).join(', ') || 'none'})`);
  }
  const columns = columnSet(db, responses);
  const missing = ['entry_id', 'request_key'].filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: cfurl_cache_response lacks ${missing.join(', ')} (columns: ${db.columns(responses).join(', ')})`);
  }
  const optional = (column: string, alias: string): string => (columns.has(column.toLowerCase()) ? `r.${quoteIdent(column)} AS ${alias}` : `NULL AS ${alias}`);
  const body = bodyTable(db);
  // The body's length, never the body: a response can hold anything, personal data included.
  const bodySelect = body
    ? [
        body.hasFlag ? 'b."isDataOnFS" AS on_fs' : 'NULL AS on_fs',
        'length(b."receiver_data") AS body_length',
        // On disk, receiver_data holds only the file name inside fsCachedData/.
        body.hasFlag ? 'CASE WHEN b."isDataOnFS" = 1 THEN CAST(b."receiver_data" AS TEXT) END AS body_file' : 'NULL AS body_file',
        'b."entry_ID" IS NOT NULL AS has_body',
      ]
    : ['NULL AS on_fs', 'NULL AS body_length', 'NULL AS body_file', '0 AS has_body'];
  const join = body ? `LEFT JOIN ${quoteIdent(body.table)} b ON b."entry_ID" = r."entry_ID"` : '';
  const sql = `SELECT r.rowid AS rid, r."entry_ID" AS entry_id, r."request_key" AS request_key,
      ${optional('version', 'version')}, ${optional('hash_value', 'hash_value')}, ${optional('storage_policy', 'storage_policy')},
      ${optional('time_stamp', 'time_stamp')}, ${optional('partition', 'partition')}, ${bodySelect.join(', ')}
    FROM ${quoteIdent(responses)} r ${join} ORDER BY r."entry_ID", r.rowid`;

  const folder = cacheFolderOf(digest.path);
  const owner = cacheOwnerOf(digest.path);
  for (const row of db.iterate(sql)) {
    const partition = sqlText(row['partition']);
    const onFs = sqlBoolean(row['on_fs']);
    const fileName = onFs === true ? sqlText(row['body_file'])?.trim() ?? null : null;
    const bodyFile = fileName && /^[^/\\]+$/.test(fileName) ? `${folder}fsCachedData/${fileName}` : null;
    const bodySize = bodyFile ? (source.stat(bodyFile)?.size ?? null) : onFs === false ? jsonInteger(row['body_length']) : null;
    const cached = isoFromCacheTimeStamp(row['time_stamp']);
    const fields: RecordFields = {
      db_path: `/${digest.path}`,
      cache_owner: owner,
      app_id: container?.appId ?? null,
      container: container ? `/${container.path}` : null,
      entry_id: jsonInteger(row['entry_id']),
      version: jsonInteger(row['version']),
      hash_value: jsonInteger(row['hash_value']),
      storage_policy: jsonInteger(row['storage_policy']),
      url: sqlText(row['request_key']),
      time_stamp: sqlText(row['time_stamp']),
      partition,
      partition_site: partitionSite(partition),
      has_body: sqlBoolean(row['has_body']) ?? false,
      body_on_disk: onFs,
      body_file: bodyFile === null ? null : `/${bodyFile}`,
      body_size: bodySize,
    };
    yield makeRecord(CACHE_FILES_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: responses, rowid: String(row['rid']) }), [
      { at: cached, meaning: 'cached' },
    ]);
  }
}

async function* extractCacheFiles(source: Source, context: ExtractContext): AsyncGenerator<ArtifactRecord> {
  const files = filesWithContent(source, pathsFor(CACHE_FILES_PATHS, source), context);
  const containers = new Map<string, AppContainer | null>();
  for (const file of files) containers.set(file.path, await appContainerOf(source, file.path, context));
  yield* eachDatabase(source, files, context, (db, digest) => readCacheDb(db, digest, containers.get(digest.path) ?? null, source));
}

export const cacheFilesExtractor: Extractor = {
  id: CACHE_FILES_ARTIFACT,
  title: 'Network responses cached by apps and system services (Cache.db)',
  platform: 'ios',
  acquisitions: ['ios-fs'],
  paths: CACHE_FILES_PATHS,
  extract: extractCacheFiles,
};
