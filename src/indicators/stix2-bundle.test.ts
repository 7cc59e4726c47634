import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseStix2Bundle, type BundleParseResult } from './stix2-bundle.js';
import type { BundleRef, Indicator, SkippedEntry } from './types.js';

const REF: BundleRef = { file: 'test.stix2', sha256: '0'.repeat(64) };
const FIXTURE_TEXT = readFileSync(new URL('./fixtures/test-all-kinds.stix2', import.meta.url), 'utf8');
const MALWARE = 'malware--7e57a11c-0000-4000-8000-000000000001';
const id = (n: number): string => `indicator--7e57a11c-0000-4000-8000-${String(100 + n).padStart(12, '0')}`;

function parsed(json: unknown): { indicators: Indicator[]; malware: string[]; skipped: SkippedEntry[] } {
  const result = parseStix2Bundle(json, REF);
  if (!result.ok) throw new Error(`not a bundle: ${result.problems.join('; ')}`);
  return result;
}

/** A bundle of one malware and one indicator per pattern, each attributed by a relationship. */
function bundleOf(...patterns: string[]): unknown {
  const objects: unknown[] = [{ type: 'malware', id: 'malware--1', name: 'M' }];
  patterns.forEach((pattern, n) => {
    objects.push({ type: 'indicator', id: `indicator--${n}`, pattern, pattern_type: 'stix' });
    objects.push({ type: 'relationship', id: `relationship--${n}`, relationship_type: 'indicates', source_ref: `indicator--${n}`, target_ref: 'malware--1' });
  });
  return { type: 'bundle', id: 'bundle--1', objects };
}

function single(pattern: string): Indicator {
  const { indicators, skipped } = parsed(bundleOf(pattern));
  expect(skipped).toEqual([]);
  expect(indicators).toHaveLength(1);
  const [indicator] = indicators;
  if (indicator === undefined) throw new Error('no indicator');
  return indicator;
}

function skipReason(pattern: string): string {
  const { indicators, skipped } = parsed(bundleOf(pattern));
  expect(indicators).toEqual([]);
  expect(skipped).toHaveLength(1);
  return skipped[0]?.reason ?? '';
}

