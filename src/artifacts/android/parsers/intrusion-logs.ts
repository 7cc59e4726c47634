/**
 * Android 16 intrusion logging (Advanced Protection), as androidqf copies it into
 * `intrusion_logs/*.txt`: JSON lines, each one object with a single key naming the event
 * type — `dns_event`, `connect_event` or `security_event` — whose value holds the event.
 * DNS and connect events carry `event_time` in Unix milliseconds, security events in
 * nanoseconds. A security event names its SecurityLog tag as a key (`adb_shell_cmd`,
 * `app_process_start`, …) holding that tag's data.
 */
import { isObject, num, strings, text, type JsonObject } from './json-values.js';

export type IntrusionEventType = 'dns_event' | 'connect_event' | 'security_event';

export interface IntrusionLine {
  type: string;
  event: JsonObject;
}

/** One line; null for a line that is not a one-key JSON object. */
export function parseIntrusionLine(line: string): IntrusionLine | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] === undefined) return null;
  const event = parsed[keys[0]];
  return isObject(event) ? { type: keys[0], event } : null;
}

/** JSON with sorted keys, so one event logged in two files is recognised as the same. */
export function canonicalEventJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalEventJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalEventJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An IP as logged (`/1.2.3.4` in some builds) without its leading slash. */
export function cleanIp(value: string): string {
  return value.startsWith('/') ? value.slice(1) : value;
}

export interface DnsEvent {
  eventTimeMs: number | null;
  hostname: string | null;
  ipAddresses: string[];
  packageName: string | null;
  uid: number | null;
}

export function readDnsEvent(event: JsonObject): DnsEvent {
  return {
    eventTimeMs: num(event, 'event_time'),
    hostname: text(event, 'hostname'),
    ipAddresses: strings(event['ip_addresses']).map(cleanIp),
    packageName: text(event, 'package_name'),
    uid: num(event, 'uid'),
  };
}

export interface ConnectEvent {
  eventTimeMs: number | null;
  ipAddress: string | null;
  port: number | null;
  packageName: string | null;
  uid: number | null;
}

export function readConnectEvent(event: JsonObject): ConnectEvent {
  const ip = text(event, 'ip_address');
  return {
    eventTimeMs: num(event, 'event_time'),
    ipAddress: ip === null ? null : cleanIp(ip),
    port: num(event, 'port'),
    packageName: text(event, 'package_name'),
    uid: num(event, 'uid'),
  };
}

export interface SecurityEvent {
  /** Nanoseconds since the Unix epoch, as text (it exceeds 2^53). */
  eventTimeNs: string | null;
  eventId: string | null;
  /** The SecurityLog tag key, e.g. adb_shell_cmd; null when the event names none. */
  tag: string | null;
  data: JsonObject;
  /** Packages the event names (a started process and its `:` parts, an installed package). */
  packages: string[];
  command: string | null;
  filePath: string | null;
  success: boolean | null;
}

function bigText(event: JsonObject, key: string): string | null {
  const value = event[key];
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.round(value)).toString();
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  return null;
}

function successOf(data: JsonObject): boolean | null {
  for (const key of ['success', 'result']) {
    const value = data[key];
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0;
  }
  return null;
}

/** Tags whose data names a package in `package_name`. */
const PACKAGE_TAGS = ['package_installed', 'package_updated', 'package_uninstalled'];

export function readSecurityEvent(event: JsonObject, rawTimeText: string | null): SecurityEvent {
  const tagKey = Object.keys(event).find((key) => key !== 'event_time' && key !== 'event_id' && isObject(event[key])) ?? null;
  const data = tagKey === null ? {} : (event[tagKey] as JsonObject);
  const packages: string[] = [];
  if (tagKey === 'app_process_start') {
    const process = text(data, 'process');
    if (process) {
      packages.push(process);
      for (const part of process.split(':')) if (part !== '' && part !== process) packages.push(part);
    }
  } else if (tagKey !== null && PACKAGE_TAGS.includes(tagKey)) {
    const name = text(data, 'package_name');
    if (name) packages.push(name);
  }
  return {
    eventTimeNs: rawTimeText ?? bigText(event, 'event_time'),
    eventId: text(event, 'event_id'),
    tag: tagKey,
    data,
    packages: [...new Set(packages)],
    command: tagKey === 'adb_shell_cmd' ? text(data, 'command') : null,
    filePath: tagKey === 'adb_sync_recv_file' || tagKey === 'adb_sync_send_file' ? text(data, 'path') : null,
    success: successOf(data),
  };
}

/**
 * The exact digits of `"event_time": <n>` in a line, since JSON.parse rounds nanosecond
 * times (beyond 2^53) to the nearest representable double.
 */
export function rawEventTime(line: string): string | null {
  return /"event_time"\s*:\s*"?(\d+)"?/.exec(line)?.[1] ?? null;
}
