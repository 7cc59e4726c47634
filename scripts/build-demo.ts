/**
 * Rebuilds demo/pegasus-backup: a small synthetic iPhone backup with planted Pegasus
 * traces, written by the same builders the tests use. Run with `npm run demo:build`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIosBackup } from '../test/builders/ios-backup.js';
import { pegasusBackupSpec } from '../test/scenarios/ios-backups.js';

const target = fileURLToPath(new URL('../demo/pegasus-backup/', import.meta.url));
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
const folder = buildIosBackup(target, pegasusBackupSpec());
process.stdout.write(`demo backup written to ${folder}\n`);
