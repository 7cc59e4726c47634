/**
 * Writes DataUsage.sqlite files with the real Core Data schema (reference/artifacts.md
 * §2.3.1): ZPROCESS and ZLIVEUSAGE with every column, the other entity tables, and the
 * Z_PRIMARYKEY / Z_METADATA / Z_MODELCACHE bookkeeping with Z_ENT and Z_MAX kept
 * consistent (LiveUsage = entity 5, Process = entity 7). Times are raw Mac-absolute seconds.
 */
import { sqliteBytes } from '../ios-backup.js';

/**
 * - `ios14`: the column set of an iOS 14 device.
 * - `no-wifi`: newer iOS, whose ZLIVEUSAGE has no ZWIFIIN/ZWIFIOUT.
 */
export type DataUsageVariant = 'ios14' | 'no-wifi';

export interface DataUsageProcessSpec {
  pk: number;
  /** `<proc>/<bundle>`, `<container UUID>/<bundle>` or a bare name (≤ 16 chars for kernel names). */
  procName: string | null;
  bundleName?: string | null;
  /** Mac-absolute seconds. */
  firstTimestamp?: number | null;
  timestamp?: number | null;
}

export interface DataUsageLiveSpec {
  pk: number;
  /** Z_PK of the process; may point to a row that does not exist (a deleted process). */
  processPk: number | null;
  timestamp?: number | null;
  wifiIn?: number;
  wifiOut?: number;
  wwanIn?: number;
  wwanOut?: number;
  kind?: number;
  tag?: number;
}

export interface DataUsageDbSpec {
  variant?: DataUsageVariant;
  processes?: DataUsageProcessSpec[];
  live?: DataUsageLiveSpec[];
  /** Z_MAX of the Process entity when rows after the last one were deleted; default: the highest pk. */
  processMax?: number;
  /** Leave out Z_PRIMARYKEY (a damaged or stripped database). */
  omitPrimaryKeyTable?: boolean;
}

const ENT_LIVE_USAGE = 5;
const ENT_PROCESS = 7;

function schema(variant: DataUsageVariant): string {
  const wifi = variant === 'ios14' ? 'ZWIFIIN FLOAT, ZWIFIOUT FLOAT, ' : '';
  return `
CREATE TABLE ZCHECKUPEVENT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZKIND INTEGER, ZTIMESTAMP TIMESTAMP, ZDATA BLOB );
CREATE TABLE ZDEMOLIVEUSAGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZKIND INTEGER, ZMETADATA INTEGER,
  ZTAG INTEGER, ZHASPROCESS INTEGER, ZBILLCYCLEEND TIMESTAMP, ZTIMESTAMP TIMESTAMP, ${wifi}ZWWANIN FLOAT, ZWWANOUT FLOAT );
CREATE TABLE ZEVENT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZKIND INTEGER, ZTIMESTAMP TIMESTAMP, ZIDENTIFIER VARCHAR );
CREATE TABLE ZEVENTSCENE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZEVENT INTEGER, ZTIMESTAMP TIMESTAMP, ZSCENE VARCHAR );
CREATE TABLE ZLIVEUSAGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZKIND INTEGER,
  ZMETADATA INTEGER, ZTAG INTEGER, ZHASPROCESS INTEGER, ZBILLCYCLEEND TIMESTAMP, ZTIMESTAMP TIMESTAMP,
  ${wifi}ZWWANIN FLOAT, ZWWANOUT FLOAT );
CREATE TABLE ZPEER ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZHASPROCESS INTEGER, ZFQDN VARCHAR,
  ZTIMESTAMP TIMESTAMP, ZWIFIIN FLOAT, ZWIFIOUT FLOAT, ZWWANIN FLOAT, ZWWANOUT FLOAT );
CREATE TABLE ZPROCESS ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,
  ZFIRSTTIMESTAMP TIMESTAMP, ZTIMESTAMP TIMESTAMP, ZBUNDLENAME VARCHAR, ZPROCNAME VARCHAR );
CREATE TABLE ZTSHOOTINGDATA ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZTIMESTAMP TIMESTAMP, ZDATA BLOB );
CREATE TABLE ZWIFIDATA ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZTIMESTAMP TIMESTAMP, ZSSID VARCHAR );
CREATE INDEX ZLIVEUSAGE_ZHASPROCESS_INDEX ON ZLIVEUSAGE (ZHASPROCESS);
CREATE INDEX ZPEER_ZHASPROCESS_INDEX ON ZPEER (ZHASPROCESS);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
CREATE TABLE Z_MODELCACHE (Z_CONTENT BLOB);
`;
}

