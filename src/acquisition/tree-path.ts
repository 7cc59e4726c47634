/**
 * Paths inside a Source's tree, and the names archive members claim. A member name is
 * attacker-controlled: it may climb out of the tree (`../x`, `a/../../b`), be absolute
 * (`/etc/x`, `C:\x`, `\\host\x`) or hide a climb behind backslashes (`a\..\..\b`), which
 * Windows tools treat as separators. Such a member is refused and reported, never indexed
 * under a cleaned-up name that would hide what the archive tried to do.
 */

export type MemberName = { path: string } | { refused: string };

/** `./a//b/` → `a/b`; undefined for the archive's own root (`./`, `.`). */
function collapse(name: string): string | undefined {
  const kept = name.split('/').filter((segment) => segment !== '' && segment !== '.');
  return kept.length === 0 ? undefined : kept.join('/');
}

/**
 * The tree path of an archive member, or why it is refused. `undefined` path means the
 * member names the archive's root folder itself and carries nothing.
 */
export function memberPath(name: string): MemberName | undefined {
  if (name.includes('\u0000')) return { refused: 'its name contains a NUL character' };
  if (name.startsWith('/') || name.startsWith('\\')) return { refused: 'its name is an absolute path' };
  if (/^[A-Za-z]:/.test(name)) return { refused: 'its name starts with a drive letter' };
  if (name.split(/[\\/]/).includes('..')) return { refused: 'its name climbs out of the archive with ".."' };
  const path = collapse(name);
  return path === undefined ? undefined : { path };
}

/**
 * Resolves a symlink target lexically against the folder holding the link. Absolute
 * targets are device paths and are never followed; a relative target that climbs above
 * the tree's root escapes it.
 */
export function resolveLinkTarget(linkPath: string, target: string): { path: string } | { refused: string } {
  if (target.startsWith('/') || target.startsWith('\\') || /^[A-Za-z]:/.test(target)) {
    return { refused: `is a symbolic link to the absolute path ${target}, which Exhibit does not follow` };
  }
  const slash = linkPath.lastIndexOf('/');
  const parts = slash < 0 ? [] : linkPath.slice(0, slash).split('/');
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return { refused: `is a symbolic link to ${target}, outside the acquisition` };
      parts.pop();
      continue;
    }
    parts.push(segment);
  }
  return { path: parts.join('/') };
}

/** A path a caller asked for: refused when it is absolute or climbs with `..`. */
export function requestedPath(path: string): { path: string } | { refused: string } {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return { refused: `${path} is an absolute path, not a path inside the acquisition` };
  const segments = path.split('/');
  if (segments.includes('..')) return { refused: `${path} climbs out of the acquisition with ".."` };
  const kept = segments.filter((segment) => segment !== '' && segment !== '.');
  return { path: kept.join('/') };
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
