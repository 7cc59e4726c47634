import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { fileIdFor, type BackupFileSpec, type BackupSpec } from '../../../test/builders/ios-backup.js';
import { hashedOriginFiles, hashedOriginName, originFileBytes } from '../../../test/builders/ios/webkit-website-data.js';
import { decodeOriginFile, parseDatabaseIdentifier, webkitWebsiteDataExtractor } from './webkit-website-data.js';
import { manifestExtractor } from './manifest.js';
import { webkitWebsiteDataRules } from '../../detection/rules/webkit-website-data.js';
import { manifestRules } from '../../detection/rules/manifest.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import { binaryPlist } from '../../../test/builders/ios-backup.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import type { TreeNode } from '../../../test/builders/archives.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { CONTAINER_METADATA_FILE } from './app-containers.js';
import { filesystemExtractor } from './filesystem.js';
import type { ArtifactRecord } from '../types.js';

const SAFARI = 'AppDomain-com.apple.mobilesafari';
const READER = 'AppDomain-com.example.reader';
const DATA = 'Library/WebKit/WebsiteData';
const PROFILE = '6B7C2D1E-0F3A-4B5C-8D9E-A1B2C3D4E5F6';
const STORE = `Library/WebKit/WebsiteDataStore/${PROFILE}`;
const SALT = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const MODIFIED = new Date('2023-07-10T14:40:00Z');
const CREATED = new Date('2023-07-01T08:00:00Z');

function file(domain: string, relativePath: string, content: string | Buffer = 'data'): BackupFileSpec {
  return { domain, relativePath, content, times: { modified: MODIFIED, birth: CREATED } };
}

const CNN = { scheme: 'https', host: 'cnn.gr.com' };
const EXAMPLE = { scheme: 'https', host: 'example.com' };
const WEATHEAR = { scheme: 'https', host: 'weathear.live' };

const SPEC: BackupSpec = {
  files: [
    file(SAFARI, `${DATA}/LocalStorage/https_urlpush.net_0.localstorage`),
    file(SAFARI, `${DATA}/LocalStorage/https_urlpush.net_0.localstorage-wal`),
    file(SAFARI, `${DATA}/LocalStorage/https_notfree247downloads.com_0.localstorage`),
    file(SAFARI, `${DATA}/LocalStorage/StorageTracker.db`),
    file(SAFARI, `${DATA}/IndexedDB/v1/https_news.example_0/https_free247downloads.com_8443/5f1e/IndexedDB.sqlite3`),
    file(SAFARI, `${DATA}/IndexedDB/v1/https_news.example_0/0123abcd/IndexedDB.sqlite3`),
    file(SAFARI, `${DATA}/WebSQL/http_old.example_0/0000000000000001.db`),
    file(SAFARI, `${DATA}/WebSQL/Databases.db`),
    file(SAFARI, `${DATA}/MediaKeys/https_video.example_0/SecureStop.plist`),
    file(SAFARI, `${DATA}/ResourceLoadStatistics/observations.db`),
    file(SAFARI, `${DATA}/Default/salt`, SALT),
    ...hashedOriginFiles(SAFARI, `${DATA}/Default`, SALT, CNN, CNN, {
      'LocalStorage/localstorage.sqlite3': Buffer.from('db'),
      'IndexedDB/abcd/IndexedDB.sqlite3': Buffer.from('db'),
    }),
    file(SAFARI, `${STORE}/Origins/salt`, SALT),
    ...hashedOriginFiles(SAFARI, `${STORE}/Origins`, SALT, EXAMPLE, WEATHEAR, { 'CacheStorage/records/x': Buffer.from('c') }),
    file(SAFARI, `${STORE}/LocalStorage/https_example.com_0.localstorage`),
    file(READER, `SystemData/com.apple.SafariViewService/${DATA}/LocalStorage/https_reader.example_443.localstorage`),
    // Outside the WebKit stores: left to the manifest rule.
    file(READER, 'Library/Caches/WebKit/NetworkCache/https_urlpush.net_0/blob'),
  ],
};

const HASHED_CNN = `${DATA}/Default/${hashedOriginName(CNN, SALT)}/${hashedOriginName(CNN, SALT)}/origin`;
const HASHED_PROFILE = `${STORE}/Origins/${hashedOriginName(EXAMPLE, SALT)}/${hashedOriginName(WEATHEAR, SALT)}/origin`;

