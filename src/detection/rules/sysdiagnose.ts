/** Rules of a sysdiagnose archive's own artifacts, one import per artifact. */
import type { Rule } from '../rule-types.js';

export const SYSDIAGNOSE_RULES: readonly Rule[] = [
];
