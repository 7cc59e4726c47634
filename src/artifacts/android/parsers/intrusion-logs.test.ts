import { describe, expect, it } from 'vitest';
import { canonicalEventJson, parseIntrusionLine, rawEventTime, readConnectEvent, readDnsEvent, readSecurityEvent } from './intrusion-logs.js';

describe('intrusion logs', () => {
  it('reads one-key event lines and refuses others', () => {
    expect(parseIntrusionLine('{"dns_event":{"event_time":1,"hostname":"a"}}')).toEqual({ type: 'dns_event', event: { event_time: 1, hostname: 'a' } });
    expect(parseIntrusionLine('{"a":{},"b":{}}')).toBeNull();
    expect(parseIntrusionLine('{"a":1}')).toBeNull();
    expect(parseIntrusionLine('nope')).toBeNull();
  });

  it('reads DNS and connect events, leading slashes of addresses removed', () => {
    expect(readDnsEvent({ event_time: 1714467600000, hostname: 'timeupdate.xyz', ip_addresses: ['/203.0.113.7'], package_name: 'com.x' })).toEqual({
      eventTimeMs: 1714467600000,
      hostname: 'timeupdate.xyz',
      ipAddresses: ['203.0.113.7'],
      packageName: 'com.x',
      uid: null,
    });
    expect(readConnectEvent({ event_time: 5, ip_address: '/121.201.109.98', port: 443 })).toMatchObject({ ipAddress: '121.201.109.98', port: 443 });
  });

  it('reads security events by their tag key, with the exact nanosecond time', () => {
    const line = '{"security_event":{"event_time":1714467603123456789,"event_id":7,"app_process_start":{"process":"com.a.b:remote","uid":10100}}}';
    const parsed = parseIntrusionLine(line);
    const event = readSecurityEvent(parsed!.event, rawEventTime(line));
    expect(event).toEqual({
      eventTimeNs: '1714467603123456789',
      eventId: '7',
      tag: 'app_process_start',
      data: { process: 'com.a.b:remote', uid: 10100 },
      packages: ['com.a.b:remote', 'com.a.b', 'remote'],
      command: null,
      filePath: null,
      success: null,
    });
    expect(readSecurityEvent({ adb_shell_cmd: { command: 'pm list packages' } }, null)).toMatchObject({ tag: 'adb_shell_cmd', command: 'pm list packages' });
    expect(readSecurityEvent({ adb_sync_recv_file: { path: '/data/local/tmp/x' } }, null)).toMatchObject({ filePath: '/data/local/tmp/x' });
    expect(readSecurityEvent({ cert_authority_installed: { success: 0 } }, null).success).toBe(false);
  });

  it('makes the same event from two files compare equal', () => {
    expect(canonicalEventJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonicalEventJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});