describe('webkit_website_data extractor', () => {
  it('names one origin per store entry, from folder names and from origin files', async () => {
    const { records, issues } = await extractFromBackup(SPEC, webkitWebsiteDataExtractor);
    expect(issues).toEqual([]);
    expect(
      records.map((r) => [
        r.fields['backup_domain'],
        r.fields['relative_path'],
        r.fields['store'],
        r.fields['store_kind'],
        r.fields['layout'],
        r.fields['url'],
        r.fields['top_url'],
        r.fields['third_party'],
        r.fields['data_kinds'],
      ]),
    ).toEqual([
      [SAFARI, HASHED_CNN, 'default', 'origin-folder', 'hashed', 'https://cnn.gr.com', 'https://cnn.gr.com', false, ['IndexedDB', 'LocalStorage']],
      [SAFARI, `${DATA}/IndexedDB/v1/https_news.example_0/0123abcd`, 'default', 'IndexedDB', 'named', 'https://news.example', 'https://news.example', false, ['IndexedDB']],
      [SAFARI, `${DATA}/IndexedDB/v1/https_news.example_0/https_free247downloads.com_8443`, 'default', 'IndexedDB', 'named', 'https://free247downloads.com:8443', 'https://news.example', true, ['IndexedDB']],
      [SAFARI, `${DATA}/LocalStorage/https_notfree247downloads.com_0.localstorage`, 'default', 'LocalStorage', 'named', 'https://notfree247downloads.com', 'https://notfree247downloads.com', false, ['LocalStorage']],
      [SAFARI, `${DATA}/LocalStorage/https_urlpush.net_0.localstorage`, 'default', 'LocalStorage', 'named', 'https://urlpush.net', 'https://urlpush.net', false, ['LocalStorage']],
      [SAFARI, `${DATA}/MediaKeys/https_video.example_0`, 'default', 'MediaKeys', 'named', 'https://video.example', 'https://video.example', false, ['MediaKeys']],
      [SAFARI, `${DATA}/WebSQL/http_old.example_0`, 'default', 'WebSQL', 'named', 'http://old.example', 'http://old.example', false, ['WebSQL']],
      [SAFARI, `${STORE}/LocalStorage/https_example.com_0.localstorage`, 'identified', 'LocalStorage', 'named', 'https://example.com', 'https://example.com', false, ['LocalStorage']],
      [SAFARI, HASHED_PROFILE, 'identified', 'origin-folder', 'hashed', 'https://weathear.live', 'https://example.com', true, ['CacheStorage']],
      [READER, `SystemData/com.apple.SafariViewService/${DATA}/LocalStorage/https_reader.example_443.localstorage`, 'safari-view-service', 'LocalStorage', 'named', 'https://reader.example:443', 'https://reader.example:443', false, ['LocalStorage']],
    ]);

    const urlpush = records[4];
    expect(urlpush?.artifact).toBe('webkit_website_data');
    expect(urlpush?.fields).toEqual({
      backup_domain: SAFARI,
      app_id: 'com.apple.mobilesafari',
      location: SAFARI,
      store: 'default',
      store_id: null,
      store_kind: 'LocalStorage',
      layout: 'named',
      url: 'https://urlpush.net',
      host: 'urlpush.net',
      top_url: 'https://urlpush.net',
      third_party: false,
      data_kinds: ['LocalStorage'],
      relative_path: `${DATA}/LocalStorage/https_urlpush.net_0.localstorage`,
    });
    expect(urlpush?.times).toEqual([
      { at: '2023-07-10T14:40:00.000000Z', meaning: 'website data modified' },
      { at: '2023-07-01T08:00:00.000000Z', meaning: 'website data created' },
    ]);
    expect(urlpush?.origin).toMatchObject({
      path: 'Manifest.db',
      stored: 'Manifest.db',
      locator: { kind: 'manifest', fileID: fileIdFor(SAFARI, `${DATA}/LocalStorage/https_urlpush.net_0.localstorage`) },
    });
    expect(urlpush?.origin.sha256).toMatch(/^[0-9a-f]{64}$/);

    const profile = records[8];
    expect(profile?.fields).toMatchObject({ store_id: PROFILE, host: 'weathear.live' });
    expect(profile?.origin).toMatchObject({ path: `${SAFARI}/${HASHED_PROFILE}`, locator: { kind: 'file' } });
    expect(profile?.origin.stored).toBe(`${fileIdFor(SAFARI, HASHED_PROFILE).slice(0, 2)}/${fileIdFor(SAFARI, HASHED_PROFILE)}`);
    // A folder's own times: directories carry the backup's default time here.
    expect(profile?.times).toEqual([
      { at: '2024-04-30T09:00:00.000000Z', meaning: 'website data modified' },
      { at: '2024-04-30T09:00:00.000000Z', meaning: 'website data created' },
    ]);
  });

  it('reports origin folders whose site cannot be named', async () => {
    const root = `${DATA}/Default`;
    const unnamed = { scheme: 'https', host: 'a.example' };
    const corrupt = { scheme: 'https', host: 'b.example' };
    const empty = { scheme: 'https', host: 'c.example' };
    const { records, issues } = await extractFromBackup(
      {
        files: [
          ...hashedOriginFiles(SAFARI, root, SALT, unnamed, unnamed, { 'LocalStorage/localstorage.sqlite3': Buffer.from('x') }, { omitOriginBlob: true }),
          ...hashedOriginFiles(SAFARI, root, SALT, corrupt, corrupt, {}, { originBytes: Buffer.from([5, 0, 0, 0, 1, 0x68]) }),
          file(SAFARI, `${root}/${hashedOriginName(empty, SALT)}/${hashedOriginName(empty, SALT)}/IndexedDB/x/IndexedDB.sqlite3`),
        ],
      },
      webkitWebsiteDataExtractor,
    );
    expect(records).toEqual([]);
    const folder = (o: { scheme: string; host: string }): string => `${SAFARI}/${root}/${hashedOriginName(o, SALT)}/${hashedOriginName(o, SALT)}`;
    expect(issues.map((i) => [i.code, i.path, i.message]).sort()).toEqual(
      [
        ['missing-file', `${folder(unnamed)}/origin`, `${folder(unnamed)}/origin is listed in the acquisition but its content is absent, so the site cannot be named`],
        ['corrupt', `${folder(corrupt)}/origin`, `${folder(corrupt)}/origin could not be read as a WebKit origin file: the origin file ends at byte 6, inside a value`],
        ['missing-file', folder(empty), `${folder(empty)} has no origin file, so the site it holds data for cannot be named`],
      ].sort(),
    );
  });

  it('parses database identifiers as WebKit does', () => {
    expect(parseDatabaseIdentifier('https_urlpush.net_0')).toEqual({ scheme: 'https', host: 'urlpush.net', port: null });
    expect(parseDatabaseIdentifier('http_intranet_host_8080')).toEqual({ scheme: 'http', host: 'intranet_host', port: 8080 });
    expect(parseDatabaseIdentifier('https_%5B%3A%3A1%5D_')).toEqual({ scheme: 'https', host: '[::1]', port: null });
    expect(parseDatabaseIdentifier('file__0')).toEqual({ scheme: 'file', host: '', port: null });
    for (const bad of ['Databases.db', 'https_only', 'https_x_99999', 'https_x_8a', '_x_0', 'https_%zz_0']) expect(parseDatabaseIdentifier(bad)).toBeNull();
  });

  it('decodes origin files, 8-bit and UTF-16, and refuses malformed ones', () => {
    expect(decodeOriginFile(originFileBytes(EXAMPLE, { scheme: 'https', host: 'weathear.live', port: 8443 }))).toEqual({
      top: { scheme: 'https', host: 'example.com', port: null },
      client: { scheme: 'https', host: 'weathear.live', port: 8443 },
    });
    expect(decodeOriginFile(originFileBytes(CNN, CNN, { utf16Host: true })).client).toEqual({ scheme: 'https', host: 'cnn.gr.com', port: null });
    const nullScheme = Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff]), originFileBytes(CNN, CNN).subarray(10)]);
    expect(() => decodeOriginFile(nullScheme)).toThrow('the top origin has no scheme');
    expect(() => decodeOriginFile(Buffer.from([5, 0, 0, 0, 7]))).toThrow('the top origin scheme has an invalid character-width flag 7');
    expect(() => decodeOriginFile(Buffer.from([0, 0, 1, 0]))).toThrow('the top origin scheme is 65536 characters long, more than an origin holds');
  });
});

