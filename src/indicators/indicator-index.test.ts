import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { IndicatorIndex } from './indicator-index.js';
import { parseStix2Bundle } from './stix2-bundle.js';
import type { BundleRef, Indicator, IndicatorKind, IndicatorMatch, LoadedBundle } from './types.js';

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/test-all-kinds.stix2', import.meta.url), 'utf8')) as unknown;
const id = (n: number): string => `indicator--7e57a11c-0000-4000-8000-${String(100 + n).padStart(12, '0')}`;

function loaded(ref: BundleRef, json: unknown): { bundle: LoadedBundle; indicators: Indicator[] } {
  const result = parseStix2Bundle(json, ref);
  if (!result.ok) throw new Error('fixture is not a bundle');
  const counts: Partial<Record<IndicatorKind, number>> = {};
  for (const indicator of result.indicators) counts[indicator.kind] = (counts[indicator.kind] ?? 0) + 1;
  return {
    bundle: {
      ...ref,
      path: `/fixtures/${ref.file}`,
      origin: 'option',
      malware: result.malware,
      counts,
      total: result.indicators.length,
      skipped: result.skipped,
    },
    indicators: result.indicators,
  };
}

function indexOf(...parts: Array<{ bundle: LoadedBundle; indicators: Indicator[] }>): IndicatorIndex {
  return new IndicatorIndex(
    parts.map((part) => part.bundle),
    parts.flatMap((part) => part.indicators),
  );
}

const index = indexOf(loaded({ file: 'test-all-kinds.stix2', sha256: '1'.repeat(64) }, FIXTURE));

/** "how:stix-id-suffix:normalized", short enough to read in a failure. */
function brief(matches: IndicatorMatch[]): string[] {
  return matches.map((match) => `${match.how}:${match.indicator.stixId.slice(-3)}:${match.indicator.normalized}`);
}

