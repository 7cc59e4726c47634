/** Every Android rule, registered in ../rule-set.ts as one group. */
import type { Rule } from '../rule-types.js';
import { androidPackagesRules } from './android-packages.js';
import { androidSystemRules } from './android-system.js';
import { androidDumpsysRules } from './android-dumpsys.js';
import { androidMessagesLogsRules } from './android-messages-logs.js';

export const ANDROID_RULES: readonly Rule[] = [...androidPackagesRules, ...androidSystemRules, ...androidDumpsysRules, ...androidMessagesLogsRules];
