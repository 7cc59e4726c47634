/**
 * Which app a browser file belongs to and where it sits, named alike for a backup and a
 * file-system dump. A backup files it under a domain that names the app
 * (`AppDomain-<bundle id>`, `HomeDomain`…). A dump keeps it in a container named by a
 * UUID, whose owner only the container manager's metadata plist records (see
 * app-containers.ts), or in the mobile user's home folder, a backup's HomeDomain.
 */
import type { FileDigest, Source, SourceEntry } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext } from '../types.js';
import type { SqliteDatabase } from '../../formats/sqlite.js';
import { eachDatabase } from '../locate.js';
import { appContainerOf } from './app-containers.js';
import { MOBILE_HOME } from './device-paths.js';

export interface FileOwner {
  /** The backup domain; null in a dump, which has none. */
  backupDomain: string | null;
  /** The app, app group or extension id; null for system domains and containers whose owner is unknown. */
  appId: string | null;
  /**
   * The backup domain in a backup; in a dump the container, or the home folder, as an
   * absolute device path (`/private/var/mobile/Containers/Data/Application/<UUID>`).
   */
  location: string | null;
}

/**
 * The backup domain a Source path lies in (its first segment), e.g. `AppDomain-com.apple.mobilesafari`;
 * null for a path that does not start with a domain, as in a file-system dump (`private/var/…`).
 */
export function backupDomainOf(path: string): string | null {
  const slash = path.indexOf('/');
  const first = slash < 0 ? path : path.slice(0, slash);
  return /^[A-Za-z]*Domain[A-Za-z]*(?:-.+)?$/.test(first) ? first : null;
}

/** The bundle identifier of an app's backup domain, or null for system domains and no domain. */
export function appIdOf(backupDomain: string | null): string | null {
  if (backupDomain === null) return null;
  const match = /^AppDomain(?:Group|Plugin)?-(.+)$/.exec(backupDomain);
  return match?.[1] ?? null;
}

/** The owner a backup path names by itself; a dump path names none of it. */
export function ownerInBackup(path: string): FileOwner {
  const domain = backupDomainOf(path);
  return { backupDomain: domain, appId: appIdOf(domain), location: domain };
}

/** The owner of a file of the Source: from its domain in a backup, from its container in a dump. */
export async function ownerOfFile(source: Source, path: string, context: ExtractContext): Promise<FileOwner> {
  if (source.kind !== 'ios-fs') return ownerInBackup(path);
  const container = await appContainerOf(source, path, context);
  if (container) return { backupDomain: null, appId: container.appId, location: `/${container.path}` };
  const inHome = path.startsWith(`${MOBILE_HOME}/`);
  return { backupDomain: null, appId: null, location: inHome ? `/${MOBILE_HOME}` : null };
}

/** eachDatabase, with each database's owner looked up first and handed to `read`. */
export async function* eachOwnedDatabase(
  source: Source,
  files: readonly SourceEntry[],
  context: ExtractContext,
  read: (db: SqliteDatabase, digest: FileDigest, owner: FileOwner) => Iterable<ArtifactRecord>,
): AsyncGenerator<ArtifactRecord> {
  for (const file of files) {
    const owner = await ownerOfFile(source, file.path, context);
    yield* eachDatabase(source, [file], context, (db, digest) => read(db, digest, owner));
  }
}
