/** Everything one report language provides, gathered in one place per language. */
import type { LimitsCatalogue, Lang, RuleCatalogue, Terms, Vocabulary } from './types.js';
import { EN, VOCABULARY_EN, type Messages } from './en.js';
import { FR, VOCABULARY_FR } from './fr.js';
import { AR, VOCABULARY_AR } from './ar.js';
import { LIMITS_EN } from './limits.en.js';
import { LIMITS_FR } from './limits.fr.js';
import { LIMITS_AR } from './limits.ar.js';
import { RULES_FR } from './rules.fr.js';
import { RULES_AR } from './rules.ar.js';
import { RULES_FS_TRACES_FR } from './rules/fs-traces.fr.js';
import { RULES_FS_TRACES_AR } from './rules/fs-traces.ar.js';
import { RULES_FS_STORES_FR } from './rules/fs-stores.fr.js';
import { RULES_FS_STORES_AR } from './rules/fs-stores.ar.js';
import { RULES_SYSDIAGNOSE_FR } from './rules/sysdiagnose.fr.js';
import { RULES_SYSDIAGNOSE_AR } from './rules/sysdiagnose.ar.js';
import { TERMS_FR } from './terms.fr.js';
import { TERMS_AR } from './terms.ar.js';

export interface LanguagePack {
  lang: Lang;
  /** BCP 47 tag given to Intl for numbers, dates, lists and plurals. */
  locale: string;
  dir: 'ltr' | 'rtl';
  messages: Messages;
  vocabulary: Vocabulary;
  limits: LimitsCatalogue;
  /** Rule words by rule id; null for English, whose words are the rules' own. */
  rules: RuleCatalogue | null;
  /** Translations of the English words records carry; null for English. */
  terms: Terms | null;
}

const ALL_RULES_FR: RuleCatalogue = { ...RULES_FR, ...RULES_FS_TRACES_FR, ...RULES_FS_STORES_FR, ...RULES_SYSDIAGNOSE_FR };
const ALL_RULES_AR: RuleCatalogue = { ...RULES_AR, ...RULES_FS_TRACES_AR, ...RULES_FS_STORES_AR, ...RULES_SYSDIAGNOSE_AR };

export const PACKS: Readonly<Record<Lang, LanguagePack>> = {
  // en-GB: day-month-year and a 24-hour clock, which reads less ambiguously in forensics.
  en: { lang: 'en', locale: 'en-GB', dir: 'ltr', messages: EN, vocabulary: VOCABULARY_EN, limits: LIMITS_EN, rules: null, terms: null },
  fr: { lang: 'fr', locale: 'fr', dir: 'ltr', messages: FR, vocabulary: VOCABULARY_FR, limits: LIMITS_FR, rules: ALL_RULES_FR, terms: TERMS_FR },
  ar: { lang: 'ar', locale: 'ar', dir: 'rtl', messages: AR, vocabulary: VOCABULARY_AR, limits: LIMITS_AR, rules: ALL_RULES_AR, terms: TERMS_AR },
};