describe('parseStix2Bundle on the hand-made fixture', () => {
  const result = parsed(JSON.parse(FIXTURE_TEXT));
  const byValue = new Map(result.indicators.map((indicator) => [indicator.value, indicator]));
  const get = (value: string): Indicator => {
    const indicator = byValue.get(value);
    if (indicator === undefined) throw new Error(`missing ${value}`);
    return indicator;
  };

  it('reads one indicator per supported comparison, in bundle order', () => {
    expect(result.indicators.map((indicator) => `${indicator.kind} ${indicator.normalized}`)).toEqual([
      'domain evil.example',
      'domain tracker.example',
      'ipv4 192.0.2.7',
      'url cdn.example/x',
      "url https://evil.example/landing?id=a=b&n=O'Brien",
      'ipv4 198.51.100.23',
      'process testspyd',
      'process com.example.longprocessname',
      'email agent.x@example.org',
      'file-name spy\\tool.dat',
      'file-path /private/var/tmp/testspy',
      'file-path /private/var/mobile/Library/TestSpy/state.db',
      'file-path Library/Preferences/com.example.spy.plist',
      'file-hash-md5 0123456789abcdef0123456789abcdef',
      'file-hash-sha1 0123456789abcdef0123456789abcdef01234567',
      `file-hash-sha256 ${'a'.repeat(64)}`,
      `file-hash-sha256 ${'b'.repeat(64)}`,
      'app-id com.example.spyapp',
      `app-cert-hash ${'c'.repeat(64)}`,
      `app-cert-hash ${'d'.repeat(40)}`,
      'configuration-profile 0a1b2c3d-0000-4000-8000-00000000cafe',
      'android-property persist.example.spy',
      'domain or-one.example',
      'domain or-two.example',
      'ipv4 203.0.113.5',
      'url http://203.0.113.5:8080/c2',
      'domain reported.example',
      'domain orphan.example',
      'domain intranetspy',
    ]);
  });

  it('keeps the published value, the pattern and the bundle reference', () => {
    const indicator = get("https://evil.example/landing?id=a=b&n=O'Brien");
    expect(indicator).toEqual({
      stixId: id(5),
      kind: 'url',
      value: "https://evil.example/landing?id=a=b&n=O'Brien",
      normalized: "https://evil.example/landing?id=a=b&n=O'Brien",
      pattern: "[url:value = 'https://evil.example/landing?id=a=b&n=O\\'Brien']",
      malware: 'TestSpy',
      bundle: REF,
      urlMatch: 'exact',
    });
    expect(get('Agent.X@Example.org').normalized).toBe('agent.x@example.org');
  });

  it('attributes by relationship, then by report, else to no malware', () => {
    expect(get('evil.example').malware).toBe('TestSpy');
    expect(get('reported.example').malware).toBe('Test Report');
    expect(get('orphan.example').malware).toBeNull();
    expect(result.malware).toEqual(['TestSpy', 'Test Report']);
  });

  it('gives each comparison of an OR pattern its own indicator under the same id', () => {
    expect(get('or-one.example').stixId).toBe(id(23));
    expect(get('or-two.example').stixId).toBe(id(23));
    expect(get('203.0.113.5').stixId).toBe(id(24));
    expect(get('http://203.0.113.5:8080/c2').stixId).toBe(id(24));
  });

  it('notes every normalisation it applied', () => {
    expect(get('www.tracker.example').note).toBe("leading 'www.' removed: the domain and all its sub-domains match");
    expect(get('192.0.2.7')).toMatchObject({ kind: 'ipv4', note: 'IP address published as a domain-name value' });
    expect(get('cdn.example/x')).toMatchObject({
      kind: 'url',
      urlMatch: 'prefix',
      note: 'domain-name value carries a path: matched as a host and path prefix',
    });
    expect(get('/var/mobile/Library/TestSpy/state.db').note).toBe(
      'path canonicalised to /private/var/mobile/Library/TestSpy/state.db',
    );
    expect(get('Library/Preferences/com.example.spy.plist').note).toBe('relative path: matched as the end of an observed path');
    expect(get('intranetspy').note).toBe('single-label name: matched only exactly, never as a parent domain');
    expect(get('evil.example').note).toBeUndefined();
  });

  it('reports exactly what it skipped and why', () => {
    expect(result.skipped).toEqual([
      {
        stixId: 'relationship--7e57a11c-0000-4000-8000-000000000199',
        reason:
          'objects[65].source_ref: relationship relationship--7e57a11c-0000-4000-8000-000000000199 points at indicator--7e57a11c-0000-4000-8000-000000000199, which is not in the bundle',
      },
      {
        stixId: id(25),
        pattern: "[domain-name:value = 'and-one.example' AND url:value = 'https://and-one.example/']",
        reason: 'objects[51].pattern: unsupported pattern: AND between comparisons is not supported',
      },
      {
        stixId: id(26),
        pattern: "[domain-name:value != 'not-equal.example']",
        reason: 'objects[53].pattern: unsupported pattern: the != operator on domain-name:value is not supported (only =)',
      },
      {
        stixId: id(27),
        pattern: "[ipv6-addr:value = '2001:db8::1']",
        reason: 'objects[55].pattern: ipv6-addr:value is not a supported indicator key',
      },
      {
        stixId: id(30),
        pattern: "[domain-name:value = 'EVIL.example.']",
        reason: `objects[59].pattern: duplicate of ${id(1)} (same domain evil.example after normalisation)`,
      },
      {
        stixId: id(31),
        pattern: "[domain-name:value = 'unterminated.example]",
        reason: 'objects[61].pattern: invalid pattern: unterminated string starting at position 21',
      },
    ]);
  });
});