describe('matchUrl', () => {
  it('matches an exact URL indicator and the domain of its host', () => {
    const url = "https://evil.example/landing?id=a=b&n=O'Brien";
    expect(brief(index.matchUrl(url))).toEqual(['exact:101:evil.example', `exact:105:${url}`]);
    expect(brief(index.matchUrl("HTTPS://user:pw@EVIL.example:443/landing?id=a=b&n=O'Brien"))).toEqual([
      'exact:101:evil.example',
      `exact:105:${url}`,
    ]);
    expect(brief(index.matchUrl('https://evil.example/landing?id=a=b'))).toEqual(['exact:101:evil.example']);
  });

  it('reports the observed value it compared', () => {
    const [domain, url] = index.matchUrl("https://EVIL.example/landing?id=a=b&n=O'Brien");
    expect(domain?.observed).toBe('evil.example');
    expect(url?.observed).toBe("https://evil.example/landing?id=a=b&n=O'Brien");
  });

  it('matches host-and-path prefixes only on a / boundary', () => {
    expect(brief(index.matchUrl('https://cdn.example/x/payload.js'))).toEqual(['url-prefix:104:cdn.example/x']);
    expect(brief(index.matchUrl('cdn.example/x'))).toEqual(['url-prefix:104:cdn.example/x']);
    expect(brief(index.matchUrl('http://www.cdn.example/x/?q=1'))).toEqual(['url-prefix:104:cdn.example/x']);
    expect(index.matchUrl('https://cdn.example/xy')).toEqual([]);
    expect(index.matchUrl('https://cdn.example/')).toEqual([]);
    expect(index.matchUrl('https://cdn.example/y/x')).toEqual([]);
    expect(index.matchUrl('https://sub.cdn.example/x')).toEqual([]);
  });

  it('matches a domain and every sub-domain, on label boundaries only', () => {
    expect(brief(index.matchUrl('evil.example'))).toEqual(['exact:101:evil.example']);
    expect(brief(index.matchUrl('a.b.evil.example'))).toEqual(['parent-domain:101:evil.example']);
    expect(index.matchUrl('a.b.evil.example')[0]?.observed).toBe('a.b.evil.example');
    expect(brief(index.matchUrl('user@a.evil.example:8080/x'))).toEqual(['parent-domain:101:evil.example']);
    expect(brief(index.matchUrl('EVIL.EXAMPLE.'))).toEqual(['exact:101:evil.example']);
    expect(index.matchUrl('notevil.example')).toEqual([]);
    expect(index.matchUrl('evil.example.attacker.test')).toEqual([]);
    expect(index.matchUrl('evilexample')).toEqual([]);
  });

  it('strips only a literal www. from the observed host', () => {
    expect(brief(index.matchUrl('https://www.tracker.example/'))).toEqual(['exact:102:tracker.example']);
    expect(brief(index.matchUrl('tracker.example'))).toEqual(['exact:102:tracker.example']);
    expect(brief(index.matchUrl('x.www.tracker.example'))).toEqual(['parent-domain:102:tracker.example']);
    expect(index.matchUrl('wwwtracker.example')).toEqual([]);
    expect(index.matchUrl('wwtracker.example')).toEqual([]);
  });

  it('matches single-label indicators exactly, never as a parent', () => {
    expect(brief(index.matchUrl('intranetspy'))).toEqual(['exact:132:intranetspy']);
    expect(index.matchUrl('host.intranetspy')).toEqual([]);
  });

  it('matches IPv4 hosts exactly, never by substring', () => {
    expect(brief(index.matchUrl('http://192.0.2.7:8080/'))).toEqual(['exact:103:192.0.2.7']);
    expect(brief(index.matchUrl('192.0.2.7'))).toEqual(['exact:103:192.0.2.7']);
    expect(brief(index.matchUrl('198.51.100.23:443'))).toEqual(['exact:106:198.51.100.23']);
    expect(index.matchUrl('192.0.2.77')).toEqual([]);
    expect(index.matchUrl('1192.0.2.7')).toEqual([]);
    expect(index.matchUrl('http://192.0.2.70/')).toEqual([]);
  });

  it('reads hex and short IPv4 forms in URLs as the browser did, but not in bare text', () => {
    expect(brief(index.matchUrl('http://0xc0000207/'))).toEqual(['exact:103:192.0.2.7']);
    expect(brief(index.matchUrl('http://192.0.519/'))).toEqual(['exact:103:192.0.2.7']);
    expect(index.matchUrl('0xc0000207')).toEqual([]);
  });

  it('matches both comparisons of an OR pattern', () => {
    // Same STIX id: the order of the comparisons in the pattern breaks the tie.
    expect(brief(index.matchUrl('http://203.0.113.5:8080/c2'))).toEqual([
      'exact:124:203.0.113.5',
      'exact:124:http://203.0.113.5:8080/c2',
    ]);
  });

  it('returns nothing for text without a host', () => {
    for (const text of ['', '   ', 'https://', '/private/var/tmp', 'not a url at all']) {
      expect(index.matchUrl(text), text).toEqual([]);
    }
  });
});

describe('matchDomain and matchIp', () => {
  it('matchDomain takes hosts with ports and looks addresses up as IPs', () => {
    expect(brief(index.matchDomain('A.Evil.Example:443'))).toEqual(['parent-domain:101:evil.example']);
    expect(brief(index.matchDomain('192.0.2.7'))).toEqual(['exact:103:192.0.2.7']);
    expect(index.matchDomain('notevil.example')).toEqual([]);
  });

  it('matchIp is exact', () => {
    expect(brief(index.matchIp('203.0.113.5'))).toEqual(['exact:124:203.0.113.5']);
    expect(brief(index.matchIp('203.0.113.5:8080'))).toEqual(['exact:124:203.0.113.5']);
    expect(index.matchIp('203.0.113.55')).toEqual([]);
    expect(index.matchIp('3.0.113.5')).toEqual([]);
    expect(index.matchIp('evil.example')).toEqual([]);
  });
});

