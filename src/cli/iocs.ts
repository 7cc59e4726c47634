/**
 * `exhibit iocs list`: which indicator bundles a check would load, where each came from,
 * what it holds and what was skipped. `exhibit iocs update`: the one command that uses the
 * network, to refresh the indicator cache from the public feed index or a mirror.
 */
import type { Command } from 'commander';

import { UsageError } from '../errors.js';
import { readCacheManifest } from '../indicators/feeds/cache.js';
import { indicatorCacheFolder } from '../indicators/feeds/data-dir.js';
import { DEFAULT_TIMEOUT_MS } from '../indicators/feeds/download.js';
import { DEFAULT_INDEX_URL } from '../indicators/feeds/index-file.js';
import { updateHadFailures, updateIndicatorCache } from '../indicators/feeds/update.js';
import { formatUpdateReport } from '../indicators/feeds/update-text.js';
import { loadIndicatorSet } from '../indicators/load.js';
import type { LoadedBundle } from '../indicators/types.js';

/** `iocs update` when the index was read but at least one bundle could not be updated. */
export const EXIT_UPDATE_INCOMPLETE = 3;

interface ListFlags {
  iocs: string[];
  json?: boolean;
}

interface UpdateFlags {
  index: string;
  timeout: string;
  json?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function sourceJson(bundle: LoadedBundle): unknown {
  if (bundle.cache === undefined) return null;
  return { url: bundle.cache.url, downloaded: bundle.cache.downloaded, supersedes: bundle.cache.supersedes ?? null };
}

function sourceLine(bundle: LoadedBundle): string {
  switch (bundle.origin) {
    case 'shipped':
      return 'shipped with Exhibit';
    case 'option':
      return `named with --iocs: ${bundle.path}`;
    case 'environment':
      return `named in EXHIBIT_IOCS: ${bundle.path}`;
    case 'cache': {
      const cache = bundle.cache;
      if (cache === undefined) return `cached: ${bundle.path}`;
      const replaced =
        cache.supersedes === undefined ? '' : `; replaces the shipped ${cache.supersedes.file} (sha256 ${cache.supersedes.sha256})`;
      return `cached from ${cache.url}, downloaded ${cache.downloaded}${replaced}`;
    }
  }
}

async function listIocs(flags: ListFlags): Promise<void> {
  const folder = indicatorCacheFolder();
  const index = await loadIndicatorSet({
    files: flags.iocs,
    environment: process.env['EXHIBIT_IOCS'],
    includeShipped: true,
    cacheFolder: folder,
  });
  const read = await readCacheManifest(folder);
  const manifest = read.state === 'ok' ? read.manifest : null;
  const bundles = index.bundles();
  if (flags.json) {
    const json = {
      total: index.size(),
      cache: { folder, index: manifest?.index ?? null, updated: manifest?.updated ?? null },
      bundles: bundles.map((bundle) => ({
        file: bundle.file,
        origin: bundle.origin,
        path: bundle.path,
        sha256: bundle.sha256,
        source: sourceJson(bundle),
        malware: bundle.malware,
        total: bundle.total,
        counts: bundle.counts,
        skipped: bundle.skipped,
      })),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const out: string[] = [];
  for (const bundle of bundles) {
    const kinds = Object.entries(bundle.counts)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    out.push(
      `${bundle.file} (${bundle.origin}) ${bundle.malware.join(', ') || 'no malware named'}`,
      `  ${sourceLine(bundle)}`,
      `  sha256 ${bundle.sha256}`,
      `  ${bundle.total} indicators: ${kinds}`,
    );
    for (const skipped of bundle.skipped) out.push(`  skipped: ${skipped.reason}`);
  }
  out.push(`${index.size()} indicators in ${bundles.length} bundles`);
  const cached = bundles.filter((bundle) => bundle.origin === 'cache').length;
  out.push(
    manifest === null || manifest.updated === null
      ? `Indicator cache ${folder}: empty; \`exhibit iocs update\` fills it.`
      : `Indicator cache ${folder}: ${cached} bundles, last updated ${manifest.updated} from ${manifest.index ?? 'an unknown index'}; a cached bundle replaces the shipped bundle of the same file name.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

function timeoutMs(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError('INVALID_ARGUMENT', `--timeout must be a number of seconds between 0 and 3600, not '${value}'.`);
  }
  return Math.round(seconds * 1000);
}

const UPDATE_HELP = `
Reads the index (the indicators.yaml format of mvt-project/mvt-indicators), downloads every
bundle it lists over HTTPS, and puts a bundle into the indicator cache only after it was read
in full and parsed as a STIX2 bundle: a failed, partial or invalid download never replaces
the cached copy. Plain http is accepted only for loopback addresses (127.0.0.0/8, ::1,
localhost), to serve a local mirror. The cache is $EXHIBIT_DATA_DIR/indicators, or the
user's data folder (Linux: $XDG_DATA_HOME/exhibit/indicators or
~/.local/share/exhibit/indicators; macOS: ~/Library/Application Support/exhibit/indicators;
Windows: %LOCALAPPDATA%\\exhibit\\indicators). Every check loads it; a cached bundle replaces
the shipped bundle of the same file name. No other command uses the network.

Exit codes: 0 every bundle updated or unchanged; 2 the index could not be downloaded or read
(nothing changed); ${EXIT_UPDATE_INCOMPLETE} some bundles failed (their cached copies are kept) while the others
were updated.`;

async function updateIocs(flags: UpdateFlags, setExitCode: (code: number) => void): Promise<void> {
  const report = await updateIndicatorCache({
    indexUrl: flags.index,
    cacheFolder: indicatorCacheFolder(),
    timeoutMs: timeoutMs(flags.timeout),
  });
  process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatUpdateReport(report));
  if (updateHadFailures(report)) setExitCode(EXIT_UPDATE_INCOMPLETE);
}

export function registerIocs(program: Command, setExitCode: (code: number) => void = () => undefined): void {
  const iocs = program.command('iocs').description('inspect and update the indicator bundles Exhibit loads');
  iocs
    .command('list')
    .description('list loaded indicator bundles with their source, digests, counts by kind and skipped entries')
    .option('-i, --iocs <file>', 'an extra STIX2 indicator bundle (repeatable)', collect, [])
    .option('--json', 'print as JSON')
    .action(async (flags: ListFlags) => listIocs(flags));
  iocs
    .command('update')
    .description('download the indicator bundles listed in the public index into the indicator cache')
    .option('--index <url>', 'the index to read (a mirror of indicators.yaml)', DEFAULT_INDEX_URL)
    .option('--timeout <seconds>', 'time limit for each download', String(DEFAULT_TIMEOUT_MS / 1000))
    .option('--json', 'print the report as JSON')
    .addHelpText('after', UPDATE_HELP)
    .action(async (flags: UpdateFlags) => updateIocs(flags, setExitCode));
}
