import { describe, expect, it } from 'vitest';
import { parseTombstoneText, looksLikeTextTombstone } from './tombstone-text.js';
import { parseTombstoneProto } from './tombstone-proto.js';
import { Message, ProtobufError, readFields } from './protobuf-wire.js';
import { tombstoneProto, tombstoneText } from '../../../../test/builders/android/content.js';

const SPEC = {
  pid: 9850,
  tid: 9893,
  uid: 2000,
  threadName: 'UsbFfs-worker',
  commandLine: ['/system/bin/adbd', '--root_seclabel=u:r:su:s0'],
  timestamp: '2021-09-29 17:43:49.485960624+0200',
  abortMessage: 'boom',
};

describe('tombstones', () => {
  it('reads the text form header', () => {
    const text = tombstoneText(SPEC);
    expect(looksLikeTextTombstone(Buffer.from(text))).toBe(true);
    expect(parseTombstoneText(text)).toEqual({
      format: 'text',
      buildFingerprint: 'google/sunfish/sunfish:12/SP1A.210812.015/7679548:user/release-keys',
      revision: 'MP1.0',
      arch: 'arm64',
      timestamp: '2021-09-29 17:43:49.485960624+0200',
      processUptimeSeconds: 12,
      commandLine: ['/system/bin/adbd', '--root_seclabel=u:r:su:s0'],
      pid: 9850,
      tid: 9893,
      threadName: 'UsbFfs-worker',
      processName: '/system/bin/adbd',
      uid: 2000,
      selinuxLabel: null,
      signalNumber: 6,
      signalName: 'SIGABRT',
      signalCode: -1,
      signalCodeName: 'SI_QUEUE',
      faultAddress: null,
      abortMessage: 'boom',
      causes: [],
      line: 8,
    });
    expect(parseTombstoneText('hello\nworld\n')).toBeNull();
  });

  it('reads the protobuf form by field number', () => {
    expect(parseTombstoneProto(tombstoneProto(SPEC))).toEqual({
      format: 'protobuf',
      buildFingerprint: 'google/sunfish/sunfish:12/SP1A.210812.015/7679548:user/release-keys',
      revision: 'MP1.0',
      arch: 'arm64',
      timestamp: '2021-09-29 17:43:49.485960624+0200',
      processUptimeSeconds: 12,
      commandLine: ['/system/bin/adbd', '--root_seclabel=u:r:su:s0'],
      pid: 9850,
      tid: 9893,
      threadName: 'UsbFfs-worker',
      processName: '/system/bin/adbd',
      uid: 2000,
      selinuxLabel: 'u:r:shell:s0',
      signalNumber: 11,
      signalName: 'SIGSEGV',
      signalCode: 1,
      signalCodeName: 'SEGV_MAPERR',
      faultAddress: '0x000000000000dead',
      abortMessage: 'boom',
      causes: ['null pointer dereference'],
      line: null,
    });
  });

  it('throws on a truncated or malformed protobuf instead of reading past its end', () => {
    const bytes = tombstoneProto(SPEC);
    expect(() => parseTombstoneProto(bytes.subarray(0, bytes.length - 5))).toThrow(ProtobufError);
    expect(() => readFields(Buffer.from([0x0f]))).toThrow(/wire type 7/);
    expect(() => readFields(Buffer.from([0x08, 0x80]))).toThrow(/varint/);
    expect(new Message(Buffer.from([0x08, 0x96, 0x01])).uint(1)).toBe(150n);
  });
});
