/**
 * DataUsage.sqlite (WirelessDomain): the per-process network usage CommCenter keeps. A
 * process that ever used the network leaves a ZPROCESS row, so an implant's short-lived
 * process name shows here (Amnesty's Pegasus `bh`, `roleaccountd`, `msgacntd`; Kaspersky's
 * Triangulation `BackupAgent`). An implant that deletes its ZPROCESS row leaves two traces:
 * a ZLIVEUSAGE row pointing at nothing, and a gap in the Z_PK sequence. In a file-system
 * dump a process with no bundle id is also looked for among the dump's file names: an
 * implant's binary is often gone, or lives where no system binary does.
 */
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import type { FileDigest, Source } from '../../acquisition/source.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlValue } from '../../formats/sqlite.js';
import { jsonInteger, sqlBigInt, sqlText } from '../../formats/sql-values.js';
import { splitProcName } from './process-name.js';
import { isoFromMacSeconds } from '../../formats/time.js';
import { ArtifactError } from '../../errors.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';

export const DATAUSAGE_ARTIFACT = 'datausage';

/** A traffic total (bytes, REAL in the schema): a number, or a string when an integer is too large. */
function jsonAmount(value: SqlValue | undefined): number | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return jsonInteger(value);
  if (typeof value === 'string') {
    const parsed = Number(value);
    return value.trim() !== '' && Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

function macTime(value: SqlValue | undefined): string | null {
  if (typeof value === 'number' || typeof value === 'bigint') return isoFromMacSeconds(value);
  return null;
}

const TRAFFIC = [
  ['ZWIFIIN', 'wifi_in'],
  ['ZWIFIOUT', 'wifi_out'],
  ['ZWWANIN', 'wwan_in'],
  ['ZWWANOUT', 'wwan_out'],
] as const;

interface Layout {
  process: string;
  processColumns: Set<string>;
  /** ZLIVEUSAGE when it can be linked to processes; null when absent or unlinkable. */
  live: string | null;
  liveColumns: Set<string>;
  /** Why ZLIVEUSAGE was present but could not be read, reported after the process rows. */
  liveProblem: string | null;
  primaryKeys: string | null;
}

function layoutOf(db: SqliteDatabase): Layout {
  const process = findTable(db, 'ZPROCESS');
  if (!process) {
    const seen = db.tables().slice(0, 12).join(', ') || 'no tables';
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no ZPROCESS table (tables: ${seen})`);
  }
  const processColumns = columnSet(db, process);
  const missing = ['z_pk', 'zprocname'].filter((column) => !processColumns.has(column));
  if (missing.length > 0) {
    throw new ArtifactError(
      'ARTIFACT_UNSUPPORTED_SCHEMA',
      `unsupported schema: ZPROCESS lacks ${missing.map((c) => c.toUpperCase()).join(', ')} (columns: ${db.columns(process).join(', ')})`,
    );
  }
  const liveTable = findTable(db, 'ZLIVEUSAGE');
  const liveColumns = liveTable ? columnSet(db, liveTable) : new Set<string>();
  let live: string | null = null;
  let liveProblem: string | null = null;
  if (liveTable) {
    if (liveColumns.has('z_pk') && liveColumns.has('zhasprocess')) live = liveTable;
    else liveProblem = `unsupported schema: ZLIVEUSAGE lacks Z_PK or ZHASPROCESS (columns: ${db.columns(liveTable).join(', ')})`;
  }
  const primaryKeys = findTable(db, 'Z_PRIMARYKEY') ?? null;
  return { process, processColumns, live, liveColumns, liveProblem, primaryKeys };
}

/** `alias.column AS name` when the column exists, `NULL AS name` otherwise: read by name. */
function optional(columns: Set<string>, alias: string, column: string, name: string): string {
  return columns.has(column.toLowerCase()) ? `${alias}.${quoteIdent(column)} AS ${name}` : `NULL AS ${name}`;
}

function trafficFields(row: Record<string, SqlValue>): RecordFields {
  const fields: RecordFields = {};
  for (const [, name] of TRAFFIC) fields[name] = jsonAmount(row[name]);
  return fields;
}

/** Z_MAX of the Process entity: the highest Z_PK Core Data ever handed out. */
function processMaxPk(db: SqliteDatabase, layout: Layout): { max: bigint; rowid: string } | null {
  if (!layout.primaryKeys) return null;
  const columns = columnSet(db, layout.primaryKeys);
  if (!columns.has('z_name') || !columns.has('z_max')) return null;
  for (const row of db.iterate(
    `SELECT rowid AS rid, Z_MAX AS zmax FROM ${quoteIdent(layout.primaryKeys)} WHERE Z_NAME = 'Process' LIMIT 1`,
  )) {
    const max = sqlBigInt(row['zmax'] ?? null);
    return max === null ? null : { max, rowid: String(row['rid']) };
  }
  return null;
}

interface Neighbour {
  pk: bigint;
  rowid: string;
  procName: string | null;
  firstUsed: string | null;
}

function missingRecord(
  artifact: string,
  digest: FileDigest,
  table: string,
  rowid: string,
  first: bigint,
  last: bigint,
  previous: Neighbour,
  next: Neighbour | null,
): ArtifactRecord {
  const fields: RecordFields = {
    kind: 'missing-process',
    missing_pk: jsonInteger(first),
    missing_last_pk: jsonInteger(last),
    missing_count: jsonInteger(last - first + 1n),
    after_last_row: next === null,
    previous_process_pk: jsonInteger(previous.pk),
    previous_proc_name: previous.procName,
    next_process_pk: next ? jsonInteger(next.pk) : null,
    next_proc_name: next ? next.procName : null,
  };
  return makeRecord(artifact, fields, originOf(digest, { kind: 'sqlite', table, rowid }), [
    // The deleted row was created after its predecessor and before its successor.
    { at: previous.firstUsed, meaning: 'previous process first used' },
    { at: next?.firstUsed, meaning: 'next process first used' },
  ]);
}

/** Whether a file of the acquisition is named like a process; only a file-system dump can answer. */
export type BinaryLookup = (process: string) => boolean;

export interface ProcessUsageOptions {
  /** DataUsage.sqlite and networkd's netusage.sqlite share the schema and differ only by artifact. */
  artifact: string;
  /** Absent for backups, which hold no binaries: the field is then null. */
  binaryFound?: BinaryLookup;
}

/** Darwin keeps 16 characters of a process name, so a 16-character name may be a longer binary's. */
const PROCESS_NAME_LIMIT = 16;

/**
 * One name set per extract call, built on first use from the listing: a per-row find()
 * would walk a 500,000-entry dump once per process.
 */
export function binaryLookupFor(source: Source): BinaryLookup | undefined {
  if (source.kind !== 'ios-fs') return undefined;
  let names: Set<string> | null = null;
  let truncated: Set<string> | null = null;
  return (process) => {
    if (names === null || truncated === null) {
      names = new Set();
      truncated = new Set();
      for (const entry of source.entries()) {
        if (entry.type === 'directory') continue;
        const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
        names.add(name);
        if (name.length > PROCESS_NAME_LIMIT) truncated.add(name.slice(0, PROCESS_NAME_LIMIT));
      }
    }
    return names.has(process) || (process.length === PROCESS_NAME_LIMIT && truncated.has(process));
  };
}

/**
 * Reads one DataUsage database: a record per ZPROCESS row (with its live usage summed),
 * a record per ZLIVEUSAGE row whose process is gone, and a record per gap in Z_PK. Rows are
 * streamed in Z_PK order, so gaps are found without holding the table.
 */
export function* readProcessUsage(db: SqliteDatabase, digest: FileDigest, options: ProcessUsageOptions): Generator<ArtifactRecord> {
  const { artifact, binaryFound } = options;
  const layout = layoutOf(db);
  const p = layout.processColumns;
  const liveSums = layout.live
    ? [
        'COUNT(l."Z_PK") AS live_rows',
        ...TRAFFIC.map(([column, name]) =>
          layout.liveColumns.has(column.toLowerCase()) ? `SUM(l.${quoteIdent(column)}) AS ${name}` : `NULL AS ${name}`,
        ),
        layout.liveColumns.has('ztimestamp') ? 'MAX(l."ZTIMESTAMP") AS live_updated' : 'NULL AS live_updated',
      ]
    : ['0 AS live_rows', ...TRAFFIC.map(([, name]) => `NULL AS ${name}`), 'NULL AS live_updated'];
  const join = layout.live ? `LEFT JOIN ${quoteIdent(layout.live)} l ON l."ZHASPROCESS" = p."Z_PK"` : '';
  const sql = `SELECT p.rowid AS rid, p."Z_PK" AS pk, p."ZPROCNAME" AS procname,
      ${optional(p, 'p', 'ZBUNDLENAME', 'bundle')}, ${optional(p, 'p', 'ZFIRSTTIMESTAMP', 'first_ts')},
      ${optional(p, 'p', 'ZTIMESTAMP', 'last_ts')}, ${liveSums.join(', ')}
    FROM ${quoteIdent(layout.process)} p ${join}
    GROUP BY p.rowid ORDER BY p."Z_PK", p.rowid`;

  let previous: Neighbour | null = null;
  for (const row of db.iterate(sql)) {
    const rowid = String(row['rid']);
    const pk = sqlBigInt(row['pk'] ?? null);
    const procName = sqlText(row['procname']);
    const firstUsed = macTime(row['first_ts']);
    const lastUsed = macTime(row['last_ts']);
    const liveUpdated = macTime(row['live_updated']);
    const parts = procName === null ? { process: null, proc_bundle: null, container_uuid: null } : splitProcName(procName);

    if (pk !== null && previous !== null && pk > previous.pk + 1n) {
      const current: Neighbour = { pk, rowid, procName, firstUsed };
      yield missingRecord(artifact, digest, layout.process, rowid, previous.pk + 1n, pk - 1n, previous, current);
    }

    const bundleId = sqlText(row['bundle']);
    const fields: RecordFields = {
      kind: 'process',
      process_pk: jsonInteger(row['pk']),
      proc_name_raw: procName,
      process: parts.process,
      proc_bundle: parts.proc_bundle,
      container_uuid: parts.container_uuid,
      bundle_id: bundleId,
      first_used: firstUsed,
      last_used: lastUsed,
      live_rows: jsonInteger(row['live_rows']) ?? 0,
      ...trafficFields(row),
      live_updated: liveUpdated,
      // MVT's dump-only check: a process with no app behind it whose binary is nowhere in the dump.
      binary_in_acquisition: binaryFound && bundleId === null && parts.process !== null ? binaryFound(parts.process) : null,
    };
    yield makeRecord(artifact, fields, originOf(digest, { kind: 'sqlite', table: layout.process, rowid }), [
      { at: firstUsed, meaning: 'first used' },
      { at: lastUsed, meaning: 'last used' },
      { at: liveUpdated, meaning: 'live usage updated' },
    ]);
    if (pk !== null && (previous === null || pk > previous.pk)) previous = { pk, rowid, procName, firstUsed };
  }

  // Rows deleted after the last surviving one leave no gap, but Core Data's Z_MAX remembers them.
  const allocated = processMaxPk(db, layout);
  if (previous !== null && allocated !== null && allocated.max > previous.pk) {
    const table = layout.primaryKeys ?? 'Z_PRIMARYKEY';
    yield missingRecord(artifact, digest, table, allocated.rowid, previous.pk + 1n, allocated.max, previous, null);
  }

  if (layout.live) yield* readOrphanLiveUsage(artifact, db, digest, layout, layout.live);
  if (layout.liveProblem) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', layout.liveProblem);
}

function* readOrphanLiveUsage(artifact: string, db: SqliteDatabase, digest: FileDigest, layout: Layout, live: string): Generator<ArtifactRecord> {
  const l = layout.liveColumns;
  const sql = `SELECT l.rowid AS rid, l."Z_PK" AS pk, l."ZHASPROCESS" AS process_pk,
      ${TRAFFIC.map(([column, name]) => optional(l, 'l', column, name)).join(', ')},
      ${optional(l, 'l', 'ZTIMESTAMP', 'live_ts')}
    FROM ${quoteIdent(live)} l
    WHERE l."ZHASPROCESS" IS NULL
       OR NOT EXISTS (SELECT 1 FROM ${quoteIdent(layout.process)} p WHERE p."Z_PK" = l."ZHASPROCESS")
    ORDER BY l."Z_PK", l.rowid`;
  for (const row of db.iterate(sql)) {
    const updated = macTime(row['live_ts']);
    const processPk = jsonInteger(row['process_pk']);
    const fields: RecordFields = {
      // A dangling pointer means the process row was removed behind Core Data's back; a
      // NULL one is what Core Data itself leaves when it nullifies a relationship.
      kind: processPk === null ? 'live-usage-unlinked' : 'live-usage-without-process',
      live_pk: jsonInteger(row['pk']),
      orphan_process_pk: processPk,
      ...trafficFields(row),
      live_updated: updated,
    };
    yield makeRecord(artifact, fields, originOf(digest, { kind: 'sqlite', table: live, rowid: String(row['rid']) }), [
      { at: updated, meaning: 'live usage updated' },
    ]);
  }
}

/** Reads every matching database of the Source as `artifact`, with one binary lookup for all of them. */
export function extractProcessUsage(
  artifact: string,
  paths: Extractor['paths'],
): Extractor['extract'] {
  return (source, context) => {
    const binaryFound = binaryLookupFor(source);
    const options: ProcessUsageOptions = binaryFound ? { artifact, binaryFound } : { artifact };
    const files = filesWithContent(source, pathsFor(paths, source), context);
    return eachDatabase(source, files, context, (db, digest) => readProcessUsage(db, digest, options));
  };
}

export const DATAUSAGE_PATHS = {
  'ios-backup': ['WirelessDomain/Library/Databases/DataUsage.sqlite'],
  'ios-fs': ['private/var/wireless/Library/Databases/DataUsage.sqlite'],
} as const;

export const datausageExtractor: Extractor = {
  id: DATAUSAGE_ARTIFACT,
  title: 'Network usage per process (DataUsage.sqlite)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: DATAUSAGE_PATHS,
  extract: extractProcessUsage(DATAUSAGE_ARTIFACT, DATAUSAGE_PATHS),
};
