/**
 * Web origins that apps encode in file names (WebKit stores a site's data under folders
 * like `https_example.com_0`). Reading them out of Manifest.db shows which sites an app
 * stored data for, even when the data itself is not in the backup.
 */
const WEBKIT_ORIGIN = /^(https?)_([a-z0-9.-]+\.[a-z]{2,})_\d+/;
const HOST_TOKEN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;

/** Last labels that make a dotted token a file name, not a host. */
const FILE_EXTENSIONS = new Set([
  'plist', 'db', 'sqlite', 'sqlitedb', 'storedata', 'localstorage', 'png', 'jpg', 'jpeg', 'heic', 'gif', 'mov', 'mp4',
  'json', 'txt', 'log', 'dat', 'bin', 'data', 'wal', 'shm', 'archive', 'cache', 'caf', 'm4a', 'aac', 'pdf', 'xml',
  'html', 'js', 'css', 'ktx', 'thm', 'aae', 'vcf', 'ics', 'zip', 'gz', 'tar', 'lock', 'index', 'blob', 'strings',
  'nib', 'car', 'bundle', 'app', 'appex', 'framework', 'dylib', 'mobileconfig', 'stub', 'ipa', 'pb', 'epub',
]);

/** Candidate web origins or host names mentioned in a relative path, de-duplicated. */
export function mentionedOrigins(relativePath: string): string[] {
  const found = new Set<string>();
  const lower = relativePath.toLowerCase();
  for (const segment of lower.split('/')) {
    const webkit = WEBKIT_ORIGIN.exec(segment);
    if (webkit) {
      found.add(`${webkit[1]}://${webkit[2]}`);
      continue;
    }
    for (const token of segment.split('_')) {
      if (!HOST_TOKEN.test(token)) continue;
      const last = token.slice(token.lastIndexOf('.') + 1);
      if (FILE_EXTENSIONS.has(last)) continue;
      // Reverse-DNS bundle identifiers (com.apple.x) are app names, not hosts.
      if (/^(com|org|net|group|systemgroup|io)\.[a-z0-9-]+\.[a-z0-9.-]+$/.test(token) && !token.endsWith('.com')) continue;
      found.add(token);
    }
  }
  return [...found];
}
