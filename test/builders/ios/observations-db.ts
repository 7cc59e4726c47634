/**
 * Writes WebKit ResourceLoadStatistics observations.db files with the real schema
 * (reference/artifacts.md §2.3.12): `ObservedDomains` and the tables that relate domains
 * (redirects, subframes, subresources, storage access), plus `OperatingDates`.
 * Times are Unix seconds (REAL); -1 means "never".
 */
import { sqliteBytes } from '../ios-backup.js';

/**
 * - `ios14`: the schema of iOS 14–16.
 * - `ios17`: adds `mostRecentWebPushInteractionTime`.
 * - `minimal`: only the four columns MVT requires and no relation tables, the least a
 *   reader must accept.
 */
export type ObservationsVariant = 'ios14' | 'ios17' | 'minimal';

export interface ObservedDomainSpec {
  id: number;
  domain: string;
  lastSeen: number;
  hadUserInteraction?: boolean;
  /** -1 (the default) when the person never interacted with the site. */
  mostRecentUserInteractionTime?: number;
  mostRecentWebPushInteractionTime?: number;
  isPrevalent?: boolean;
  grandfathered?: boolean;
}

export interface ObservationsSpec {
  variant?: ObservationsVariant;
  domains: ObservedDomainSpec[];
  /** TopFrameUniqueRedirectsTo rows: `source` redirected to `to` (domain ids). */
  redirectsTo?: { source: number; to: number }[];
  /** TopFrameUniqueRedirectsFrom rows: `target` was reached from `from` (domain ids). */
  redirectsFrom?: { target: number; from: number }[];
}

const OBSERVED_DOMAINS = (variant: ObservationsVariant) =>
  variant === 'minimal'
    ? `CREATE TABLE ObservedDomains (domainID INTEGER PRIMARY KEY, registrableDomain TEXT NOT NULL UNIQUE ON CONFLICT FAIL,
  lastSeen REAL NOT NULL, hadUserInteraction INTEGER NOT NULL)`
    : `CREATE TABLE ObservedDomains (domainID INTEGER PRIMARY KEY, registrableDomain TEXT NOT NULL UNIQUE ON CONFLICT FAIL,
  lastSeen REAL NOT NULL, hadUserInteraction INTEGER NOT NULL, mostRecentUserInteractionTime REAL NOT NULL,
  grandfathered INTEGER NOT NULL, isPrevalent INTEGER NOT NULL, isVeryPrevalent INTEGER NOT NULL,
  dataRecordsRemoved INTEGER NOT NULL, timesAccessedAsFirstPartyDueToUserInteraction INTEGER NOT NULL,
  timesAccessedAsFirstPartyDueToStorageAccessAPI INTEGER NOT NULL,
  isScheduledForAllButCookieDataRemoval INTEGER NOT NULL${
    variant === 'ios17' ? ',\n  mostRecentWebPushInteractionTime REAL NOT NULL' : ''
  })`;

const fk = (column: string) => `FOREIGN KEY(${column}) REFERENCES ObservedDomains(domainID) ON DELETE CASCADE`;

