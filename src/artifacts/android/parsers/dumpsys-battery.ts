/**
 * The `batterystats` section, two parts of it:
 * - daily stats: `Daily from 2022-08-16-15-56-39 to 2022-08-17-01-15-45:` blocks whose
 *   `Update <pkg> vers=<n>` / `Uninstall <pkg>` lines record package changes (vers=0 is an
 *   uninstall too); the history of versions per package reveals downgrades.
 * - battery history: lines with `+job=`/`-job=`, `+top=`/`-top=` and `+wake_lock=…*walarm*:`
 *   events naming the uid and the package, at an elapsed time since the last `RESET:TIME:`
 *   or `TIME:` line, which gives them a wall-clock time.
 * All wall-clock times here are device-local.
 */
import type { NumberedLine } from './text-lines.js';

export interface PackageChange {
  action: 'update' | 'uninstall' | 'downgrade';
  packageName: string;
  /** The version as written (null for an `Uninstall` line). */
  vers: string | null;
  /** The version this package had in the previous (older) change, for downgrades. */
  previousVers: string | null;
  /** The daily period, device-local `YYYY-MM-DD HH:MM:SS`. */
  fromLocal: string;
  toLocal: string;
  line: number;
}

const DAILY = /^Daily from (\d{4}-\d{2}-\d{2})-(\d{2})-(\d{2})-(\d{2}) to (\d{4}-\d{2}-\d{2})-(\d{2})-(\d{2})-(\d{2}):/;
const UPDATE = /^Update (\S+) vers=(-?\d+)/;
const UNINSTALL = /^Uninstall (\S+)/;

/** Package changes of the daily stats, in file order, with uninstalls and downgrades marked. */
export function parseBatteryDaily(lines: readonly NumberedLine[]): PackageChange[] {
  const changes: PackageChange[] = [];
  let period: { from: string; to: string } | null = null;
  for (const { line, text } of lines) {
    const trimmed = text.trim();
    const daily = DAILY.exec(trimmed);
    if (daily) {
      period = {
        from: `${daily[1]} ${daily[2]}:${daily[3]}:${daily[4]}`,
        to: `${daily[5]} ${daily[6]}:${daily[7]}:${daily[8]}`,
      };
      continue;
    }
    if (!period) continue;
    const update = UPDATE.exec(trimmed);
    if (update) {
      const vers = update[2] ?? '0';
      changes.push({
        action: vers === '0' ? 'uninstall' : 'update',
        packageName: update[1] ?? '',
        vers,
        previousVers: null,
        fromLocal: period.from,
        toLocal: period.to,
        line,
      });
      continue;
    }
    const uninstall = UNINSTALL.exec(trimmed);
    if (uninstall) {
      changes.push({
        action: 'uninstall',
        packageName: uninstall[1] ?? '',
        vers: null,
        previousVers: null,
        fromLocal: period.from,
        toLocal: period.to,
        line,
      });
    }
  }
  markDowngrades(changes);
  return changes;
}

/**
 * A version lower than the one the same package had in the chronologically previous
 * update is a downgrade. Periods are compared by their start (device-local times compare
 * correctly as text); ties keep file order.
 */
function markDowngrades(changes: PackageChange[]): void {
  const chronological = changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => (a.change.fromLocal < b.change.fromLocal ? -1 : a.change.fromLocal > b.change.fromLocal ? 1 : a.index - b.index));
  const last = new Map<string, bigint>();
  for (const { change } of chronological) {
    if (change.action !== 'update' || change.vers === null) continue;
    const vers = BigInt(change.vers);
    const previous = last.get(change.packageName);
    if (previous !== undefined && vers < previous) {
      change.action = 'downgrade';
      change.previousVers = previous.toString();
    }
    last.set(change.packageName, vers);
  }
}

export interface HistoryEvent {
  event: 'start_job' | 'end_job' | 'wake' | 'start_top' | 'end_top';
  /** Elapsed time since the history started, as written (e.g. +1m13s234ms). */
  elapsed: string;
  elapsedMs: number;
  uid: string;
  packageName: string | null;
  service: string | null;
  /** The wake lock or job tag as written. */
  tag: string;
  /** Device-local wall-clock time derived from the last RESET:TIME/TIME line, if any. */
  local: string | null;
  line: number;
}

const ELAPSED = /^([+-]?)((?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?|0)\s/;
const TIME_MARK = /(?:RESET:)?TIME:\s*(\d{4}-\d{2}-\d{2})-(\d{2})-(\d{2})-(\d{2})/;
const EVENT = /([+-])(job|top|wake_lock)=([\w]+):"([^"]*)"/g;

export function elapsedMillis(text: string): number {
  if (text === '0') return 0;
  let total = 0;
  for (const part of text.matchAll(/(\d+)(ms|d|h|m|s)/g)) {
    const value = Number(part[1]);
    const unit = part[2];
    total += unit === 'd' ? value * 86_400_000 : unit === 'h' ? value * 3_600_000 : unit === 'm' ? value * 60_000 : unit === 's' ? value * 1000 : value;
  }
  return total;
}

function addMillis(local: string, millis: number): string {
  const base = Date.parse(`${local.replace(' ', 'T')}Z`);
  return new Date(base + millis).toISOString().replace('T', ' ').replace('Z', '');
}

/** Job, top-app and alarm wake-lock events of the `Battery History` block. */
export function parseBatteryHistory(lines: readonly NumberedLine[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  let inHistory = false;
  let clock: { local: string; atMs: number } | null = null;
  for (const { line, text } of lines) {
    const trimmed = text.trim();
    if (!inHistory) {
      if (/^Battery History\b/.test(trimmed)) inHistory = true;
      continue;
    }
    if (trimmed === '') break;
    const elapsedMatch = ELAPSED.exec(`${trimmed} `);
    if (!elapsedMatch) continue;
    const elapsed = `${elapsedMatch[1] ?? ''}${elapsedMatch[2] ?? ''}`;
    const elapsedMs = elapsedMillis(elapsed);
    const mark = TIME_MARK.exec(trimmed);
    if (mark) clock = { local: `${mark[1]} ${mark[2]}:${mark[3]}:${mark[4]}`, atMs: elapsedMs };
    for (const match of trimmed.matchAll(EVENT)) {
      const sign = match[1];
      const kind = match[2];
      const tag = match[4] ?? '';
      let event: HistoryEvent['event'];
      let packageName: string | null = null;
      let service: string | null = null;
      if (kind === 'job') {
        event = sign === '+' ? 'start_job' : 'end_job';
        const slash = tag.indexOf('/');
        packageName = slash === -1 ? tag : tag.slice(0, slash);
        service = slash === -1 ? null : tag.slice(slash + 1);
      } else if (kind === 'top') {
        event = sign === '+' ? 'start_top' : 'end_top';
        packageName = tag;
      } else {
        if (sign !== '+' || !tag.startsWith('*walarm*:')) continue;
        event = 'wake';
        const alarm = tag.slice('*walarm*:'.length);
        const slash = alarm.indexOf('/');
        if (slash > 0) {
          packageName = alarm.slice(0, slash);
          service = alarm.slice(slash + 1);
        }
      }
      events.push({
        event,
        elapsed,
        elapsedMs,
        uid: match[3] ?? '',
        packageName,
        service,
        tag,
        local: clock ? addMillis(clock.local, elapsedMs - clock.atMs) : null,
        line,
      });
    }
  }
  return events;
}
