/**
 * Turns one published comparison value into the normalised form the index stores, per kind,
 * and says in a note what was changed — or why the value cannot be used. Real feeds put IP
 * addresses and URLs in domain-name values; those are re-filed under the kind that matches
 * what they are, with a note, rather than dropped.
 */
import type { HashAlgorithm, ResolvedKey } from './stix2-pattern.js';
import type { Caution, IndicatorKind } from './types.js';
import {
  canonicalIosPath,
  normalizeEmail,
  normalizeHexDigest,
  parseIPv4,
  parseUrlHostIPv4,
  splitUrl,
  stripWww,
  type UrlParts,
} from './normalize.js';

export type ValueOutcome =
  | {
      ok: true;
      kind: IndicatorKind;
      normalized: string;
      notes: string[];
      urlMatch?: 'exact' | 'prefix';
      caution?: Caution;
    }
  | { ok: false; reason: string };

const DIGEST_LENGTH: Record<HashAlgorithm, number> = { md5: 32, sha1: 40, sha256: 64 };
const DIGEST_LABEL: Record<HashAlgorithm, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' };
const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443', ftp: '21' };
const DOMAIN_NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/**
 * Published values known to collide with legitimate names, keyed by kind then normalised
 * value. A match on one of these is still reported, with the caution beside it.
 */
const CAUTIONS: Partial<Record<IndicatorKind, ReadonlyMap<string, Caution>>> = {
  process: new Map<string, Caution>([
    [
      'gatekeeperd',
      { text: 'Also the name of a legitimate Android system daemon, so on Android a match proves nothing alone.', scope: 'android' },
    ],
    [
      'payload',
      { text: 'A generic word that legitimate software also uses for processes and folders, so a match needs corroboration.', scope: 'any' },
    ],
    [
      'bh',
      { text: 'A two-letter folder name can occur by coincidence, so a match as a path component needs corroboration.', scope: 'path-component' },
    ],
  ]),
  'file-name': new Map<string, Caution>([
    [
      'com.apple.photolibraryd.plist',
      { text: 'Looks like an ordinary Apple preferences file name, so a file-name match alone can hit a legitimate file.', scope: 'any' },
    ],
  ]),
  'file-path': new Map<string, Caution>([
    [
      'Library/Preferences/com.apple.photolibraryd.plist',
      { text: 'A relative path that ends many legitimate preference paths, so a match needs corroboration.', scope: 'any' },
    ],
  ]),
};

export function cautionFor(kind: IndicatorKind, normalized: string): Caution | undefined {
  return CAUTIONS[kind]?.get(normalized);
}

export function normalizeIndicatorValue(resolved: ResolvedKey, published: string): ValueOutcome {
  const value = published.trim();
  if (value === '') return { ok: false, reason: 'empty value' };
  const notes: string[] = value === published ? [] : ['surrounding white space removed'];
  const outcome = normalizeByKind(resolved, value, notes);
  if (outcome.ok) {
    const caution = cautionFor(outcome.kind, outcome.normalized);
    if (caution !== undefined) outcome.caution = caution;
  }
  return outcome;
}

function normalizeByKind(resolved: ResolvedKey, value: string, notes: string[]): ValueOutcome {
  switch (resolved.kind) {
    case 'domain':
      return normalizeDomainValue(value, notes, 'domain-name');
    case 'url':
      return normalizeUrlValue(value, notes);
    case 'ipv4':
      return normalizeIpValue(value, notes);
    case 'email': {
      const normalized = normalizeEmail(value);
      const at = normalized.indexOf('@');
      if (at <= 0 || at !== normalized.lastIndexOf('@') || at === normalized.length - 1) {
        return { ok: false, reason: `'${value}' is not an e-mail address` };
      }
      return { ok: true, kind: 'email', normalized, notes };
    }
    case 'process':
      return { ok: true, kind: 'process', normalized: value, notes };
    case 'file-name':
      if (value.includes('/')) return { ok: false, reason: `file name '${value}' contains '/'` };
      return { ok: true, kind: 'file-name', normalized: value, notes };
    case 'file-path':
      return normalizePathValue(value, notes);
    case 'file-hash-md5':
    case 'file-hash-sha1':
    case 'file-hash-sha256':
    case 'app-cert-hash':
      return normalizeDigestValue(resolved, value, notes);
    case 'app-id':
    case 'configuration-profile':
    case 'android-property':
      return { ok: true, kind: resolved.kind, normalized: value.toLowerCase(), notes };
  }
}

/**
 * A domain-name value, or a url value without a scheme (`label` says which, for messages):
 * re-filed as ipv4 when it is an address and as a host-and-path prefix when it has a path.
 */
