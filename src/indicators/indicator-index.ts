/**
 * The look-up side of the indicator engine. Every look-up normalises the observed value the
 * same way the indicator was normalised, then probes Maps with the value and its few
 * boundary-cut variants (parent domains, path prefixes, path suffixes): the cost depends on
 * the length of the observed value, never on how many indicators are loaded.
 */
import { formatExactUrl } from './indicator-value.js';
import {
  canonicalIosPath,
  normalizeEmail,
  normalizeHexDigest,
  parseIPv4,
  parseUrlHostIPv4,
  splitUrl,
  stripWww,
} from './normalize.js';
import type { Indicator, IndicatorKind, IndicatorMatch, LoadedBundle, MatchHow } from './types.js';

type Bucket = Map<string, Indicator[]>;

/**
 * Observed process names cut by the OS: Darwin keeps 16 characters of a process name
 * (MAXCOMLEN), Linux and Android 15 (TASK_COMM_LEN less the NUL). A name of exactly one of
 * these lengths may be the start of a longer indicator; a shorter name was not cut, so a
 * 14-character prefix never matches.
 */
const TRUNCATED_LENGTHS = [15, 16] as const;

const HASH_KIND_BY_LENGTH: ReadonlyMap<number, IndicatorKind> = new Map<number, IndicatorKind>([
  [32, 'file-hash-md5'],
  [40, 'file-hash-sha1'],
  [64, 'file-hash-sha256'],
]);

function add(bucket: Bucket, key: string, indicator: Indicator): void {
  const list = bucket.get(key);
  if (list === undefined) bucket.set(key, [indicator]);
  else list.push(indicator);
}

