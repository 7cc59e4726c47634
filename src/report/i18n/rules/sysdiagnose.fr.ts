/** fr words of the sysdiagnose rules, by rule id; merged into the fr rule catalogue. */
import type { RuleCatalogue } from '../types.js';

export const RULES_SYSDIAGNOSE_FR: RuleCatalogue = {
};
