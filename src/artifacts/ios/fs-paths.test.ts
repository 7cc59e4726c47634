/**
 * The backup extractors on a file-system dump: the same bytes planted at the device path
 * must give the same records as in a backup (fields and times exactly), with the dump path
 * as origin. Only the fields naming the owner differ by design: a backup reads them from its
 * domain, a dump from its folders (container, metadata plist, home folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { writeTreeFolder } from '../../../test/builders/archives.js';
import { binaryPlist, sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildAddressBookDb } from '../../../test/builders/ios/address-book-db.js';
import { buildBrowserStateDb, sessionDataBlob } from '../../../test/builders/ios/browser-state-db.js';
import { buildCalendarDb } from '../../../test/builders/ios/calendar-db.js';
import { buildCallHistoryDb } from '../../../test/builders/ios/call-history-db.js';
import { buildChromeFaviconsDb } from '../../../test/builders/ios/chrome-favicons-db.js';
import { buildChromeHistoryDb, chromeTime } from '../../../test/builders/ios/chrome-history-db.js';
import { buildFirefoxBrowserDb } from '../../../test/builders/ios/firefox-browser-db.js';
import { buildInteractionCDb } from '../../../test/builders/ios/interactionc-db.js';
import { locationdClientsPlist } from '../../../test/builders/ios/locationd-clients.js';
import { buildObservationsDb } from '../../../test/builders/ios/observations-db.js';
import { buildSafariFaviconsDb } from '../../../test/builders/ios/safari-favicons-db.js';
import { buildSafariHistoryDb } from '../../../test/builders/ios/safari-history-db.js';
import { buildSessionResourceLog } from '../../../test/builders/ios/session-resource-log.js';
import { buildShortcutsDb, shortcutAction, textTokenString } from '../../../test/builders/ios/shortcuts-db.js';
import { buildSmsDb } from '../../../test/builders/ios/sms-db.js';
import { globalPreferencesPlist, idStatusCachePlist, mcProfileEventsPlist, osAnalyticsAdDailyPlist, profileStubPlist } from '../../../test/builders/ios/system-plists.js';
import { buildTccDb } from '../../../test/builders/ios/tcc-db.js';
import { buildChatStorageDb, buildContactsV2Db, buildLidDb } from '../../../test/builders/ios/whatsapp-db.js';
import type { ArtifactRecord, Extractor } from '../types.js';
import { EXTRACTORS } from '../registry.js';
import { openFolderSource } from '../../acquisition/folder-source.js';
import { WorkingDir } from '../../acquisition/working-dir.js';
import { runExtractor } from '../../pipeline/check.js';
import { CONTAINER_METADATA_FILE } from './app-containers.js';
import { calendarExtractor } from './calendar.js';
import { callsExtractor } from './calls.js';
import { chromeFaviconExtractor } from './chrome-favicon.js';
import { chromeHistoryExtractor } from './chrome-history.js';
import { CONFIGURATION_PROFILES_DOMAIN, configurationProfilesExtractor } from './configuration-profiles.js';
import { contactsExtractor } from './contacts.js';
import { firefoxFaviconExtractor } from './firefox-favicon.js';
import { firefoxHistoryExtractor } from './firefox-history.js';
import { globalPreferencesExtractor } from './global-preferences.js';
import { idStatusCacheExtractor } from './id-status-cache.js';
import { interactionCExtractor } from './interaction-c.js';
import { locationdClientsExtractor } from './locationd-clients.js';
import { osAnalyticsAdDailyExtractor } from './os-analytics-ad-daily.js';
import { profileEventsExtractor } from './profile-events.js';
import { safariBrowserStateExtractor } from './safari-browser-state.js';
import { safariFaviconExtractor } from './safari-favicon.js';
import { safariHistoryExtractor } from './safari-history.js';
import { shortcutsExtractor } from './shortcuts.js';
import { smsAttachmentsExtractor } from './sms-attachments.js';
import { smsExtractor } from './sms.js';
import { tccExtractor } from './tcc.js';
import { appIdOf, backupDomainOf, webkitResourceLoadStatisticsExtractor } from './webkit-resource-load-statistics.js';
import { webkitSessionResourceLogExtractor } from './webkit-session-resource-log.js';
import { whatsappContactsExtractor } from './whatsapp-contacts.js';
import { whatsappExtractor } from './whatsapp.js';

const HOME = 'private/var/mobile';
const ROOT = 'private/var/root';
/** App containers as a device names them: by UUIDs the backup never records. */
const SAFARI_APP = 'private/var/mobile/Containers/Data/Application/0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D';
const CHROME_APP = 'private/var/mobile/Containers/Data/Application/5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B';
const OTHER_APP = 'private/var/mobile/Containers/Data/Application/9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A';
const FIREFOX_GROUP = 'private/var/mobile/Containers/Shared/AppGroup/1D2C3B4A-5F6E-4D7C-8B9A-0F1E2D3C4B5A';
/** WhatsApp's group sorts before WhatsApp Business's, as their backup domains do. */
const WHATSAPP_GROUP = 'private/var/mobile/Containers/Shared/AppGroup/A1111111-2222-4333-8444-555555555555';
const WHATSAPP_SMB_GROUP = 'private/var/mobile/Containers/Shared/AppGroup/B1111111-2222-4333-8444-555555555555';
const PROFILES_GROUP = 'private/var/containers/Shared/SystemGroup/systemgroup.com.apple.configurationprofiles';
/** What a dump says of a file in the home folder, a backup's HomeDomain. */
const IN_HOME: OwnerFields = { backup_domain: null, app_id: null, location: `/${HOME}` };

