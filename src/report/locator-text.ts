import type { Locator } from '../artifacts/types.js';

/** A locator as one short human-readable string, e.g. `message rowid 12`. */
export function locatorText(locator: Locator): string {
  switch (locator.kind) {
    case 'sqlite':
      return `${locator.table} rowid ${locator.rowid}`;
    case 'plist':
      return locator.keyPath.length === 0 ? 'plist root' : `plist ${locator.keyPath.join(' › ')}`;
    case 'line':
      return `line ${locator.line}`;
    case 'json':
      return `${locator.line !== undefined ? `line ${locator.line} ` : ''}json ${locator.path.length === 0 ? 'root' : locator.path.join(' › ')}`;
    case 'manifest':
      return `Manifest.db fileID ${locator.fileID}`;
    case 'file':
      return 'whole file';
    case 'listing':
      return 'listing entry';
    default: {
      const exhaustive: never = locator;
      return String(exhaustive);
    }
  }
}
