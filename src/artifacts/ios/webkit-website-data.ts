/**
 * The web origins that WebKit stored data for (local storage, IndexedDB, WebSQL, media
 * keys, and the per-origin folders of newer WebKit), in every app container, Safari's
 * included, and in the identified data stores of Safari profiles and other apps.
 *
 * MVT reads the named folders only from file-system dumps; in a backup it sees them only
 * as Manifest.db file names, and it cannot read the newer hashed layout at all, where a
 * folder is named by a salted hash and the origin is written in an `origin` file inside.
 * This extractor names the app, the data store, the kind of data, the top-level site
 * under which a third-party frame stored it, and the folder's times.
 *
 * Layouts, as WebKit's sources define them (WebsiteDataStoreCocoa.mm,
 * NetworkStorageManager.cpp, IDBStorageManager.cpp, LocalStorageManager.cpp,
 * StorageUtilities.cpp, WebCorePersistentCoders.cpp):
 * - store roots: `Library/WebKit/WebsiteData/` (an app's default store),
 *   `SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/` (in-app Safari
 *   views), `Library/WebKit/WebsiteDataStore/<UUID>/` (a store created with an identifier);
 * - named layout: `LocalStorage/<id>.localstorage`, `IndexedDB/[v0|v1/]<top id>/<origin id>/…`,
 *   `WebSQL/<id>/…`, `MediaKeys/<id>/…`, where `<id>` is `<scheme>_<host>_<port, 0 = default>`;
 * - hashed layout: `Default/` (default store) or `Origins/` (identified store), then
 *   `<hash of top origin>/<hash of origin>/origin` plus one folder per kind of data.
 *
 * In a file-system dump the same stores sit in the data containers
 * (`private/var/mobile/Containers/Data/Application/<UUID>/…`, plug-in and app-group
 * containers alike) and, for what a backup calls HomeDomain, under `private/var/mobile/`.
 * A container's app comes from its container-manager metadata, and the folder names are
 * evidence by themselves, as Manifest.db rows are in a backup.
 */
import type { AcquisitionKind, Source, SourceEntry } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, Origin, RecordFields } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { describeError } from '../../errors.js';
import { appIdOf } from './webkit-resource-load-statistics.js';
import { appContainerOf } from './app-containers.js';
import { listingEntryDigest } from './filesystem.js';

export const WEBKIT_WEBSITE_DATA_ARTIFACT = 'webkit_website_data';
export const WEBKIT_WEBSITE_DATA_PATHS = [
  '*/Library/WebKit/WebsiteData/**',
  '*/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/**',
  '*/Library/WebKit/WebsiteDataStore/**',
] as const;

/** Where a dump keeps what a backup files under `AppDomain-*`, `AppDomainPlugin-*` and `AppDomainGroup-*`. */
const DUMP_CONTAINERS = [
  'private/var/mobile/Containers/Data/Application/*',
  'private/var/mobile/Containers/Data/PluginKitPlugin/*',
  'private/var/mobile/Containers/Shared/AppGroup/*',
] as const;

export const WEBKIT_WEBSITE_DATA_FS_PATHS: readonly string[] = [
  ...DUMP_CONTAINERS.flatMap((container) => WEBKIT_WEBSITE_DATA_PATHS.map((store) => `${container}${store.slice(1)}`)),
  // HomeDomain's equivalent: the stores of WebKit clients that have no container.
  ...WEBKIT_WEBSITE_DATA_PATHS.map((store) => `private/var/mobile${store.slice(1)}`),
];

const PATHS_BY_KIND: Partial<Record<AcquisitionKind, readonly string[]>> = {
  'ios-backup': WEBKIT_WEBSITE_DATA_PATHS,
  'ios-fs': WEBKIT_WEBSITE_DATA_FS_PATHS,
};

/**
 * What the run declares as read: the store folders, and Manifest.db, whose listing names the
 * origins even when the files themselves are absent from a partial backup. Declaring it
 * keeps the extractor running then, so the origins the manifest rule leaves to it are
 * never lost.
 */
const DECLARED_PATHS = ['Manifest.db', ...WEBKIT_WEBSITE_DATA_PATHS] as const;

/** An `origin` file holds two short origins; anything much larger is not one. */
const MAX_ORIGIN_FILE = 64 * 1024;
const MAX_ORIGIN_STRING = 4096;

export interface WebOriginParts {
  scheme: string;
  host: string;
  port: number | null;
}

export function originUrl(origin: WebOriginParts): string {
  return `${origin.scheme}://${origin.host}${origin.port === null ? '' : `:${origin.port}`}`;
}

/**
 * SecurityOriginData::fromDatabaseIdentifier: the scheme up to the first '_', the port
 * after the last '_' (0 or empty = default), the host in between (hosts may contain '_';
 * WebKit percent-encodes characters that cannot be in a file name).
 */