const WA = 'AppDomainGroup-group.net.whatsapp.WhatsApp.shared';
const WA_SMB = 'AppDomainGroup-group.net.whatsapp.WhatsAppSMB.shared';
const SAFARI = 'AppDomain-com.apple.mobilesafari';
const CHROME = 'AppDomain-com.google.chrome.ios';
const T = 700_000_000; // 2023-03-08T20:26:40Z in Mac-absolute seconds
const UNIX_T = 1_689_000_000; // 2023-07-10T14:40:00Z
const NS = 1_000_000_000n;

/** One file as a backup holds it and where a dump holds the same bytes. */
interface PlantedFile {
  domain: string;
  relativePath: string;
  fsPath: string;
  content: Buffer;
  /** Read only to complete other records (WhatsApp's LIDs for interactionC): no record comes from it. */
  lookup?: boolean;
}

/** The fields naming a record's owner, as a dump gives them for one of its files. */
type OwnerFields = Record<string, string | null>;

interface PathCase {
  name: string;
  extractor: Extractor;
  files: PlantedFile[];
  /**
   * Records that name their owner: by the backup domain in a backup (`location` is the domain
   * there), by folder in a dump. The fields are left out of the comparison and checked
   * against `owners`, per dump path.
   */
  owner?: {
    fields: string[];
    /** Container metadata plists planted only in the dump: container path → MCMMetadataIdentifier. */
    metadata: Record<string, string>;
    owners: Record<string, OwnerFields>;
  };
}

function planted(domain: string, relativePath: string, fsRoot: string, content: Buffer, fsRelativePath = relativePath): PlantedFile {
  return { domain, relativePath, fsPath: `${fsRoot}/${fsRelativePath}`, content };
}

const smsDb = buildSmsDb({
  handles: [{ rowid: 1, id: '+41795550123', service: 'SMS' }],
  messages: [
    { rowid: 1, guid: 'G1', text: 'Your parcel is waiting: https://baramije.net/Qw3rTy', handleId: 1, service: 'SMS', date: 700_000_000n * NS, cacheHasAttachments: true },
    { rowid: 2, guid: 'G2', text: 'ok', handleId: 0, isFromMe: true, date: 700_000_100n * NS },
  ],
  attachments: [
    { rowid: 1, filename: '/var/tmp/com.apple.messages/XYZ-1', transferName: 'XYZ-1', mimeType: 'image/gif', totalBytes: 748, isOutgoing: false, createdDate: T },
    { rowid: 2, filename: '~/Library/SMS/Attachments/4f/07/A1B2/IMG_0001.jpeg', transferName: 'IMG_0001.jpeg', isOutgoing: false, createdDate: T + 100 },
  ],
  joins: [
    { messageId: 1, attachmentId: 1 },
    { messageId: 1, attachmentId: 2 },
  ],
});

const firefoxDb = buildFirefoxBrowserDb({
  history: [
    { id: 1, url: 'https://www.mozilla.org/', title: 'Mozilla' },
    { id: 2, url: 'https://backuprabbit.com/x', title: '' },
  ],
  visits: [
    { id: 1, siteId: 1, date: UNIX_T * 1e6, type: 2 },
    { id: 2, siteId: 2, date: (UNIX_T + 30) * 1e6 + 250, type: 1 },
  ],
  favicons: [{ id: 1, url: 'https://backuprabbit.com/favicon.ico', width: 16, height: 16, date: UNIX_T }],
  faviconSites: [{ id: 1, siteId: 2, faviconId: 1 }],
});

