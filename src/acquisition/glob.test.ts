import { describe, expect, it } from 'vitest';
import { globToRegExp } from './glob.js';

describe('globToRegExp', () => {
  it('matches * within one segment only', () => {
    const regex = globToRegExp('*/Library/Safari/History.db');
    expect(regex.test('HomeDomain/Library/Safari/History.db')).toBe(true);
    expect(regex.test('AppDomain-com.apple.mobilesafari/Library/Safari/History.db')).toBe(true);
    expect(regex.test('A/B/Library/Safari/History.db')).toBe(false);
  });

  it('matches ** across whole segments, including none', () => {
    const regex = globToRegExp('HomeDomain/**/observations.db');
    expect(regex.test('HomeDomain/observations.db')).toBe(true);
    expect(regex.test('HomeDomain/a/b/observations.db')).toBe(true);
    expect(regex.test('HomeDomain/a/bobservations.db')).toBe(false);
  });

  it('treats regex characters in names literally', () => {
    const regex = globToRegExp('HomeDomain/Library/Preferences/.GlobalPreferences.plist');
    expect(regex.test('HomeDomain/Library/Preferences/.GlobalPreferences.plist')).toBe(true);
    expect(regex.test('HomeDomain/Library/Preferences/xGlobalPreferencesxplist')).toBe(false);
  });
});