const RELATIONS = `
CREATE TABLE TopFrameUniqueRedirectsTo (sourceDomainID INTEGER NOT NULL, toDomainID INTEGER NOT NULL,
  ${fk('sourceDomainID')}, ${fk('toDomainID')});
CREATE UNIQUE INDEX TopFrameUniqueRedirectsTo_sourceDomainID_toDomainID on TopFrameUniqueRedirectsTo ( sourceDomainID, toDomainID );
CREATE TABLE TopFrameUniqueRedirectsToSinceSameSiteStrictEnforcement (sourceDomainID INTEGER NOT NULL, toDomainID INTEGER NOT NULL,
  ${fk('sourceDomainID')}, ${fk('toDomainID')});
CREATE TABLE TopFrameUniqueRedirectsFrom (targetDomainID INTEGER NOT NULL, fromDomainID INTEGER NOT NULL,
  ${fk('targetDomainID')}, ${fk('fromDomainID')});
CREATE UNIQUE INDEX TopFrameUniqueRedirectsFrom_targetDomainID_fromDomainID on TopFrameUniqueRedirectsFrom ( targetDomainID, fromDomainID );
CREATE TABLE SubframeUnderTopFrameDomains (subFrameDomainID INTEGER NOT NULL, lastUpdated REAL NOT NULL,
  topFrameDomainID INTEGER NOT NULL, ${fk('subFrameDomainID')}, ${fk('topFrameDomainID')});
CREATE TABLE SubresourceUnderTopFrameDomains (subresourceDomainID INTEGER NOT NULL, lastUpdated REAL NOT NULL,
  topFrameDomainID INTEGER NOT NULL, ${fk('subresourceDomainID')}, ${fk('topFrameDomainID')});
CREATE TABLE SubresourceUniqueRedirectsTo (subresourceDomainID INTEGER NOT NULL, lastUpdated REAL NOT NULL,
  toDomainID INTEGER NOT NULL, ${fk('subresourceDomainID')}, ${fk('toDomainID')});
CREATE TABLE SubresourceUniqueRedirectsFrom (subresourceDomainID INTEGER NOT NULL, lastUpdated REAL NOT NULL,
  fromDomainID INTEGER NOT NULL, ${fk('subresourceDomainID')}, ${fk('fromDomainID')});
CREATE TABLE StorageAccessUnderTopFrameDomains (domainID INTEGER NOT NULL, topLevelDomainID INTEGER NOT NULL,
  ${fk('domainID')}, ${fk('topLevelDomainID')});
CREATE TABLE TopFrameLinkDecorationsFrom (toDomainID INTEGER NOT NULL, lastUpdated REAL NOT NULL,
  fromDomainID INTEGER NOT NULL, ${fk('toDomainID')}, ${fk('fromDomainID')});
CREATE TABLE TopFrameLoadedThirdPartyScripts (topFrameDomainID INTEGER NOT NULL, subresourceDomainID INTEGER NOT NULL,
  ${fk('topFrameDomainID')}, ${fk('subresourceDomainID')});
CREATE TABLE OperatingDates (year INTEGER NOT NULL, month INTEGER NOT NULL, monthDay INTEGER NOT NULL);
`;

export function buildObservationsDb(spec: ObservationsSpec): Buffer {
  const variant = spec.variant ?? 'ios14';
  return sqliteBytes((db) => {
    // Off so a test can plant a dangling id, as a database damaged mid-update would hold.
    db.pragma('foreign_keys = OFF');
    db.exec(`${OBSERVED_DOMAINS(variant)};`);
    if (variant !== 'minimal') {
      db.exec(RELATIONS);
      db.prepare('INSERT INTO OperatingDates (year, month, monthDay) VALUES (2024, 4, 30)').run();
    }
    for (const d of spec.domains) {
      const interaction = d.hadUserInteraction ? 1 : 0;
      if (variant === 'minimal') {
        db.prepare('INSERT INTO ObservedDomains (domainID, registrableDomain, lastSeen, hadUserInteraction) VALUES (?, ?, ?, ?)').run(
          d.id,
          d.domain,
          d.lastSeen,
          interaction,
        );
        continue;
      }
      const columns = [
        'domainID', 'registrableDomain', 'lastSeen', 'hadUserInteraction', 'mostRecentUserInteractionTime', 'grandfathered',
        'isPrevalent', 'isVeryPrevalent', 'dataRecordsRemoved', 'timesAccessedAsFirstPartyDueToUserInteraction',
        'timesAccessedAsFirstPartyDueToStorageAccessAPI', 'isScheduledForAllButCookieDataRemoval',
      ];
      const values: Array<number | string> = [
        d.id, d.domain, d.lastSeen, interaction, d.mostRecentUserInteractionTime ?? -1, d.grandfathered ? 1 : 0,
        d.isPrevalent ? 1 : 0, 0, 0, interaction, 0, 0,
      ];
      if (variant === 'ios17') {
        columns.push('mostRecentWebPushInteractionTime');
        values.push(d.mostRecentWebPushInteractionTime ?? -1);
      }
      db.prepare(`INSERT INTO ObservedDomains (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values);
    }
    if (variant === 'minimal') {
      if ((spec.redirectsTo?.length ?? 0) + (spec.redirectsFrom?.length ?? 0) > 0) {
        throw new Error('buildObservationsDb: the minimal variant has no redirect tables.');
      }
      return;
    }
    for (const r of spec.redirectsTo ?? []) {
      db.prepare('INSERT INTO TopFrameUniqueRedirectsTo (sourceDomainID, toDomainID) VALUES (?, ?)').run(r.source, r.to);
    }
    for (const r of spec.redirectsFrom ?? []) {
      db.prepare('INSERT INTO TopFrameUniqueRedirectsFrom (targetDomainID, fromDomainID) VALUES (?, ?)').run(r.target, r.from);
    }
  });
}