describe('webkit_website_data rules', () => {
  let index: Awaited<ReturnType<typeof loadIndicatorSet>>;
  beforeAll(async () => {
    index = await loadIndicatorSet({});
  });

  it('flags the Pegasus, Predator and third-party origins, not the near-miss', async () => {
    const detector = new Detector(webkitWebsiteDataRules, index);
    const { records } = await extractFromBackup(SPEC, webkitWebsiteDataExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['relative_path'], f.severity, f.matched.field, f.matched.value, f.indicator?.value]),
    );
    expect(findings).toEqual([
      [HASHED_CNN, 'critical', 'url', 'https://cnn.gr.com', 'cnn.gr.com'],
      [`${DATA}/IndexedDB/v1/https_news.example_0/https_free247downloads.com_8443`, 'critical', 'url', 'https://free247downloads.com:8443', 'free247downloads.com'],
      [`${DATA}/LocalStorage/https_urlpush.net_0.localstorage`, 'critical', 'url', 'https://urlpush.net', 'urlpush.net'],
      [HASHED_PROFILE, 'critical', 'url', 'https://weathear.live', 'weathear.live'],
    ]);
    expect(detector.inspect(records[8]!)[0]?.explanation).toBe(
      `WebKit in ${SAFARI} (identified store) holds CacheStorage data of the site https://weathear.live, stored under the top-level site https://example.com; https://weathear.live matches the Predator indicator "weathear.live" (predator.stix2).`,
    );
  });

  it('leaves origins inside WebKit stores to these records and keeps the manifest rule elsewhere', async () => {
    const detector = new Detector(manifestRules, index);
    const { records } = await extractFromBackup(SPEC, manifestExtractor);
    const findings = records.flatMap((record) => detector.inspect(record).map((f) => [f.rule.id, record.fields['domain'], record.fields['relative_path']]));
    expect(findings).toEqual([
      ['ios.manifest.domain-mention', READER, 'Library/Caches/WebKit/NetworkCache/https_urlpush.net_0'],
      ['ios.manifest.domain-mention', READER, 'Library/Caches/WebKit/NetworkCache/https_urlpush.net_0/blob'],
    ]);
  });
});

