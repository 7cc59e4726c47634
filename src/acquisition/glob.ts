/**
 * Globs over a Source's '/'-separated tree: `*` matches within one segment, `**` matches
 * zero or more whole segments. Patterns are data in extractor declarations.
 */
function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

export function globToRegExp(pattern: string): RegExp {
  const segments = pattern.split('/');
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      source += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    source += segment.split('*').map(escapeRegExp).join('[^/]*');
    if (!last) source += '/';
  });
  return new RegExp(`^${source}$`);
}

export function hasWildcard(text: string): boolean {
  return text.includes('*');
}
