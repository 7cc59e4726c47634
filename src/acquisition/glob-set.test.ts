import { describe, expect, it } from 'vitest';
import { GlobSet } from './glob-set.js';
import { globToRegExp } from './glob.js';

const PATTERNS = [
  'private/var/mobile/Library/SMS/sms.db',
  'private/var/mobile/Library/SMS/*.db',
  'private/var/**/sms.db',
  '**/shutdown.log',
  '**',
  'private/**',
  'private/var/*/Library/**/*.plist',
  '*/Documents/c.txt',
  'a/**/b/**/c',
  'logs/*.ips',
  'x*y/z',
];

const PATHS = [
  'private/var/mobile/Library/SMS/sms.db',
  'private/var/mobile/Library/SMS/sms.db-wal',
  'private/var/mobile/Library/SMS/other.db',
  'private/var/sms.db',
  'private/var/a/b/c/sms.db',
  'private/varx/sms.db',
  'shutdown.log',
  'private/var/db/diagnostics/shutdown.log',
  'private/var/db/diagnostics/shutdown.log.1',
  'private',
  'private/x',
  'private/var/mobile/Library/Preferences/com.apple.x.plist',
  'private/var/mobile/Library/a.plist',
  'private/var/mobile/Other/a.plist',
  'AppDomain/Documents/c.txt',
  'AppDomain/x/Documents/c.txt',
  'a/b/c',
  'a/x/b/y/c',
  'a/bc',
  'logs/crash.ips',
  'logs/sub/crash.ips',
  'xy/z',
  'x-1-y/z',
  'xz/z',
];

describe('GlobSet', () => {
  it('agrees with globToRegExp on every pattern and path', () => {
    for (const pattern of PATTERNS) {
      const set = new GlobSet([pattern]);
      const regex = globToRegExp(pattern);
      for (const path of PATHS) expect([pattern, path, set.matches(path)]).toEqual([pattern, path, regex.test(path)]);
    }
  });

  it('matches the union of its patterns, in any order of paths', () => {
    const set = new GlobSet(['private/var/mobile/Library/SMS/sms.db', '**/shutdown.log']);
    const matched = [...PATHS].reverse().filter((path) => set.matches(path));
    expect(matched).toEqual(['private/var/db/diagnostics/shutdown.log', 'shutdown.log', 'private/var/mobile/Library/SMS/sms.db']);
  });

  it('matches nothing when empty', () => {
    expect(new GlobSet([]).matches('a')).toBe(false);
  });
});
