/**
 * The shapes of the indicator engine: what one indicator is once read from a STIX2 bundle,
 * what a look-up returns, and what a loaded bundle says about itself (digest, counts, and
 * everything it had to skip), so an attestation can name exactly which indicators were used.
 */

export type IndicatorKind =
  | 'domain'
  | 'url'
  | 'ipv4'
  | 'process'
  | 'email'
  | 'file-name'
  | 'file-path'
  | 'file-hash-md5'
  | 'file-hash-sha1'
  | 'file-hash-sha256'
  | 'app-id'
  | 'app-cert-hash'
  | 'configuration-profile'
  | 'android-property';

export interface BundleRef {
  /** Base name, e.g. pegasus.stix2. */
  file: string;
  /** SHA-256 of the bundle file bytes, lower-case hex. */
  sha256: string;
}

export interface Indicator {
  /** Id of the STIX indicator object; an OR pattern yields several indicators with one id. */
  stixId: string;
  kind: IndicatorKind;
  /** The comparison's value as published (after STIX string unescaping only). */
  value: string;
  /** The form look-ups compare against; see normalize.ts for each kind. */
  normalized: string;
  /** The whole STIX pattern the value came from. */
  pattern: string;
  malware: string | null;
  bundle: BundleRef;
  /**
   * Set when the value is known to collide with legitimate names (Pegasus process names
   * 'gatekeeperd' and 'payload', generic file names like com.apple.photolibraryd.plist).
   */
  caution?: Caution;
  /** Normalisation applied, e.g. 'IP address published as a domain-name value'. */
  note?: string;
  /**
   * Only for kind 'url': 'exact' compares the whole normalised URL (scheme included);
   * 'prefix' compares host and path on a '/' boundary, whatever the scheme.
   */
  urlMatch?: 'exact' | 'prefix';
}

/** Why a match on this value needs corroboration, and when that applies. */
export interface Caution {
  /** One sentence a reader can weigh. */
  text: string;
  /** 'any': every match; 'path-component': only matches as a path component; 'android': only on Android. */
  scope: 'any' | 'path-component' | 'android';
}

export type MatchHow =
  | 'exact'
  | 'parent-domain'
  | 'url-prefix'
  | 'path-prefix'
  | 'relative-path'
  | 'truncated-process'
  | 'path-component';

export interface IndicatorMatch {
  indicator: Indicator;
  how: MatchHow;
  /**
   * The normalised observed value that was compared: the host for domain and IP checks, the
   * URL for URL checks, the canonical path for path checks, the name for process checks.
   */
  observed: string;
}

export interface SkippedEntry {
  stixId?: string;
  pattern?: string;
  reason: string;
}

/**
 * 'shipped': the package's iocs/ folder; 'cache': downloaded by `exhibit iocs update`;
 * 'option': named with --iocs; 'environment': named in EXHIBIT_IOCS.
 */
export type BundleOrigin = 'shipped' | 'cache' | 'option' | 'environment';

/** Where a cached bundle came from. */
export interface CacheSource {
  url: string;
  /** When `exhibit iocs update` last downloaded and checked it (UTC ISO 8601). */
  downloaded: string;
  /** The shipped bundle of the same file name that this newer copy replaces. */
  supersedes?: BundleRef;
}

export interface LoadedBundle {
  file: string;
  /** Absolute path the bundle was read from. */
  path: string;
  sha256: string;
  origin: BundleOrigin;
  /** Names indicators are attributed to, in the order first met in the bundle. */
  malware: string[];
  counts: Partial<Record<IndicatorKind, number>>;
  total: number;
  skipped: SkippedEntry[];
  /** Only for origin 'cache'. */
  cache?: CacheSource;
}
