import { describe, expect, it } from 'vitest';

import {
  canonicalIosPath,
  normalizeEmail,
  normalizeHexDigest,
  normalizeHost,
  parseIPv4,
  parseUrlHostIPv4,
  splitUrl,
  stripWww,
} from './normalize.js';

describe('splitUrl', () => {
  it('takes a full URL apart', () => {
    expect(splitUrl('HTTPS://User:p@ss@Sub.Evil.Example.:8443/a/B?q=1#frag')).toEqual({
      scheme: 'https',
      host: 'sub.evil.example',
      port: '8443',
      path: '/a/B',
      query: 'q=1',
      fragment: 'frag',
    });
  });

  it('reads bare hosts, host:port, host/path and IPs', () => {
    expect(splitUrl('evil.example')).toMatchObject({ scheme: null, host: 'evil.example', port: null, path: '' });
    expect(splitUrl('evil.example:30495')).toMatchObject({ host: 'evil.example', port: '30495' });
    expect(splitUrl('evil.example/x/y')).toMatchObject({ host: 'evil.example', path: '/x/y' });
    expect(splitUrl('192.0.2.1:80')).toMatchObject({ host: '192.0.2.1', port: '80' });
    expect(splitUrl('//evil.example/p')).toMatchObject({ scheme: null, host: 'evil.example', path: '/p' });
    expect(splitUrl('http://[2001:db8::1]:443/')).toMatchObject({ host: '[2001:db8::1]', port: '443' });
  });

  it('treats a backslash as a path separator, as browsers do', () => {
    expect(splitUrl('https://evil.example\\x\\y')).toMatchObject({ host: 'evil.example', path: '/x/y' });
  });

  it('compares internationalised names in punycode and decodes escaped hosts', () => {
    expect(splitUrl('https://bücher.example/')?.host).toBe('xn--bcher-kva.example');
    expect(splitUrl('https://evil%2Eexample/')?.host).toBe('evil.example');
  });

  it('returns null when there is no host', () => {
    for (const text of ['', '   ', 'https://', 'https:///path', '/just/a/path', 'http://[::1', 'user@']) {
      expect(splitUrl(text), text).toBeNull();
    }
  });
});

describe('stripWww / normalizeHost', () => {
  it('removes only a literal leading www.', () => {
    expect(stripWww('www.andropwn.xyz')).toBe('andropwn.xyz');
    expect(stripWww('web.whatsapp.com')).toBe('web.whatsapp.com');
    expect(stripWww('wwexample.org')).toBe('wwexample.org');
    expect(stripWww('www2.example.org')).toBe('www2.example.org');
    expect(stripWww('x.www.example.org')).toBe('x.www.example.org');
  });

  it('keeps www. when only one label would remain', () => {
    expect(stripWww('www.example')).toBe('www.example');
  });

  it('normalises a host from any text', () => {
    expect(normalizeHost('https://WWW.Evil.Example.:443/path')).toBe('evil.example');
    expect(normalizeHost('web.whatsapp.com')).toBe('web.whatsapp.com');
    expect(normalizeHost('wwexample.org')).toBe('wwexample.org');
    expect(normalizeHost('user@www.evil.example:8080')).toBe('evil.example');
    expect(normalizeHost('')).toBeNull();
  });
});

describe('parseIPv4', () => {
  it('accepts dotted decimal and canonicalises it', () => {
    expect(parseIPv4('192.0.2.1')).toBe('192.0.2.1');
    expect(parseIPv4(' 192.000.002.001 ')).toBe('192.0.2.1');
  });

  it('rejects everything else', () => {
    for (const text of ['192.0.2', '192.0.2.256', '1.2.3.4.5', '0x7f.0.0.1', '1.2.3.a', '', '1..2.3', '11.1.1.12x']) {
      expect(parseIPv4(text), text).toBeNull();
    }
  });
});

describe('parseUrlHostIPv4', () => {
  it('reads hosts the way a browser does', () => {
    expect(parseUrlHostIPv4('176.223.111.131')).toBe('176.223.111.131');
    expect(parseUrlHostIPv4('0xb0df6f83')).toBe('176.223.111.131');
    expect(parseUrlHostIPv4('2967433091')).toBe('176.223.111.131');
    expect(parseUrlHostIPv4('0260.0337.0157.0203')).toBe('176.223.111.131');
    expect(parseUrlHostIPv4('176.223.28547')).toBe('176.223.111.131');
    expect(parseUrlHostIPv4('192.0.2.1.')).toBe('192.0.2.1');
  });

  it('returns null for names and out-of-range numbers', () => {
    for (const host of ['evil.example', '1.2.3.256', '4294967296', '1.2.3.4.5', '08.1.1.1', '0xg.1.1.1', '']) {
      expect(parseUrlHostIPv4(host), host).toBeNull();
    }
  });
});

describe('canonicalIosPath', () => {
  it('resolves the iOS symlinks', () => {
    expect(canonicalIosPath('/var/mobile/Library/x')).toBe('/private/var/mobile/Library/x');
    expect(canonicalIosPath('/tmp/l/')).toBe('/private/var/tmp/l');
    expect(canonicalIosPath('/private/tmp/x')).toBe('/private/var/tmp/x');
    expect(canonicalIosPath('/private/var/tmp/x')).toBe('/private/var/tmp/x');
  });

  it('only maps whole components', () => {
    expect(canonicalIosPath('/various/x')).toBe('/various/x');
    expect(canonicalIosPath('/tmp2/x')).toBe('/tmp2/x');
  });

  it('collapses slashes, resolves dot segments and drops the trailing slash', () => {
    expect(canonicalIosPath('//private///var/tmp//hooker/')).toBe('/private/var/tmp/hooker');
    expect(canonicalIosPath('/private/var/tmp/../tmp/./x')).toBe('/private/var/tmp/x');
    expect(canonicalIosPath('/../../etc')).toBe('/etc');
    expect(canonicalIosPath('/')).toBe('/');
  });

  it('keeps relative paths relative', () => {
    expect(canonicalIosPath('Library/Preferences/x.plist')).toBe('Library/Preferences/x.plist');
    expect(canonicalIosPath('./Library//x/')).toBe('Library/x');
    expect(canonicalIosPath('var/x')).toBe('var/x');
  });
});

describe('normalizeEmail / normalizeHexDigest', () => {
  it('case-folds e-mail addresses', () => {
    expect(normalizeEmail(' BERGERS.O79@GMAIL.COM ')).toBe('bergers.o79@gmail.com');
    expect(normalizeEmail('mailto:Agent@Example.org')).toBe('agent@example.org');
  });

  it('lower-cases digests and drops fingerprint separators', () => {
    expect(normalizeHexDigest('AB:CD:EF')).toBe('abcdef');
    expect(normalizeHexDigest(' 0123ABCD ')).toBe('0123abcd');
    expect(normalizeHexDigest('xyz')).toBeNull();
    expect(normalizeHexDigest('')).toBeNull();
  });
});
