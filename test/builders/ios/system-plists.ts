/**
 * Writes the system property lists Exhibit reads from backups, in the layouts of
 * reference/artifacts.md §2.3.8, §2.3.11 and §2.3.17: idstatuscache, osanalytics ADDaily,
 * configuration profile stubs, MCProfileEvents and .GlobalPreferences. Binary by default,
 * as iOS writes them; XML on request. Mac-absolute times are written as <real>.
 */
import { binaryPlist, PlistReal, xmlPlist, type PlistInput, type PlistInputDict } from '../ios-backup.js';

export type PlistFormat = 'binary' | 'xml';

function write(value: PlistInputDict, format: PlistFormat = 'binary'): Buffer {
  return format === 'xml' ? xmlPlist(value) : binaryPlist(value);
}

// ---------------------------------------------------------------------------------------
// idstatuscache.plist

export interface IdStatusEntrySpec {
  /** e.g. `com.apple.madrid` (iMessage), `com.apple.private.alloy.facetime.multi`. */
  service: string;
  /** `mailto:<address>` or `tel:<number>`; may contain NUL bytes. */
  uri: string;
  /** 1 registered, 2 not registered; undefined leaves the key out. */
  idStatus?: number;
  /** Mac-absolute seconds; undefined leaves the key out. */
  lookupDate?: number;
}

export function idStatusCachePlist(entries: IdStatusEntrySpec[], extra: PlistInputDict = {}, format?: PlistFormat): Buffer {
  const services: { [service: string]: { [uri: string]: PlistInput } } = {};
  for (const entry of entries) {
    const handles = (services[entry.service] ??= {});
    const details: { [key: string]: PlistInput } = {};
    if (entry.idStatus !== undefined) details['IDStatus'] = entry.idStatus;
    if (entry.lookupDate !== undefined) details['LookupDate'] = new PlistReal(entry.lookupDate);
    handles[entry.uri] = details;
  }
  return write({ ...services, ...extra }, format);
}

// ---------------------------------------------------------------------------------------
// com.apple.osanalytics.addaily.plist

export interface NetUsageBaselineSpec {
  /** Process name or `proc/bundle`. */
  name: string;
  date: Date;
  wifiIn: number;
  wifiOut: number;
  wwanIn: number;
  wwanOut: number;
}

export function osAnalyticsAdDailyPlist(entries: NetUsageBaselineSpec[], format?: PlistFormat): Buffer {
  const baseline: { [name: string]: PlistInput } = {};
  for (const e of entries) baseline[e.name] = [e.date, e.wifiIn, e.wifiOut, e.wwanIn, e.wwanOut];
  return write(
    {
      netUsageBaseline: baseline,
      // Other top-level keys the real file carries.
      baselineUpdateDate: entries[0]?.date ?? new Date('2024-04-30T00:00:00Z'),
      version: 1,
    },
    format,
  );
}

// ---------------------------------------------------------------------------------------
// Configuration profile stub (profile-<hash>.stub)

export interface ProfileStubSpec {
  uuid?: string;
  identifier?: string;
  displayName?: string;
  description?: string;
  organization?: string;
  /** PayloadType of each entry of PayloadContent; undefined leaves PayloadContent out. */
  payloadTypes?: string[];
  installDate?: Date;
  signerCerts?: Buffer[];
  removalDisallowed?: boolean;
}

export function profileStubPlist(spec: ProfileStubSpec, format?: PlistFormat): Buffer {
  const value: { [key: string]: PlistInput | undefined } = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadUUID: spec.uuid,
    PayloadIdentifier: spec.identifier,
    PayloadDisplayName: spec.displayName,
    PayloadDescription: spec.description,
    PayloadOrganization: spec.organization,
    InstallDate: spec.installDate,
    SignerCerts: spec.signerCerts,
    PayloadRemovalDisallowed: spec.removalDisallowed,
    PayloadContent: spec.payloadTypes?.map((type, index) => ({
      PayloadType: type,
      PayloadVersion: 1,
      PayloadIdentifier: `${spec.identifier ?? 'profile'}.payload${index}`,
      PayloadUUID: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    })),
  };
  return write(value, format);
}

// ---------------------------------------------------------------------------------------
// MCProfileEvents.plist

export interface ProfileEventSpec {
  profileId: string;
  timestamp?: Date;
  operation?: string;
  process?: string;
  /** Write the inner keys capitalised (Timestamp, Operation, Process). */
  capitalised?: boolean;
}

export function mcProfileEventsPlist(events: ProfileEventSpec[], format?: PlistFormat): Buffer {
  const list: PlistInput[] = events.map((event) => {
    const key = (name: string): string => (event.capitalised ? name[0]!.toUpperCase() + name.slice(1) : name);
    const details: { [key: string]: PlistInput | undefined } = {
      [key('timestamp')]: event.timestamp,
      [key('operation')]: event.operation,
      [key('process')]: event.process,
    };
    return { [event.profileId]: details };
  });
  return write({ ProfileEvents: list }, format);
}

// ---------------------------------------------------------------------------------------
// .GlobalPreferences.plist

export interface GlobalPreferencesSpec {
  /** LDMGlobalEnabled; undefined leaves the key out. */
  lockdownMode?: boolean;
}

export function globalPreferencesPlist(spec: GlobalPreferencesSpec = {}, format?: PlistFormat): Buffer {
  return write(
    {
      AppleLanguages: ['en-US', 'fr-FR'],
      AppleLocale: 'en_US',
      AppleKeyboards: ['en_US@sw=QWERTY;hw=Automatic'],
      LDMGlobalEnabled: spec.lockdownMode,
    },
    format,
  );
}
