/** The whole page script: one strict function scope around its parts, in dependency order. */
import { BOOT_JS } from './boot.js';
import { CHART_JS } from './chart.js';
import { COMMON_JS } from './common.js';
import { ROWS_JS } from './rows.js';
import { TABLE_JS } from './table.js';

export const CLIENT_JS = `(function () {\n'use strict';\n${COMMON_JS}${ROWS_JS}${CHART_JS}${TABLE_JS}${BOOT_JS}})();\n`;
