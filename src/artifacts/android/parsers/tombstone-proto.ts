/** The protobuf form of a tombstone (`tombstone_NN.pb`, Android 12 and later). */
import { Message } from './protobuf-wire.js';
import { emptyTombstone, type Tombstone } from './tombstone-model.js';

const ARCHITECTURES = ['arm', 'arm64', 'x86', 'x86_64', 'riscv64'];

function smallNumber(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * The protobuf form, read by field number per AOSP system/core/debuggerd/proto/tombstone.proto:
 * Tombstone { arch=1 (enum ARM32, ARM64, X86, X86_64, RISCV64), build_fingerprint=2,
 * revision=3, timestamp=4, pid=5, tid=6, uid=7, selinux_label=8, command_line=9 (repeated
 * string; a single `process_name` string in the first Android 12 draft, read the same way),
 * signal_info=10, abort_message=14, causes=15, threads=16 (map<uint32, Thread>),
 * process_uptime=20 }, Signal { number=1, name=2, code=3, code_name=4, has_fault_address=8,
 * fault_address=9 }, Cause { human_readable=1 }, Thread { id=1, name=2 }.
 */
export function parseTombstoneProto(bytes: Uint8Array): Tombstone {
  const message = new Message(bytes);
  const result = emptyTombstone('protobuf');
  const arch = message.uint(1);
  result.arch = arch === null ? null : (ARCHITECTURES[Number(arch)] ?? `architecture ${arch}`);
  result.buildFingerprint = message.string(2);
  result.revision = message.string(3);
  result.timestamp = message.string(4);
  result.pid = smallNumber(message.uint(5));
  result.tid = smallNumber(message.uint(6));
  result.uid = smallNumber(message.uint(7));
  result.selinuxLabel = message.string(8);
  result.commandLine = message.strings(9);
  result.processName = result.commandLine[0] ?? null;
  result.processUptimeSeconds = smallNumber(message.uint(20));
  const signal = message.message(10);
  if (signal) {
    result.signalNumber = smallNumber(signal.int(1));
    result.signalName = signal.string(2);
    result.signalCode = smallNumber(signal.int(3));
    result.signalCodeName = signal.string(4);
    const address = signal.uint(9);
    result.faultAddress = signal.bool(8) && address !== null ? `0x${address.toString(16).padStart(16, '0')}` : null;
  }
  result.abortMessage = message.string(14);
  result.causes = message.messages(15).map((cause) => cause.string(1) ?? '').filter((c) => c !== '');
  for (const entry of message.messages(16)) {
    const thread = entry.message(2);
    const id = smallNumber(entry.uint(1)) ?? smallNumber(thread?.int(1) ?? null);
    if (thread && id !== null && id === result.tid) result.threadName = thread.string(2);
  }
  return result;
}

