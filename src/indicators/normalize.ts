/**
 * Pure normalisation shared by indicator values and observed values. Both sides of every
 * comparison go through the same function, so a rule here changes matching symmetrically.
 */
import { domainToASCII } from 'node:url';

export interface UrlParts {
  /** Lower-cased scheme, or null when the text had no `scheme://`. */
  scheme: string | null;
  /** Lower-cased host without port, userinfo or trailing dots; IPv6 keeps its brackets. */
  host: string;
  /** Port digits as written, or null. */
  port: string | null;
  /** Path as written (backslashes turned into '/'), '' when absent. */
  path: string;
  query: string | null;
  fragment: string | null;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const NON_ASCII = /[^\x00-\x7f]/;
const AUTHORITY_END = /[/?#\\]/;
const TRAILING_DOTS = /\.+$/;
const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Splits a full URL, a bare host, `host:port`, `host/path` or an IP into parts. Returns null
 * when no host can be found. Never throws.
 */
export function splitUrl(text: string): UrlParts | null {
  let rest = text.trim();
  let scheme: string | null = null;
  const schemeMatch = SCHEME.exec(rest);
  if (schemeMatch !== null) {
    scheme = (schemeMatch[1] ?? '').toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  } else if (rest.startsWith('//')) {
    rest = rest.slice(2);
  }

  const authorityEnd = rest.search(AUTHORITY_END);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);

  // The last '@' ends the userinfo: a password may itself contain '@'.
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  let host: string;
  let port: string | null = null;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close === -1) return null;
    host = hostPort.slice(0, close + 1);
    const after = hostPort.slice(close + 1);
    if (after.startsWith(':')) port = after.slice(1);
  } else {
    const colon = hostPort.indexOf(':');
    if (colon !== -1 && hostPort.indexOf(':', colon + 1) === -1) {
      host = hostPort.slice(0, colon);
      port = hostPort.slice(colon + 1);
    } else {
      // No colon, or an unbracketed IPv6 literal: keep it whole, it matches nothing here.
      host = hostPort;
    }
  }
  host = canonicalHostText(host);
  if (host === '') return null;

  const hashAt = tail.indexOf('#');
  const beforeHash = hashAt === -1 ? tail : tail.slice(0, hashAt);
  const fragment = hashAt === -1 ? null : tail.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const rawPath = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? null : beforeHash.slice(queryAt + 1);
  const path = rawPath.includes('\\') ? rawPath.replace(/\\/g, '/') : rawPath;
  return { scheme, host, port: port === '' ? null : port, path, query, fragment };
}

function canonicalHostText(raw: string): string {
  let host = raw;
  if (host.includes('%')) {
    try {
      host = decodeURIComponent(host);
    } catch {
      // A malformed escape stays as written; such a host matches nothing.
    }
  }
  host = host.toLowerCase();
  if (host.endsWith('.')) host = host.replace(TRAILING_DOTS, '');
  if (NON_ASCII.test(host)) {
    // Feeds and logs write internationalised names either way; compare in punycode.
    const ascii = domainToASCII(host);
    if (ascii !== '') host = ascii;
  }
  return host;
}

/**
 * Removes a literal leading 'www.' (never a character-set strip: 'web.example.com' and
 * 'wwexample.org' are unchanged), and only when what remains still has a dot, so
 * 'www.example' stays a two-label name instead of becoming a bare top-level label.
 */
export function stripWww(host: string): string {
  if (host.startsWith('www.') && host.indexOf('.', 4) !== -1) return host.slice(4);
  return host;
}

/** The host of a URL or bare text, normalised for domain comparison, or null. */
export function normalizeHost(text: string): string | null {
  const parts = splitUrl(text);
  return parts === null ? null : stripWww(parts.host);
}

/**
 * Strict dotted-decimal IPv4: four parts 0-255. Leading zeros are read as decimal (feeds pad
 * octets; nobody publishes octal). Returns the canonical form or null.
 */
export function parseIPv4(text: string): string | null {
  const match = DOTTED_QUAD.exec(text.trim());
  if (match === null) return null;
  const octets = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
  return octets.every((octet) => octet <= 255) ? octets.join('.') : null;
}

/**
 * IPv4 as a browser reads the host of a URL (WHATWG URL standard): one to four parts, each
 * decimal, 0x-hex or 0-prefixed octal, the last part filling the remaining bytes. This is
 * what the phone connected to, so `http://0xb0df6f83/` is 176.223.111.131. Returns the
 * canonical dotted form, or null when the host is not an IPv4 address.
 */
export function parseUrlHostIPv4(host: string): string | null {
  const parts = host.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const value = parseIPv4Number(part);
    if (value === null) return null;
    numbers.push(value);
  }
  const last = numbers[numbers.length - 1] ?? 0;
  if (last >= 256 ** (5 - numbers.length)) return null;
  let address = last;
  for (let i = 0; i < numbers.length - 1; i += 1) {
    const n = numbers[i] ?? 0;
    if (n > 255) return null;
    address += n * 256 ** (3 - i);
  }
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

function parseIPv4Number(part: string): number | null {
  if (part === '') return null;
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(part)) {
    digits = part.slice(2);
    radix = 16;
    if (digits === '') return 0;
    if (!/^[0-9a-f]+$/i.test(digits)) return null;
  } else if (part.length > 1 && part.startsWith('0')) {
    digits = part.slice(1);
    radix = 8;
    if (!/^[0-7]+$/.test(digits)) return null;
  } else if (!/^\d+$/.test(part)) {
    return null;
  }
  // Anything past 2^32 is out of range for any position; stop before precision is lost.
  if (digits.length > 32) return null;
  const value = parseInt(digits, radix);
  return value > 0xffffffff ? null : value;
}

/**
 * Canonical form of a device path: duplicate slashes collapsed, '.' and '..' resolved
 * lexically, trailing '/' removed, and the iOS symlinks resolved — /var → /private/var,
 * /tmp and /private/tmp → /private/var/tmp. A relative path stays relative.
 */
export function canonicalIosPath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const component of path.split('/')) {
    if (component === '' || component === '.') continue;
    if (component === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(component);
  }
  if (absolute) {
    if (out[0] === 'var') out.unshift('private');
    else if (out[0] === 'tmp') out.splice(0, 1, 'private', 'var', 'tmp');
    else if (out[0] === 'private' && out[1] === 'tmp') out.splice(0, 2, 'private', 'var', 'tmp');
    return `/${out.join('/')}`;
  }
  return out.join('/');
}

/** Case-folded address; a leading 'mailto:' is dropped. */
export function normalizeEmail(text: string): string {
  const trimmed = text.trim();
  const bare = /^mailto:/i.test(trimmed) ? trimmed.slice(7) : trimmed;
  return bare.toLowerCase();
}

/**
 * Lower-case hex with ':' separators and white space removed (certificate fingerprints are
 * often printed as AB:CD:…), or null when anything else is left.
 */
export function normalizeHexDigest(text: string): string | null {
  const compact = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]+$/.test(compact) ? compact : null;
}
