/** ar words of the fs-stores rules, by rule id; merged into the ar rule catalogue. */
import type { RuleCatalogue } from '../types.js';

export const RULES_FS_STORES_AR: RuleCatalogue = {
};