function normalizeDomainValue(value: string, notes: string[], label: 'domain-name' | 'url'): ValueOutcome {
  const parts = splitUrl(value);
  if (parts === null) return { ok: false, reason: `'${value}' is not a domain name` };
  if (parts.query !== null || parts.fragment !== null) {
    return { ok: false, reason: `${label} value '${value}' carries a query or fragment` };
  }
  if (parts.scheme !== null) notes.push(`scheme removed from a ${label} value`);
  if (parts.port !== null) notes.push(`port removed from a ${label} value`);

  const ip = parseIPv4(parts.host);
  const path = trimTrailingSlashes(parts.path);
  if (path !== '') {
    const host = ip ?? hostForDomain(parts.host, notes);
    if (host === null) return { ok: false, reason: `'${value}' is not a domain name` };
    notes.push(`${label} value carries a path: matched as a host and path prefix`);
    return { ok: true, kind: 'url', urlMatch: 'prefix', normalized: host + path, notes };
  }
  if (ip !== null) {
    notes.push(`IP address published as a ${label} value`);
    return { ok: true, kind: 'ipv4', normalized: ip, notes };
  }
  if (parts.host.startsWith('[')) {
    return { ok: false, reason: `IPv6 address '${value}' in a ${label} value is not supported` };
  }
  const host = hostForDomain(parts.host, notes);
  if (host === null) return { ok: false, reason: `'${value}' is not a domain name` };
  if (label === 'url') notes.push('URL published without a scheme or path: matched as a domain');
  if (!host.includes('.')) {
    notes.push('single-label name: matched only exactly, never as a parent domain');
  }
  return { ok: true, kind: 'domain', normalized: host, notes };
}

/** Validates a lower-cased host and applies the wildcard and 'www.' rules. */
function hostForDomain(rawHost: string, notes: string[]): string | null {
  let host = rawHost;
  if (host.startsWith('*.')) {
    host = host.slice(2);
    notes.push("leading '*.' removed: sub-domains match anyway");
  }
  if (!DOMAIN_NAME.test(host)) return null;
  const bare = stripWww(host);
  if (bare !== host) notes.push("leading 'www.' removed: the domain and all its sub-domains match");
  return bare;
}

function normalizeUrlValue(value: string, notes: string[]): ValueOutcome {
  const parts = splitUrl(value);
  if (parts === null) return { ok: false, reason: `'${value}' is not a URL` };
  if (parts.scheme === null) return normalizeDomainValue(value, notes, 'url');
  return { ok: true, kind: 'url', urlMatch: 'exact', normalized: formatExactUrl(parts), notes };
}

/**
 * The comparison form of a URL with a scheme: scheme and host lower-case, userinfo and a
 * default port dropped, an empty path written '/'. Path, query and fragment stay as written.
 */
export function formatExactUrl(parts: UrlParts): string {
  const scheme = parts.scheme ?? '';
  const port = parts.port !== null && DEFAULT_PORTS[scheme] !== parts.port ? `:${parts.port}` : '';
  const path = parts.path === '' ? '/' : parts.path;
  const query = parts.query === null ? '' : `?${parts.query}`;
  const fragment = parts.fragment === null ? '' : `#${parts.fragment}`;
  const host = parseUrlHostIPv4(parts.host) ?? parts.host;
  return `${scheme}://${host}${port}${path}${query}${fragment}`;
}

function normalizeIpValue(value: string, notes: string[]): ValueOutcome {
  const slash = value.indexOf('/');
  let address = value;
  if (slash !== -1) {
    const prefix = value.slice(slash + 1).trim();
    address = value.slice(0, slash);
    if (prefix !== '32') {
      return { ok: false, reason: `CIDR range '${value}' is not supported; only single addresses are matched` };
    }
    notes.push("'/32' suffix removed");
  }
  const ip = parseIPv4(address);
  if (ip === null) return { ok: false, reason: `'${value}' is not an IPv4 address` };
  return { ok: true, kind: 'ipv4', normalized: ip, notes };
}

function normalizePathValue(value: string, notes: string[]): ValueOutcome {
  const normalized = canonicalIosPath(value);
  if (normalized === '' || normalized === '/') return { ok: false, reason: `file path '${value}' names no file` };
  if (!normalized.startsWith('/')) {
    notes.push('relative path: matched as the end of an observed path');
  } else if (normalized !== trimTrailingSlashes(value)) {
    notes.push(`path canonicalised to ${normalized}`);
  }
  return { ok: true, kind: 'file-path', normalized, notes };
}

function normalizeDigestValue(resolved: ResolvedKey, value: string, notes: string[]): ValueOutcome {
  const algorithm = resolved.algorithm ?? 'sha256';
  const digest = normalizeHexDigest(value);
  const expected = DIGEST_LENGTH[algorithm];
  if (digest === null || digest.length !== expected) {
    return { ok: false, reason: `'${value}' is not an ${DIGEST_LABEL[algorithm]} digest (${expected} hex digits)` };
  }
  return { ok: true, kind: resolved.kind, normalized: digest, notes };
}

function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end -= 1;
  return path.slice(0, end);
}