export function parseDatabaseIdentifier(identifier: string): WebOriginParts | null {
  const first = identifier.indexOf('_');
  const last = identifier.lastIndexOf('_');
  if (first <= 0 || first === last) return null;
  const scheme = identifier.slice(0, first).toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) return null;
  const portText = identifier.slice(last + 1);
  if (!/^\d{0,5}$/.test(portText)) return null;
  const port = portText === '' ? 0 : Number(portText);
  if (port > 65_535) return null;
  let host: string;
  try {
    host = decodeURIComponent(identifier.slice(first + 1, last));
  } catch {
    return null;
  }
  return { scheme, host, port: port === 0 ? null : port };
}

/** Reads the WTF::Persistence encoding of a ClientOrigin; throws on anything else. */
export function decodeOriginFile(bytes: Buffer): { top: WebOriginParts; client: WebOriginParts } {
  let offset = 0;
  const need = (count: number): void => {
    if (offset + count > bytes.length) throw new Error(`the origin file ends at byte ${bytes.length}, inside a value`);
  };
  const readString = (what: string): string | null => {
    need(4);
    const length = bytes.readUInt32LE(offset);
    offset += 4;
    if (length === 0xffffffff) return null;
    if (length > MAX_ORIGIN_STRING) throw new Error(`the ${what} is ${length} characters long, more than an origin holds`);
    need(1);
    const flag = bytes.readUInt8(offset);
    offset += 1;
    if (flag > 1) throw new Error(`the ${what} has an invalid character-width flag ${flag}`);
    const size = flag === 1 ? length : length * 2;
    need(size);
    const text = bytes.toString(flag === 1 ? 'latin1' : 'utf16le', offset, offset + size);
    offset += size;
    return text;
  };
  const readOrigin = (which: string): WebOriginParts => {
    const scheme = readString(`${which} scheme`);
    const host = readString(`${which} host`);
    need(1);
    const hasPort = bytes.readUInt8(offset);
    offset += 1;
    if (hasPort > 1) throw new Error(`the ${which} port has an invalid presence flag ${hasPort}`);
    let port: number | null = null;
    if (hasPort === 1) {
      need(2);
      port = bytes.readUInt16LE(offset);
      offset += 2;
    }
    if (scheme === null || scheme === '') throw new Error(`the ${which} has no scheme`);
    return { scheme: scheme.toLowerCase(), host: host ?? '', port };
  };
  const top = readOrigin('top origin');
  const client = readOrigin('origin');
  return { top, client };
}

interface StoreRoot {
  /** The backup domain (a backup), or the container or home folder holding the store (a dump). */
  home: string;
  store: 'default' | 'safari-view-service' | 'identified';
  storeId: string | null;
  /** Path of the store root inside the Source's tree, ending with '/'. */
  rootPath: string;
  /** Segments below the root. */
  rest: string[];
}

const STORES: ReadonlyArray<{ below: string; store: StoreRoot['store'] }> = [
  { below: 'SystemData/com\\.apple\\.SafariViewService/Library/WebKit/WebsiteData/', store: 'safari-view-service' },
  { below: 'Library/WebKit/WebsiteDataStore/[^/]+/', store: 'identified' },
  { below: 'Library/WebKit/WebsiteData/', store: 'default' },
];

/** What holds a store: a backup domain, or a dump's container or home folder. */
const HOMES: Partial<Record<AcquisitionKind, string>> = {
  'ios-backup': '[^/]+',
  'ios-fs': 'private/var/mobile/Containers/(?:Data/Application|Data/PluginKitPlugin|Shared/AppGroup)/[^/]+|private/var/mobile',
};

function rootPatterns(kind: AcquisitionKind): ReadonlyArray<{ pattern: RegExp; store: StoreRoot['store'] }> {
  const home = HOMES[kind];
  if (home === undefined) return [];
  return STORES.map(({ below, store }) => ({ pattern: new RegExp(`^(${home})/(${below})(.+)$`), store }));
}

function storeRootOf(path: string, roots: ReadonlyArray<{ pattern: RegExp; store: StoreRoot['store'] }>): StoreRoot | null {
  for (const { pattern, store } of roots) {
    const match = pattern.exec(path);
    if (!match) continue;
    const [, home = '', root = '', rest = ''] = match;
    const storeId = store === 'identified' ? (/WebsiteDataStore\/([^/]+)\/$/.exec(root)?.[1] ?? null) : null;
    return { home, store, storeId, rootPath: `${home}/${root}`, rest: rest.split('/') };
  }
  return null;
}

const NAMED_KINDS = new Set(['LocalStorage', 'IndexedDB', 'WebSQL', 'MediaKeys']);

