/** `exhibit verify PACKET`: check a finding packet offline. Exit 0 only when every check holds. */
import type { Command } from 'commander';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerVerify(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('verify')
    .description('verify a finding packet offline: signatures, time-stamps, inclusion proofs, indicator entries, and a re-run of the rules')
    .argument('<packet>', 'the packet file written by exhibit disclose')
    .option('--trust <keyfile>', "a signer's public key you trust, from exhibit keys export-public (repeatable)", collect, [])
    .option('-i, --iocs <bundle>', 'a public STIX2 bundle to check indicator entries against, besides the shipped ones (repeatable)', collect, [])
    .option('--json', 'print the verdict as JSON')
    .action(async (packet: string, flags: { trust: string[]; iocs: string[]; json?: boolean }) => {
      const { verifyPacketFile } = await import('../evidence/verify-file.js');
      const { formatVerdict } = await import('../evidence/verify/format.js');
      const verdict = await verifyPacketFile({ packet, trust: flags.trust, iocs: flags.iocs });
      process.stdout.write(flags.json ? `${JSON.stringify(verdict, null, 2)}\n` : `${formatVerdict(verdict)}\n`);
      setExitCode(verdict.ok ? 0 : 1);
    });
}
