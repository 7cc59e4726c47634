/**
 * Which language a report is written in: the --lang option, else the system locale
 * (POSIX order: LC_ALL, then LC_MESSAGES, then LANG; the first one set decides), else the
 * locale Intl resolved, else English. A locale Exhibit has no translation for means English.
 */
import { isLang, type Lang } from './types.js';

/** `fr_FR.UTF-8`, `ar-MA`, `fr` → the language part, lower-cased; C and POSIX → null. */
export function languageOfLocale(locale: string): string | null {
  const trimmed = locale.trim();
  if (trimmed === '' || trimmed === 'C' || trimmed === 'POSIX' || /^C\./.test(trimmed)) return null;
  const language = trimmed.split(/[_.@-]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(language) ? language : null;
}

export interface LocaleSources {
  env: Readonly<Record<string, string | undefined>>;
  /** The default locale of Intl, e.g. `Intl.DateTimeFormat().resolvedOptions().locale`. */
  intlLocale?: string | undefined;
}

export function chooseLanguage(option: string | undefined, sources: LocaleSources): Lang {
  if (option !== undefined && isLang(option)) return option;
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = sources.env[name];
    if (value === undefined || value === '') continue;
    // The first variable set is the system's choice, even when it is C or a language
    // Exhibit does not speak: later variables do not override it.
    const language = languageOfLocale(value);
    return language !== null && isLang(language) ? language : 'en';
  }
  if (sources.intlLocale !== undefined) {
    const language = languageOfLocale(sources.intlLocale);
    if (language !== null && isLang(language)) return language;
  }
  return 'en';
}

/** The language of this process: its environment, then Intl's default locale. */
export function systemLanguage(option?: string): Lang {
  return chooseLanguage(option, { env: process.env, intlLocale: new Intl.DateTimeFormat().resolvedOptions().locale });
}
