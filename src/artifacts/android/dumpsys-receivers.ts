/**
 * Broadcast receivers from the `Receiver Resolver Table` of `dumpsys package`: which apps
 * are woken by incoming SMS, outgoing calls or phone-state changes — what an SMS- or
 * call-intercepting implant registers for.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parseResolverTable } from './parsers/dumpsys-package.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';

/** Intents MVT lists receivers of: messages and calls an implant would intercept. */
export const SENSITIVE_INTENTS: readonly string[] = [
  'android.provider.Telephony.NEW_OUTGOING_SMS',
  'android.provider.Telephony.SMS_RECEIVED',
  'android.provider.Telephony.DATA_SMS_RECEIVED',
  'android.intent.action.PHONE_STATE',
  'android.intent.action.NEW_OUTGOING_CALL',
];

export const dumpsysReceiversExtractor: Extractor = {
  id: 'dumpsys_receivers',
  title: 'Broadcast receivers (dumpsys package)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  extract(source: Source, context: ExtractContext) {
    return eachSection(source, context, 'package', function* ({ text, lines }) {
      for (const entry of parseResolverTable(lines, 'Receiver Resolver Table:') ?? []) {
        yield makeRecord('dumpsys_receivers', {
          intent: entry.intent,
          package_name: entry.packageName,
          receiver: entry.component,
          sensitive_intent: SENSITIVE_INTENTS.includes(entry.intent),
        }, originOf(text.digest, { kind: 'line', line: entry.line }));
      }
    });
  },
};
