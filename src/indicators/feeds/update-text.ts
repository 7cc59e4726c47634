/**
 * The text `exhibit iocs update` prints: one line per index entry saying what happened to
 * its bundle, the indicators added and removed under it, and a count line. No clock and no
 * machine path, so the same update prints the same text.
 */
import type { BundleUpdate, IndicatorKey, UpdateReport } from './update.js';

/** Enough to read on a terminal; --json carries every one. */
export const LISTED_CHANGES = 20;

function label(bundle: BundleUpdate): string {
  if (bundle.file !== null) return bundle.file;
  return bundle.name === null ? `entry ${bundle.position}` : `entry ${bundle.position} (${bundle.name})`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function changeLines(sign: '+' | '-', keys: readonly IndicatorKey[]): string[] {
  const lines = keys.slice(0, LISTED_CHANGES).map((key) => `    ${sign} ${key.kind} ${key.value}`);
  if (keys.length > LISTED_CHANGES) lines.push(`    ${sign} … and ${keys.length - LISTED_CHANGES} more (see --json)`);
  return lines;
}

function bundleLines(bundle: BundleUpdate): string[] {
  const name = label(bundle);
  switch (bundle.status) {
    case 'failed': {
      const after =
        bundle.file === null ? '' : bundle.keptPrevious === true ? '; the cached copy is kept' : '; nothing is cached for it';
      return [`  ${name}: failed, ${bundle.reason ?? 'unknown reason'}${after}`];
    }
    case 'new':
      return [`  ${name}: new, ${plural(bundle.indicators ?? 0, 'indicator')}`];
    case 'unchanged':
      return [`  ${name}: unchanged, ${plural(bundle.indicators ?? 0, 'indicator')}`];
    case 'updated': {
      const before = bundle.previous?.indicators ?? 0;
      const lines = [
        `  ${name}: updated, ${bundle.added.length} added, ${bundle.removed.length} removed (${plural(before, 'indicator')} before, ${bundle.indicators ?? 0} now)`,
      ];
      if (bundle.previous !== undefined && bundle.previous.url !== bundle.url) lines.push(`    source was ${bundle.previous.url}`);
      return [...lines, ...changeLines('+', bundle.added), ...changeLines('-', bundle.removed)];
    }
  }
}

export function formatUpdateReport(report: UpdateReport): string {
  const lines = [`Indicator index ${report.index}: ${plural(report.bundles.length, 'bundle')} listed`];
  if (report.manifestReset !== undefined) {
    lines.push(`  the cache manifest could not be read (${report.manifestReset}) and was started afresh`);
  }
  for (const bundle of report.bundles) lines.push(...bundleLines(bundle));
  for (const kept of report.notListed) lines.push(`  ${kept.file}: kept, not listed in this index (from ${kept.url})`);
  const count = (status: BundleUpdate['status']): number => report.bundles.filter((bundle) => bundle.status === status).length;
  lines.push(`${count('new')} new, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed.`);
  return `${lines.join('\n')}\n`;
}