describe('matchProcess', () => {
  it('is exact and case-sensitive', () => {
    expect(brief(index.matchProcess('testspyd'))).toEqual(['exact:107:testspyd']);
    expect(index.matchProcess('testspy')).toEqual([]);
    expect(index.matchProcess('testspydx')).toEqual([]);
    expect(index.matchProcess('TestSpyd')).toEqual([]);
  });

  it('matches names cut to exactly 15 or 16 characters', () => {
    expect(brief(index.matchProcess('com.example.long'))).toEqual(['truncated-process:108:com.example.longprocessname']);
    expect(brief(index.matchProcess('com.example.lon'))).toEqual(['truncated-process:108:com.example.longprocessname']);
    expect(index.matchProcess('com.example.lo')).toEqual([]);
    expect(index.matchProcess('com.example.longp')).toEqual([]);
    expect(index.matchProcess('com.example.lonX')).toEqual([]);
  });

  it('finds a process name as a path component', () => {
    expect(brief(index.matchProcessInPath('/private/var/db/com.apple.xpc.roleaccountd.staging/testspyd'))).toEqual([
      'path-component:107:testspyd',
    ]);
    expect(index.matchProcessInPath('/private/var/db/testspydx/y')).toEqual([]);
    expect(index.matchProcessInPath('/private/var/db/x.testspyd')).toEqual([]);
  });
});

describe('matchFilePath', () => {
  it('matches the canonical path exactly or under an indicator on a / boundary', () => {
    expect(brief(index.matchFilePath('/private/var/tmp/testspy'))).toEqual(['exact:111:/private/var/tmp/testspy']);
    expect(brief(index.matchFilePath('/tmp/testspy/'))).toEqual(['exact:111:/private/var/tmp/testspy']);
    expect(brief(index.matchFilePath('/private/var/tmp/testspy/a/b'))).toEqual(['path-prefix:111:/private/var/tmp/testspy']);
    expect(brief(index.matchFilePath('/var/mobile/Library/TestSpy/state.db'))).toEqual([
      'exact:112:/private/var/mobile/Library/TestSpy/state.db',
    ]);
    expect(index.matchFilePath('/private/var/tmp/testspy/a')[0]?.observed).toBe('/private/var/tmp/testspy/a');
  });

  it('does not match across a component boundary', () => {
    expect(index.matchFilePath('/private/var/tmp/testspy2')).toEqual([]);
    expect(index.matchFilePath('/private/var/tmp2/testspy')).toEqual([]);
    expect(index.matchFilePath('/private/var/tmp')).toEqual([]);
    expect(index.matchFilePath('/private/var/mobile/Library/TestSpy/state.db-wal')).toEqual([]);
  });

  it('matches relative indicators at the end of a path on a / boundary', () => {
    expect(brief(index.matchFilePath('/private/var/mobile/Library/Preferences/com.example.spy.plist'))).toEqual([
      'relative-path:113:Library/Preferences/com.example.spy.plist',
    ]);
    expect(brief(index.matchFilePath('Library/Preferences/com.example.spy.plist'))).toEqual([
      'relative-path:113:Library/Preferences/com.example.spy.plist',
    ]);
    expect(index.matchFilePath('/private/var/mobile/MyLibrary/Preferences/com.example.spy.plist')).toEqual([]);
    expect(index.matchFilePath('/private/var/mobile/Library/Preferences/com.example.spy.plist.bak')).toEqual([]);
  });

  it('returns nothing for empty paths', () => {
    expect(index.matchFilePath('')).toEqual([]);
    expect(index.matchFilePath('/')).toEqual([]);
  });
});