describe('parseStix2Bundle on values that need care', () => {
  it('files IP addresses published as domains under ipv4', () => {
    expect(single("[domain-name:value = '94.140.125.174']")).toMatchObject({ kind: 'ipv4', normalized: '94.140.125.174' });
  });

  it('files a domain with a path as a host-and-path prefix', () => {
    expect(single("[domain-name:value = 'fgr1w2gnsdvsb.example/x/']")).toMatchObject({
      kind: 'url',
      urlMatch: 'prefix',
      normalized: 'fgr1w2gnsdvsb.example/x',
    });
  });

  it('strips scheme, port, a wildcard label and a trailing dot from domain values, with notes', () => {
    expect(single("[domain-name:value = 'https://Evil.Example:8443']")).toMatchObject({
      kind: 'domain',
      normalized: 'evil.example',
      note: 'scheme removed from a domain-name value; port removed from a domain-name value',
    });
    expect(single("[domain-name:value = '*.evil.example']")).toMatchObject({
      normalized: 'evil.example',
      note: "leading '*.' removed: sub-domains match anyway",
    });
    expect(single("[domain-name:value = ' evil.example ']")).toMatchObject({
      normalized: 'evil.example',
      note: 'surrounding white space removed',
    });
  });

  it('reads URL values without a scheme as prefixes or domains', () => {
    expect(single("[url:value = 'evil.example/p']")).toMatchObject({ kind: 'url', urlMatch: 'prefix', normalized: 'evil.example/p' });
    expect(single("[url:value = 'evil.example']")).toMatchObject({ kind: 'domain', normalized: 'evil.example' });
  });

  it('normalises exact URLs: scheme and host case, default port, empty path', () => {
    expect(single("[url:value = 'HTTPS://User@Evil.Example:443']").normalized).toBe('https://evil.example/');
    expect(single("[url:value = 'http://evil.example:8080/A?b=C']").normalized).toBe('http://evil.example:8080/A?b=C');
  });

  it('accepts a /32 address and refuses wider CIDR ranges', () => {
    expect(single("[ipv4-addr:value = '192.0.2.9/32']")).toMatchObject({ normalized: '192.0.2.9', note: "'/32' suffix removed" });
    expect(skipReason("[ipv4-addr:value = '192.0.2.0/24']")).toBe(
      "objects[1].pattern: CIDR range '192.0.2.0/24' is not supported; only single addresses are matched",
    );
  });

  it('refuses values that cannot be what their key says', () => {
    expect(skipReason("[ipv4-addr:value = '300.1.1.1']")).toBe("objects[1].pattern: '300.1.1.1' is not an IPv4 address");
    expect(skipReason("[file:hashes.sha256 = 'abc']")).toBe("objects[1].pattern: 'abc' is not an SHA-256 digest (64 hex digits)");
    expect(skipReason(`[file:hashes.md5 = '${'z'.repeat(32)}']`)).toBe(
      `objects[1].pattern: '${'z'.repeat(32)}' is not an MD5 digest (32 hex digits)`,
    );
    expect(skipReason("[email-addr:value = 'nobody']")).toBe("objects[1].pattern: 'nobody' is not an e-mail address");
    expect(skipReason("[file:name = 'a/b']")).toBe("objects[1].pattern: file name 'a/b' contains '/'");
    expect(skipReason("[domain-name:value = 'bad host.example']")).toBe("objects[1].pattern: 'bad host.example' is not a domain name");
    expect(skipReason("[domain-name:value = '']")).toBe('objects[1].pattern: empty value');
    expect(skipReason("[file:path = '/']")).toBe("objects[1].pattern: file path '/' names no file");
    expect(skipReason("[domain-name:value = 'evil.example/?q=1']")).toBe(
      "objects[1].pattern: domain-name value 'evil.example/?q=1' carries a query or fragment",
    );
  });

  it('adds a caution to values known to collide with legitimate names', () => {
    expect(single("[process:name = 'gatekeeperd']").caution?.text).toMatch(/Android/);
    expect(single("[process:name = 'payload']").caution).toBeDefined();
    expect(single("[file:name = 'com.apple.photolibraryd.plist']").caution).toBeDefined();
    expect(single("[process:name = 'testspyd']").caution).toBeUndefined();
  });

  it('reports duplicates after normalisation within one bundle', () => {
    const { indicators, skipped } = parsed(bundleOf("[file:path = '/tmp/l/']", "[file:path = '/private/var/tmp/l/']"));
    expect(indicators.map((indicator) => indicator.normalized)).toEqual(['/private/var/tmp/l']);
    expect(skipped).toEqual([
      {
        stixId: 'indicator--1',
        pattern: "[file:path = '/private/var/tmp/l/']",
        reason: 'objects[3].pattern: duplicate of indicator--0 (same file-path /private/var/tmp/l after normalisation)',
      },
    ]);
  });
});

