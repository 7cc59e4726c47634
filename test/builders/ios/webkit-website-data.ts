/**
 * Writes the file layouts of WebKit's website data stores in an app container, as WebKit's
 * own sources define them (WebsiteDataStoreCocoa.mm, NetworkStorageManager.cpp,
 * StorageUtilities.cpp, WebCorePersistentCoders.cpp, SecurityOriginData.cpp):
 *
 * - named layout: per-kind folders under `Library/WebKit/WebsiteData/` whose entries are
 *   named by an origin's database identifier `<scheme>_<host>_<port>` (port 0 = default):
 *   `LocalStorage/<id>.localstorage`, `IndexedDB/v1/<top id>/<origin id>/<db hash>/…`,
 *   `WebSQL/<id>/…`, `MediaKeys/<id>/…`;
 * - hashed layout: `WebsiteData/Default/<h(top)>/<h(origin)>/origin` (default store) or
 *   `WebsiteDataStore/<UUID>/Origins/<h(top)>/<h(origin)>/origin` (a store created with an
 *   identifier), where h is base64url(SHA-256(origin string ‖ salt)) and the `origin` file
 *   is a WTF::Persistence encoding of the (top origin, origin) pair.
 */
import { createHash } from 'node:crypto';
import type { BackupFileSpec } from '../ios-backup.js';

export interface WebOrigin {
  scheme: string;
  host: string;
  /** Null for the scheme's default port. */
  port?: number | null;
}

export function originString(origin: WebOrigin): string {
  return `${origin.scheme}://${origin.host}${origin.port ? `:${origin.port}` : ''}`;
}

/** SecurityOriginData::databaseIdentifier: `<scheme>_<host>_<port or 0>`. */
export function databaseIdentifier(origin: WebOrigin): string {
  return `${origin.scheme}_${origin.host}_${origin.port ?? 0}`;
}

/** The folder name of an origin in the hashed layout. */
export function hashedOriginName(origin: WebOrigin, salt: Buffer): string {
  return createHash('sha256').update(originString(origin), 'utf8').update(salt).digest('base64url');
}

function persistentString(text: string | null, utf16 = false): Buffer {
  if (text === null) {
    const nullString = Buffer.alloc(4);
    nullString.writeUInt32LE(0xffffffff);
    return nullString;
  }
  const head = Buffer.alloc(5);
  head.writeUInt32LE(text.length, 0);
  head.writeUInt8(utf16 ? 0 : 1, 4);
  return Buffer.concat([head, Buffer.from(text, utf16 ? 'utf16le' : 'latin1')]);
}

function persistentOrigin(origin: WebOrigin, utf16: boolean): Buffer {
  const port = origin.port ? Buffer.from([1, origin.port & 0xff, origin.port >> 8]) : Buffer.from([0]);
  return Buffer.concat([persistentString(origin.scheme), persistentString(origin.host, utf16), port]);
}

/**
 * The `origin` file: ClientOrigin { topOrigin, clientOrigin }, each SecurityOriginData
 * { protocol: String, host: String, port: optional<uint16> }; a String is a uint32 length,
 * an is-8-bit flag and the characters (Latin-1, or UTF-16 when the flag is 0).
 */
export function originFileBytes(top: WebOrigin, client: WebOrigin, options: { utf16Host?: boolean } = {}): Buffer {
  return Buffer.concat([persistentOrigin(top, options.utf16Host ?? false), persistentOrigin(client, options.utf16Host ?? false)]);
}

/** The files of one origin in the hashed layout, under `root` (e.g. `Library/WebKit/WebsiteData/Default`). */
export function hashedOriginFiles(
  domain: string,
  root: string,
  salt: Buffer,
  top: WebOrigin,
  client: WebOrigin,
  kinds: Record<string, Buffer>,
  options: { omitOriginBlob?: boolean; originBytes?: Buffer; times?: BackupFileSpec['times'] } = {},
): BackupFileSpec[] {
  const folder = `${root}/${hashedOriginName(top, salt)}/${hashedOriginName(client, salt)}`;
  const files: BackupFileSpec[] = [
    {
      domain,
      relativePath: `${folder}/origin`,
      content: options.originBytes ?? originFileBytes(top, client),
      omitBlob: options.omitOriginBlob,
      times: options.times,
    },
  ];
  for (const [path, content] of Object.entries(kinds)) files.push({ domain, relativePath: `${folder}/${path}`, content, times: options.times });
  return files;
}
