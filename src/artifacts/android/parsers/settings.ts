/**
 * `cmd settings list <namespace>` output: `key=value` lines (androidqf's
 * settings_system.txt, settings_secure.txt and settings_global.txt). A value may contain
 * `=`; only the first one splits.
 */
import { numberedLines } from './text-lines.js';

export interface Setting {
  key: string;
  value: string;
  line: number;
}

export function parseSettings(source: string): { settings: Setting[]; badLines: number[] } {
  const settings: Setting[] = [];
  const badLines: number[] = [];
  for (const { line, text } of numberedLines(source)) {
    if (text.trim() === '') continue;
    const eq = text.indexOf('=');
    if (eq <= 0) {
      badLines.push(line);
      continue;
    }
    settings.push({ key: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim(), line });
  }
  return { settings, badLines };
}

/** The namespace of a settings file: the text between the last `_` and `.txt`. */
export function settingsNamespace(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1).replace(/\.txt$/, '');
  return base.slice(base.lastIndexOf('_') + 1);
}

/**
 * Settings that weaken the phone's defences when they differ from their safe value
 * (MVT's list): app verification, error and security reporting, accessibility.
 */
export const RISKY_SETTINGS: ReadonlyMap<string, { safe: string; meaning: string }> = new Map([
  ['verifier_verify_adb_installs', { safe: '1', meaning: 'apps installed over adb are not checked by Play Protect' }],
  ['package_verifier_enable', { safe: '1', meaning: 'Play Protect app verification is turned off' }],
  ['package_verifier_state', { safe: '1', meaning: 'the package verifier is not in its enabled state' }],
  ['package_verifier_user_consent', { safe: '1', meaning: 'the user did not consent to app verification' }],
  ['upload_apk_enable', { safe: '1', meaning: 'unknown apps are not sent to Google for scanning' }],
  ['adb_install_need_confirm', { safe: '1', meaning: 'installing over adb needs no confirmation on the phone' }],
  ['send_security_reports', { safe: '1', meaning: 'security reports are not sent' }],
  ['samsung_errorlog_agree', { safe: '1', meaning: 'Samsung error logs are not sent' }],
  ['send_action_app_error', { safe: '1', meaning: 'app error reports are not sent' }],
  ['accessibility_enabled', { safe: '0', meaning: 'accessibility services are turned on' }],
]);
