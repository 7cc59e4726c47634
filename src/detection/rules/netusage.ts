import type { Rule } from '../rule-types.js';
import { datausageRules } from './datausage.js';

/** The DataUsage rules' words, naming networkd's database instead. */
export function namingNetusage(text: string): string {
  return text.replaceAll('DataUsage.sqlite', 'netusage.sqlite').replaceAll('DataUsage', 'netusage');
}

/**
 * netusage.sqlite has DataUsage's schema and its records the same fields, so its rules are
 * DataUsage's: same logic and version, their own ids and words, so a finding names the file
 * it came from and each language says so.
 */
export function netusageRuleOf(rule: Rule): Rule {
  return {
    ...rule,
    id: rule.id.replace(/^ios\.datausage\./, 'ios.netusage.'),
    artifacts: ['netusage'],
    title: namingNetusage(rule.title),
    explanation: namingNetusage(rule.explanation),
    harmless: rule.harmless.map(namingNetusage),
  };
}

export const netusageRules: Rule[] = datausageRules.map(netusageRuleOf);