describe('webkit_website_data in a file-system dump', () => {
  const SAFARI_CONTAINER = 'private/var/mobile/Containers/Data/Application/0D1C2B3A-4958-4677-8695-A4B3C2D1E0F9';
  const READER_CONTAINER = 'private/var/mobile/Containers/Data/Application/5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B';
  const CONTAINERS: Record<string, string> = { [SAFARI]: SAFARI_CONTAINER, [READER]: READER_CONTAINER };
  const metadata = (id: string): Buffer => binaryPlist({ MCMMetadataIdentifier: id, MCMMetadataContentClass: 2 });

  /** The backup's files at their device paths, in the containers the metadata names. */
  function dumpOf(spec: BackupSpec, extra: TreeNode[] = []) {
    return fsDumpTree({
      nodes: [
        { path: `${SAFARI_CONTAINER}/${CONTAINER_METADATA_FILE}`, content: metadata('com.apple.mobilesafari') },
        { path: `${READER_CONTAINER}/${CONTAINER_METADATA_FILE}`, content: metadata('com.example.reader') },
        ...(spec.files ?? []).map((f) => ({ path: `${CONTAINERS[f.domain] ?? f.domain}/${f.relativePath}`, content: f.content, modified: f.times?.modified ?? MODIFIED })),
        ...extra,
      ],
    });
  }

  /** What does not depend on where the store was read from. */
  const portable = (r: ArtifactRecord) => {
    const { backup_domain: _domain, location: _location, ...fields } = r.fields;
    return fields;
  };

  it('gives the records a backup gives, with the container as location and the listing as evidence', async () => {
    const fromBackup = await extractFromBackup(SPEC, webkitWebsiteDataExtractor);
    const { records, issues } = await extractFromTree(dumpOf(SPEC), 'ios-fs', webkitWebsiteDataExtractor);
    expect(issues).toEqual([]);
    expect(records.map(portable)).toEqual(fromBackup.records.map(portable));
    expect(records.map((r) => [r.fields['backup_domain'], r.fields['location'], r.fields['app_id']])).toEqual(
      fromBackup.records.map((r) => [null, `/${CONTAINERS[String(r.fields['backup_domain'])]}`, r.fields['app_id']]),
    );

    const urlpush = records[4]!;
    const urlpushPath = `${SAFARI_CONTAINER}/${DATA}/LocalStorage/https_urlpush.net_0.localstorage`;
    expect(urlpush.fields['url']).toBe('https://urlpush.net');
    // A folder dump keeps modification times only.
    expect(urlpush.times).toEqual([{ at: '2023-07-10T14:40:00.000000Z', meaning: 'website data modified' }]);
    expect(urlpush.origin.path).toBe(urlpushPath);
    expect(urlpush.origin.stored).toBe(urlpushPath);
    expect(urlpush.origin.locator).toEqual({ kind: 'listing' });
    expect(urlpush.origin.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(records[8]?.origin).toMatchObject({ path: `${SAFARI_CONTAINER}/${HASHED_PROFILE}`, stored: `${SAFARI_CONTAINER}/${HASHED_PROFILE}`, locator: { kind: 'file' } });
  });

  it('digests a listed entry the way the file-system walk does', async () => {
    const tree = dumpOf(SPEC);
    const { records } = await extractFromTree(tree, 'ios-fs', webkitWebsiteDataExtractor);
    const walk = await extractFromTree(tree, 'ios-fs', filesystemExtractor);
    const path = `${SAFARI_CONTAINER}/${DATA}/LocalStorage/https_urlpush.net_0.localstorage`;
    expect(records[4]?.origin.sha256).toBe(walk.records.find((r) => r.origin.path === path)?.origin.sha256);
  });

  it('reads Safari stores outside containers and plug-in containers, and nothing elsewhere', async () => {
    const plugin = 'private/var/mobile/Containers/Data/PluginKitPlugin/ABCDEF01-2345-4678-9ABC-DEF012345678';
    const { records } = await extractFromTree(
      dumpOf({ files: [] }, [
        { path: `private/var/mobile/${DATA}/LocalStorage/https_home.example_0.localstorage`, content: 'x' },
        { path: `${plugin}/${CONTAINER_METADATA_FILE}`, content: metadata('com.example.reader.share') },
        { path: `${plugin}/${DATA}/LocalStorage/https_plugin.example_0.localstorage`, content: 'x' },
        // Near misses: a WebKit cache, not website data, and a store outside any known home.
        { path: `${READER_CONTAINER}/Library/Caches/WebKit/NetworkCache/https_urlpush.net_0/blob`, content: 'x' },
        { path: `private/var/root/${DATA}/LocalStorage/https_root.example_0.localstorage`, content: 'x' },
      ]),
      'ios-fs',
      webkitWebsiteDataExtractor,
    );
    expect(records.map((r) => [r.fields['location'], r.fields['app_id'], r.fields['url'], r.fields['relative_path']])).toEqual([
      [`/${plugin}`, 'com.example.reader.share', 'https://plugin.example', `${DATA}/LocalStorage/https_plugin.example_0.localstorage`],
      ['/private/var/mobile', null, 'https://home.example', `${DATA}/LocalStorage/https_home.example_0.localstorage`],
    ]);
  });

  it('raises the same findings as in the backup, naming the container', async () => {
    const index = await loadIndicatorSet({});
    const detector = new Detector(webkitWebsiteDataRules, index);
    const { records } = await extractFromTree(dumpOf(SPEC), 'ios-fs', webkitWebsiteDataExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['relative_path'], f.severity, f.matched.field, f.matched.value, f.indicator?.value]),
    );
    expect(findings).toEqual([
      [HASHED_CNN, 'critical', 'url', 'https://cnn.gr.com', 'cnn.gr.com'],
      [`${DATA}/IndexedDB/v1/https_news.example_0/https_free247downloads.com_8443`, 'critical', 'url', 'https://free247downloads.com:8443', 'free247downloads.com'],
      [`${DATA}/LocalStorage/https_urlpush.net_0.localstorage`, 'critical', 'url', 'https://urlpush.net', 'urlpush.net'],
      [HASHED_PROFILE, 'critical', 'url', 'https://weathear.live', 'weathear.live'],
    ]);
    expect(detector.inspect(records[4]!)[0]?.explanation).toBe(
      `WebKit in /${SAFARI_CONTAINER} (default store) holds LocalStorage data of the site https://urlpush.net, stored under the top-level site https://urlpush.net; https://urlpush.net matches the Pegasus indicator "urlpush.net" (pegasus.stix2).`,
    );
  });
});
