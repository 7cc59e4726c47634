import { describe, expect, it } from 'vitest';
import { chooseLanguage, languageOfLocale } from './locale.js';

describe('report language', () => {
  it('takes --lang first', () => {
    expect(chooseLanguage('ar', { env: { LC_ALL: 'fr_FR.UTF-8' }, intlLocale: 'en-US' })).toBe('ar');
  });

  it('follows LC_ALL, then LC_MESSAGES, then LANG: the first one set decides', () => {
    expect(chooseLanguage(undefined, { env: { LC_ALL: 'fr_FR.UTF-8', LC_MESSAGES: 'ar_MA.UTF-8', LANG: 'en_GB.UTF-8' } })).toBe('fr');
    expect(chooseLanguage(undefined, { env: { LC_ALL: '', LC_MESSAGES: 'ar_MA.UTF-8', LANG: 'fr_FR.UTF-8' } })).toBe('ar');
    expect(chooseLanguage(undefined, { env: { LANG: 'fr_CA.UTF-8' } })).toBe('fr');
    expect(chooseLanguage(undefined, { env: { LANG: 'ar' } })).toBe('ar');
  });

  it('means English when the system locale is C, POSIX or a language without a translation', () => {
    expect(chooseLanguage(undefined, { env: { LANG: 'C.UTF-8' }, intlLocale: 'fr-FR' })).toBe('en');
    expect(chooseLanguage(undefined, { env: { LC_ALL: 'POSIX', LANG: 'fr_FR.UTF-8' } })).toBe('en');
    expect(chooseLanguage(undefined, { env: { LANG: 'de_DE.UTF-8' }, intlLocale: 'fr-FR' })).toBe('en');
  });

  it('falls back to the locale Intl resolved, then English', () => {
    expect(chooseLanguage(undefined, { env: {}, intlLocale: 'fr-FR' })).toBe('fr');
    expect(chooseLanguage(undefined, { env: {}, intlLocale: 'ar-EG' })).toBe('ar');
    expect(chooseLanguage(undefined, { env: {}, intlLocale: 'es-ES' })).toBe('en');
    expect(chooseLanguage(undefined, { env: {} })).toBe('en');
  });

  it('ignores an unknown --lang value (commander refuses it before this)', () => {
    expect(chooseLanguage('de', { env: { LANG: 'fr_FR.UTF-8' } })).toBe('fr');
  });

  it('reads the language part of a locale name', () => {
    expect(['fr_FR.UTF-8', 'ar_MA@latin', 'en-GB', 'FR', 'C', 'POSIX', '', 'C.UTF-8', 'x'].map(languageOfLocale)).toEqual([
      'fr', 'ar', 'en', 'fr', null, null, null, null, null,
    ]);
  });
});