/** An origin named by the path of one entry, before de-duplication. */
interface NamedCandidate {
  kind: string;
  top: WebOriginParts;
  client: WebOriginParts;
  /** A top-level IndexedDB folder alone: only used when no folder inside it names an origin. */
  weak: boolean;
}

function namedCandidate(rest: string[], entry: SourceEntry): NamedCandidate | null {
  const [kind, second, third, fourth] = rest;
  if (kind === undefined || !NAMED_KINDS.has(kind) || second === undefined) return null;
  if (kind === 'LocalStorage') {
    if (rest.length !== 2 || entry.type !== 'file' || !second.endsWith('.localstorage')) return null;
    const origin = parseDatabaseIdentifier(second.slice(0, -'.localstorage'.length));
    return origin ? { kind, top: origin, client: origin, weak: false } : null;
  }
  if (kind === 'IndexedDB' && (second === 'v0' || second === 'v1')) {
    if (third === undefined) return null;
    const top = parseDatabaseIdentifier(third);
    if (!top) return null;
    // Below the top origin: a third-party origin's folder, or the top origin's own databases.
    if (fourth === undefined) return { kind, top, client: top, weak: true };
    return { kind, top, client: parseDatabaseIdentifier(fourth) ?? top, weak: false };
  }
  // WebSQL, MediaKeys and the IndexedDB layout from before version folders: `<kind>/<id>/…`.
  const origin = parseDatabaseIdentifier(second);
  return origin ? { kind, top: origin, client: origin, weak: false } : null;
}

function identity(root: StoreRoot, kind: string, top: WebOriginParts, client: WebOriginParts): string {
  return [root.rootPath, kind, originUrl(top), originUrl(client)].join('\u0000');
}

function entryTimes(entry: SourceEntry | undefined): Array<{ at: string | undefined; meaning: string }> {
  return [
    { at: entry?.times.modified, meaning: 'website data modified' },
    { at: entry?.times.birth, meaning: 'website data created' },
  ];
}

/** Who owns a store: the same three fields whether it came from a backup or a dump. */
interface StoreOwner {
  /** The backup domain; null in a dump, which has none. */
  backupDomain: string | null;
  appId: string | null;
  /** The backup domain in a backup, the device path of the container or home folder in a dump. */
  location: string;
}

async function ownerOf(source: Source, home: string, context: ExtractContext): Promise<StoreOwner> {
  if (source.kind !== 'ios-fs') return { backupDomain: home, appId: appIdOf(home), location: home };
  const container = await appContainerOf(source, home, context);
  return { backupDomain: null, appId: container?.appId ?? null, location: `/${home}` };
}

function baseFields(root: StoreRoot, owner: StoreOwner, storeKind: string, layout: 'named' | 'hashed', top: WebOriginParts, client: WebOriginParts): RecordFields {
  const url = originUrl(client);
  const topUrl = originUrl(top);
  return {
    backup_domain: owner.backupDomain,
    app_id: owner.appId,
    location: owner.location,
    store: root.store,
    store_id: root.storeId,
    store_kind: storeKind,
    layout,
    url,
    host: client.host,
    top_url: topUrl,
    third_party: url !== topUrl,
  };
}

interface HashedFolder {
  root: StoreRoot;
  /** `<root>/<Default|Origins>/<h1>/<h2>` */
  folder: string;
  originFile: SourceEntry | undefined;
  dataKinds: Set<string>;
}