const safariHistoryDb = buildSafariHistoryDb({
  items: [
    { id: 1, url: 'http://yahoo.fr/' },
    { id: 2, url: 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz' },
    { id: 3, url: 'https://cnn.gr.com/orphan' },
  ],
  visits: [
    { id: 1, item: 1, time: T, title: null, redirectDestination: 2 },
    { id: 2, item: 2, time: T + 0.08, title: 'Loading', redirectSource: 1 },
  ],
});

const browserStateDb = buildBrowserStateDb({
  tabs: [
    {
      id: 1,
      uuid: 'A1000000-0000-4000-8000-000000000001',
      title: 'News',
      url: 'https://news.example/today',
      lastViewedTime: T,
      sessionData: sessionDataBlob([
        { url: 'https://news.example/start', title: 'Start' },
        { url: 'https://news.example/today', originalUrl: 'https://free247downloads.com/x', title: 'News' },
      ]),
    },
    { id: 2, uuid: 'A1000000-0000-4000-8000-000000000002', title: 'Article', url: 'https://cnn.gr.com/article/1', privateBrowsing: true, lastViewedTime: T + 60 },
  ],
});

const safariFaviconsDb = buildSafariFaviconsDb({
  pages: [{ url: 'http://yahoo.fr/', uuid: 'A1' }],
  icons: [
    { uuid: 'A1', url: 'https://free247downloads.com:30495/favicon.ico', timestamp: T + 0.08, width: 16, height: 16 },
    { uuid: 'D4', url: 'https://cdn.example/icon.png', timestamp: T + 30 },
  ],
  rejected: [{ pageUrl: 'https://baramije.net/Qw3rTy', iconUrl: 'https://baramije.net/favicon.ico', timestamp: T + 40 }],
});

const observationsDb = buildObservationsDb({
  domains: [
    { id: 1, domain: 'yahoo.fr', lastSeen: 1678307200, hadUserInteraction: true, mostRecentUserInteractionTime: 1678307200 },
    { id: 2, domain: 'free247downloads.com', lastSeen: 1678307205 },
  ],
  redirectsTo: [{ source: 1, to: 2 }],
  redirectsFrom: [{ target: 2, from: 1 }],
});

const resourceLog = buildSessionResourceLog([
  { domain: 'yahoo.fr', lastSeen: 1678307200, hadUserInteraction: true, mostRecentUserInteraction: 1678307100.25, redirectsTo: ['free247downloads.com'] },
  { domain: 'free247downloads.com', lastSeen: 1678307205, redirectsFrom: ['yahoo.fr'] },
]);

const HIDDEN = '987654321012345@lid';
const lidDb = buildLidDb([{ pk: 1, lid: '987654321012345', phoneNumber: '41795550199' }]);
const chatDb = buildChatStorageDb({
  sessions: [{ pk: 1, contactJid: HIDDEN, partnerName: null }],
  messages: [
    { pk: 1, chatSession: 1, fromJid: HIDDEN, text: 'Breaking: https://cnn.gr.com/article/2021/greece-news', date: T },
    { pk: 2, chatSession: 1, toJid: HIDDEN, isFromMe: true, text: 'thanks', date: T + 60 },
  ],
});
/** WhatsApp Business has the same LID filed but no pair for it: its LID stays unresolved. */
const businessChatDb = buildChatStorageDb({
  sessions: [{ pk: 1, contactJid: HIDDEN, partnerName: null }],
  messages: [{ pk: 1, chatSession: 1, fromJid: HIDDEN, text: 'hello', date: T + 120 }],
});

const interactionDb = buildInteractionCDb({
  variant: 'ios13',
  contacts: [
    { pk: 1, displayName: null, identifier: 'bergers.o79@gmail.com', incomingSenderCount: 2, creationDate: T, firstIncomingSenderDate: T },
    { pk: 2, displayName: 'Hidden', identifier: HIDDEN },
  ],
  interactions: [
    { pk: 1, sender: 1, bundleId: 'com.apple.MobileSMS', direction: 0, recipientCount: 1, startDate: T, endDate: T, recipients: [2] },
    { pk: 2, sender: 2, bundleId: 'net.whatsapp.WhatsApp', direction: 0, startDate: T + 120 },
  ],
});

const CASES: PathCase[] = [
  {
    name: 'the call history',
    extractor: callsExtractor,
    files: [
      planted(
        'HomeDomain',
        'Library/CallHistoryDB/CallHistory.storedata',
        HOME,
        buildCallHistoryDb([
          { pk: 1, address: '+41791234567', date: T, duration: 62.5, name: 'Alice', location: 'Switzerland', originated: true },
          { pk: 2, address: 'BERGERS.O79@GMAIL.COM', date: T + 60, callType: 16, serviceProvider: 'com.apple.FaceTime', answered: false },
        ]),
      ),
    ],
  },
  {
    name: 'the calendar',
    extractor: calendarExtractor,
    files: [
      planted(
        'HomeDomain',
        'Library/Calendar/Calendar.sqlitedb',
        HOME,
        buildCalendarDb({
          calendars: [{ rowid: 1, title: 'Home' }],
          items: [
            { rowid: 1, summary: 'Meeting', description: 'Notes', startDate: 650_000_000, endDate: 650_003_600, creationDate: T, calendarId: 1, organizerId: 1 },
            { rowid: 2, summary: 'Webinar', url: 'https://weather4free.com/event', startDate: T + 60 },
          ],
          participants: [{ rowid: 1, email: 'mailto:travislong544@yahoo.com', comment: '' }],
        }),
      ),
    ],
  },
  {
    name: 'the address book',
    extractor: contactsExtractor,
    files: [
      planted(
        'HomeDomain',
        'Library/AddressBook/AddressBook.sqlitedb',
        HOME,
        buildAddressBookDb({
          persons: [{ rowid: 1, first: 'Lisa', last: 'Bogaard', creationDate: 650_000_000, modificationDate: T }],
          values: [
            { uid: 1, recordId: 1, property: 4, label: '_$!<Home>!$_', value: 'bogaardlisa803@gmail.com' },
            { uid: 2, recordId: 99, property: 13, label: 'iMessage', value: 'mailto:travislong544@yahoo.com' },
          ],
        }),
      ),
    ],
  },
  {
    name: 'Chrome history in the app container',
    extractor: chromeHistoryExtractor,
    files: [
      planted(
        CHROME,
        'Library/Application Support/Google/Chrome/Default/History',
        CHROME_APP,
        buildChromeHistoryDb({
          urls: [
            { id: 1, url: 'http://news.example/', title: 'News' },
            { id: 2, url: 'https://cnn.gr.com/article/1', title: 'Breaking' },
            { id: 3, url: 'https://urlpush.net/x', lastVisitTime: chromeTime(UNIX_T - 86_400) },
          ],
          visits: [
            { id: 1, url: 1, time: chromeTime(UNIX_T), transition: 0x30000001 },
            { id: 2, url: 2, time: chromeTime(UNIX_T) + 200_000n, fromVisit: 1, transition: 0xa0000000 - 0x1_0000_0000 },
          ],
        }),
      ),
    ],
  },
  {
    name: 'Chrome favicons of a second profile',
    extractor: chromeFaviconExtractor,
    files: [
      planted(
        CHROME,
        'Library/Application Support/Google/Chrome/Profile 1/Favicons',
        CHROME_APP,
        buildChromeFaviconsDb({
          icons: [
            { id: 1, url: 'https://timeupdate.xyz/favicon.ico', iconType: 2 },
            { id: 2, url: 'https://cdn.example/unused.ico' },
          ],
          bitmaps: [{ id: 1, iconId: 1, lastUpdated: chromeTime(UNIX_T), lastRequested: chromeTime(UNIX_T + 10), width: 16 }],
          mappings: [{ id: 1, pageUrl: 'https://news.example/', iconId: 1 }],
        }),
      ),
    ],
  },
  {
    name: 'profile stubs in a UUID-named container and at the root of one named after its group',
    extractor: configurationProfilesExtractor,
    files: [
      planted(
        CONFIGURATION_PROFILES_DOMAIN,
        'Library/ConfigurationProfiles/profile-1f2e3d4c5b6a.stub',
        // On the device a system group container is named by a UUID.
        'private/var/containers/Shared/SystemGroup/0C2F3E4D-5A6B-4C7D-8E9F-A0B1C2D3E4F5',
        profileStubPlist({
          uuid: '76DAB334-7E17-475D-A5D6-0794EB5818A5',
          identifier: 'com.apple.updates.notifications',
          displayName: 'iOS Update Settings',
          organization: 'Apple Inc',
          payloadTypes: ['com.apple.notificationsettings'],
          installDate: new Date('2021-06-20T08:30:00Z'),
        }),
      ),
      planted(CONFIGURATION_PROFILES_DOMAIN, 'profile-rootlevel.stub', PROFILES_GROUP, profileStubPlist({ uuid: '11111111-2222-4333-8444-555555555555', identifier: 'org.example.empty' })),
    ],
  },
  {
    name: 'MCProfileEvents in the profiles container and in the home folder',
    extractor: profileEventsExtractor,
    files: [
      planted(
        CONFIGURATION_PROFILES_DOMAIN,
        'Library/ConfigurationProfiles/MCProfileEvents.plist',
        PROFILES_GROUP,
        mcProfileEventsPlist([
          { profileId: '76DAB334-7E17-475D-A5D6-0794EB5818A5', timestamp: new Date('2021-06-20T08:30:00Z'), operation: 'install', process: 'profiled', capitalised: true },
          { profileId: 'com.example.vpn', timestamp: new Date('2021-06-21T09:00:00Z'), operation: 'remove', process: '/private/var/tmp/hooker' },
        ]),
      ),
      planted(
        'HomeDomain',
        'Library/ConfigurationProfiles/MCProfileEvents.plist',
        HOME,
        mcProfileEventsPlist([{ profileId: 'org.example.mdm', timestamp: new Date('2020-01-02T03:04:05Z'), operation: 'install', process: 'dmd' }]),
      ),
    ],
  },
  {
    name: 'Firefox history in its app group',
    extractor: firefoxHistoryExtractor,
    files: [planted('AppDomainGroup-group.org.mozilla.ios.Firefox', 'profile.profile/browser.db', FIREFOX_GROUP, firefoxDb)],
    owner: {
      // Firefox records name no app; the app group's metadata plist must not add one.
      fields: ['backup_domain', 'location'],
      metadata: { [FIREFOX_GROUP]: 'group.org.mozilla.ios.Firefox' },
      owners: { [`${FIREFOX_GROUP}/profile.profile/browser.db`]: { backup_domain: null, location: `/${FIREFOX_GROUP}` } },
    },
  },
  {
    name: 'Firefox favicons in its app group',
    extractor: firefoxFaviconExtractor,
    files: [planted('AppDomainGroup-group.org.mozilla.ios.Firefox', 'profile.profile/browser.db', FIREFOX_GROUP, firefoxDb)],
    owner: {
      // Firefox records name no app; the app group's metadata plist must not add one.
      fields: ['backup_domain', 'location'],
      metadata: { [FIREFOX_GROUP]: 'group.org.mozilla.ios.Firefox' },
      owners: { [`${FIREFOX_GROUP}/profile.profile/browser.db`]: { backup_domain: null, location: `/${FIREFOX_GROUP}` } },
    },
  },
  {
    name: '.GlobalPreferences.plist',
    extractor: globalPreferencesExtractor,
    files: [planted('HomeDomain', 'Library/Preferences/.GlobalPreferences.plist', HOME, globalPreferencesPlist({ lockdownMode: true }))],
  },
  {
    name: 'both idstatuscache locations',
    extractor: idStatusCacheExtractor,
    files: [
      planted(
        'HomeDomain',
        'Library/Preferences/com.apple.identityservices.idstatuscache.plist',
        HOME,
        idStatusCachePlist([{ service: 'com.apple.madrid', uri: 'mailto:bergers.o79@gmail.com', idStatus: 1, lookupDate: T }], { version: 2 }),
      ),
      planted(
        'HomeDomain',
        'Library/IdentityServices/idstatuscache.plist',
        HOME,
        idStatusCachePlist([{ service: 'com.apple.private.alloy.facetime.multi', uri: 'mailto:friend@example.org\u0000\u0000x', idStatus: 1, lookupDate: T + 60 }]),
      ),
    ],
  },
  {
    name: 'interactionC, its WhatsApp LIDs resolved from the WhatsApp app group',
    extractor: interactionCExtractor,
    files: [
      planted('HomeDomain', 'Library/CoreDuet/People/interactionC.db', HOME, interactionDb),
      { ...planted(WA, 'LID.sqlite', WHATSAPP_GROUP, lidDb), lookup: true },
    ],
  },
  {
    name: "locationd's clients of root and of mobile",
    extractor: locationdClientsExtractor,
    files: [
      planted(
        'RootDomain',
        'Library/Caches/locationd/clients.plist',
        ROOT,
        locationdClientsPlist(
          [
            { key: 'com.apple.Maps', bundleId: 'com.apple.Maps', bundlePath: '/Applications/Maps.app', times: { LocationTimeStopped: T } },
            { key: 'com.apple.locationd.executable-/private/var/tmp/hooker', executable: '/private/var/tmp/hooker', registered: true },
          ],
          { extra: { Version: 3 } },
        ),
      ),
      planted('HomeDomain', 'Library/Caches/locationd/clients.plist', HOME, locationdClientsPlist([{ key: 'com.example.tracker', bundleId: 'com.apple.avcapture' }], { format: 'xml' })),
    ],
  },
  {
    name: 'the osanalytics daily baseline',
    extractor: osAnalyticsAdDailyExtractor,
    files: [
      planted(
        'HomeDomain',
        'Library/Preferences/com.apple.osanalytics.addaily.plist',
        HOME,
        osAnalyticsAdDailyPlist([
          { name: 'bh', date: new Date('2023-06-01T00:00:00Z'), wifiIn: 0, wifiOut: 0, wwanIn: 1234, wwanOut: 567 },
          { name: 'BackupAgent', date: new Date('2023-06-01T00:00:00Z'), wifiIn: 1, wifiOut: 2, wwanIn: 3, wwanOut: 4 },
        ]),
      ),
    ],
  },
  {
    name: 'Safari history in the home folder (iOS 12) and in a profile of the Safari container',
    extractor: safariHistoryExtractor,
    files: [
      planted('HomeDomain', 'Library/Safari/History.db', HOME, safariHistoryDb),
      planted(SAFARI, 'Library/Safari/Profiles/6B7C2D1E-0F3A-4B5C-8D9E-A1B2C3D4E5F6/History.db', SAFARI_APP, safariHistoryDb),
    ],
  },
  {
    name: 'Safari tabs in the Safari container and in a home-folder profile',
    extractor: safariBrowserStateExtractor,
    files: [
      planted(SAFARI, 'Library/Safari/BrowserState.db', SAFARI_APP, browserStateDb),
      planted('HomeDomain', 'Library/Safari/Profiles/P1/BrowserState.db', HOME, browserStateDb),
    ],
  },
  {
    name: 'Safari favicons in the home folder and the Safari container',
    extractor: safariFaviconExtractor,
    files: [
      planted('HomeDomain', 'Library/Image Cache/Favicons/Favicons.db', HOME, safariFaviconsDb),
      planted(SAFARI, 'Library/Image Cache/Favicons/Favicons.db', SAFARI_APP, safariFaviconsDb),
    ],
    owner: {
      fields: ['backup_domain', 'app_id', 'location'],
      metadata: { [SAFARI_APP]: 'com.apple.mobilesafari' },
      owners: {
        [`${HOME}/Library/Image Cache/Favicons/Favicons.db`]: IN_HOME,
        [`${SAFARI_APP}/Library/Image Cache/Favicons/Favicons.db`]: { backup_domain: null, app_id: 'com.apple.mobilesafari', location: `/${SAFARI_APP}` },
      },
    },
  },
  {
    name: 'Shortcuts',
    extractor: shortcutsExtractor,
    files: [
      planted(
        'HomeDomain',
        'Library/Shortcuts/Shortcuts.sqlite',
        HOME,
        buildShortcutsDb({
          shortcuts: [
            {
              pk: 1,
              name: 'Morning',
              description: 'Opens a page',
              created: T,
              modified: T + 60,
              actions: { pk: 1, data: [shortcutAction('is.workflow.actions.openurl', { WFInput: textTokenString('https://playestore.net/x') })] },
            },
          ],
        }),
      ),
    ],
  },
  { name: 'sms.db messages', extractor: smsExtractor, files: [planted('HomeDomain', 'Library/SMS/sms.db', HOME, smsDb)] },
  { name: 'sms.db attachments', extractor: smsAttachmentsExtractor, files: [planted('HomeDomain', 'Library/SMS/sms.db', HOME, smsDb)] },
  {
    name: 'TCC.db',
    extractor: tccExtractor,
    files: [
      planted(
        'HomeDomain',
        'Library/TCC/TCC.db',
        HOME,
        buildTccDb({
          access: [
            { service: 'kTCCServiceCamera', client: 'com.example.chat', authValue: 2, authReason: 2, lastModified: 1_626_256_800 },
            { service: 'kTCCServiceMicrophone', client: '/private/var/tmp/hooker', clientType: 1, authValue: 2, authReason: 4, lastModified: 1_626_256_860 },
          ],
        }),
      ),
    ],
  },
  {
    name: "observations.db of Safari and of another app's in-app browser",
    extractor: webkitResourceLoadStatisticsExtractor,
    files: [
      planted(SAFARI, 'Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db', SAFARI_APP, observationsDb),
      planted(CHROME, 'SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db', OTHER_APP, observationsDb),
    ],
    owner: {
      fields: ['backup_domain', 'app_id', 'location'],
      // The other app's container has lost its metadata plist: the dump names its folder, not its app.
      metadata: { [SAFARI_APP]: 'com.apple.mobilesafari' },
      owners: {
        [`${SAFARI_APP}/Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db`]: { backup_domain: null, app_id: 'com.apple.mobilesafari', location: `/${SAFARI_APP}` },
        [`${OTHER_APP}/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db`]: {
          backup_domain: null,
          app_id: null,
          location: `/${OTHER_APP}`,
        },
      },
    },
  },
  {
    name: 'the session resource log of Safari and of a web clip',
    extractor: webkitSessionResourceLogExtractor,
    files: [
      planted(SAFARI, 'Library/WebKit/WebsiteData/ResourceLoadStatistics/full_browsing_session_resourceLog.plist', SAFARI_APP, resourceLog),
      planted('HomeDomain', 'Library/WebClips/3F2A.webclip/Storage/full_browsing_session_resourceLog.plist', HOME, resourceLog),
    ],
    owner: {
      fields: ['backup_domain', 'app_id', 'location'],
      metadata: { [SAFARI_APP]: 'com.apple.mobilesafari' },
      owners: {
        [`${SAFARI_APP}/Library/WebKit/WebsiteData/ResourceLoadStatistics/full_browsing_session_resourceLog.plist`]: {
          backup_domain: null,
          app_id: 'com.apple.mobilesafari',
          location: `/${SAFARI_APP}`,
        },
        [`${HOME}/Library/WebClips/3F2A.webclip/Storage/full_browsing_session_resourceLog.plist`]: IN_HOME,
      },
    },
  },
  {
    name: 'WhatsApp and WhatsApp Business, each with its own LIDs',
    extractor: whatsappExtractor,
    files: [
      planted(WA, 'ChatStorage.sqlite', WHATSAPP_GROUP, chatDb),
      planted(WA, 'LID.sqlite', WHATSAPP_GROUP, lidDb),
      planted(WA_SMB, 'ChatStorage.sqlite', WHATSAPP_SMB_GROUP, businessChatDb),
    ],
  },
  {
    name: "WhatsApp's address book",
    extractor: whatsappContactsExtractor,
    files: [
      planted(
        WA,
        'ContactsV2.sqlite',
        WHATSAPP_GROUP,
        buildContactsV2Db([
          { pk: 1, whatsappId: '41791234567@s.whatsapp.net', lid: HIDDEN, fullName: 'Alice Example', aboutText: 'Latest news: https://cnn.gr.com/story', lastUpdated: T },
          { pk: 2, whatsappId: '41790000002@s.whatsapp.net', fullName: 'Bob', disappearingModeDuration: 3_600 },
        ]),
      ),
    ],
  },
];

/** What a record says, with the origin reduced to what must not depend on the acquisition's form. */
function comparable(record: ArtifactRecord) {
  return {
    artifact: record.artifact,
    times: record.times,
    fields: record.fields,
    origin: { path: record.origin.path, sha256: record.origin.sha256, locator: record.origin.locator },
  };
}

function byFile<T extends { origin: { path: string } }>(records: T[]): Record<string, T[]> {
  const grouped: Record<string, T[]> = {};
  for (const record of records) (grouped[record.origin.path] ??= []).push(record);
  return grouped;
}

async function extractBoth(pathCase: PathCase) {
  const backup = await extractFromBackup(
    { files: pathCase.files.map(({ domain, relativePath, content }) => ({ domain, relativePath, content })) },
    pathCase.extractor,
  );
  const metadata = Object.entries(pathCase.owner?.metadata ?? {}).map(([container, id]) => ({
    path: `${container}/${CONTAINER_METADATA_FILE}`,
    content: binaryPlist({ MCMMetadataIdentifier: id }),
  }));
  const planted = pathCase.files.map((file) => ({ path: file.fsPath, content: file.content }));
  const dump = await extractFromTree(fsDumpTree({ nodes: [...metadata, ...planted] }), 'ios-fs', pathCase.extractor);
  return { backup, dump };
}

describe('backup extractors on an iOS file-system dump', () => {
  for (const pathCase of CASES) {
    it(`${pathCase.extractor.id}: ${pathCase.name} give the backup's records`, async () => {
      const { backup, dump } = await extractBoth(pathCase);
      expect(backup.issues).toEqual([]);
      expect(dump.issues).toEqual([]);
      expect(backup.records.length).toBeGreaterThan(0);

      const fsPathOf = new Map(pathCase.files.map((file) => [`${file.domain}/${file.relativePath}`, file.fsPath]));
      const ownerFields = pathCase.owner?.fields ?? [];
      const withoutOwner = (record: ArtifactRecord) => {
        const seen = comparable(record);
        const fields = Object.fromEntries(Object.entries(seen.fields).filter(([field]) => !ownerFields.includes(field)));
        return { ...seen, fields };
      };
      const ownerOf = (record: ArtifactRecord) => Object.fromEntries(ownerFields.map((field) => [field, record.fields[field]]));
      const expected = backup.records.map((record) => {
        const seen = withoutOwner(record);
        return { ...seen, origin: { ...seen.origin, path: fsPathOf.get(record.origin.path) ?? '' } };
      });
      // Files may be read in another order (a dump's paths do not sort like a backup's); within a file the order is kept.
      expect(byFile(dump.records.map(withoutOwner))).toEqual(byFile(expected));
      if (pathCase.owner) {
        // A backup names the owner by its domain, and places the file there.
        for (const record of backup.records) {
          const domain = record.origin.path.slice(0, record.origin.path.indexOf('/'));
          const appId = ownerFields.includes('app_id') ? { app_id: appIdOf(domain) } : {};
          expect(ownerOf(record)).toEqual({ backup_domain: domain, location: domain, ...appId });
        }
        const owners = pathCase.owner.owners;
        expect(dump.records.map((record) => [record.origin.path, ownerOf(record)])).toEqual(dump.records.map((record) => [record.origin.path, owners[record.origin.path]]));
      }
      // Every planted file was read, so each device path is one the extractor declares.
      const recordSources = pathCase.files.filter((file) => !file.lookup).map((file) => file.fsPath);
      expect(new Set(dump.records.map((record) => record.origin.path))).toEqual(new Set(recordSources));
    });
  }

  it('resolves a WhatsApp LID in interactionC and in chats only from the WhatsApp app group that pairs it', async () => {
    const interaction = CASES.find((c) => c.extractor === interactionCExtractor);
    const whatsapp = CASES.find((c) => c.extractor === whatsappExtractor);
    if (!interaction || !whatsapp) throw new Error('cases missing');
    const { dump: interactions } = await extractBoth(interaction);
    expect(interactions.records.map((r) => [r.fields['interaction_pk'], r.fields['sender_whatsapp_phone']])).toEqual([
      [1, null],
      [2, '+41795550199'],
    ]);
    const { dump: chats } = await extractBoth(whatsapp);
    const messages = chats.records.filter((r) => r.fields['kind'] === 'message');
    expect(messages.map((r) => [r.origin.path, r.fields['message_pk'], r.fields['from_resolved_phone'] ?? r.fields['to_resolved_phone']])).toEqual([
      [`${WHATSAPP_GROUP}/ChatStorage.sqlite`, 1, '+41795550199'],
      [`${WHATSAPP_GROUP}/ChatStorage.sqlite`, 2, '+41795550199'],
      [`${WHATSAPP_SMB_GROUP}/ChatStorage.sqlite`, 1, null],
    ]);
  });

  it('names no backup domain or app for a dump path', () => {
    expect(backupDomainOf(`${SAFARI_APP}/Library/Image Cache/Favicons/Favicons.db`)).toBeNull();
    expect(backupDomainOf('private/var/mobile/Library/Safari/History.db')).toBeNull();
    expect(appIdOf(null)).toBeNull();
    // Backup domains of every shape are still recognised.
    expect(backupDomainOf('HomeDomain/Library/Safari/History.db')).toBe('HomeDomain');
    expect(backupDomainOf('SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles/profile-a')).toBe(CONFIGURATION_PROFILES_DOMAIN);
    expect(backupDomainOf('AppDomainPlugin-com.x.widget/Library/a.db')).toBe('AppDomainPlugin-com.x.widget');
  });
});

describe('file-system paths of the iOS extractors', () => {
  const converted = [...new Set(CASES.map((c) => c.extractor))];

  it('reads a dump with every extractor converted here, and declares its globs for each one it reads', () => {
    expect(converted).toHaveLength(25);
    for (const extractor of converted) {
      expect(extractor.acquisitions).toEqual(['ios-backup', 'ios-fs']);
      expect(EXTRACTORS).toContain(extractor);
    }
    for (const extractor of EXTRACTORS.filter((e) => e.acquisitions.includes('ios-fs'))) {
      expect(extractor.paths['ios-fs']?.length ?? 0, extractor.id).toBeGreaterThan(0);
    }
  });

  it('uses device paths, never backup domains, in its file-system globs', () => {
    for (const extractor of converted) {
      for (const glob of extractor.paths['ios-fs'] ?? []) {
        expect(glob, extractor.id).toMatch(/^private\/var\/(mobile|root|containers)\//);
        expect(glob, extractor.id).not.toMatch(/Domain/);
      }
    }
  });

  /** Files of the right format at places the artifact does not live. */
  const NEAR_MISSES: Array<{ extractor: Extractor; paths: string[]; content: Buffer }> = [
    {
      extractor: safariHistoryExtractor,
      paths: [
        `${OTHER_APP}/Library/Other/History.db`,
        `${HOME}/Library/Safari/Extra/History.db`,
        `${OTHER_APP}/Documents/Library/Safari/History.db`,
        `${HOME}/Library/Safari/History.db.bak`,
        `${HOME}/Library/Safari/Profiles/History.db`,
      ],
      content: safariHistoryDb,
    },
    { extractor: safariBrowserStateExtractor, paths: [`${OTHER_APP}/Library/BrowserState.db`, `${ROOT}/Library/Safari/BrowserState.db`], content: browserStateDb },
    { extractor: safariFaviconExtractor, paths: [`${HOME}/Library/Caches/Favicons/Favicons.db`, `${OTHER_APP}/Library/Image Cache/Favicons.db`], content: safariFaviconsDb },
    {
      extractor: chromeHistoryExtractor,
      paths: [`${CHROME_APP}/Library/Application Support/Google/Chrome/History`, `${CHROME_APP}/Library/Application Support/Chromium/Default/History`],
      content: buildChromeHistoryDb({ urls: [{ id: 1, url: 'https://a.example/' }], visits: [] }),
    },
    { extractor: smsExtractor, paths: [`${ROOT}/Library/SMS/sms.db`, `${OTHER_APP}/Library/SMS/sms.db`, `${HOME}/Library/SMS/sms.db-old`], content: smsDb },
    {
      extractor: whatsappExtractor,
      paths: [`${OTHER_APP}/ChatStorage.sqlite`, `${WHATSAPP_GROUP}/Backup/ChatStorage.sqlite`, `${HOME}/ChatStorage.sqlite`],
      content: chatDb,
    },
    { extractor: firefoxHistoryExtractor, paths: [`${OTHER_APP}/profile.profile/browser.db`, `${FIREFOX_GROUP}/browser.db`], content: firefoxDb },
    {
      extractor: configurationProfilesExtractor,
      paths: [
        'private/var/containers/Shared/SystemGroup/systemgroup.com.apple.other/profile-x.stub',
        `${HOME}/Library/profile-elsewhere.stub`,
        `${PROFILES_GROUP}/Library/ConfigurationProfiles/MCProfileEvents.plist`,
      ],
      content: profileStubPlist({ uuid: '11111111-2222-4333-8444-555555555555', identifier: 'org.example.empty' }),
    },
    {
      extractor: locationdClientsExtractor,
      paths: [`${HOME}/Library/Caches/locationd/clients.plist.old`, 'private/var/db/locationd/clients.plist'],
      content: locationdClientsPlist([{ key: 'com.apple.Maps', bundleId: 'com.apple.Maps' }]),
    },
    {
      extractor: webkitResourceLoadStatisticsExtractor,
      paths: [`${OTHER_APP}/Library/WebKit/observations.db`, `${OTHER_APP}/SystemData/com.apple.Other/Library/WebKit/WebsiteData/observations.db`],
      content: observationsDb,
    },
    {
      extractor: globalPreferencesExtractor,
      paths: [`${ROOT}/Library/Preferences/.GlobalPreferences.plist`, `${OTHER_APP}/Library/Preferences/.GlobalPreferences.plist`],
      content: binaryPlist({ LDMGlobalEnabled: true }),
    },
    { extractor: tccExtractor, paths: [`${ROOT}/Library/TCC/TCC.db`, `${OTHER_APP}/Library/TCC/TCC.db`], content: buildTccDb({}) },
  ];

  for (const { extractor, paths, content } of NEAR_MISSES) {
    it(`${extractor.id}: reads nothing from look-alike paths`, async () => {
      const tree = fsDumpTree({ nodes: paths.map((path) => ({ path, content })) });
      expect(await extractFromTree(tree, 'ios-fs', extractor)).toEqual({ records: [], issues: [] });
    });
  }

  it('does not count a container holding only its metadata plist as a browser artifact present', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'exhibit-fs-paths-'));
    const workDir = WorkingDir.create();
    const browsers = [safariFaviconExtractor, firefoxFaviconExtractor, firefoxHistoryExtractor, webkitResourceLoadStatisticsExtractor, webkitSessionResourceLogExtractor];
    try {
      const tree = fsDumpTree({
        nodes: [SAFARI_APP, OTHER_APP, FIREFOX_GROUP].map((container) => ({
          path: `${container}/${CONTAINER_METADATA_FILE}`,
          content: binaryPlist({ MCMMetadataIdentifier: 'com.example.app' }),
        })),
      });
      const source = await openFolderSource(writeTreeFolder(join(parent, 'dump'), tree), 'ios-fs', workDir);
      try {
        const statuses = [];
        for (const extractor of browsers) statuses.push([extractor.id, (await runExtractor(extractor, source, {}, () => undefined, undefined)).entry.status]);
        expect(statuses).toEqual(browsers.map((extractor) => [extractor.id, 'missing']));
      } finally {
        source.close();
      }
    } finally {
      workDir.remove();
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('leaves device paths to dumps and backup paths to backups', async () => {
    // A dump that happens to contain a folder named like a backup domain is still a dump.
    const tree = fsDumpTree({ nodes: [{ path: 'HomeDomain/Library/SMS/sms.db', content: smsDb }] });
    expect(await extractFromTree(tree, 'ios-fs', smsExtractor)).toEqual({ records: [], issues: [] });
    const sqlite = sqliteBytes((db) => db.exec('CREATE TABLE other (x)'));
    const backup = await extractFromBackup({ files: [{ domain: 'HomeDomain', relativePath: 'private/var/mobile/Library/SMS/sms.db', content: sqlite }] }, smsExtractor);
    expect(backup).toEqual({ records: [], issues: [] });
  });
});