describe('parseStix2Bundle on hostile input', () => {
  it('refuses what is not a bundle, naming each problem', () => {
    const refused = (json: unknown): string[] => {
      const result: BundleParseResult = parseStix2Bundle(json, REF);
      if (result.ok) throw new Error('accepted');
      return result.problems;
    };
    expect(refused(null)).toEqual(['(top level): expected a JSON object']);
    expect(refused([1, 2])).toEqual(['(top level): expected a JSON object']);
    expect(refused('bundle')).toEqual(['(top level): expected a JSON object']);
    expect(refused({})).toEqual(["type: expected 'bundle'", 'objects: expected a list']);
    expect(refused({ type: 'bundle', objects: {} })).toEqual(['objects: expected a list']);
    expect(refused({ type: 'indicator', objects: [] })).toEqual(["type: expected 'bundle'"]);
  });

  it('skips bad objects by path and keeps the good ones', () => {
    const { indicators, skipped } = parsed({
      type: 'bundle',
      objects: [
        null,
        7,
        { type: 'indicator' },
        { type: 'indicator', id: 'indicator--a', pattern: 42 },
        { type: 'indicator', id: 'indicator--b', pattern: "[domain-name:value = 'b.example']", pattern_type: 'sigma' },
        { type: 'indicator', id: 'indicator--c', pattern: "[domain-name:value = 'c.example']", revoked: true },
        { type: 'indicator', id: 'indicator--d', pattern: "[domain-name:value = 'd.example']" },
        { type: 'indicator', id: 'indicator--d', pattern: "[domain-name:value = 'other.example']" },
        { type: 'malware', id: 'malware--x' },
        { type: 'relationship', id: 'relationship--x', source_ref: 'indicator--d' },
        { type: 'relationship', id: 'relationship--y', source_ref: 'indicator--d', target_ref: 'malware--gone' },
        { type: 'relationship', id: 'relationship--z', source_ref: 'identity--1', target_ref: 'threat-actor--2' },
      ],
    });
    expect(indicators.map((indicator) => indicator.normalized)).toEqual(['d.example']);
    expect(indicators[0]?.malware).toBeNull();
    expect(skipped.map((entry) => entry.reason)).toEqual([
      'objects[0]: expected an object',
      'objects[1]: expected an object',
      "objects[2]: missing 'type' or 'id'",
      'objects[7]: repeats the id of objects[6]',
      'objects[8].name: malware malware--x has no name; its indicators are attributed to none',
      'objects[9]: relationship without source_ref or target_ref',
      'objects[10].target_ref: relationship relationship--y points at malware--gone, which is not in the bundle',
      'objects[3].pattern: expected a string',
      "objects[4].pattern_type: 'sigma' patterns are not supported",
      'objects[5]: indicator is revoked',
    ]);
  });

  it('prefers an indicates relationship over any other type', () => {
    const { indicators } = parsed({
      type: 'bundle',
      objects: [
        { type: 'malware', id: 'malware--1', name: 'Related' },
        { type: 'malware', id: 'malware--2', name: 'Indicated' },
        { type: 'indicator', id: 'indicator--1', pattern: "[process:name = 'x']" },
        { type: 'relationship', id: 'relationship--1', relationship_type: 'related-to', source_ref: 'indicator--1', target_ref: 'malware--1' },
        { type: 'relationship', id: 'relationship--2', relationship_type: 'indicates', source_ref: 'indicator--1', target_ref: 'malware--2' },
      ],
    });
    expect(indicators[0]?.malware).toBe('Indicated');
  });

  it('does not let a __proto__ key or inherited names leak in', () => {
    const json: unknown = JSON.parse(
      '{"type":"bundle","objects":[{"__proto__":{"pattern":"[process:name = \'evil\']"},"type":"indicator","id":"indicator--p"},{"type":"indicator","id":"indicator--q","pattern":"[process:name = \'ok\']","constructor":1}]}',
    );
    const { indicators, skipped } = parsed(json);
    expect(indicators.map((indicator) => indicator.value)).toEqual(['ok']);
    expect(skipped.map((entry) => entry.reason)).toEqual(['objects[0].pattern: expected a string']);
  });

  it('never throws on mangled copies of the fixture', () => {
    // A fixed-seed generator keeps the test reproducible.
    let seed = 0x5eed;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const junk = ['"', "'", '\\', '[', ']', '(', ')', '=', ' OR ', ' AND ', '{', '}', ',', ':', 'null', '0', '/', '.'];
    let parsedCopies = 0;
    for (let round = 0; round < 400; round += 1) {
      let text = FIXTURE_TEXT;
      for (let edit = 0; edit < 1 + Math.floor(random() * 6); edit += 1) {
        const at = Math.floor(random() * text.length);
        const cut = Math.floor(random() * 4);
        text = text.slice(0, at) + (junk[Math.floor(random() * junk.length)] ?? '') + text.slice(at + cut);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        continue;
      }
      parsedCopies += 1;
      expect(() => parseStix2Bundle(json, REF)).not.toThrow();
    }
    expect(parsedCopies).toBeGreaterThan(50);
  });
});
