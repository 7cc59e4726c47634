/**
 * Reads a feed index in the `indicators.yaml` format of mvt-project/mvt-indicators: a list
 * of entries that each name one STIX2 bundle, either on GitHub
 * (`type: github` + `github: {owner, repo, branch (default main), path}`) or by `download_url`
 * (absolute, or relative to the index, which suits a mirror). The YAML is untrusted: every
 * field is checked, and a bad entry is reported on its own while the others still count.
 */
import { parse } from 'yaml';

import { describeError } from '../../errors.js';

export const DEFAULT_INDEX_URL = 'https://raw.githubusercontent.com/mvt-project/mvt-indicators/main/indicators.yaml';

/** Far above any real index (the public one lists 15 bundles); a bigger list is not an index. */
const MAX_ENTRIES = 1000;

export interface FeedEntry {
  /** 1-based position in the index, to name entries that have no usable name. */
  position: number;
  name: string | null;
  url: string;
  /** The file name the bundle is cached under, before de-duplication within one index. */
  file: string;
}

export interface EntryProblem {
  position: number;
  name: string | null;
  reason: string;
}

export type FeedIndexResult = { ok: true; entries: FeedEntry[]; problems: EntryProblem[] } | { ok: false; reason: string };

type YamlMap = { [key: string]: unknown };

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Own properties only: a key named "constructor" or "__proto__" in the YAML must not
 * reach Object.prototype's members.
 */
function field(map: YamlMap, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/**
 * Bundles the shipped iocs/ folder holds under another name than upstream: caching them
 * under the shipped name lets the fresh copy supersede the shipped one (see load.ts).
 * Keys are `owner/repo/path` with owner and repo in lower case.
 */
const SHIPPED_NAMES: ReadonlyMap<string, string> = new Map([
  ['amnestytech/investigations/2023-03-29_android_campaign/malware.stix2', 'android_campaign_2023.stix2'],
]);

const NAME_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A path in a repository or a branch name: segments that cannot climb or smuggle characters. */
function checkSegments(label: string, value: string): string | null {
  if (value.length > 1024) return `${label}: longer than 1024 characters`;
  for (const segment of value.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return `${label}: '${value}' has an empty, '.' or '..' part`;
    if (/[\\\u0000-\u001f\u007f]/.test(segment)) return `${label}: '${value}' holds a backslash or a control character`;
  }
  return null;
}

function encodeSegments(value: string): string {
  return value
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** A plain file name from the last part of a path: no separators, no leading dot. */
export function cacheFileNameFor(lastPart: string): string {
  const cleaned = lastPart.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[._]+/, '');
  const name = cleaned === '' ? 'bundle.stix2' : cleaned;
  // The manifest's own name is reserved.
  return name.toLowerCase() === 'manifest.json' ? `bundle-${name}` : name;
}

function lastPart(pathname: string): string {
  const parts = pathname.split('/').filter((part) => part !== '');
  const last = parts[parts.length - 1] ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

type EntryResult = { ok: true; url: string; file: string } | { ok: false; reason: string };

function readGithub(value: unknown): EntryResult {
  if (!isMap(value)) return { ok: false, reason: "type github without a 'github' mapping" };
  const owner = field(value, 'owner');
  const repo = field(value, 'repo');
  const branch = field(value, 'branch') ?? 'main';
  const path = field(value, 'path');
  for (const [label, part] of [
    ['github.owner', owner],
    ['github.repo', repo],
    ['github.branch', branch],
    ['github.path', path],
  ] as const) {
    if (typeof part !== 'string' || part === '') return { ok: false, reason: `${label}: expected a non-empty text value` };
  }
  const [o, r, b, p] = [owner, repo, branch, path] as [string, string, string, string];
  if (!NAME_PART.test(o)) return { ok: false, reason: `github.owner: '${o}' is not a GitHub account name` };
  if (!NAME_PART.test(r)) return { ok: false, reason: `github.repo: '${r}' is not a GitHub repository name` };
  const problem = checkSegments('github.branch', b) ?? checkSegments('github.path', p);
  if (problem !== null) return { ok: false, reason: problem };
  const url = `https://raw.githubusercontent.com/${o}/${r}/${encodeSegments(b)}/${encodeSegments(p)}`;
  const renamed = SHIPPED_NAMES.get(`${o.toLowerCase()}/${r.toLowerCase()}/${p}`);
  return { ok: true, url, file: renamed ?? cacheFileNameFor(lastPart(p)) };
}

function readDownloadUrl(value: unknown, indexUrl: string): EntryResult {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, reason: "expected 'download_url' (or type github)" };
  let url: URL;
  try {
    url = new URL(value.trim(), indexUrl);
  } catch {
    return { ok: false, reason: `download_url: '${value}' is not a URL` };
  }
  return { ok: true, url: url.href, file: cacheFileNameFor(lastPart(url.pathname)) };
}

export function parseFeedIndex(text: string, indexUrl: string): FeedIndexResult {
  let document: unknown;
  try {
    // yaml's default alias limit (100) already defuses "billion laughs" expansions.
    document = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    // yaml's message is a line, a colon, then an excerpt of the source: keep the line.
    const first = (describeError(error).split('\n')[0] ?? '').replace(/:\s*$/, '');
    return { ok: false, reason: `not valid YAML: ${first}` };
  }
  if (!isMap(document)) return { ok: false, reason: "expected a mapping with an 'indicators' list at the top" };
  const list = field(document, 'indicators');
  if (!Array.isArray(list)) return { ok: false, reason: "expected an 'indicators' list at the top" };
  if (list.length === 0) return { ok: false, reason: "the 'indicators' list is empty" };
  if (list.length > MAX_ENTRIES) return { ok: false, reason: `more than ${MAX_ENTRIES} entries` };

  const entries: FeedEntry[] = [];
  const problems: EntryProblem[] = [];
  const seen = new Map<string, number>();
  list.forEach((item: unknown, index) => {
    const position = index + 1;
    if (!isMap(item)) {
      problems.push({ position, name: null, reason: 'expected a mapping' });
      return;
    }
    const rawName = field(item, 'name');
    const name = typeof rawName === 'string' && rawName.trim() !== '' ? rawName.trim() : null;
    const result = field(item, 'type') === 'github' ? readGithub(field(item, 'github')) : readDownloadUrl(field(item, 'download_url'), indexUrl);
    if (!result.ok) {
      problems.push({ position, name, reason: result.reason });
      return;
    }
    const earlier = seen.get(result.url);
    if (earlier !== undefined) {
      problems.push({ position, name, reason: `the same URL as entry ${earlier}` });
      return;
    }
    seen.set(result.url, position);
    entries.push({ position, name, url: result.url, file: result.file });
  });
  return { ok: true, entries, problems };
}