function compareText(a: string, b: string): number {
  // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

export class IndicatorIndex {
  readonly #bundles: readonly LoadedBundle[];
  readonly #size: number;
  readonly #counts: Readonly<Partial<Record<IndicatorKind, number>>>;
  /** Input position: the last tie-breaker of the match order (see Collector). */
  readonly #position = new Map<Indicator, number>();

  readonly #domains: Bucket = new Map();
  /** Domains that may match as a parent: single-label names are left out on purpose. */
  readonly #parentDomains: Bucket = new Map();
  readonly #ipv4: Bucket = new Map();
  readonly #urlExact: Bucket = new Map();
  readonly #urlPrefix: Bucket = new Map();
  readonly #processes: Bucket = new Map();
  readonly #truncated = new Map<number, Bucket>(TRUNCATED_LENGTHS.map((n) => [n, new Map()]));
  readonly #emails: Bucket = new Map();
  readonly #fileNames: Bucket = new Map();
  readonly #absolutePaths: Bucket = new Map();
  readonly #relativePaths: Bucket = new Map();
  readonly #hashes = new Map<IndicatorKind, Bucket>();
  readonly #appIds: Bucket = new Map();
  readonly #certHashes: Bucket = new Map();
  readonly #profiles: Bucket = new Map();
  readonly #androidProperties: Bucket = new Map();

  constructor(bundles: readonly LoadedBundle[], indicators: readonly Indicator[]) {
    this.#bundles = Object.freeze(bundles.map((bundle) => deepFreezeBundle(bundle)));
    const counts: Partial<Record<IndicatorKind, number>> = {};
    for (const indicator of indicators) {
      Object.freeze(indicator.bundle);
      Object.freeze(indicator);
      this.#position.set(indicator, this.#position.size);
      counts[indicator.kind] = (counts[indicator.kind] ?? 0) + 1;
      this.#file(indicator);
    }
    this.#size = this.#position.size;
    this.#counts = Object.freeze(counts);
    Object.freeze(this);
  }

  #file(indicator: Indicator): void {
    const key = indicator.normalized;
    switch (indicator.kind) {
      case 'domain':
        add(this.#domains, key, indicator);
        if (key.includes('.')) add(this.#parentDomains, key, indicator);
        return;
      case 'ipv4':
        add(this.#ipv4, key, indicator);
        return;
      case 'url':
        add(indicator.urlMatch === 'prefix' ? this.#urlPrefix : this.#urlExact, key, indicator);
        return;
      case 'process':
        add(this.#processes, key, indicator);
        for (const length of TRUNCATED_LENGTHS) {
          const bucket = this.#truncated.get(length);
          if (bucket !== undefined && key.length > length) add(bucket, key.slice(0, length), indicator);
        }
        return;
      case 'email':
        add(this.#emails, key, indicator);
        return;
      case 'file-name':
        add(this.#fileNames, key, indicator);
        return;
      case 'file-path':
        add(key.startsWith('/') ? this.#absolutePaths : this.#relativePaths, key, indicator);
        return;
      case 'file-hash-md5':
      case 'file-hash-sha1':
      case 'file-hash-sha256': {
        let bucket = this.#hashes.get(indicator.kind);
        if (bucket === undefined) {
          bucket = new Map();
          this.#hashes.set(indicator.kind, bucket);
        }
        add(bucket, key, indicator);
        return;
      }
      case 'app-id':
        add(this.#appIds, key, indicator);
        return;
      case 'app-cert-hash':
        add(this.#certHashes, key, indicator);
        return;
      case 'configuration-profile':
        add(this.#profiles, key, indicator);
        return;
      case 'android-property':
        add(this.#androidProperties, key, indicator);
        return;
    }
  }

  /**
   * A full URL (any scheme, port, userinfo, path), a bare host, `host:port`, `host/path` or
   * an IP. Checks exact URL indicators, host-and-path prefixes on a '/' boundary, then the
   * host as a domain (exact or any parent on a label boundary) or as an IPv4 address.
   */
  matchUrl(text: string): IndicatorMatch[] {
    const parts = splitUrl(text);
    if (parts === null) return [];
    const found = new Collector(this.#position);
    if (parts.scheme !== null) {
      const url = formatExactUrl(parts);
      found.add(this.#urlExact.get(url), 'exact', url);
    }
    // With a scheme the host is read as a browser reads it (hex and octal IPv4 included);
    // bare text is only an address when it is plain dotted decimal.
    const ip = parts.scheme !== null ? parseUrlHostIPv4(parts.host) : parseIPv4(parts.host);
    const host = ip ?? stripWww(parts.host);
    this.#matchUrlPrefix(host, parts.path, found);
    if (ip !== null) found.add(this.#ipv4.get(ip), 'exact', ip);
    else this.#matchHost(host, found);
    return found.result();
  }

  /** A host name, possibly with port or scheme; an IPv4 host is looked up as an address. */
  matchDomain(host: string): IndicatorMatch[] {
    const parts = splitUrl(host);
    if (parts === null) return [];
    const found = new Collector(this.#position);
    const ip = parseIPv4(parts.host);
    if (ip !== null) found.add(this.#ipv4.get(ip), 'exact', ip);
    else this.#matchHost(stripWww(parts.host), found);
    return found.result();
  }

  /** A dotted-decimal IPv4 address, optionally with a port. Never a substring match. */
  matchIp(ip: string): IndicatorMatch[] {
    const parts = splitUrl(ip);
    const address = parts === null ? null : parseIPv4(parts.host);
    if (address === null) return [];
    const found = new Collector(this.#position);
    found.add(this.#ipv4.get(address), 'exact', address);
    return found.result();
  }

  #matchHost(host: string, found: Collector): void {
    found.add(this.#domains.get(host), 'exact', host);
    for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
      const parent = host.slice(dot + 1);
      if (parent !== '') found.add(this.#parentDomains.get(parent), 'parent-domain', host);
    }
  }

  #matchUrlPrefix(host: string, rawPath: string, found: Collector): void {
    if (this.#urlPrefix.size === 0) return;
    let end = rawPath.length;
    while (end > 0 && rawPath[end - 1] === '/') end -= 1;
    const path = rawPath.slice(0, end);
    if (path === '') return;
    const observed = host + path;
    for (let slash = path.indexOf('/', 1); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      found.add(this.#urlPrefix.get(host + path.slice(0, slash)), 'url-prefix', observed);
    }
    found.add(this.#urlPrefix.get(observed), 'url-prefix', observed);
  }

  /**
   * Exact, case-sensitive; and a name of exactly 15 or 16 characters also matches every
   * longer indicator that starts with it (the OS cut it, see TRUNCATED_LENGTHS).
   */
  matchProcess(name: string): IndicatorMatch[] {
    const found = new Collector(this.#position);
    found.add(this.#processes.get(name), 'exact', name);
    found.add(this.#truncated.get(name.length)?.get(name), 'truncated-process', name);
    return found.result();
  }

  /** Any '/'-separated component of the path equal to a process indicator. */
  matchProcessInPath(path: string): IndicatorMatch[] {
    const canonical = canonicalIosPath(path);
    const found = new Collector(this.#position);
    for (const component of new Set(canonical.split('/'))) {
      if (component !== '') found.add(this.#processes.get(component), 'path-component', canonical);
    }
    return found.result();
  }

  /**
   * The canonical path equal to an indicator, or under an indicator on a '/' boundary; and
   * relative indicators (no leading '/') equal to the end of the path on a '/' boundary.
   */
  matchFilePath(path: string): IndicatorMatch[] {
    const canonical = canonicalIosPath(path);
    if (canonical === '' || canonical === '/') return [];
    const found = new Collector(this.#position);
    const absolute = canonical.startsWith('/');
    if (absolute) found.add(this.#relativePaths.get(canonical.slice(1)), 'relative-path', canonical);
    for (let slash = canonical.indexOf('/', 1); slash !== -1; slash = canonical.indexOf('/', slash + 1)) {
      if (absolute) found.add(this.#absolutePaths.get(canonical.slice(0, slash)), 'path-prefix', canonical);
      found.add(this.#relativePaths.get(canonical.slice(slash + 1)), 'relative-path', canonical);
    }
    if (absolute) found.add(this.#absolutePaths.get(canonical), 'exact', canonical);
    else found.add(this.#relativePaths.get(canonical), 'relative-path', canonical);
    return found.result();
  }

  /** Exact, case-sensitive, on the last '/'-separated component. */
  matchFileName(name: string): IndicatorMatch[] {
    const base = name.slice(name.lastIndexOf('/') + 1);
    const found = new Collector(this.#position);
    found.add(this.#fileNames.get(base), 'exact', base);
    return found.result();
  }

  matchEmail(address: string): IndicatorMatch[] {
    const normalized = normalizeEmail(address);
    const found = new Collector(this.#position);
    found.add(this.#emails.get(normalized), 'exact', normalized);
    return found.result();
  }

  /** MD5, SHA-1 or SHA-256 chosen by length; case-insensitive. */
  matchFileHash(hex: string): IndicatorMatch[] {
    const digest = normalizeHexDigest(hex);
    const kind = digest === null ? undefined : HASH_KIND_BY_LENGTH.get(digest.length);
    if (digest === null || kind === undefined) return [];
    const found = new Collector(this.#position);
    found.add(this.#hashes.get(kind)?.get(digest), 'exact', digest);
    return found.result();
  }

  matchCertHash(hex: string): IndicatorMatch[] {
    const digest = normalizeHexDigest(hex);
    if (digest === null) return [];
    const found = new Collector(this.#position);
    found.add(this.#certHashes.get(digest), 'exact', digest);
    return found.result();
  }

  matchAppId(id: string): IndicatorMatch[] {
    return this.#caseInsensitive(this.#appIds, id);
  }

  matchAndroidProperty(name: string): IndicatorMatch[] {
    return this.#caseInsensitive(this.#androidProperties, name);
  }

  /** Case-insensitive equality of the whole id (never a substring test). */
  matchProfileId(id: string): IndicatorMatch[] {
    return this.#caseInsensitive(this.#profiles, id);
  }

  #caseInsensitive(bucket: Bucket, text: string): IndicatorMatch[] {
    const normalized = text.trim().toLowerCase();
    const found = new Collector(this.#position);
    found.add(bucket.get(normalized), 'exact', normalized);
    return found.result();
  }

  bundles(): LoadedBundle[] {
    return [...this.#bundles];
  }

  size(): number {
    return this.#size;
  }

  countsByKind(): Partial<Record<IndicatorKind, number>> {
    return { ...this.#counts };
  }
}

/**
 * Gathers matches from several buckets, once per indicator, ordered by bundle file name,
 * bundle digest, STIX id, then input position. Sorting the few matches of one look-up is
 * cheaper than sorting every indicator at build time.
 */
class Collector {
  readonly #matches: IndicatorMatch[] = [];
  readonly #seen = new Set<Indicator>();

  constructor(private readonly position: ReadonlyMap<Indicator, number>) {}

  add(indicators: readonly Indicator[] | undefined, how: MatchHow, observed: string): void {
    if (indicators === undefined) return;
    for (const indicator of indicators) {
      if (this.#seen.has(indicator)) continue;
      this.#seen.add(indicator);
      this.#matches.push({ indicator, how, observed });
    }
  }

  result(): IndicatorMatch[] {
    if (this.#matches.length > 1) {
      this.#matches.sort(
        ({ indicator: a }, { indicator: b }) =>
          compareText(a.bundle.file, b.bundle.file) ||
          compareText(a.bundle.sha256, b.bundle.sha256) ||
          compareText(a.stixId, b.stixId) ||
          (this.position.get(a) ?? 0) - (this.position.get(b) ?? 0),
      );
    }
    return this.#matches;
  }
}

function deepFreezeBundle(bundle: LoadedBundle): LoadedBundle {
  for (const entry of bundle.skipped) Object.freeze(entry);
  Object.freeze(bundle.skipped);
  Object.freeze(bundle.malware);
  Object.freeze(bundle.counts);
  if (bundle.cache !== undefined) {
    if (bundle.cache.supersedes !== undefined) Object.freeze(bundle.cache.supersedes);
    Object.freeze(bundle.cache);
  }
  return Object.freeze(bundle);
}
