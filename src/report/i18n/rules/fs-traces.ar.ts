/** ar words of the fs-traces rules, by rule id; merged into the ar rule catalogue. */
import type { RuleCatalogue } from '../types.js';

export const RULES_FS_TRACES_AR: RuleCatalogue = {
};
