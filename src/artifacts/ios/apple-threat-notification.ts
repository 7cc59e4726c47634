/**
 * How Apple's threat notifications sent over iMessage begin. Kept as data so a new wording
 * only needs this list (and a re-check of stored records), not a new extraction: the rule
 * below tests the message text itself.
 */
export const APPLE_THREAT_NOTIFICATION_PREFIXES: readonly string[] = [
  'ALERT: State-sponsored attackers may be targeting your iPhone',
  'ALERT: Apple detected a targeted mercenary spyware attack against your iPhone',
];