const PRIMARY_KEY_TABLE = 'CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);';

/** The entities of the iOS 14 model, in Z_ENT order. */
const ENTITIES: ReadonlyArray<[number, string]> = [
  [1, 'CheckupEvent'],
  [2, 'DemoLiveUsage'],
  [3, 'Event'],
  [4, 'EventScene'],
  [ENT_LIVE_USAGE, 'LiveUsage'],
  [6, 'Peer'],
  [ENT_PROCESS, 'Process'],
  [8, 'TShootingData'],
  [9, 'WiFiData'],
];

export function buildDataUsageDb(spec: DataUsageDbSpec = {}): Buffer {
  const variant = spec.variant ?? 'ios14';
  const processes = spec.processes ?? [];
  const live = spec.live ?? [];
  return sqliteBytes((db) => {
    db.exec(schema(variant));
    const insertProcess = db.prepare(
      'INSERT INTO ZPROCESS (Z_PK, Z_ENT, Z_OPT, ZFIRSTTIMESTAMP, ZTIMESTAMP, ZBUNDLENAME, ZPROCNAME) VALUES (?, ?, 1, ?, ?, ?, ?)',
    );
    for (const p of processes) {
      insertProcess.run(p.pk, ENT_PROCESS, p.firstTimestamp ?? null, p.timestamp ?? null, p.bundleName ?? null, p.procName);
    }
    const wifiColumns = variant === 'ios14' ? ', ZWIFIIN, ZWIFIOUT' : '';
    const wifiSlots = variant === 'ios14' ? ', ?, ?' : '';
    const insertLive = db.prepare(
      `INSERT INTO ZLIVEUSAGE (Z_PK, Z_ENT, Z_OPT, ZKIND, ZMETADATA, ZTAG, ZHASPROCESS, ZBILLCYCLEEND, ZTIMESTAMP${wifiColumns}, ZWWANIN, ZWWANOUT)
       VALUES (?, ?, 1, ?, 0, ?, ?, NULL, ?${wifiSlots}, ?, ?)`,
    );
    for (const l of live) {
      // Traffic columns are FLOAT in the model; stored as REAL even when integral.
      const traffic = (value: number | undefined): number => value ?? 0;
      const wifi = variant === 'ios14' ? [traffic(l.wifiIn), traffic(l.wifiOut)] : [];
      insertLive.run(
        l.pk,
        ENT_LIVE_USAGE,
        l.kind ?? 0,
        l.tag ?? 0,
        l.processPk,
        l.timestamp ?? null,
        ...wifi,
        traffic(l.wwanIn),
        traffic(l.wwanOut),
      );
    }
    if (!spec.omitPrimaryKeyTable) {
      db.exec(PRIMARY_KEY_TABLE);
      const maxProcess = Math.max(0, spec.processMax ?? 0, ...processes.map((p) => p.pk));
      const maxLive = Math.max(0, ...live.map((l) => l.pk));
      const insertEntity = db.prepare('INSERT INTO Z_PRIMARYKEY (Z_ENT, Z_NAME, Z_SUPER, Z_MAX) VALUES (?, ?, 0, ?)');
      for (const [ent, name] of ENTITIES) {
        const max = ent === ENT_PROCESS ? maxProcess : ent === ENT_LIVE_USAGE ? maxLive : 0;
        insertEntity.run(ent, name, max);
      }
    }
    db.prepare('INSERT INTO Z_METADATA (Z_VERSION, Z_UUID, Z_PLIST) VALUES (1, ?, ?)').run(
      '5C5C7C2E-2C4B-4F0E-9E43-6C0A3E5B8A11',
      Buffer.from('bplist00', 'latin1'),
    );
  });
}