describe('the other look-ups', () => {
  it('matchFileName is exact on the base name', () => {
    expect(brief(index.matchFileName('spy\\tool.dat'))).toEqual(['exact:110:spy\\tool.dat']);
    expect(brief(index.matchFileName('/private/var/tmp/spy\\tool.dat'))).toEqual(['exact:110:spy\\tool.dat']);
    expect(index.matchFileName('Spy\\tool.dat')).toEqual([]);
    expect(index.matchFileName('spy\\tool.dat.bak')).toEqual([]);
  });

  it('matchEmail folds case and never matches a longer address', () => {
    expect(brief(index.matchEmail('AGENT.X@EXAMPLE.ORG'))).toEqual(['exact:109:agent.x@example.org']);
    expect(index.matchEmail('agent.x@example.org.evil')).toEqual([]);
    expect(index.matchEmail('xagent.x@example.org')).toEqual([]);
  });

  it('matchFileHash picks the algorithm by length and ignores case', () => {
    expect(brief(index.matchFileHash('0123456789abcdef0123456789abcdef'))).toEqual(['exact:114:0123456789abcdef0123456789abcdef']);
    expect(brief(index.matchFileHash('0123456789ABCDEF0123456789ABCDEF01234567'))).toEqual([
      'exact:115:0123456789abcdef0123456789abcdef01234567',
    ]);
    expect(index.matchFileHash('A'.repeat(64))[0]?.indicator.stixId).toBe(id(16));
    expect(index.matchFileHash('b'.repeat(64))[0]?.indicator.stixId).toBe(id(17));
    expect(index.matchFileHash('a'.repeat(63))).toEqual([]);
    expect(index.matchFileHash('0123456789abcdef')).toEqual([]);
    expect(index.matchFileHash('not hex')).toEqual([]);
  });

  it('matchCertHash accepts fingerprints with separators', () => {
    expect(index.matchCertHash('C'.repeat(64))[0]?.indicator.stixId).toBe(id(19));
    expect(index.matchCertHash(Array(20).fill('dd').join(':'))[0]?.indicator.stixId).toBe(id(20));
    expect(index.matchCertHash('d'.repeat(38))).toEqual([]);
  });

  it('matchAppId, matchAndroidProperty and matchProfileId are case-insensitive equality', () => {
    expect(brief(index.matchAppId('COM.EXAMPLE.SPYAPP'))).toEqual(['exact:118:com.example.spyapp']);
    expect(index.matchAppId('com.example.spyapp2')).toEqual([]);
    expect(index.matchAppId('example.spyapp')).toEqual([]);
    expect(brief(index.matchAndroidProperty('Persist.Example.Spy'))).toEqual(['exact:122:persist.example.spy']);
    expect(index.matchAndroidProperty('persist.example')).toEqual([]);
    expect(brief(index.matchProfileId('0a1b2c3d-0000-4000-8000-00000000cafe'))).toEqual([
      'exact:121:0a1b2c3d-0000-4000-8000-00000000cafe',
    ]);
    // MVT tested `observed in indicator`: a fragment of the id matched.
    expect(index.matchProfileId('0A1B2C3D')).toEqual([]);
    expect(index.matchProfileId('')).toEqual([]);
  });
});

describe('IndicatorIndex as a whole', () => {
  it('counts what it holds', () => {
    expect(index.size()).toBe(29);
    expect(index.countsByKind()).toEqual({
      domain: 7,
      url: 3,
      ipv4: 3,
      process: 2,
      email: 1,
      'file-name': 1,
      'file-path': 3,
      'file-hash-md5': 1,
      'file-hash-sha1': 1,
      'file-hash-sha256': 2,
      'app-id': 1,
      'app-cert-hash': 2,
      'configuration-profile': 1,
      'android-property': 1,
    });
    expect(index.bundles().map((bundle) => bundle.file)).toEqual(['test-all-kinds.stix2']);
  });

  it('is frozen after build', () => {
    const [match] = index.matchDomain('evil.example');
    expect(Object.isFrozen(index)).toBe(true);
    expect(Object.isFrozen(match?.indicator)).toBe(true);
    expect(Object.isFrozen(index.bundles()[0])).toBe(true);
    const counts = index.countsByKind();
    counts.domain = 0;
    expect(index.countsByKind().domain).toBe(7);
  });

  it('orders matches by bundle file name, then STIX id, whatever the input order', () => {
    const bundle = (name: string, ids: string[]): unknown => ({
      type: 'bundle',
      objects: ids.map((stixId) => ({ type: 'indicator', id: stixId, pattern: "[domain-name:value = 'shared.example']" })),
    });
    const late = loaded({ file: 'z-last.stix2', sha256: '2'.repeat(64) }, bundle('z', ['indicator--b', 'indicator--a']));
    const early = loaded({ file: 'a-first.stix2', sha256: '3'.repeat(64) }, bundle('a', ['indicator--c']));
    // Within one bundle duplicates are dropped, so z-last keeps only indicator--b.
    const both = indexOf(late, early);
    expect(both.matchDomain('x.shared.example').map((m) => `${m.indicator.bundle.file}:${m.indicator.stixId}`)).toEqual([
      'a-first.stix2:indicator--c',
      'z-last.stix2:indicator--b',
    ]);
    const other = indexOf(early, late);
    expect(other.matchDomain('x.shared.example')).toEqual(both.matchDomain('x.shared.example'));
  });
});
