/**
 * TCC.db: the privacy permission decisions (camera, microphone, photos, location helpers…)
 * per client. A client that is an implant's process name, or an absolute path to a binary
 * outside the system's usual places, is a lead.
 */
import { posix } from 'node:path';
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import type { FileDigest } from '../../acquisition/source.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlValue } from '../../formats/sqlite.js';
import { sqlBigInt, sqlText } from '../../formats/sql-values.js';
import { isoFromUnixSeconds } from '../../formats/time.js';
import { ArtifactError } from '../../errors.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';
import { jsonInteger } from '../../formats/sql-values.js';

export const TCC_ARTIFACT = 'tcc';

/** `auth_value` of the v3 schema (iOS 14+). */
const AUTH_VALUES: Readonly<Record<string, string>> = { '0': 'denied', '1': 'unknown', '2': 'allowed', '3': 'limited' };

/** `auth_reason` of the v3 schema. */
const AUTH_REASONS: Readonly<Record<string, string>> = {
  '1': 'error',
  '2': 'user_consent',
  '3': 'user_set',
  '4': 'system_set',
  '5': 'service_policy',
  '6': 'mdm_policy',
  '7': 'override_policy',
  '8': 'missing_usage_string',
  '9': 'prompt_timeout',
  '10': 'preflight_unknown',
  '11': 'entitled',
  '12': 'app_type_policy',
};

export type TccSchema = 'v1' | 'v2' | 'v3';

/** v3 has auth_value/auth_reason; v2 has allowed and last_modified; v1 has allowed only. */
export function tccSchemaOf(columns: Set<string>): TccSchema | null {
  if (!columns.has('service') || !columns.has('client')) return null;
  if (columns.has('auth_value')) return 'v3';
  if (columns.has('allowed')) return columns.has('last_modified') ? 'v2' : 'v1';
  return null;
}

/** A named enumeration value, or the raw number as text when the name is unknown. */
function named(table: Readonly<Record<string, string>>, value: SqlValue | undefined): string | null {
  const number = sqlBigInt(value ?? null);
  if (number === null) return null;
  return table[number.toString()] ?? number.toString();
}

function clientType(value: SqlValue | undefined, client: string | null): string | null {
  const type = sqlBigInt(value ?? null);
  if (type === 0n) return 'bundle_id';
  if (type === 1n) return 'absolute_path';
  if (type !== null) return type.toString();
  // Without the column, the client's own shape says which it is.
  if (client === null) return null;
  return client.startsWith('/') ? 'absolute_path' : 'bundle_id';
}

function allowedOf(schema: TccSchema, row: Record<string, SqlValue>): boolean | null {
  if (schema === 'v3') {
    const value = sqlBigInt(row['auth_value'] ?? null);
    if (value === 2n || value === 3n) return true;
    if (value === 0n) return false;
    return null;
  }
  const allowed = sqlBigInt(row['allowed'] ?? null);
  return allowed === null ? null : allowed !== 0n;
}

export function* readTcc(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const table = findTable(db, 'access');
  if (!table) {
    const seen = db.tables().slice(0, 12).join(', ') || 'no tables';
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no access table (tables: ${seen})`);
  }
  const columns = columnSet(db, table);
  const schema = tccSchemaOf(columns);
  if (!schema) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: access table columns ${db.columns(table).join(', ')}`);
  }
  const pick = (column: string): string => (columns.has(column) ? `"${column}" AS ${column}` : `NULL AS ${column}`);
  const sql = `SELECT rowid AS rid, "service" AS service, "client" AS client, ${[
    'client_type',
    'auth_value',
    'auth_reason',
    'allowed',
    'prompt_count',
    'last_modified',
    'indirect_object_identifier',
  ]
    .map(pick)
    .join(', ')} FROM ${quoteIdent(table)} ORDER BY rowid`;

  for (const row of db.iterate(sql)) {
    const client = sqlText(row['client']);
    const type = clientType(row['client_type'], client);
    const lastModified = isoFromUnixSeconds(sqlBigInt(row['last_modified'] ?? null));
    const indirect = sqlText(row['indirect_object_identifier']);
    const fields: RecordFields = {
      schema,
      service: sqlText(row['service']),
      client,
      client_type: type,
      // What a process-name indicator is compared with: the executable's name for a path.
      client_process: client === null ? null : type === 'absolute_path' ? posix.basename(client) || null : client,
      auth_value: schema === 'v3' ? named(AUTH_VALUES, row['auth_value']) : null,
      auth_reason: schema === 'v3' ? named(AUTH_REASONS, row['auth_reason']) : null,
      allowed: allowedOf(schema, row),
      prompt_count: schema === 'v3' ? null : jsonInteger(row['prompt_count']),
      indirect_object: indirect === 'UNUSED' ? null : indirect,
      last_modified: lastModified,
    };
    yield makeRecord(TCC_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table, rowid: String(row['rid']) }), [
      { at: lastModified, meaning: 'permission changed' },
    ]);
  }
}

export const TCC_PATHS = ['HomeDomain/Library/TCC/TCC.db'] as const;
export const TCC_FS_PATHS = [`${MOBILE_HOME}/Library/TCC/TCC.db`] as const;
export const TCC_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': TCC_PATHS, 'ios-fs': TCC_FS_PATHS };

export const tccExtractor: Extractor = {
  id: TCC_ARTIFACT,
  title: 'Privacy permissions (TCC.db)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: TCC_PATHS_BY_KIND,
  extract: (source, context) => eachDatabase(source, filesWithContent(source, pathsFor(TCC_PATHS_BY_KIND, source), context), context, readTcc),
};
