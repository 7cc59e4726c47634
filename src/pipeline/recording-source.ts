/** A view of a Source that remembers which paths one extractor read, for coverage. */
import type { Source } from '../acquisition/source.js';

export function recordingSource(source: Source, read: Set<string>): Source {
  return {
    kind: source.kind,
    find: (pattern) => source.find(pattern),
    entries: () => source.entries(),
    stat: (path) => source.stat(path),
    hasContent: (path) => source.hasContent(path),
    digests: () => source.digests(),
    problems: () => source.problems?.() ?? [],
    readFile: (path, options) => {
      read.add(path);
      return source.readFile(path, options);
    },
    readPlist: (path) => {
      read.add(path);
      return source.readPlist(path);
    },
    openSqlite: (path) => {
      read.add(path);
      return source.openSqlite(path);
    },
  };
}