export async function* readWebkitWebsiteData(source: Source, context: ExtractContext): AsyncGenerator<ArtifactRecord> {
  const manifestSha = source.digests().find((digest) => digest.stored === 'Manifest.db')?.sha256 ?? '';
  // The name of a store entry is the evidence: a Manifest.db row in a backup, the entry as listed in a dump.
  const listingOrigin = (entry: SourceEntry): Origin =>
    source.kind === 'ios-fs'
      ? { path: entry.path, stored: entry.path, sha256: listingEntryDigest(entry), locator: { kind: 'listing' } }
      : {
          path: 'Manifest.db',
          stored: 'Manifest.db',
          sha256: manifestSha,
          locator: entry.backup ? { kind: 'manifest', fileID: entry.backup.fileID } : { kind: 'file' },
        };
  const roots = rootPatterns(source.kind);

  const named = new Map<string, { root: StoreRoot; candidate: NamedCandidate; entry: SourceEntry }>();
  const hashed = new Map<string, HashedFolder>();
  const seen = new Set<string>();
  for (const pattern of PATHS_BY_KIND[source.kind] ?? []) {
    for (const entry of source.find(pattern)) {
      if (seen.has(entry.path)) continue;
      seen.add(entry.path);
      const root = storeRootOf(entry.path, roots);
      if (!root) continue;
      const [head, h1, h2, leaf] = root.rest;
      const generalStorage = root.store === 'identified' ? 'Origins' : 'Default';
      if (head === generalStorage) {
        if (h1 === undefined || h2 === undefined) continue;
        const folder = `${root.rootPath}${generalStorage}/${h1}/${h2}`;
        const known = hashed.get(folder) ?? { root, folder, originFile: undefined, dataKinds: new Set<string>() };
        hashed.set(folder, known);
        if (leaf === 'origin' && root.rest.length === 4 && entry.type === 'file') known.originFile = entry;
        else if (leaf !== undefined && leaf !== 'origin' && !leaf.startsWith('.')) known.dataKinds.add(leaf);
        continue;
      }
      const candidate = namedCandidate(root.rest, entry);
      if (!candidate) continue;
      const key = identity(root, candidate.kind, candidate.top, candidate.client);
      const existing = named.get(key);
      // The first (shallowest) entry naming the origin is its evidence; a weak guess yields to a firm one.
      if (!existing || (existing.candidate.weak && !candidate.weak)) named.set(key, { root, candidate, entry });
    }
  }

  const owners = new Map<string, StoreOwner>();
  for (const root of [...named.values(), ...hashed.values()].map((item) => item.root)) {
    if (!owners.has(root.home)) owners.set(root.home, await ownerOf(source, root.home, context));
  }
  const owner = (root: StoreRoot): StoreOwner => owners.get(root.home) ?? { backupDomain: null, appId: null, location: root.home };

  const records: ArtifactRecord[] = [];
  const topKey = (root: StoreRoot, candidate: NamedCandidate): string => [root.rootPath, candidate.kind, originUrl(candidate.top)].join('\u0000');
  // WebKit names origins by the folders inside a top-level IndexedDB folder; the folder alone
  // is only evidence of its own origin when nothing inside it names one.
  const firmTops = new Set([...named.values()].filter((n) => !n.candidate.weak).map((n) => topKey(n.root, n.candidate)));
  for (const { root, candidate, entry } of named.values()) {
    if (candidate.weak && firmTops.has(topKey(root, candidate))) continue;
    const fields = {
      ...baseFields(root, owner(root), candidate.kind, 'named', candidate.top, candidate.client),
      data_kinds: [candidate.kind],
      relative_path: entry.path.slice(root.home.length + 1),
    };
    records.push(makeRecord(WEBKIT_WEBSITE_DATA_ARTIFACT, fields, listingOrigin(entry), entryTimes(entry)));
  }

  for (const folder of [...hashed.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0))) {
    const file = folder.originFile;
    const where = `${folder.folder}/origin`;
    if (!file) {
      context.issue({ code: 'missing-file', path: folder.folder, message: `${folder.folder} has no origin file, so the site it holds data for cannot be named` });
      continue;
    }
    if (!source.hasContent(file.path)) {
      context.issue({ code: 'missing-file', path: where, message: `${where} is listed in the acquisition but its content is absent, so the site cannot be named` });
      continue;
    }
    let decoded: ReturnType<typeof decodeOriginFile>;
    let digest;
    try {
      const read = await source.readFile(file.path, { maxBytes: MAX_ORIGIN_FILE });
      digest = read.digest;
      decoded = decodeOriginFile(read.bytes);
    } catch (error) {
      context.issue({ code: 'corrupt', path: where, message: `${where} could not be read as a WebKit origin file: ${describeError(error)}` });
      continue;
    }
    const fields = {
      ...baseFields(folder.root, owner(folder.root), 'origin-folder', 'hashed', decoded.top, decoded.client),
      data_kinds: [...folder.dataKinds].sort(),
      relative_path: file.path.slice(folder.root.home.length + 1),
    };
    records.push(makeRecord(WEBKIT_WEBSITE_DATA_ARTIFACT, fields, originOf(digest, { kind: 'file' }), entryTimes(source.stat(folder.folder) ?? file)));
  }

  records.sort((a, b) => {
    const left = `${String(a.fields['location'])}/${String(a.fields['relative_path'])}`;
    const right = `${String(b.fields['location'])}/${String(b.fields['relative_path'])}`;
    return left < right ? -1 : left > right ? 1 : 0;
  });
  yield* records;
}

export const webkitWebsiteDataExtractor: Extractor = {
  id: WEBKIT_WEBSITE_DATA_ARTIFACT,
  title: 'Sites with WebKit website data (local storage, IndexedDB, per-origin folders) per app',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: { 'ios-backup': DECLARED_PATHS, 'ios-fs': WEBKIT_WEBSITE_DATA_FS_PATHS },
  extract: (source, context) => readWebkitWebsiteData(source, context),
};
