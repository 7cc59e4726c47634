/** Rules of the artifacts only a file-system dump holds, one import per artifact. */
import type { Rule } from '../rule-types.js';

export const IOS_FS_RULES: readonly Rule[] = [
];
